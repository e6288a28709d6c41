/**
 * Numerals: digits ("2,468,524", "2.5m", "7 million"), English number words ("twenty-five thousand",
 * "a hundred", "two and a half million") and fractions of a scale ("half a million",
 * "a quarter of a million"), each with the interval its rounding allows.
 */
import type { Ctx } from './ctx.js';
import { DENOMINATORS, GLUED_SCALES, SCALES, TENS, UNITS } from './lexicon.js';
import { F_JUNK, F_SEP, NUM, WORD } from './tokens.js';

export interface Num {
  /** the value as stated */
  v: number;
  /** the interval its rounding allows: ±half a unit of the last significant digit */
  lo: number;
  hi: number;
  /** the value before its scale word is M / P ("2.5 million": M 25, P 10, S 1e6) */
  M: number;
  P: number;
  S: number;
  /** tokens [a, b) */
  a: number;
  b: number;
  /** written in words */
  words: boolean;
  /** written in words, under ten, without a scale ("two", "one") */
  small: boolean;
  /** the first word is capitalised ("Twenty") */
  cap: boolean;
  /** a bare four-digit integer 1000–2099: a year unless something shows it is a count */
  year: boolean;
}

export function trailingZeros(n: number): number {
  if (n === 0 || !Number.isFinite(n) || !Number.isInteger(n)) return 0;
  let z = 0;
  while (n % 10 === 0 && z < 24) {
    n /= 10;
    z++;
  }
  return z;
}

/** The number's mantissa times another scale: "5" in "5–7 million" → 5,000,000. */
export function withScale(n: Num, S: number): number {
  return (n.M * S) / n.P;
}

/** The rounding interval of an integer written without decimals: "7,000" → [6,500, 7,500]; "7,001" → exact. */
function roundInt(v: number, minUnit = 0): [number, number] {
  const tz = trailingZeros(v);
  let u = tz > 0 ? 10 ** tz : 0;
  if (!Number.isInteger(v)) u = 0;
  if (minUnit > u) u = minUnit;
  return [Math.max(0, v - u / 2), v + u / 2];
}

/** Digits at token i, with an optional scale word or glued scale suffix. */
export function digitNum(c: Ctx, i: number, money: boolean): Num | null {
  const t = c.t;
  const flags = t.f[i]!;
  if (flags & F_JUNK) return null;
  let str = c.text.slice(t.s[i]!, t.e[i]!);
  if (flags & F_SEP) {
    let d = '';
    for (const ch of str) if ((ch >= '0' && ch <= '9') || ch === '.') d += ch;
    str = d;
  }
  const dot = str.indexOf('.');
  const intStr = dot < 0 ? str : str.slice(0, dot);
  const fracStr = dot < 0 ? '' : str.slice(dot + 1);
  const M = Number(intStr + fracStr);
  const p = fracStr.length;
  const P = 10 ** p;
  let j = i + 1;
  let S = 1;
  // "a 20-million-strong army"
  if (c.isP(j, '-\u2010') && c.glued(j) && c.glued(j + 1) && c.isWord(j + 1) && SCALES.has(c.lw(j + 1)) && c.lw(j + 1).length > 3) {
    S = SCALES.get(c.lw(j + 1))!;
    j += 2;
  } else if (c.ok(j) && t.k[j] === WORD) {
    const w = c.lw(j);
    if (c.glued(j)) {
      const gs = GLUED_SCALES.get(w);
      if (gs === undefined || (w === 'b' && !money)) return null; // "5km", "17th", "1930s", "10am"
      S = gs;
      j++;
    } else {
      const sc = SCALES.get(w);
      if (sc !== undefined) {
        S = sc;
        j++;
        const sc2 = c.isWord(j) ? SCALES.get(c.lw(j)) : undefined;
        if (S === 1e3 && sc2 !== undefined && sc2 >= 1e6) {
          S *= sc2; // "a thousand million"
          j++;
        }
      }
    }
  }
  const tz = p > 0 ? 0 : trailingZeros(M);
  const U = S > 1 ? (p > 0 ? 1 : 10 ** tz) : p > 0 ? 1 : tz > 0 ? 10 ** tz : 0;
  return {
    v: (M * S) / P,
    lo: Math.max(0, ((2 * M - U) * S) / (2 * P)),
    hi: ((2 * M + U) * S) / (2 * P),
    M,
    P,
    S,
    a: i,
    b: j,
    words: false,
    small: false,
    cap: false,
    year: flags === 0 && S === 1 && intStr.length === 4 && M >= 1000 && M <= 2099,
  };
}

