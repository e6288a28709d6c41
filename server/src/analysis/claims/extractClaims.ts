import { tokenize } from '../../util/tokens.js';
import { yearOfDay } from '../dates.js';
import type { Glossary } from '../glossary.js';
import { findQuantities, type Quantity } from '../quantity.js';
import { splitSentences } from '../sentences.js';
import type { DocumentModel, Entity, Mention, Note, Span } from '../types.js';
import { claimKey, type Claim } from './claim.js';
import { findMeasure } from './measures.js';
import { buildSubjectIndex, canBeSubject, describedSubject, namedSubject, type SubjectIndex } from './subjects.js';

/**
 * Finds every claim of an essay. Precision first: a figure without a measure, without a subject,
 * or in a sentence that disputes it ("the claim of 100 million is a fabrication") is no claim.
 */

/** Words that mark a figure as quoted in order to be rejected. */
const disputeCue = /\b(fabricat\w*|invent(ed|ion)|myths?|mythical|baseless|no basis|discredited|exaggerat\w*|inflated|implausible|absurd|nonsense|untenable|not credible|propaganda|often[- ]repeated|long[- ]repeated|wildly|debunked|spurious|apocryphal)\b/i;
/** Subjects that span more than this many days keep the year in their claim key. */
const longSubjectDays = 3 * 366;

export interface ClaimContext {
  readonly glossary: Glossary;
  readonly subjects: SubjectIndex;
}

const subjectIndexes = new WeakMap<Glossary, SubjectIndex>();

export function claimContextFor(glossary: Glossary): ClaimContext {
  let subjects = subjectIndexes.get(glossary);
  if (!subjects) subjectIndexes.set(glossary, (subjects = buildSubjectIndex(glossary)));
  return { glossary, subjects };
}

export function extractClaims(text: string, model: DocumentModel, mentions: readonly Mention[], context: ClaimContext): Claim[] {
  const claims: Claim[] = [];
  const entity = (id: string): Entity | undefined => context.glossary.entities.get(id);
  const noteSpans = model.notes.map((n) => n.span);
  // The subject of the sentence before carries over, until a heading starts a new section.
  let previousSubject: Entity | undefined;
  for (const block of model.blocks) {
    if (isHeading(model, block)) previousSubject = undefined;
    if (noteSpans.some((n) => n.start <= block.start && block.end <= n.end) || isHeading(model, block)) continue;
    const acknowledged = isAcknowledged(model, block);
    for (const sentence of splitSentences(text, block)) {
      const found = claimsInSentence(text, sentence, model, mentions, context, entity, previousSubject, acknowledged);
      claims.push(...found.claims);
      previousSubject = found.subject ?? previousSubject;
    }
  }
  claims.push(...noteClaims(text, model, claims, mentions, context));
  return claims;
}

function claimsInSentence(
  text: string, sentence: Span, model: DocumentModel, mentions: readonly Mention[], context: ClaimContext,
  entity: (id: string) => Entity | undefined, previousSubject: Entity | undefined, acknowledged: boolean,
): { claims: Claim[]; subject?: Entity } {
  const body = text.slice(sentence.start, sentence.end);
  const quantities = findQuantities(text, sentence.start, sentence.end);
  if (quantities.length === 0 || disputeCue.test(body)) return { claims: [] };
  const tokens = tokenize(text, sentence.start, sentence.end);
  const dates = quantities.filter((q) => q.kind === 'date');
  const claims: Claim[] = [];
  let subjectSeen: Entity | undefined;
  for (const quantity of quantities) {
    if (quantity.unit === 'currency') continue;
    const measure = quantity.kind === 'share' ? 'share' : findMeasure(tokens, quantity.start, quantity.end, quantity.kind === 'date');
    if (!measure) continue;
    const years = dates.filter((d) => d !== quantity).map((d) => ({ lo: d.lo, hi: d.hi }));
    const subject = namedSubject(mentions, sentence, quantity, measure, entity)
      ?? describedSubject(context.subjects, tokens, quantity.kind === 'date' ? [{ lo: quantity.lo, hi: quantity.hi }] : years, measure, placeIds(mentions, sentence, entity))
      ?? (previousSubject && canBeSubject(previousSubject, measure) ? previousSubject : undefined)
      ?? headingSubject(text, sentence, model, mentions, context, entity, measure);
    if (!subject) continue;
    subjectSeen ??= subject;
    const place = placeIn(mentions, sentence, entity, subject);
    const yearScope = quantity.kind === 'date' ? undefined : yearScopeFor(subject, dates.filter((d) => d !== quantity));
    const note = noteFor(model, sentence, text);
    claims.push({
      span: { start: quantity.start, end: quantity.end }, quantity, subjectId: subject.id, measure, place, years: yearScope,
      key: claimKey(subject.id, measure, place, yearScope), sentence, noteLabel: note?.label,
      source: note ? text.slice(note.textSpan.start, note.textSpan.end).trim() : undefined, fromNote: false, acknowledged,
    });
  }
  return { claims, subject: subjectSeen ?? namedSubject(mentions, sentence, sentence, 'deaths', entity) };
}

