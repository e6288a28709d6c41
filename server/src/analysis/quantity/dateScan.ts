/**
 * The date grammar: "1932–33", "1918-1920", "March 1921", "27 June 1936", "June 27, 1936",
 * "autumn 1917", "the late 1920s", "mid-1950s", "early 1937", "17–18 March 1921", "c. 1900".
 */
import type { Ctx } from './ctx.js';
import {
  MONTHS, PART_MONTHS, PART_YEARS, SEASONS, SEASON_MONTHS, dayNumber, daysInMonth, lastDayOfMonth, yearSpan,
} from './dates.js';
import { COUNT_NOUNS, CURRENCY_SYMBOLS, CURRENCY_WORDS, GLUED_SCALES, PRE_HEDGES, SCALES, YEAR_ATTRIBUTIVES } from './lexicon.js';
import { NUM, PUNCT, WORD } from './tokens.js';
import type { Quantity } from './types.js';

/** A date or part of one, before ranges are put together. */
interface DP {
  lo: number;
  hi: number;
  prec: string;
  /** token after */
  b: number;
  /** the year, when one was written */
  y?: number;
  m?: number;
  d?: number;
  /** a bare year ("1932"), which may be followed by an abbreviated second year ("–33") */
  plainYear?: boolean;
  /** a decade ("1920s"), which may be followed by "–30s" */
  decade?: boolean;
  /** the parts written when no year was: 'd' "17", 'dm' "17 March", 'm' "March", 'md' "March 17" */
  partial?: 'd' | 'dm' | 'm' | 'md';
  approx?: boolean;
  vague?: boolean;
}

export interface Hit {
  q?: Quantity;
  /** token to continue from */
  b: number;
}

const PART_WORDS: ReadonlyMap<string, 'early' | 'mid' | 'late'> = new Map([
  ['early', 'early'], ['mid', 'mid'], ['late', 'late'],
]);
const PART_PHRASES: ReadonlyMap<string, 'early' | 'mid' | 'late'> = new Map([
  ['beginning', 'early'], ['start', 'early'], ['middle', 'mid'], ['end', 'late'],
]);

/** Words that may start a date. Months and "AD" count only when capitalised. */
export function isDateWord(c: Ctx, i: number): boolean {
  const w = c.lw(i);
  if (MONTHS.has(w)) return c.cap(i);
  return SEASONS.has(w) || PART_WORDS.has(w) || PART_PHRASES.has(w) || w === 'between' || w === 'from' ||
    w === 'ad' || w === 'c' || w === 'ca' || w === 'circa' || w === 'around' || w === 'approximately' ||
    w === 'roughly' || w === '~' || w === 'approx';
}

function ordinalEnd(c: Ctx, j: number): number {
  if (c.isWord(j) && c.glued(j)) {
    const w = c.lw(j);
    if (w === 'st' || w === 'nd' || w === 'rd' || w === 'th') return j + 1;
  }
  return j;
}

/** A day of the month 1–31 written in one or two digits. */
function dayAt(c: Ctx, j: number): number {
  if (!c.isNum(j) || c.digitLen(j) > 2) return 0;
  const v = c.intOf(j);
  return v >= 1 && v <= 31 ? v : 0;
}

function monthAt(c: Ctx, j: number): { m: number; b: number } | undefined {
  if (!c.isWord(j) || !c.cap(j)) return undefined;
  const w = c.lw(j);
  const m = MONTHS.get(w);
  if (m === undefined) return undefined;
  let b = j + 1;
  if (w.length <= 4 && w !== 'may' && w !== 'june' && w !== 'july' && c.isP(b, '.') && c.glued(b)) b++;
  return { m, b };
}

/** A bare year 1000–2099, with "AD"/"CE" after it; not a decade ("1930s") or a year glued to letters. */
function yearAt(c: Ctx, j: number): { y: number; b: number } | undefined {
  if (!c.isYear(j)) return undefined;
  const nx = j + 1;
  if (nx < c.n && c.glued(nx) && (c.t.k[nx] === WORD || c.isP(nx, "'\u2019") || c.isNum(nx))) return undefined;
  let b = nx;
  if (c.isWord(b) && c.cap(b) && (c.lw(b) === 'ad' || c.lw(b) === 'ce')) b++;
  return { y: c.intOf(j), b };
}

/** "1930s", "1930's", "1930’s" */
function decadeAt(c: Ctx, j: number): { y: number; b: number } | undefined {
  if (!c.isYear(j)) return undefined;
  const y = c.intOf(j);
  if (y % 10 !== 0) return undefined;
  let k = j + 1;
  if (c.isP(k, "'\u2019") && c.glued(k)) k++;
  if (c.isWord(k, 's') && c.glued(k)) return { y, b: k + 1 };
  return undefined;
}

