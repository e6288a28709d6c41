import { foldWord } from '../../util/fold.js';
import { tokenize, type WordToken } from '../../util/tokens.js';
import { parseDateBound } from '../dates.js';
import type { Glossary } from '../glossary.js';
import type { Entity, Mention, Span } from '../types.js';
import { dateMeasureFor } from './measures.js';

/**
 * Resolves what a figure is about. Named entities in the sentence come first (the nearest
 * event or organisation); then descriptive phrases such as "the famine of 1932–3", resolved by
 * an event's `terms`, a year inside its dates and a word of its name; the caller falls back to
 * the sentence before and the section heading.
 */

/** Measures an organisation can be the subject of: its members, its prisoners, its victims. */
const organizationMeasures = new Set(['members', 'prisoners', 'passed-through', 'all-forms-of-imprisonment', 'executed', 'arrested', 'expelled', 'deported']);
const genericWords = new Set(['the', 'of', 'in', 'on', 'and', 'a', 'an', 'to', 'for', 'soviet', 'russian', 'chinese', 'great', 'first', 'second']);

/** Glossary facts subject resolution needs, computed once per glossary. */
export interface SubjectIndex {
  readonly describable: readonly { entity: Entity; terms: readonly string[]; nameWords: ReadonlySet<string>; start?: number; end?: number }[];
}

export function buildSubjectIndex(glossary: Glossary): SubjectIndex {
  const describable = [...glossary.entities.values()]
    .filter((e) => e.terms.length > 0 && e.dates?.start)
    .map((entity) => ({
      entity,
      terms: entity.terms.map(foldWord),
      nameWords: new Set([entity.label, ...entity.aliases].flatMap((n) => tokenize(n).map((t) => foldWord(t.text)))
        .filter((w) => !genericWords.has(w) && !/^\d+$/.test(w))),
      start: parseDateBound(entity.dates!.start!, 'start'),
      end: parseDateBound(entity.dates!.end ?? entity.dates!.start!, 'end'),
    }));
  return { describable };
}

/** True when an entity of this type can be the subject of a figure with this measure. */
export function canBeSubject(entity: Entity, measure: string): boolean {
  if (measure.startsWith('date:')) return dateMeasureFor(measure, entity.type) !== undefined;
  if (entity.type === 'event') return true;
  // "The NKVD's kind … 30 million dead" is not a figure about the NKVD; the Gulag's deaths are.
  if (entity.type === 'organization') return organizationMeasures.has(measure) || entity.figures.some((f) => f.measure === measure);
  return false;
}

/** Events first, then organisations: "the CNT's dead in the May Days" is about the May Days. */
function rank(entity: Entity): number {
  return entity.type === 'event' ? 0 : 1;
}

/** The subject named in the sentence: the allowed mention nearest to the figure. */
export function namedSubject(mentions: readonly Mention[], sentence: Span, figure: Span, measure: string, entity: (id: string) => Entity | undefined): Entity | undefined {
  let best: { distance: number; entity: Entity } | undefined;
  for (const mention of mentions) {
    if (mention.span.start < sentence.start || mention.span.end > sentence.end) continue;
    const candidate = entity(mention.entityId);
    if (!candidate || !canBeSubject(candidate, measure)) continue;
    // A person's date needs the person before it, close by: "Trotsky was expelled in 1927", not
    // "the old guard was shot from 1936 to 1938 at the behest of Stalin".
    if (candidate.type === 'person' && measure.startsWith('date:') && (mention.span.end > figure.start || figure.start - mention.span.end > 80)) continue;
    // For counts events outrank organisations; a date belongs to the nearest subject its verb allows.
    const penalty = measure.startsWith('date:') ? 0 : rank(candidate) * 1e6;
    const distance = Math.abs(mention.span.end <= figure.start ? figure.start - mention.span.end : mention.span.start - figure.end) + penalty;
    if (!best || distance < best.distance) best = { distance, entity: candidate };
  }
  return best?.entity;
}

/**
 * A descriptive subject: "the famine of 1932–3" → the event whose terms include "famine", whose
 * dates contain a year of the sentence and one of whose name words appears. Two candidates
 * left means no answer: precision first.
 */
export function describedSubject(index: SubjectIndex, tokens: readonly WordToken[], years: readonly { lo: number; hi: number }[], measure: string,
  places: readonly string[] = [], figure?: Span): Entity | undefined {
  const words = new Set(tokens.map((t) => foldWord(t.text)));
  const slack = measure.startsWith('date:') ? 3 * 366 : 0;
  const scored: { entity: Entity; score: number }[] = [];
  for (const d of index.describable) {
    if (!canBeSubject(d.entity, measure) || d.start === undefined || d.end === undefined) continue;
    if (!d.terms.some((term) => hasInflection(words, term))) continue;
    // A term met only as a verb ("banned") needs another word of the name beside it: "banned"
    // alone is not "the ban on factions"; "the famine of 1932–33" names its famine.
    const asNoun = d.terms.some((term) => [term, `${term}s`, `${term}es`].some((w) => words.has(w)));
    const fit = Math.max(0, ...years.map((y) => dateFit(y, d.start!, d.end!, slack)));
    if (fit === 0) continue;
    // Without a word of its name, a noun term still names the event when the year falls inside
    // its dates: "strikes in over 700 towns … in 1953" is the East German rising.
    const named = [...d.nameWords].some((w) => (asNoun || !d.terms.includes(w)) && hasInflection(words, w));
    const inside = asNoun && years.some((y) => y.lo >= d.start! && y.hi <= d.end! + 366);
    if (!named && !inside) continue;
    const placeBonus = places.some((p) => d.entity.places.includes(p)) ? 1 : 0;
    // "banned abortion in 1935 … recriminalised homosexuality": the name nearest the figure wins.
    const nearBonus = figure && tokens.some((t) => Math.abs(t.start - figure.start) < 40 && d.nameWords.has(foldWord(t.text)) && !d.terms.includes(foldWord(t.text))) ? 0.5 : 0;
    scored.push({ entity: d.entity, score: fit + placeBonus + nearBonus });
  }
  scored.sort((a, b) => b.score - a.score);
  // "The famine of 1932–33" fits the 1932–33 famine (score 1) better than the Kazakh famine of
  // 1930–33 (score 0.5); two equally good candidates mean no answer.
  if (scored.length === 0 || (scored.length > 1 && scored[1].score >= scored[0].score - 0.2)) return undefined;
  return scored[0].entity;
}

/** How well a stated year range fits an entity's dates: overlap over union, 0 when apart beyond the slack. */
function dateFit(years: { lo: number; hi: number }, start: number, end: number, slack: number): number {
  if (years.lo > end + slack || years.hi < start - slack) return 0;
  const overlap = Math.min(years.hi, end) - Math.max(years.lo, start);
  const union = Math.max(years.hi, end) - Math.min(years.lo, start);
  return Math.max(0.05, overlap / Math.max(union, 1));
}

function hasInflection(words: ReadonlySet<string>, term: string): boolean {
  if (term.includes(' ')) return term.split(' ').every((part) => words.has(part));
  return [term, `${term}s`, `${term}es`, `${term}ed`, `${term}${term.slice(-1)}ed`, `${term}d`].some((w) => words.has(w));
}