const L_NONE = 0, L_UNIT = 1, L_TEEN = 2, L_TENS = 3, L_HUNDRED = 4, L_SCALE = 5, L_AND = 6;

/** English number words at token i: "seven", "twenty-five thousand", "a hundred", "two and a half million". */
export function wordNum(c: Ctx, i: number): Num | null {
  const t = c.t;
  if (t.k[i] !== WORD) return null;
  let j = i;
  let total = 0;
  let group = 0;
  let hasHundred = false;
  let last = L_NONE;
  let lastScale = Infinity;
  let end = -1;
  let dozen = false;
  const w0 = c.lw(i);
  if (w0 === 'a' || w0 === 'an') {
    const w1 = c.isWord(i + 1) ? c.lw(i + 1) : '';
    if (!(w1 === 'hundred' || w1 === 'dozen' || (SCALES.has(w1) && w1.length > 3))) return null;
    group = 1;
    last = L_UNIT;
    j = i + 1;
  }
  for (let guard = 0; guard < 40 && j < c.n; guard++) {
    if (j > i && !c.ok(j)) break;
    if (t.k[j] !== WORD) {
      // "twenty-five"
      if (last === L_TENS && c.isP(j, '-\u2010') && c.glued(j) && c.glued(j + 1) && c.isWord(j + 1)) {
        const u = UNITS.get(c.lw(j + 1));
        if (u !== undefined && u > 0 && u < 10) {
          group += u;
          last = L_UNIT;
          j += 2;
          end = j;
          continue;
        }
      }
      break;
    }
    const w = c.lw(j);
    const u = UNITS.get(w);
    if (u !== undefined) {
      const fits = last === L_NONE || last === L_HUNDRED || last === L_SCALE || last === L_AND ||
        (last === L_TENS && u > 0 && u < 10);
      if (!fits || (u === 0 && last !== L_NONE)) break;
      group += u;
      last = u < 10 ? L_UNIT : L_TEEN;
      end = ++j;
      continue;
    }
    const tens = TENS.get(w);
    if (tens !== undefined) {
      if (!(last === L_NONE || last === L_HUNDRED || last === L_SCALE || last === L_AND)) break;
      group += tens;
      last = L_TENS;
      end = ++j;
      continue;
    }
    if (w === 'hundred') {
      if (!(last === L_UNIT || last === L_TEEN || last === L_TENS) || hasHundred || group <= 0 || group >= 100) break;
      group *= 100;
      hasHundred = true;
      last = L_HUNDRED;
      end = ++j;
      continue;
    }
    const sc = SCALES.get(w);
    if (sc !== undefined && w.length > 3) {
      if (last === L_SCALE && lastScale === 1e3 && sc >= 1e6 && group === 0 && total < 1e6) {
        total *= sc; // "a thousand million"
        lastScale = sc * 1e3;
        end = ++j;
        continue;
      }
      if (group <= 0 || sc >= lastScale || last === L_AND) break;
      total += group * sc;
      group = 0;
      hasHundred = false;
      lastScale = sc;
      last = L_SCALE;
      end = ++j;
      continue;
    }
    if (w === 'dozen') {
      if ((last === L_UNIT || last === L_TEEN) && total === 0 && !hasHundred) {
        group *= 12;
        dozen = true;
        end = ++j;
      }
      break;
    }
    if (w === 'and') {
      // "two and a half million"
      if ((last === L_UNIT || last === L_TEEN || last === L_TENS) && c.isWord(j + 1, 'a') && c.isWord(j + 2, 'half')) {
        const sc3 = c.isWord(j + 3) ? SCALES.get(c.lw(j + 3)) : undefined;
        if (sc3 !== undefined && sc3 >= 1e3 && sc3 < lastScale) {
          total += (group + 0.5) * sc3;
          group = 0;
          hasHundred = false;
          lastScale = sc3;
          last = L_SCALE;
          j += 4;
          end = j;
          continue;
        }
        break;
      }
      if (last === L_HUNDRED || last === L_SCALE) {
        last = L_AND;
        j++;
        continue;
      }
      break;
    }
    break;
  }
  if (end < 0) return null;
  const v = total + group;
  const S = group === 0 && lastScale !== Infinity ? lastScale : 1;
  const [lo, hi] = dozen ? [v - 2, v + 2] : roundInt(v);
  return {
    v,
    lo,
    hi,
    M: v / S,
    P: 1,
    S,
    a: i,
    b: end,
    words: true,
    small: v < 10 && S === 1 && !dozen,
    cap: c.cap(i) && w0 !== 'a' && w0 !== 'an',
    year: false,
  };
}