function dayDP(y: number, m: number, d: number, b: number): DP | undefined {
  if (d > daysInMonth(y, m)) return undefined;
  const n = dayNumber(y, m, d);
  return { lo: n, hi: n, prec: 'day', b, y, m, d };
}

function monthDP(y: number, m: number, b: number): DP {
  return { lo: dayNumber(y, m, 1), hi: lastDayOfMonth(y, m), prec: 'month', b, y, m };
}

function decadeDP(y: number, b: number): DP {
  if (y % 100 === 0) return { lo: dayNumber(y, 1, 1), hi: dayNumber(y + 99, 12, 31), prec: 'years', b, y, vague: true };
  return { lo: dayNumber(y, 1, 1), hi: dayNumber(y + 9, 12, 31), prec: 'decade', b, y, decade: true };
}

/** One date or date part at token j. */
function single(c: Ctx, j: number): DP | undefined {
  if (j >= c.n) return undefined;
  const k = c.t.k[j];
  if (k === NUM) {
    // ISO 1921-03-01
    if (c.isYear(j) && c.isP(j + 1, '-') && c.glued(j + 1) && c.glued(j + 2) && c.isNum(j + 2) && c.digitLen(j + 2) === 2 &&
      c.isP(j + 3, '-') && c.glued(j + 3) && c.glued(j + 4) && c.isNum(j + 4) && c.digitLen(j + 4) === 2) {
      const m = c.intOf(j + 2);
      const d = c.intOf(j + 4);
      if (m >= 1 && m <= 12 && d >= 1) return dayDP(c.intOf(j), m, d, j + 5);
      return undefined;
    }
    const dec = decadeAt(c, j);
    if (dec) return decadeDP(dec.y, dec.b);
    const d = dayAt(c, j);
    if (d) {
      let e = ordinalEnd(c, j + 1);
      if (e > j + 1 && c.isWord(e, 'of')) e++;
      const mo = monthAt(c, e);
      if (mo) {
        let f = mo.b;
        if (c.isP(f, ',')) f++;
        const yr = yearAt(c, f);
        if (yr) return dayDP(yr.y, mo.m, d, yr.b);
        return { lo: 0, hi: 0, prec: 'day', b: mo.b, d, m: mo.m, partial: 'dm' };
      }
      return { lo: 0, hi: 0, prec: 'day', b: e, d, partial: 'd' };
    }
    const yr = yearAt(c, j);
    if (yr) {
      const [lo, hi] = yearSpan(yr.y);
      return { lo, hi, prec: 'year', b: yr.b, y: yr.y, plainYear: true };
    }
    // "800 AD"
    if (c.t.f[j] === 0 && c.digitLen(j) <= 4 && c.isWord(j + 1) && c.cap(j + 1) && (c.lw(j + 1) === 'ad' || c.lw(j + 1) === 'ce')) {
      const y = c.intOf(j);
      if (y >= 1) return { lo: dayNumber(y, 1, 1), hi: dayNumber(y, 12, 31), prec: 'year', b: j + 2, y };
    }
    return undefined;
  }
  if (k !== WORD) return undefined;
  const w = c.lw(j);
  const mo = monthAt(c, j);
  if (mo) {
    const d = dayAt(c, mo.b);
    if (d) {
      let f = ordinalEnd(c, mo.b + 1);
      const afterDay = f;
      if (c.isP(f, ',')) f++;
      const yr = yearAt(c, f);
      if (yr) return dayDP(yr.y, mo.m, d, yr.b);
      return { lo: 0, hi: 0, prec: 'day', b: afterDay, d, m: mo.m, partial: 'md' };
    }
    let f = mo.b;
    if (c.isWord(f, 'of') || c.isP(f, ',')) f++;
    const yr = yearAt(c, f);
    if (yr) return monthDP(yr.y, mo.m, yr.b);
    return { lo: 0, hi: 0, prec: 'month', b: mo.b, m: mo.m, partial: 'm' };
  }
  // "AD 800"
  if (w === 'ad' && c.cap(j) && c.isNum(j + 1) && c.t.f[j + 1] === 0 && c.digitLen(j + 1) <= 4) {
    const y = c.intOf(j + 1);
    if (y >= 1 && !(c.ok(j + 2) && c.glued(j + 2) && c.t.k[j + 2] === WORD)) {
      return { lo: dayNumber(y, 1, 1), hi: dayNumber(y, 12, 31), prec: 'year', b: j + 2, y };
    }
  }
  const season = SEASONS.get(w);
  if (season) {
    let f = j + 1;
    if (c.isWord(f, 'of')) f++;
    const yr = yearAt(c, f);
    if (!yr) return undefined;
    if (season === 'winter') {
      // "winter of 1941–42": December to February; "winter 1941": either end of 1941, so January 1941 to February 1942
      const nx = nextYearAfter(c, yr.b, yr.y);
      if (nx) return { lo: dayNumber(yr.y, 12, 1), hi: lastDayOfMonth(yr.y + 1, 2), prec: 'season', b: nx };
      return { lo: dayNumber(yr.y, 1, 1), hi: lastDayOfMonth(yr.y + 1, 2), prec: 'season', b: yr.b, approx: true };
    }
    const [m1, m2] = SEASON_MONTHS[season];
    return { lo: dayNumber(yr.y, m1, 1), hi: lastDayOfMonth(yr.y, m2), prec: 'season', b: yr.b, y: yr.y };
  }
  let part = PART_WORDS.get(w);
  let f = j + 1;
  if (!part) {
    part = PART_PHRASES.get(w);
    if (!part || !c.isWord(f, 'of')) return undefined;
    f++;
    if (c.isWord(f, 'the')) f++;
  } else if (c.isP(f, '-\u2010') && c.glued(f) && c.glued(f + 1)) f++;
  if (part) {
    const dec = decadeAt(c, f);
    if (dec && dec.y % 100 !== 0) {
      const [a, z] = PART_YEARS[part];
      return { lo: dayNumber(dec.y + a, 1, 1), hi: dayNumber(dec.y + z, 12, 31), prec: 'decade', b: dec.b, approx: true };
    }
    if (c.isWord(f - 1, 'the')) return undefined;
    const yr = yearAt(c, f);
    if (yr && !yearCount(c, f, yr.b, yr.y % 10 === 0, false)) {
      const [m1, m2] = PART_MONTHS[part];
      return { lo: dayNumber(yr.y, m1, 1), hi: lastDayOfMonth(yr.y, m2), prec: 'season', b: yr.b, approx: true };
    }
    return undefined;
  }
  return undefined;
}

