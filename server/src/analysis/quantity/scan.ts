/** The scanner: runs the date and figure grammars left to right over the tokens, never overlapping. */
import { Ctx, hashAscii } from './ctx.js';
import { MONTHS, SEASONS } from './dates.js';
import { DENOMINATORS, HEDGE_FIRST, PLURAL_SCALES, SCALES, TENS, UNITS } from './lexicon.js';
import { suppressNum } from './context.js';
import { dateAt, isDateWord, type Hit } from './dateScan.js';
import { figureAt, isFigureWord } from './figures.js';
import { G_BLANK, NUM, PUNCT, WORD } from './tokens.js';
import type { Quantity } from './types.js';

const FIGURE_PUNCT = '$£€¥₽~';

/** Hashes of every word that may start a date or a figure: other words are passed over without slicing. */
const TRIGGERS: ReadonlySet<number> = new Set(
  [
    ...MONTHS.keys(), ...SEASONS.keys(), ...HEDGE_FIRST, ...PLURAL_SCALES.keys(), ...UNITS.keys(), ...TENS.keys(),
    'early', 'mid', 'late', 'beginning', 'start', 'middle', 'end', 'between', 'from', 'ad', 'c', 'ca', 'circa',
    'around', 'approximately', 'roughly', 'approx', 'a', 'an', 'half', 'quarter', 'several', 'many', 'countless',
    'numerous', 'tens',
  ].map((w) => hashAscii(w, 0, w.length)),
);

export function scan(text: string, from: number, to: number, phrase: boolean): Quantity[] {
  const out: Quantity[] = [];
  if (typeof text !== 'string') return out;
  const f = Number.isFinite(from) ? Math.max(0, Math.min(text.length, Math.trunc(from))) : 0;
  const t = Number.isFinite(to) ? Math.max(f, Math.min(text.length, Math.trunc(to))) : text.length;
  if (t <= f) return out;
  try {
    const c = new Ctx(text, f, t, phrase);
    let i = 0;
    while (i < c.n) {
      const next = step(c, i, out);
      i = next > i ? next : i + 1;
    }
  } catch {
    // Analysis never throws on user text: keep what was found before the fault.
  }
  return out;
}

/** Hashes of words that carry a number: every figure or date phrase has a digit or one of these. */
const NUMERIC: ReadonlySet<number> = new Set(
  [...UNITS.keys(), ...TENS.keys(), ...SCALES.keys(), ...PLURAL_SCALES.keys(), ...DENOMINATORS.keys(), 'tens', 'dozen', 'hundred']
    .map((w) => hashAscii(w, 0, w.length)),
);

/** A digit or a number word within the next few tokens: a cheap test before trying the grammars on a common word. */
function numericSoon(c: Ctx, i: number): boolean {
  const t = c.t;
  const end = Math.min(c.n, i + 8);
  for (let j = i; j < end; j++) {
    if (j > i && (t.g[j]! & G_BLANK)) return false;
    const k = t.k[j];
    if (k === NUM) return true;
    if (k === WORD && NUMERIC.has(c.wordHash(j))) return true;
  }
  return false;
}

function take(hit: Hit | undefined, out: Quantity[]): number {
  if (!hit) return -1;
  if (hit.q) out.push(hit.q);
  return hit.b;
}

function step(c: Ctx, i: number, out: Quantity[]): number {
  const k = c.t.k[i];
  if (k === NUM) {
    const sup = suppressNum(c, i);
    if (sup >= 0) return sup;
    const d = take(dateAt(c, i), out);
    if (d >= 0) return d;
    return take(figureAt(c, i), out);
  }
  if (k === WORD) {
    if (!TRIGGERS.has(c.wordHash(i)) || !numericSoon(c, i)) return -1;
    if (isDateWord(c, i)) {
      const d = take(dateAt(c, i), out);
      if (d >= 0) return d;
    }
    if (isFigureWord(c, i)) return take(figureAt(c, i), out);
    return -1;
  }
  if (k === PUNCT && FIGURE_PUNCT.includes(c.text[c.t.s[i]!]!)) {
    const d = take(dateAt(c, i), out);
    if (d >= 0) return d;
    return take(figureAt(c, i), out);
  }
  return -1;
}
