import type { Diagnostic } from 'vscode-languageserver-types';
import { displayPath } from './workspace.js';

const severityNames = ['', 'error', 'warning', 'information', 'hint'];

/** `file:line:col severity code message`, one line per diagnostic, related locations indented. */
export function formatText(results: readonly { uri: string; diagnostics: readonly Diagnostic[] }[]): string {
  const lines: string[] = [];
  for (const { uri, diagnostics } of results) {
    for (const d of diagnostics) {
      lines.push(`${displayPath(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityNames[d.severity ?? 1]} ${d.code} ${d.message}`);
      for (const related of d.relatedInformation ?? []) {
        const at = related.location;
        lines.push(`    ${displayPath(at.uri)}:${at.range.start.line + 1}:${at.range.start.character + 1} ${related.message}`);
      }
    }
  }
  return lines.join('\n');
}