/** "–42" or "–1942" after a year: the following year written after a dash or slash. */
function nextYearAfter(c: Ctx, j: number, y: number): number | undefined {
  if (!(c.isDash(j) || (c.isP(j, '/') && c.glued(j)))) return undefined;
  const k = j + 1;
  if (!c.isNum(k)) return undefined;
  const len = c.digitLen(k);
  const v = c.intOf(k);
  if (len === 4 && v === y + 1) return k + 1;
  if (len === 2 && v === (y + 1) % 100) return k + 1;
  if (len === 1 && v === (y + 1) % 10) return k + 1;
  return undefined;
}

/** What follows a number shows it is a count or a share whatever its value: a scale, a percent sign, a currency. */
function strongCount(c: Ctx, b: number): boolean {
  if (!c.ok(b)) return false;
  if (c.t.k[b] === PUNCT) return c.isP(b, '%');
  if (c.t.k[b] !== WORD) return false;
  const w = c.lw(b);
  if (c.glued(b)) return GLUED_SCALES.has(w);
  if (SCALES.has(w) || w === 'percent' || CURRENCY_WORDS.has(w)) return true;
  return w === 'per' && c.isWord(b + 1, 'cent');
}

/** Words before a four-digit number that make it a year: "in 1917 people …". */
const TEMPORAL: ReadonlySet<string> = new Set([
  'in', 'since', 'by', 'until', 'till', 'during', 'from', 'after', 'before', 'circa', 'c', 'ca', 'year', 'early',
  'late', 'mid', 'spring', 'summer', 'autumn', 'winter', 'fall', 'through', 'into', 'throughout', 'following',
  'as', 'when', 'ad', 'on', 'at',
]);

/** Words before a four-digit number that make a following noun count it: "some 1500 delegates". */
const COUNTISH: ReadonlySet<string> = new Set([
  'some', 'about', 'around', 'over', 'nearly', 'almost', 'roughly', 'approximately', 'than', 'least', 'most',
  'estimated', 'only', 'another', 'additional', 'extra', 'with', 'were', 'had', 'lost',
]);

/**
 * Whether a four-digit number 1000–2099 (or a range of them) before token b is a count rather than a year:
 * "1500 delegates", "1,500 people", "some 1917 people" are counts; "the 1936 elections", "in 1917 people",
 * "the 1917 revolutionaries" are years. `a` is the number's first token, `round` whether it (or either end
 * of a range) is a multiple of ten, `hedged` whether a hedge came before it.
 */
