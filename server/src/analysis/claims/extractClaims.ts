import { tokenize } from '../../util/tokens.js';
import { findQuantities, type Quantity } from '../quantity.js';
import { splitSentences } from '../sentences.js';
import type { DocumentModel, Entity, Mention, Note, Span } from '../types.js';
import { claimKey, type Claim } from './claim.js';
import type { ClaimContext } from './claimContext.js';
import { disputeCue } from './disputes.js';
import type { DocumentFacts } from './documentFacts.js';
import { dateMeasureFor, findMeasure } from './measures.js';
import { noteClaims } from './noteClaims.js';
import { placeIds, placeIn, shareMeasure, yearScopeFor } from './scope.js';
import { canBeSubject, describedSubject, namedSubject } from './subjects.js';
import { headingSubject, soleEventIn, topicShifts, turnsToAnotherEvent } from './topic.js';

export { claimContextFor, type ClaimContext } from './claimContext.js';

/**
 * Finds every claim of an essay. Precision first: a figure without a measure, without a subject,
 * or in a sentence that disputes it ("the claim of 100 million is a fabrication") is no claim.
 */

type Years = readonly { lo: number; hi: number }[];

const maxFiguresPerSentence = 50;

/** Where a sentence stands in its paragraph: what came before decides what it is about. */
interface SentenceScope {
  readonly sentence: Span;
  readonly block: Span;
  readonly previousSentence?: Span;
  /** The subject of the figure before in the paragraph, or the one event just named. */
  readonly previousSubject?: Entity;
  /** Years named earlier in the paragraph, which date a later sentence that names none. */
  readonly paragraphYears: Years;
  readonly acknowledged: boolean;
}

export function extractClaims(text: string, model: DocumentModel, mentions: readonly Mention[], context: ClaimContext): Claim[] {
  const facts: DocumentFacts = { text, model, mentions, context, entity: (id) => context.glossary.entities.get(id) };
  const claims: Claim[] = [];
  const headingStarts = new Set(model.headings.map((h) => h.span.start));
  const inNote = spanIndex(model.notes.map((n) => n.span));
  const inProse = spanIndex(model.prose);
  for (const block of model.blocks) {
    // Lookups, not scans per block: an essay of 200,000 notes must stay linear.
    if (headingStarts.has(block.start) || inNote(block)) continue;
    const acknowledged = isAcknowledged(model, block);
    let scope: SentenceScope | undefined;
    for (const sentence of splitSentences(text, block)) {
      scope = { sentence, block, previousSentence: scope?.sentence, previousSubject: scope?.previousSubject, paragraphYears: scope?.paragraphYears ?? [], acknowledged };
      // Figures in link URLs, code or HTML are not the writer's figures.
      const quantities = findQuantities(text, sentence.start, sentence.end).filter((q) => inProse(q));
      const found = claimsInSentence(facts, scope, quantities);
      claims.push(...found);
      const last = found[found.length - 1];
      let previousSubject = last ? facts.entity(last.subjectId) : soleEventIn(facts, sentence) ?? scope.previousSubject;
      if (previousSubject && topicShifts(facts, sentence, last?.span.end ?? sentence.start, previousSubject)) previousSubject = undefined;
      const years = quantities.filter((q) => q.kind === 'date').map((q) => ({ lo: q.lo, hi: q.hi }));
      scope = { ...scope, previousSubject, paragraphYears: years.length > 0 ? [...scope.paragraphYears, ...years].slice(-6) : scope.paragraphYears };
    }
  }
  claims.push(...noteClaims(facts, claims));
  return claims;
}

