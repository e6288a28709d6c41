import type { LanguageService } from '../service/languageService.js';
import { displayPath } from './workspace.js';

/** The analysis as JSON: every entity with its glossary file and every mention. */
export function exportJson(service: LanguageService): string {
  const index = service.index;
  const entities = [...index.glossary.entities.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((entity) => {
      const mentions = index.mentionsOf(entity.id).map(({ uri, mention }) => {
        const file = index.file(uri)!;
        const reference = service.toRange(uri, mention.span);
        return { file: displayPath(uri), range: reference, text: file.text.slice(mention.span.start, mention.span.end) };
      });
      return { id: entity.id, type: entity.type, label: entity.label, glossaryFile: displayPath(entity.uri), mentions };
    });
  const claims = [...index.allFiles()].filter((f) => f.role === 'essay').sort((a, b) => (a.uri < b.uri ? -1 : 1)).flatMap((file) =>
    (index.analysis(file.uri)?.claims ?? []).map((claim) => ({
      file: displayPath(file.uri),
      range: service.toRange(file.uri, claim.span),
      key: claim.key,
      subject: claim.subjectId,
      measure: claim.measure,
      place: claim.place ?? null,
      years: claim.years ?? null,
      interval: [claim.quantity.lo, Number.isFinite(claim.quantity.hi) ? claim.quantity.hi : null],
      kind: claim.quantity.kind,
      hedge: claim.quantity.hedge,
      raw: claim.quantity.raw,
      source: claim.source ?? null,
      acknowledged: claim.acknowledged,
    })));
  const conflicts = [...index.claims.keys()].sort().flatMap((key) => {
    const pairs = new Map<string, { severity: string; claims: { file: string; raw: string; line: number }[] }>();
    for (const { uri, claim } of index.claims.claimsFor(key)) {
      for (const conflict of index.claims.conflictsOf(claim)) {
        const sides = [{ uri, claim }, conflict.other]
          .map((s) => ({ file: displayPath(s.uri), raw: s.claim.quantity.raw, line: (service.toRange(s.uri, s.claim.span)?.start.line ?? 0) + 1 }))
          .sort((a, b) => `${a.file}:${a.line}`.localeCompare(`${b.file}:${b.line}`));
        pairs.set(JSON.stringify(sides), { severity: conflict.severity, claims: sides });
      }
    }
    return [...pairs.values()].map((pair) => ({ key, ...pair }));
  });
  return JSON.stringify({ entities, claims, conflicts }, null, 2);
}