export function yearCount(c: Ctx, a: number, b: number, round: boolean, hedged: boolean): boolean {
  if (strongCount(c, b)) return true;
  if (!c.ok(b) || c.t.k[b] !== WORD || c.glued(b) || c.cap(b)) return false;
  const prev = a > 0 && c.ok(a) && c.t.k[a - 1] === WORD ? c.lw(a - 1) : '';
  if (TEMPORAL.has(prev)) return false;
  const countish = hedged || COUNTISH.has(prev);
  const w = c.lw(b);
  if (YEAR_ATTRIBUTIVES.has(w) && !COUNT_NOUNS.has(w)) return false;
  const listed = COUNT_NOUNS.has(w) ||
    (/(?:ed|al|ian|ish|ive|ese|ary|ous)$/.test(w) && c.isWord(b + 1) && COUNT_NOUNS.has(c.lw(b + 1)));
  if (listed) return round || countish || prev !== 'the';
  return isPluralShape(w) && (round || countish);
}

function isPluralShape(w: string): boolean {
  const n = w.length;
  if (n < 4 || w.charCodeAt(n - 1) !== 115) return false; // 's'
  const p = w.charCodeAt(n - 2);
  return p !== 115 && p !== 117 && p !== 105; // not -ss, -us, -is
}

function widen(dp: { lo: number; hi: number }, prec: string, y?: number): [number, number] {
  if (prec === 'year' && y !== undefined) {
    const r = y % 10 === 0 ? 5 : 2;
    return [dayNumber(y - r, 1, 1), dayNumber(y + r, 12, 31)];
  }
  const pad = prec === 'day' ? 7 : prec === 'month' || prec === 'season' ? 31 : 2 * 365;
  return [dp.lo - pad, dp.hi + pad];
}

/** A date phrase starting at token i, or a day-month without a year to skip, or undefined. */
export function dateAt(c: Ctx, i: number): Hit | undefined {
  let j = i;
  let qualifier: string | undefined;
  const h = c.hedgeAt(PRE_HEDGES, i, true);
  if (h) {
    if (!h.h.date) return undefined;
    qualifier = c.phraseOf(i, h.b);
    j = h.b;
    if (!c.ok(j)) return undefined;
  }
  let lead = '';
  const w = c.t.k[j] === WORD ? c.lw(j) : '';
  if (w === 'between' || w === 'from') {
    lead = w;
    j++;
  }
  if (j !== i && !c.ok(j)) return undefined;
  const p1 = single(c, j);
  if (!p1) return undefined;
  let k = p1.b;
  let conn = false;
  if (lead === 'between') conn = c.isWord(k, 'and');
  else if (lead === 'from') conn = c.isWord(k, 'to') || c.isWord(k, 'until') || c.isWord(k, 'till') || c.isDash(k);
  else conn = c.isDash(k) || c.isWord(k, 'to') || (c.isP(k, '/') && c.glued(k) && c.glued(k + 1)) ||
    (p1.plainYear === true && c.isWord(k, 'or'));
  let res: DP | undefined;
  let range = false;
  if (conn) {
    res = joinRange(c, p1, k + 1);
    range = res !== undefined;
  }
  if (!res) {
    if (lead) return undefined;
    if (p1.partial) {
      // a day or days of a month with no year: "17 March", "17–18 March", "March 17–18" say nothing we can place
      if (conn && (p1.partial === 'd' || p1.partial === 'md')) {
        const p2 = single(c, k + 1);
        if (p2?.partial === 'dm' && p1.partial === 'd') return { b: p2.b };
        if (p2?.partial === 'd' && p1.partial === 'md') return { b: p2.b };
      }
      return p1.partial === 'dm' || p1.partial === 'md' ? { b: p1.b } : undefined;
    }
    res = p1;
  }
  // a year followed by a counted noun or a scale is a count: "1500 delegates", "1200–1500 people"
  const abbreviated = range && res.plainYear === true && c.digitLen(res.b - 1) <= 2;
  if ((p1.plainYear || res.plainYear) && !abbreviated && yearCount(c, j, res.b, (p1.y ?? 1) % 10 === 0 || (res.y ?? 1) % 10 === 0, false)) return undefined;
  if (i > 0 && c.glued(i) && c.t.k[i - 1] === PUNCT && CURRENCY_SYMBOLS.has(c.text[c.t.s[i - 1]!]!)) return undefined;
  let lo = res.lo;
  let hi = res.hi;
  let hedge: Quantity['hedge'] = range ? 'range' : res.approx || p1.approx ? 'approx' : res.vague ? 'vague' : 'exact';
  const prec = range && p1.plainYear ? 'years' : range && p1.decade ? 'decade' : res.prec;
  if (qualifier) {
    [lo, hi] = widen({ lo, hi }, range ? 'range' : prec, range ? undefined : res.y);
    if (!range) hedge = 'approx';
  }
  const q = c.make('date', lo, hi, hedge, i, res.b);
  q.precision = prec;
  if (qualifier) q.qualifier = qualifier;
  return { q, b: res.b };
}

