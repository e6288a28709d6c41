import type { Diagnostic, Location, Range } from 'vscode-languageserver-types';

/** `line:col-line:col`, zero-based like LSP, for compact expectations. */
export function renderRange(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** One `path range` line per location, the `file:///ws` prefix dropped. */
export function renderLocations(locations: readonly Location[]): string[] {
  return locations.map((l) => `${l.uri.replace('file:///ws', '')} ${renderRange(l.range)}`);
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  const severities = ['', 'error', 'warning', 'information', 'hint'];
  return diagnostics.map((d) => `${renderRange(d.range)} ${severities[d.severity ?? 1]} ${d.code}: ${d.message}`);
}
