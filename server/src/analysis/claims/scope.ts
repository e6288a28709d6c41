import { foldWord } from '../../util/fold.js';
import { tokenize, type WordToken } from '../../util/tokens.js';
import { yearOfDay } from '../dates.js';
import type { Quantity } from '../quantity.js';
import type { Entity, Span } from '../types.js';
import type { DocumentFacts } from './documentFacts.js';
import { findMeasure } from './measures.js';

/**
 * The parts of a claim key beyond subject and measure: the place a figure is for, the year for
 * long-lived subjects, and what a share is a share of.
 */

/** Subjects that span more than this many days keep the year in their claim key. */
const longSubjectDays = 3 * 366;

/** Ids of the place entities named in a sentence. */
export function placeIds(facts: DocumentFacts, sentence: Span): string[] {
  return facts.mentions
    .filter((m) => m.span.start >= sentence.start && m.span.end <= sentence.end && facts.entity(m.entityId)?.type === 'place')
    .map((m) => m.entityId);
}

/**
 * The place a figure is scoped to: a place entity named in the sentence, or one of the places the
 * subject's entry lists ("in Ukraine" for the famine of 1932–33), as its id or name.
 */
export function placeIn(facts: DocumentFacts, sentence: Span, subject: Entity, figure?: Span, otherFigures: readonly Span[] = []): string | undefined {
  const tokens = tokenize(facts.text, sentence.start, sentence.end);
  const found = new Map<string, number>();
  for (const m of facts.mentions) {
    if (m.span.start >= sentence.start && m.span.end <= sentence.end && m.entityId !== subject.id && facts.entity(m.entityId)?.type === 'place') found.set(m.entityId, m.span.start);
  }
  const words = tokens.map((t) => foldWord(t.text));
  for (const place of subject.places) {
    if (facts.entity(place)) continue;
    const name = tokenize(place.replace(/-/g, ' ')).map((t) => foldWord(t.text));
    const at = words.findIndex((_, i) => name.every((w, j) => words[i + j] === w));
    if (at >= 0) found.set(place, tokens[at].start);
  }
  // "Seven million died in 1932–33, five million of them in Ukraine": the place belongs to the
  // figure nearest to it.
  const mine = [...found.entries()].filter(([, at]) => !figure || otherFigures.every((o) => distance(o, at) >= distance(figure, at)));
  return mine.length === 1 ? mine[0][0] : undefined;
}

function distance(span: Span, offset: number): number {
  return offset < span.start ? span.start - offset : Math.max(0, offset - span.end);
}

/** The year for a long-lived subject ("Gulag prisoners in 1950"), when the sentence names exactly one. */
export function yearScopeFor(subject: Entity, dates: readonly Quantity[]): string | undefined {
  const start = subject.dates?.start ? Number(subject.dates.start.slice(0, 4)) : undefined;
  const end = subject.dates?.end ? Number(subject.dates.end.slice(0, 4)) : undefined;
  const short = start !== undefined && end !== undefined && (end - start) * 366 <= longSubjectDays;
  if (short || dates.length !== 1) return undefined;
  const from = yearOfDay(dates[0].lo);
  const to = yearOfDay(dates[0].hi);
  return from === to ? String(from) : `${from}–${to}`;
}

/**
 * Shares are keyed by what they are shares of: "38 percent of the Kazakhs" and "nine-tenths of
 * their herds" are different figures. Without an "of …" the share takes the measure beside it.
 */
export function shareMeasure(text: string, tokens: readonly WordToken[], quantity: Quantity): string | undefined {
  const after = /^\s+of\s+(?:(?:the|their|its|her|his|our|all|these|those)\s+)?([\p{L}'’-]+)/u.exec(text.slice(quantity.end, quantity.end + 60));
  if (after) return `share:${foldWord(after[1]).replace(/['’]s$/, '')}`;
  const measure = findMeasure(text, tokens, quantity.start, quantity.end, false, true);
  return measure ? `share:${measure}` : undefined;
}