/** The second half of a date range at token k, joined with the first. */
function joinRange(c: Ctx, p1: DP, k: number): DP | undefined {
  if (!c.ok(k)) return undefined;
  // "1932-3", "1932–33", "1918–20", "1932/33"
  if (p1.plainYear && p1.y !== undefined && c.isNum(k) && c.digitLen(k) <= 2 && c.t.f[k] === 0 &&
    !(c.ok(k + 1) && c.glued(k + 1) && (c.t.k[k + 1] === WORD || c.isP(k + 1, "'\u2019")))) {
    const len = c.digitLen(k);
    const v = c.intOf(k);
    const y2 = len === 1 ? Math.floor(p1.y / 10) * 10 + v : Math.floor(p1.y / 100) * 100 + v;
    if (y2 > p1.y) return { lo: p1.lo, hi: dayNumber(y2, 12, 31), prec: 'years', b: k + 1, plainYear: true, y: y2 };
    // "1921-03": an ISO month
    if (len === 2 && v >= 1 && v <= 12 && c.glued(k) && c.isP(k - 1, '-') && c.glued(k - 1)) {
      const m = monthDP(p1.y, v, k + 1);
      return { ...m, plainYear: false };
    }
    return undefined;
  }
  // "1920s–30s"
  if (p1.decade && p1.y !== undefined && c.isNum(k) && c.digitLen(k) === 2 && c.glued(k + 1) && c.isWord(k + 1, 's')) {
    const y2 = Math.floor(p1.y / 100) * 100 + c.intOf(k);
    if (y2 > p1.y && y2 % 10 === 0) return { lo: p1.lo, hi: dayNumber(y2 + 9, 12, 31), prec: 'decade', b: k + 2, decade: true };
    return undefined;
  }
  // "March 17–18, 1921"
  if (p1.partial === 'md' && p1.m !== undefined && p1.d !== undefined) {
    const d2 = dayAt(c, k);
    if (d2 > p1.d) {
      let f = ordinalEnd(c, k + 1);
      if (c.isP(f, ',')) f++;
      const yr = yearAt(c, f);
      if (yr) {
        const a = dayDP(yr.y, p1.m, p1.d, yr.b);
        const z = dayDP(yr.y, p1.m, d2, yr.b);
        if (a && z) return { lo: a.lo, hi: z.hi, prec: 'day', b: yr.b };
        return undefined;
      }
    }
  }
  const p2 = single(c, k);
  if (!p2 || p2.partial) return undefined;
  if (p1.partial) {
    if (p2.y === undefined) return undefined;
    let lo: number;
    if (p1.partial === 'd') {
      if (p2.prec !== 'day' || p2.m === undefined || p2.d === undefined || p1.d === undefined || p1.d >= p2.d) return undefined;
      lo = dayNumber(p2.y, p2.m, p1.d);
    } else if (p1.partial === 'dm' || p1.partial === 'md') {
      if (p2.prec !== 'day' || p1.m === undefined || p1.d === undefined || p1.d > daysInMonth(p2.y, p1.m)) return undefined;
      lo = dayNumber(p2.y, p1.m, p1.d);
    } else {
      if (p1.m === undefined || (p2.prec !== 'month' && p2.prec !== 'day')) return undefined;
      lo = dayNumber(p2.y, p1.m, 1);
    }
    if (lo >= p2.lo) return undefined;
    return { lo, hi: p2.hi, prec: p2.prec, b: p2.b };
  }
  if (p2.lo <= p1.lo || p2.hi <= p1.hi) return undefined;
  if (p1.plainYear && !p2.plainYear) return undefined;
  const joined: DP = { lo: p1.lo, hi: p2.hi, prec: p1.prec, b: p2.b, plainYear: p1.plainYear && p2.plainYear, y: p2.y };
  // "from late 1917 to 1921–22": the second year may itself be a span
  if (p2.plainYear && p2.y !== undefined && c.isDash(p2.b)) {
    const more = joinRange(c, p2, p2.b + 1);
    if (more && more.plainYear && c.digitLen(more.b - 1) <= 2) {
      joined.hi = more.hi;
      joined.b = more.b;
    }
  }
  return joined;
}
