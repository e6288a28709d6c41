import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { WorkspaceIndex } from '../server/src/index/workspaceIndex.js';
import { defaultScanOptions } from '../server/src/node/fileScanner.js';
import { fileUri, loadFiles } from '../server/src/node/loadFiles.js';
import { createLanguageService } from '../server/src/service/languageService.js';
import type { Span } from '../server/src/analysis/types.js';

/**
 * Scores claim extraction and conflict detection against the labelled corpus in
 * test/fixtures/eval (expected.yaml): precision and recall of claims and of conflicts, and how
 * many agreements were wrongly flagged. Used by `npm run eval` and by a test that keeps the
 * figures above their targets.
 */

type Ref = [string, string];
interface Expected {
  claims: { file: string; figure: string; occurrence?: number; subject: string; measure: string }[];
  non_claims: { file: string; figure: string; occurrence?: number }[];
  conflicts: { severity: 'hard' | 'soft'; a: Ref; b?: Ref; reference?: boolean; acknowledged?: string[] }[];
  agreements: { a: Ref; b: Ref }[];
  different_keys?: { a: Ref; b: Ref }[];
}

export interface EvaluationReport {
  claims: { expected: number; extracted: number; correct: number; wrongSubjectOrMeasure: string[]; missed: string[]; spurious: string[] };
  conflicts: { expected: number; reported: number; correct: number; severityRight: number; missed: string[]; wrong: string[] };
  references: { expected: number; reported: number; correct: number };
  agreementsFlagged: string[];
  differentKeysFlagged: string[];
  precision: { claims: number; conflicts: number };
  recall: { claims: number; conflicts: number };
}

/** The labels say `date` for every date claim and keep `killed` apart from `deaths`; we refine and merge. */
function sameMeasure(ours: string, label: string): boolean {
  if (label === 'date') return ours === 'date' || ours.startsWith('date:');
  if (label === 'killed') return ours === 'deaths';
  // Throughput and all forms of confinement are prisoners under another key (DESIGN.md §4).
  if (label === 'prisoners') return ['prisoners', 'passed-through', 'all-forms-of-imprisonment'].includes(ours);
  if (label === 'share') return ours.startsWith('share');
  return ours === label;
}

