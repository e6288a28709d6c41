/**
 * Figures and dates in prose, as intervals with an honest width.
 *
 * "As many as seven million people died in the famine of 1932–33" holds two quantities:
 * `count upper [0, 7000000]` ("as many as seven million") and `date range [1932-01-01, 1933-12-31]`
 * ("1932–33"). A round figure is as wide as its rounding ("seven million" is 6.5–7.5 million),
 * hedges widen or bound it, and numbers that are not figures (note markers, page numbers, list
 * numbers, ordinals, clock times, small numbers in words) are left out: precision comes first.
 *
 * A hand-written tokenizer and a small grammar with bounded look-ahead: linear time, no
 * backtracking regular expressions, never throws. See DESIGN.md §4.
 */
import { scan } from './quantity/scan.js';
import type { Quantity } from './quantity/types.js';

export type { Hedge, Quantity, QuantityKind } from './quantity/types.js';
export { dayNumber, yearOfDay, civilOfDay, isoOfDay } from './quantity/dates.js';
export { formatQuantity, formatNumber } from './quantity/format.js';

/** Finds every figure and date in text[from, to). Never throws; linear time; results sorted by start, non-overlapping. */
export function findQuantities(text: string, from = 0, to: number = typeof text === 'string' ? text.length : 0): Quantity[] {
  return scan(text, from, to, false);
}

/** Words that may stand around the one figure of a phrase: "in 1936", "the late 1920s". */
const FILLER = new Set(['the', 'in', 'on', 'during', 'by', 'of', 'year', 'years']);

/** Parses one whole phrase ("about 3.5 million", "1932–33"); undefined if it is not exactly one figure. */
export function parseQuantity(phrase: string): Quantity | undefined {
  if (typeof phrase !== 'string' || phrase.length > 1000) return undefined;
  const found = scan(phrase, 0, phrase.length, true);
  if (found.length !== 1) return undefined;
  const q = found[0]!;
  const rest = phrase.slice(0, q.start) + ' ' + phrase.slice(q.end);
  let word = '';
  for (const ch of rest + ' ') {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      word += ch;
      continue;
    }
    if (word && !FILLER.has(word.toLowerCase())) return undefined;
    word = '';
  }
  return q;
}
