import type { Diagnostic } from 'vscode-languageserver-types';

const levels = ['none', 'error', 'warning', 'note', 'note'];

/** SARIF 2.1.0, with related locations, for code-scanning dashboards in CI. */
export function formatSarif(results: readonly { uri: string; diagnostics: readonly Diagnostic[] }[], version: string): string {
  const region = (d: { range: Diagnostic['range'] }) => ({
    startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1,
    endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
  });
  const sarifResults = results.flatMap(({ uri, diagnostics }) => diagnostics.map((d) => ({
    ruleId: String(d.code),
    level: levels[d.severity ?? 1],
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(d) } }],
    relatedLocations: (d.relatedInformation ?? []).map((r, id) => ({
      id, message: { text: r.message },
      physicalLocation: { artifactLocation: { uri: r.location.uri }, region: region(r.location) },
    })),
  })));
  const rules = [...new Set(sarifResults.map((r) => r.ruleId))].sort().map((id) => ({ id }));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'marginalia', version, informationUri: 'https://example.invalid/marginalia', rules } }, results: sarifResults }],
  }, null, 2);
}