export async function evaluate(root: string): Promise<EvaluationReport> {
  const expected = parse(readFileSync(path.join(root, 'expected.yaml'), 'utf8')) as Expected;
  const files = await loadFiles({ roots: [root], scan: defaultScanOptions });
  const index = new WorkspaceIndex();
  index.setFiles(files);
  const service = createLanguageService(index);
  const text = (file: string): string => index.file(fileUri(path.join(root, file)))?.text ?? '';
  const locate = (file: string, figure: string, occurrence = 1): Span | undefined => {
    const body = text(file);
    let at = -1;
    for (let i = 0; i < occurrence; i++) at = body.indexOf(figure, at + 1);
    return at < 0 ? undefined : { start: at, end: at + figure.length };
  };
  const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
  const extracted = files.filter((f) => f.role === 'essay').flatMap((f) =>
    (index.analysis(f.uri)?.claims ?? []).map((claim) => ({ file: path.relative(root, new URL(f.uri).pathname), claim })));
  const idOf = (file: string, span: Span): string | undefined => {
    const found = expected.claims.find((c) => c.file === file && overlapsOrUndefined(locate(c.file, c.figure, c.occurrence), span));
    return found ? `${found.file}#${found.figure}#${found.occurrence ?? 1}` : undefined;
  };
  const overlapsOrUndefined = (a: Span | undefined, b: Span): boolean => a !== undefined && overlaps(a, b);

  const claimReport = { expected: expected.claims.length, extracted: extracted.length, correct: 0, wrongSubjectOrMeasure: [] as string[], missed: [] as string[], spurious: [] as string[] };
  for (const label of expected.claims) {
    const span = locate(label.file, label.figure, label.occurrence);
    const hits = extracted.filter((e) => e.file === label.file && span && overlaps(e.claim.span, span));
    if (hits.some((h) => h.claim.subjectId === label.subject && sameMeasure(h.claim.measure, label.measure))) claimReport.correct++;
    else if (hits.length > 0) claimReport.wrongSubjectOrMeasure.push(`${label.file} "${label.figure}": got ${hits.map((h) => `${h.claim.subjectId}/${h.claim.measure}`).join(', ')}, want ${label.subject}/${label.measure}`);
    else claimReport.missed.push(`${label.file} "${label.figure}" (${label.subject}/${label.measure})`);
  }
  for (const e of extracted) {
    if (!idOf(e.file, e.claim.span)) claimReport.spurious.push(`${e.file} "${e.claim.quantity.raw}" → ${e.claim.subjectId}/${e.claim.measure}`);
  }

  const pairKey = (a: string, b: string): string => [a, b].sort().join(' ~ ');
  const refId = (ref: Ref): string => idOf(ref[0], locate(ref[0], ref[1]) ?? { start: -1, end: -1 }) ?? `${ref[0]}#${ref[1]}#?`;
  const reported = new Map<string, string>();
  for (const { uri, claim } of [...index.claims.keys()].flatMap((k) => index.claims.claimsFor(k))) {
    const file = path.relative(root, new URL(uri).pathname);
    for (const conflict of index.claims.conflictsOf(claim)) {
      const a = idOf(file, claim.span) ?? `${file}#${claim.quantity.raw}#unlabelled`;
      const otherFile = path.relative(root, new URL(conflict.other.uri).pathname);
      const b = idOf(otherFile, conflict.other.claim.span) ?? `${otherFile}#${conflict.other.claim.quantity.raw}#unlabelled`;
      reported.set(pairKey(a, b), conflict.severity);
    }
  }
  const pairLabels = expected.conflicts.filter((c) => !c.reference && c.b && !(c.acknowledged && c.acknowledged.length > 0));
  const expectedPairs = new Map(pairLabels.map((c) => [pairKey(refId(c.a), refId(c.b!)), c.severity]));
  const conflictReport = { expected: expectedPairs.size, reported: reported.size, correct: 0, severityRight: 0, missed: [] as string[], wrong: [] as string[] };
  for (const [pair, severity] of expectedPairs) {
    const got = reported.get(pair);
    if (got) {
      conflictReport.correct++;
      if (got === severity) conflictReport.severityRight++;
    } else conflictReport.missed.push(`${severity}: ${pair}`);
  }
  for (const [pair, severity] of reported) if (!expectedPairs.has(pair)) conflictReport.wrong.push(`${severity}: ${pair}`);
  const agreementsFlagged = expected.agreements.map((a) => pairKey(refId(a.a), refId(a.b))).filter((p) => reported.has(p));
  const differentKeysFlagged = (expected.different_keys ?? []).map((a) => pairKey(refId(a.a), refId(a.b))).filter((p) => reported.has(p));

  const referenceLabels = expected.conflicts.filter((c) => c.reference);
  const referenceReported = files.flatMap((f) => service.getDiagnostics(f.uri).filter((d) => d.code === 'outside-reference').map((d) => {
    const file = path.relative(root, new URL(f.uri).pathname);
    const offset = service.index.file(f.uri)!.text.split('\n').slice(0, d.range.start.line).join('\n').length + (d.range.start.line > 0 ? 1 : 0) + d.range.start.character;
    return idOf(file, { start: offset, end: offset + 1 }) ?? `${file}@${d.range.start.line}`;
  }));
  const referenceExpected = referenceLabels.map((c) => refId(c.a));
  const references = { expected: referenceExpected.length, reported: referenceReported.length, correct: referenceExpected.filter((r) => referenceReported.includes(r)).length };

  const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
  return {
    claims: claimReport,
    conflicts: conflictReport,
    references,
    agreementsFlagged,
    differentKeysFlagged,
    precision: { claims: ratio(claimReport.correct, claimReport.extracted), conflicts: ratio(conflictReport.correct, conflictReport.reported) },
    recall: { claims: ratio(claimReport.correct, claimReport.expected), conflicts: ratio(conflictReport.correct, conflictReport.expected) },
  };
}