export interface Frac {
  n: number;
  d: number;
  a: number;
  b: number;
  /** "two-thirds" */
  hyph: boolean;
  /** "thirds", "tenths" */
  plural: boolean;
  /** "half" or "quarter" with no numerator */
  bare: boolean;
}

/** A fraction in words at token i: "a third", "two-thirds", "nine tenths", "half". */
export function fracAt(c: Ctx, i: number): Frac | null {
  if (c.t.k[i] !== WORD) return null;
  const w = c.lw(i);
  let n: number;
  if (w === 'a' || w === 'an') n = 1;
  else {
    const u = UNITS.get(w);
    if (u === undefined || u < 1) {
      if (w === 'half' || w === 'quarter') return { n: 1, d: w === 'half' ? 2 : 4, a: i, b: i + 1, hyph: false, plural: false, bare: true };
      return null;
    }
    n = u;
  }
  let j = i + 1;
  let hyph = false;
  if (c.isP(j, '-\u2010') && c.glued(j) && c.glued(j + 1)) {
    hyph = true;
    j++;
  }
  if (!c.isWord(j)) return null;
  const dw = c.lw(j);
  const d = DENOMINATORS.get(dw);
  if (d === undefined || n >= d) return null;
  const plural = dw.endsWith('s');
  if (n === 1 && plural) return null;
  if (n > 1 && !plural) return null;
  return { n, d, a: i, b: j + 1, hyph, plural, bare: false };
}

/** A fraction of a scale: "half a million", "a quarter of a million", "three-quarters of a million". */
export function fracScale(c: Ctx, i: number): Num | null {
  const f = fracAt(c, i);
  if (!f) return null;
  let j = f.b;
  if (c.isP(j, '-\u2010') && c.glued(j) && c.glued(j + 1)) j++; // "half-million"
  else if (c.isWord(j, 'of')) j++;
  if (c.isWord(j, 'a') || c.isWord(j, 'an') || c.isWord(j, 'one')) j++;
  if (!c.isWord(j)) return null;
  const w = c.lw(j);
  const S = SCALES.get(w);
  if (S === undefined || S < 1e3 || w.length <= 3) return null;
  const v = (f.n * S) / f.d;
  const [lo, hi] = roundInt(v, S / 10);
  return { v, lo, hi, M: f.n / f.d, P: 1, S, a: i, b: j + 1, words: true, small: false, cap: c.cap(i), year: false };
}

/** Any numeral at token i. */
export function num(c: Ctx, i: number, money = false): Num | null {
  if (i >= c.n) return null;
  const k = c.t.k[i];
  if (k === NUM) return digitNum(c, i, money);
  if (k === WORD) return fracScale(c, i) ?? wordNum(c, i);
  return null;
}