/** The subject a section heading names ("## The famine of 1932–33"). */
function headingSubject(text: string, sentence: Span, model: DocumentModel, mentions: readonly Mention[], context: ClaimContext,
  entity: (id: string) => Entity | undefined, measure: string): Entity | undefined {
  const heading = [...model.headings].reverse().find((h) => h.span.end <= sentence.start);
  if (!heading) return undefined;
  const named = namedSubject(mentions, heading.span, heading.span, measure, entity);
  if (named) return named;
  const years = findQuantities(text, heading.span.start, heading.span.end).filter((q) => q.kind === 'date').map((q) => ({ lo: q.lo, hi: q.hi }));
  return describedSubject(context.subjects, tokenize(text, heading.span.start, heading.span.end), years, measure);
}

function placeIds(mentions: readonly Mention[], sentence: Span, entity: (id: string) => Entity | undefined): string[] {
  return mentions.filter((m) => m.span.start >= sentence.start && m.span.end <= sentence.end && entity(m.entityId)?.type === 'place').map((m) => m.entityId);
}

function placeIn(mentions: readonly Mention[], sentence: Span, entity: (id: string) => Entity | undefined, subject: Entity): string | undefined {
  const places = mentions
    .filter((m) => m.span.start >= sentence.start && m.span.end <= sentence.end)
    .map((m) => entity(m.entityId))
    .filter((e): e is Entity => e?.type === 'place' && e.id !== subject.id);
  return places.length === 1 ? places[0].id : undefined;
}

function yearScopeFor(subject: Entity, dates: readonly Quantity[]): string | undefined {
  const start = subject.dates?.start ? Number(subject.dates.start.slice(0, 4)) : undefined;
  const end = subject.dates?.end ? Number(subject.dates.end.slice(0, 4)) : undefined;
  const short = start !== undefined && end !== undefined && (end - start) * 366 <= longSubjectDays;
  if (short || dates.length !== 1) return undefined;
  const from = yearOfDay(dates[0].lo);
  const to = yearOfDay(dates[0].hi);
  return from === to ? String(from) : `${from}–${to}`;
}

function noteFor(model: DocumentModel, sentence: Span, text: string): Note | undefined {
  const tail = sentence.end + (/^\s*(\[\^[^\]]+\]|\d{1,3})/.exec(text.slice(sentence.end, sentence.end + 8))?.[0].length ?? 0);
  const ref = model.noteRefs.find((r) => r.span.start >= sentence.start && r.span.start <= tail);
  return ref ? model.notes.find((n) => n.label === ref.label) : undefined;
}

/** A note whose own text gives a figure for the claim it annotates is a claim on the same key. */
function noteClaims(text: string, model: DocumentModel, claims: readonly Claim[], mentions: readonly Mention[], context: ClaimContext): Claim[] {
  const found: Claim[] = [];
  for (const note of model.notes) {
    const annotated = claims.filter((c) => c.noteLabel === note.label && c.quantity.kind !== 'date');
    if (annotated.length !== 1) continue;
    const base = annotated[0];
    const body = text.slice(note.textSpan.start, note.textSpan.end);
    if (disputeCue.test(body)) continue;
    const sentence = note.textSpan;
    const tokens = tokenize(text, sentence.start, sentence.end);
    for (const quantity of findQuantities(text, note.textSpan.start, note.textSpan.end)) {
      if (quantity.kind !== base.quantity.kind || quantity.unit === 'currency') continue;
      const measure = findMeasure(tokens, quantity.start, quantity.end, false);
      const namesFigure = /\b(figure|estimate|count|total|toll)s?\b/i.test(body);
      if (measure !== base.measure && !(measure === undefined && namesFigure)) continue;
      if (mentions.some((m) => m.span.start >= note.textSpan.start && m.span.end <= note.textSpan.end && m.entityId !== base.subjectId
        && context.glossary.entities.get(m.entityId)?.type === 'event')) continue;
      found.push({ ...base, span: { start: quantity.start, end: quantity.end }, quantity, sentence, source: body.trim(), fromNote: true });
    }
  }
  return found;
}

function isHeading(model: DocumentModel, block: Span): boolean {
  return model.headings.some((h) => h.span.start === block.start);
}

function isAcknowledged(model: DocumentModel, block: Span): boolean {
  return model.acknowledgements.some((a) => (a.start >= block.start && a.end <= block.end) || (a.start >= block.end && a.start - block.end <= 3));
}
