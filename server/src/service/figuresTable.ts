// Feature: the figures table behind the VS Code "Figures" view, the conflicts report and the
// "Show all figures for…" command: every claim key with every text's figure for it.
import type { ConflictKind, FigureKey, FiguresResult } from '../protocol.js';
import type { LanguageService } from './languageService.js';
import { describeKey, fileName, shortSource } from './figureText.js';

export function getFiguresTable(service: LanguageService, onlyKey?: string): FiguresResult {
  const index = service.index;
  const keys: FigureKey[] = [];
  for (const key of [...index.claims.keys()].sort()) {
    if (onlyKey !== undefined && key !== onlyKey) continue;
    const located = index.claims.claimsFor(key);
    if (located.length === 0) continue;
    let conflict: ConflictKind = 'none';
    for (const { claim } of located) {
      for (const c of index.claims.conflictsOf(claim)) {
        if (c.severity === 'hard') conflict = 'hard';
        else if (conflict === 'none') conflict = 'soft';
      }
    }
    keys.push({
      key,
      label: describeKey(located[0].claim, index.glossary),
      conflict,
      claims: located.flatMap(({ uri, claim }) => {
        const range = service.toRange(uri, claim.span);
        const source = shortSource(claim.source);
        return range ? [{ uri, range, text: claim.quantity.raw, essay: fileName(uri), ...(source ? { source } : {}) }] : [];
      }),
    });
  }
  return { keys };
}
