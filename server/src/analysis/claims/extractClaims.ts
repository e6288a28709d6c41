import { foldWord } from '../../util/fold.js';
import { tokenize, type WordToken } from '../../util/tokens.js';
import { yearOfDay } from '../dates.js';
import type { Glossary } from '../glossary.js';
import { findQuantities, type Quantity } from '../quantity.js';
import { splitSentences } from '../sentences.js';
import type { DocumentModel, Entity, Mention, Note, Span } from '../types.js';
import { claimKey, type Claim } from './claim.js';
import { dateMeasureFor, findMeasure } from './measures.js';
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
  for (const block of model.blocks) {
    if (noteSpans.some((n) => n.start <= block.start && block.end <= n.end) || isHeading(model, block)) continue;
    const acknowledged = isAcknowledged(model, block);
    // Within a paragraph, a figure without a named subject is about the subject of the figure before.
    let previousSubject: Entity | undefined;
    let previousSentence: Span | undefined;
    // Years named earlier in the paragraph date a later sentence that names none.
    let paragraphYears: { lo: number; hi: number }[] = [];
    for (const sentence of splitSentences(text, block)) {
      const fallback = (measure: string): Entity | undefined => {
        const other = otherEventNoun(text, sentence, previousSubject);
        if (other) return undefined;
        return (previousSubject && canBeSubject(previousSubject, measure) ? previousSubject : undefined)
          ?? headingSubject(text, sentence, model, mentions, context, entity, measure);
      };
      const found = claimsInSentence(text, sentence, previousSentence, paragraphYears, block, model, mentions, context, entity, fallback, acknowledged);
      previousSentence = sentence;
      const years = findQuantities(text, sentence.start, sentence.end).filter((q) => q.kind === 'date').map((q) => ({ lo: q.lo, hi: q.hi }));
      if (years.length > 0) paragraphYears = [...paragraphYears, ...years].slice(-6);
      claims.push(...found);
      const last = found[found.length - 1];
      previousSubject = last ? entity(last.subjectId) : soleEventIn(mentions, sentence, entity) ?? previousSubject;
      if (previousSubject && topicShifts(mentions, sentence, last?.span.end ?? sentence.start, previousSubject, entity)) previousSubject = undefined;
    }
  }
  claims.push(...noteClaims(text, model, claims, mentions, context));
  return claims;
}

function claimsInSentence(
  text: string, sentence: Span, previousSentence: Span | undefined, paragraphYears: readonly { lo: number; hi: number }[], block: Span, model: DocumentModel, mentions: readonly Mention[], context: ClaimContext,
  entity: (id: string) => Entity | undefined, fallback: (measure: string) => Entity | undefined, acknowledged: boolean,
): Claim[] {
  const body = text.slice(sentence.start, sentence.end);
  if (disputeCue.test(body)) return [];
  // Figures in link URLs, code or HTML are not the writer's figures.
  const quantities = findQuantities(text, sentence.start, sentence.end)
    .filter((q) => model.prose.some((p) => p.start <= q.start && q.end <= p.end));
  if (quantities.length === 0) return [];
  const tokens = tokenize(text, sentence.start, sentence.end);
  const dates = quantities.filter((q) => q.kind === 'date');
  const claims: Claim[] = [];
  for (const quantity of quantities) {
    if (quantity.unit === 'currency') continue;
    const isDate = quantity.kind === 'date';
    const small = quantity.kind === 'count' && quantity.hi < 100;
    const measure = quantity.kind === 'share' ? shareMeasure(text, tokens, quantity) : findMeasure(text, tokens, quantity.start, quantity.end, isDate, small);
    if (!measure) continue;
    const years = dates.filter((d) => d !== quantity).map((d) => ({ lo: d.lo, hi: d.hi }));
    // A date is a claim only about a subject named or described in its own sentence.
    const subject = namedSubject(mentions, sentence, quantity, measure, entity)
      ?? describedSubject(context.subjects, tokens, isDate ? [{ lo: quantity.lo, hi: quantity.hi }] : years, measure, placeIds(mentions, sentence, entity), quantity)
      ?? (isDate ? undefined : describedSubject(context.subjects, tokens, paragraphYears, measure, placeIds(mentions, sentence, entity), quantity))
      ?? (isDate ? undefined : fallback(measure));
    if (!subject) continue;
    const finalMeasure = isDate ? dateMeasureFor(measure, subject.type) : measure;
    if (!finalMeasure) continue;
    // "The estimates for Ukraine came down. Reconstructions now put the deaths at…": the place carries over.
    const place = placeIn(text, mentions, sentence, entity, subject)
      ?? (previousSentence ? placeIn(text, mentions, previousSentence, entity, subject) : undefined);
    const yearScope = isDate ? undefined : yearScopeFor(subject, dates.filter((d) => d !== quantity));
    const note = noteFor(model, sentence, text);
    claims.push({
      span: { start: quantity.start, end: quantity.end }, quantity, subjectId: subject.id, measure: finalMeasure, place, years: yearScope,
      key: claimKey(subject.id, finalMeasure, place, yearScope), sentence, block, noteLabel: note?.label,
      source: note ? text.slice(note.textSpan.start, note.textSpan.end).trim() : undefined, fromNote: false, acknowledged,
    });
  }
  return claims;
}