function claimsInSentence(facts: DocumentFacts, scope: SentenceScope, quantities: readonly Quantity[]): Claim[] {
  const { text } = facts;
  const { sentence } = scope;
  // A "sentence" of more than 50 figures is a table or a list of numbers, not prose making claims;
  // skipping it also keeps the per-figure work below from going quadratic.
  if (quantities.length === 0 || quantities.length > maxFiguresPerSentence || disputeCue.test(text.slice(sentence.start, sentence.end))) return [];
  const tokens = tokenize(text, sentence.start, sentence.end);
  const dates = quantities.filter((q) => q.kind === 'date');
  const claims: Claim[] = [];
  for (const quantity of quantities) {
    if (quantity.unit === 'currency') continue;
    const isDate = quantity.kind === 'date';
    const small = quantity.kind === 'count' && quantity.hi < 100;
    const measure = quantity.kind === 'share' ? shareMeasure(text, tokens, quantity) : findMeasure(text, tokens, quantity.start, quantity.end, isDate, small);
    if (!measure) continue;
    const otherDates = dates.filter((d) => d !== quantity);
    const subject = subjectOf(facts, scope, tokens, quantity, measure, otherDates.map((d) => ({ lo: d.lo, hi: d.hi })));
    const finalMeasure = subject && (isDate ? dateMeasureFor(measure, subject.type) : measure);
    if (!subject || !finalMeasure) continue;
    // "The estimates for Ukraine came down. Reconstructions now put the deaths at…": the place carries over.
    const otherCounts = quantities.filter((q) => q !== quantity && q.kind !== 'date');
    const place = placeIn(facts, sentence, subject, quantity, otherCounts) ?? (scope.previousSentence ? placeIn(facts, scope.previousSentence, subject) : undefined);
    const years = isDate ? undefined : yearScopeFor(subject, otherDates);
    const note = noteFor(facts, sentence);
    claims.push({
      span: { start: quantity.start, end: quantity.end }, quantity, subjectId: subject.id, measure: finalMeasure, place, years,
      key: claimKey(subject.id, finalMeasure, place, years), sentence, block: scope.block, noteLabel: note?.label,
      source: note ? text.slice(note.textSpan.start, note.textSpan.end).trim() : undefined, fromNote: false, acknowledged: scope.acknowledged,
    });
  }
  return claims;
}

/**
 * The subject named nearest in the sentence; else a descriptive phrase, dated by the sentence's
 * years or the paragraph's; else (counts only) the subject carried over, or the heading's. A date
 * is a claim only about a subject named or described in its own sentence.
 */
function subjectOf(facts: DocumentFacts, scope: SentenceScope, tokens: ReturnType<typeof tokenize>, quantity: Quantity, measure: string, years: Years): Entity | undefined {
  const { sentence } = scope;
  const places = placeIds(facts, sentence);
  const named = namedSubject(facts.mentions, sentence, quantity, measure, facts.entity);
  if (named) return named;
  if (quantity.kind === 'date') return describedSubject(facts.context.subjects, tokens, [{ lo: quantity.lo, hi: quantity.hi }], measure, places, quantity);
  const described = describedSubject(facts.context.subjects, tokens, years, measure, places, quantity)
    ?? describedSubject(facts.context.subjects, tokens, scope.paragraphYears, measure, places, quantity);
  if (described) return described;
  if (turnsToAnotherEvent(facts, sentence, scope.previousSubject)) return undefined;
  const carried = scope.previousSubject && canBeSubject(scope.previousSubject, measure) ? scope.previousSubject : undefined;
  return carried ?? headingSubject(facts, sentence, measure);
}

/** The note the sentence cites: a marker inside it or glued right after its final stop. */
function noteFor(facts: DocumentFacts, sentence: Span): Note | undefined {
  const tail = sentence.end + (/^\s*(\[\^[^\]]+\]|\d{1,3})/.exec(facts.text.slice(sentence.end, sentence.end + 8))?.[0].length ?? 0);
  const ref = facts.model.noteRefs.find((r) => r.span.start >= sentence.start && r.span.start <= tail);
  return ref ? facts.model.notes.find((n) => n.label === ref.label) : undefined;
}

/** Containment in one of a set of non-overlapping spans, by binary search. */
function spanIndex(spans: readonly Span[]): (span: Span) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  return (span) => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start > span.start) hi = mid - 1;
      else lo = mid + 1;
    }
    const candidate = sorted[hi];
    return candidate !== undefined && candidate.start <= span.start && span.end <= candidate.end;
  };
}

function isAcknowledged(model: DocumentModel, block: Span): boolean {
  return model.acknowledgements.some((a) => (a.start >= block.start && a.end <= block.end) || (a.start >= block.end && a.start - block.end <= 3));
}
