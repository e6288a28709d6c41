import { readFileSync } from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService } from '../service/languageService.js';
import { parseArgs, usage } from './args.js';
import { exportJson } from './exportJson.js';
import { formatSarif } from './formatSarif.js';
import { formatText } from './formatText.js';
import { loadCliWorkspace } from './workspace.js';

/**
 * `marginalia check | export` over folders and files: the same service as the language server,
 * without LSP. Notices (skipped files) go to stderr so stdout stays machine-readable.
 */
export async function runCli(argv: readonly string[], version: string): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n\n${usage}\n`);
    return 2;
  }
  const index = await loadCliWorkspace(args.paths, args.bundledGlossary, (m) => process.stderr.write(`marginalia: ${m}\n`));
  if (typeof index === 'string') {
    process.stderr.write(`${index}\n`);
    return 2;
  }
  const service = createLanguageService(index, { unknownNames: args.unknownNames });
  if (args.command === 'export') {
    process.stdout.write(`${exportJson(service)}\n`);
    return 0;
  }
  const results = [...index.allFiles()]
    .filter((f) => !f.bundled || (index.glossary.problems.get(f.uri) ?? []).length > 0)
    .sort((a, b) => (a.uri < b.uri ? -1 : 1))
    .map((f) => ({ uri: f.uri, diagnostics: service.getDiagnostics(f.uri) }))
    .filter((r) => r.diagnostics.length > 0);
  if (args.format === 'sarif') process.stdout.write(`${formatSarif(results, version)}\n`);
  else if (args.format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    const text = formatText(results);
    if (text) process.stdout.write(`${text}\n`);
    const counts = countBySeverity(results.flatMap((r) => r.diagnostics.map((d) => d.severity ?? 1)));
    process.stderr.write(`marginalia: ${index.glossary.entities.size} glossary entries, ${[...index.allFiles()].filter((f) => f.role === 'essay').length} essays; ${counts}\n`);
  }
  const failing = results.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning));
  return failing ? 1 : 0;
}

function countBySeverity(severities: readonly number[]): string {
  const names = ['errors', 'warnings', 'information', 'hints'];
  return names.map((name, i) => `${severities.filter((s) => s === i + 1).length} ${name}`).join(', ');
}

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
