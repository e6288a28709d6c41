// Feature: conflicting figures. A claim whose figure cannot be true together with another text's
// figure for the same key gets a warning (hard) or information (soft), naming what each side
// says and cites, with related locations; a figure outside the glossary's reference range gets
// information. Acknowledged disagreements stay quiet.
import type { Claim } from '../analysis/claims/claim.js';
import type { Glossary } from '../analysis/glossary.js';
import { effectiveInterval, outsideReference } from '../analysis/conflicts.js';
import { referenceFiguresFor, referenceInterval } from '../analysis/referenceMatch.js';
import type { ClaimConflict, ClaimIndex, ConflictSummary } from '../index/claimIndex.js';
import type { ServiceContext } from './context.js';
import type { Finding } from './diagnostics.js';
import { describeKey, fileName, formatInterval, shortSource } from './figureText.js';

/**
 * Related locations listed per diagnostic, hard conflicts first; the message counts the rest, and
 * the figure's hover and "Show all figures for …" list every one. Five are enough to jump to the
 * nearest disagreements; twenty made a 2,000-essay workspace's diagnostics 150 MB of JSON, whose
 * encoding was most of the time an edit took to republish.
 */
const maxRelated = 5;

export function conflictFindings(context: ServiceContext, uri: string): Finding[] {
  const analysis = context.index.analysis(uri);
  if (!analysis) return [];
  const findings: Finding[] = [];
  for (const claim of analysis.claims) {
    if (claim.acknowledged) continue;
    const conflict = memoisedConflictFinding(context, uri, claim);
    if (conflict) findings.push(conflict);
    const outside = referenceFinding(context, claim);
    if (outside) findings.push(outside);
  }
  return findings;
}

const conflictMemo = new WeakMap<Claim, { claims: ClaimIndex; version: number; summary: ConflictSummary }>();

/**
 * A claim's conflicts change only when something on its key changes (the key's version): an
 * essay republished because of one key compares only its claims on that key again. The summary
 * kept is small (no strings), so keeping one for every claim costs little memory.
 */
function conflictSummary(context: ServiceContext, claim: Claim): ConflictSummary {
  const claims = context.index.claims;
  const version = claims.versionOf(claim.key);
  const known = conflictMemo.get(claim);
  if (known?.claims === claims && known.version === version) return known.summary;
  const summary = claims.conflictSummary(claim, maxRelated);
  conflictMemo.set(claim, { claims, version, summary });
  return summary;
}

function memoisedConflictFinding(context: ServiceContext, uri: string, claim: Claim): Finding | undefined {
  const summary = conflictSummary(context, claim);
  return summary.total > 0 ? conflictFinding(context, uri, claim, summary) : undefined;
}

function conflictFinding(context: ServiceContext, uri: string, claim: Claim, conflicts: ConflictSummary): Finding {
  // The first two hard conflicts, or when there are none the first two (hard ones come first).
  const shown = conflicts.first.slice(0, conflicts.hard > 0 ? Math.min(2, conflicts.hard) : 2);
  const where = (other: ClaimConflict['other']): string =>
    other.uri === uri ? `line ${lineOf(context, uri, other.claim)} of this essay` : fileName(other.uri);
  const citing = (c: Claim): string => (shortSource(c.source) ? `, citing ${shortSource(c.source)}` : '');
  const others = shown.map((c) => `${where(c.other)} gives ${c.other.claim.quantity.raw}${citing(c.other.claim)}`).join('; ');
  const more = conflicts.total > shown.length ? ` (and ${conflicts.total - shown.length} more)` : '';
  const isDate = claim.quantity.kind === 'date';
  const ownCitation = shortSource(claim.source) ? ` (citing ${shortSource(claim.source)})` : '';
  return {
    span: claim.span,
    severity: conflicts.hard > 0 ? 'warning' : 'information',
    code: isDate ? 'conflicting-date' : 'conflicting-figure',
    message: isDate
      ? `This essay dates ${describeKey(claim, context.index.glossary)} to ${claim.quantity.raw}${ownCitation}; ${others}${more}.`
      : `This essay gives ${claim.quantity.raw}${ownCitation} for ${describeKey(claim, context.index.glossary)}; ${others}${more}.`,
    related: conflicts.first.map((c) => ({
      uri: c.other.uri,
      span: c.other.claim.span,
      message: `${c.severity === 'hard' ? 'Conflicts' : 'In tension'}: ${relatedText(c.other.claim, isDate, citing)}`,
    })),
    data: { key: claim.key },
  };
}

/** What a related location says about the other figure: the same at every republish, so made once per claim. */
const relatedTexts = new WeakMap<Claim, string[]>();

function relatedText(other: Claim, isDate: boolean, citing: (c: Claim) => string): string {
  let texts = relatedTexts.get(other);
  if (!texts) relatedTexts.set(other, (texts = []));
  return (texts[isDate ? 1 : 0] ??= `${other.quantity.raw} (${formatInterval(effectiveInterval(other.quantity), isDate)})${citing(other)}`);
}

/** A claim's place against the glossary's reference figures depends only on the claim, the glossary and the tolerance. */
const referenceFindings = new WeakMap<Claim, { glossary: Glossary; tolerance: number; finding: Finding | undefined }>();

function referenceFinding(context: ServiceContext, claim: Claim): Finding | undefined {
  const glossary = context.index.glossary;
  const tolerance = context.settings.conflictTolerance;
  const known = referenceFindings.get(claim);
  if (known?.glossary === glossary && known.tolerance === tolerance) return known.finding;
  const finding = computeReferenceFinding(context, claim);
  referenceFindings.set(claim, { glossary, tolerance, finding });
  return finding;
}

function computeReferenceFinding(context: ServiceContext, claim: Claim): Finding | undefined {
  const figures = referenceFiguresFor(claim, context.index.glossary);
  if (figures.length === 0) return undefined;
  const intervals = figures.map((f) => referenceInterval(claim, f));
  if (!intervals.every((interval) => outsideReference(claim, interval, context.settings.conflictTolerance))) return undefined;
  const figure = figures[0];
  const subject = context.index.glossary.entities.get(claim.subjectId);
  const isDate = claim.quantity.kind === 'date';
  return {
    span: claim.span,
    severity: 'information',
    code: 'outside-reference',
    message: `This essay gives ${claim.quantity.raw} for ${describeKey(claim, context.index.glossary)}; the glossary's reference range is ${formatInterval(intervals[0], isDate)}${figure.text ? ` (${figure.text})` : ''}${figure.sources.length > 0 ? `, from ${figure.sources.join('; ')}` : ''}.`,
    related: subject ? [{ uri: subject.uri, span: figure.span, message: 'Reference figure in the glossary' }] : [],
    data: { key: claim.key },
  };
}

function lineOf(context: ServiceContext, uri: string, claim: Claim): number {
  return (context.location(uri, claim.span)?.range.start.line ?? 0) + 1;
}
