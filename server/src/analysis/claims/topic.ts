import { foldWord } from '../../util/fold.js';
import { tokenize } from '../../util/tokens.js';
import { findQuantities } from '../quantity.js';
import type { Entity, Span } from '../types.js';
import type { DocumentFacts } from './documentFacts.js';
import { describedSubject, namedSubject } from './subjects.js';

/**
 * What a sentence is about when it does not say: the subject carries over within a paragraph
 * until the text turns to something else, and the section heading is the last resort.
 */

/** Nouns that name a kind of event: a sentence about "the war" is not about the famine before it. */
const eventNouns = new Set(['war', 'wars', 'revolution', 'revolutions', 'famine', 'famines', 'terror', 'purge', 'purges', 'uprising', 'rising',
  'revolt', 'rebellion', 'mutiny', 'deportation', 'deportations', 'campaign', 'massacre', 'trial', 'trials', 'invasion', 'occupation', 'blockade', 'siege']);

/** True when the sentence names a kind of event that the carried subject's name and terms do not account for. */
export function turnsToAnotherEvent(facts: DocumentFacts, sentence: Span, subject: Entity | undefined): boolean {
  const own = new Set(subject ? [...subject.terms, subject.label].flatMap((n) => tokenize(n).map((t) => foldWord(t.text))) : []);
  return tokenize(facts.text, sentence.start, sentence.end).map((t) => foldWord(t.text))
    .some((w) => eventNouns.has(w) && !own.has(w) && !own.has(w.replace(/s$/, '')));
}

/** "The Civil War (1918–21) … . This long and bloody conflict, in which seven million died": the one event just named. */
export function soleEventIn(facts: DocumentFacts, sentence: Span): Entity | undefined {
  const events = new Set(facts.mentions
    .filter((m) => m.span.start >= sentence.start && m.span.end <= sentence.end && facts.entity(m.entityId)?.type === 'event')
    .map((m) => m.entityId));
  return events.size === 1 ? facts.entity([...events][0]) : undefined;
}

/**
 * True when, after the last figure, the sentence turns to another event, organisation or place
 * ("…30 million dead, and into Hungary, where…"), so the next figure is not about the old subject.
 */
export function topicShifts(facts: DocumentFacts, sentence: Span, after: number, subject: Entity): boolean {
  return facts.mentions.some((m) => {
    if (m.span.start < after || m.span.end > sentence.end || m.entityId === subject.id) return false;
    const other = facts.entity(m.entityId);
    return other !== undefined && ['event', 'organization', 'place'].includes(other.type) && !subject.places.includes(other.id);
  });
}

/** The subject a section heading names ("## The famine of 1932–33"). */
export function headingSubject(facts: DocumentFacts, sentence: Span, measure: string): Entity | undefined {
  const heading = [...facts.model.headings].reverse().find((h) => h.span.end <= sentence.start);
  if (!heading) return undefined;
  const named = namedSubject(facts.mentions, heading.span, heading.span, measure, facts.entity);
  if (named) return named;
  const years = findQuantities(facts.text, heading.span.start, heading.span.end).filter((q) => q.kind === 'date').map((q) => ({ lo: q.lo, hi: q.hi }));
  return describedSubject(facts.context.subjects, tokenize(facts.text, heading.span.start, heading.span.end), years, measure);
}