/** Nouns that name a kind of event: a sentence about "the war" is not about the famine before it. */
const eventNouns = new Set(['war', 'wars', 'revolution', 'revolutions', 'famine', 'famines', 'terror', 'purge', 'purges', 'uprising', 'rising',
  'revolt', 'rebellion', 'mutiny', 'deportation', 'deportations', 'campaign', 'massacre', 'trial', 'trials', 'invasion', 'occupation', 'blockade', 'siege']);

/** An event noun in the sentence that the carried subject's name and terms do not account for. */
function otherEventNoun(text: string, sentence: Span, subject: Entity | undefined): string | undefined {
  const own = new Set(subject ? [...subject.terms, subject.label].flatMap((n) => tokenize(n).map((t) => foldWord(t.text))) : []);
  return tokenize(text, sentence.start, sentence.end).map((t) => foldWord(t.text)).find((w) => eventNouns.has(w) && !own.has(w) && !own.has(w.replace(/s$/, '')));
}

/** "The Civil War (1918–21) … . This long and bloody conflict, in which seven million died": the one event just named. */
function soleEventIn(mentions: readonly Mention[], sentence: Span, entity: (id: string) => Entity | undefined): Entity | undefined {
  const events = new Set(mentions
    .filter((m) => m.span.start >= sentence.start && m.span.end <= sentence.end && entity(m.entityId)?.type === 'event')
    .map((m) => m.entityId));
  return events.size === 1 ? entity([...events][0]) : undefined;
}

/**
 * True when, after the last figure, the sentence turns to another event, organisation or place
 * ("…30 million dead, and into Hungary, where…"), so the next figure is not about the old subject.
 */
function topicShifts(mentions: readonly Mention[], sentence: Span, after: number, subject: Entity, entity: (id: string) => Entity | undefined): boolean {
  return mentions.some((m) => {
    if (m.span.start < after || m.span.end > sentence.end || m.entityId === subject.id) return false;
    const other = entity(m.entityId);
    return other !== undefined && ['event', 'organization', 'place'].includes(other.type) && !subject.places.includes(other.id);
  });
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

/**
 * The place a figure is scoped to: a place entity named in the sentence, or one of the places the
 * subject's entry lists ("in Ukraine" for the famine of 1932–33), as its id or name.
 */
function placeIn(text: string, mentions: readonly Mention[], sentence: Span, entity: (id: string) => Entity | undefined, subject: Entity): string | undefined {
  const named = mentions
    .filter((m) => m.span.start >= sentence.start && m.span.end <= sentence.end)
    .map((m) => entity(m.entityId))
    .filter((e): e is Entity => e?.type === 'place' && e.id !== subject.id)
    .map((e) => e.id);
  const body = ` ${tokenize(text, sentence.start, sentence.end).map((t) => foldWord(t.text)).join(' ')} `;
  const listed = subject.places.filter((p) => !entity(p) && body.includes(` ${tokenize(p.replace(/-/g, ' ')).map((t) => foldWord(t.text)).join(' ')} `));
  const places = [...new Set([...named, ...listed])];
  return places.length === 1 ? places[0] : undefined;
}

/**
 * Shares are keyed by what they are shares of: "38 percent of the Kazakhs" and "nine-tenths of
 * their herds" are different figures. Without an "of …" the share takes the measure beside it.
 */
function shareMeasure(text: string, tokens: readonly WordToken[], quantity: Quantity): string | undefined {
  const after = /^\s+of\s+(?:(?:the|their|its|her|his|our|all|these|those)\s+)?([\p{L}'’-]+)/u.exec(text.slice(quantity.end, quantity.end + 60));
  if (after) return `share:${foldWord(after[1]).replace(/['’]s$/, '')}`;
  const measure = findMeasure(text, tokens, quantity.start, quantity.end, false, true);
  return measure ? `share:${measure}` : undefined;
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
      // Volume and page numbers ("Population and Development Review 10") are not figures.
      if (quantity.kind !== base.quantity.kind || quantity.unit === 'currency' || quantity.hi < 100) continue;
      const measure = findMeasure(text, tokens, quantity.start, quantity.end, false);
      const namesFigure = /\b(figure|estimate|count|total|toll|number|band|range)s?\b/i.test(body);
      if (measure !== base.measure && !(measure === undefined && namesFigure)) continue;
      if (mentions.some((m) => m.span.start >= note.textSpan.start && m.span.end <= note.textSpan.end && m.entityId !== base.subjectId
        && context.glossary.entities.get(m.entityId)?.type === 'event')) continue;
      found.push({ ...base, span: { start: quantity.start, end: quantity.end }, quantity, sentence, block: note.span, source: body.trim(), fromNote: true });
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
