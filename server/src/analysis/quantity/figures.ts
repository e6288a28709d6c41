/**
 * The figure grammar: counts and shares with their hedges, ranges, vague quantities, percentages,
 * fractions, rates and sums of money.
 */
import type { Ctx } from './ctx.js';
import { yearCount, type Hit } from './dateScan.js';
import {
  CHANGE_VERBS, CURRENCY_SYMBOLS, CURRENCY_WORDS, PLURAL_SCALES, POST_HEDGES, PRE_HEDGES, SHARE_FOLLOWERS,
  TENS, TIME_NOUNS, UNITS, VAGUE_SCALES, type HedgeEntry,
} from './lexicon.js';
import { digitNum, fracAt, fracScale, num, trailingZeros, wordNum, type Frac, type Num } from './numbers.js';
import { F_DEC, NUM, PUNCT, WORD } from './tokens.js';
import type { Hedge } from './types.js';

interface Core {
  kind: 'count' | 'share';
  lo: number;
  hi: number;
  hedge: 'exact' | 'approx' | 'range' | 'vague';
  /** the stated value, when there is one */
  x?: number;
  /** where the phrase starts, when not where the core was sought ("from 5" after "rose") */
  a?: number;
  b: number;
  unit?: 'currency' | 'percent';
  currency?: string;
  /** consume these tokens and report nothing ("200 percent", "123–45") */
  skip?: boolean;
  /** written with a scale word ("7 million") */
  scaled?: boolean;
}

const skip = (b: number): Core => ({ kind: 'count', lo: 0, hi: 0, hedge: 'exact', b, skip: true });

const HALF_BLOCKERS: ReadonlySet<string> = new Set([
  'the', 'first', 'second', 'latter', 'other', 'a', 'one', 'and', 'last', 'third', 'final', 'earlier', 'later',
  'each', 'every', 'better', 'bottom', 'top', 'northern', 'southern', 'eastern', 'western',
]);
const HALF_FOLLOWERS: ReadonlySet<string> = new Set([
  'of', 'the', 'its', 'their', 'his', 'her', 'our', 'all', 'these', 'those', 'them', 'this', 'that', 'were',
  'was', 'died', 'perished', 'survived', 'had', 'have', 'are', 'is', 'voted', 'lived',
]);
const VAGUE_BRIDGES: ReadonlySet<string> = new Set(['perhaps', 'possibly', 'maybe', 'probably', 'or', 'if', 'not', 'even', 'and']);

const FIGURE_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'half', 'quarter', 'between', 'from', 'several', 'many', 'countless', 'numerous', 'tens',
]);

/** Whether a word token may start a figure. */
export function isFigureWord(c: Ctx, i: number): boolean {
  const w = c.lw(i);
  return FIGURE_WORDS.has(w) || PLURAL_SCALES.has(w) || UNITS.has(w) || TENS.has(w) ||
    c.hedgeAt(PRE_HEDGES, i, true) !== undefined;
}

function prevIsWord(c: Ctx, a: number): boolean {
  return a > 0 && c.ok(a) && c.t.k[a - 1] === WORD;
}

function currencySymbolAt(c: Ctx, j: number): string | undefined {
  if (j >= c.n || c.t.k[j] !== PUNCT) return undefined;
  const code = CURRENCY_SYMBOLS.get(c.text[c.t.s[j]!]!);
  return code !== undefined && c.glued(j + 1) && c.isNum(j + 1) ? code : undefined;
}

function currencyWordAt(c: Ctx, k: number): { code: string; b: number } | undefined {
  if (!c.isWord(k)) return undefined;
  if ((c.lw(k) === 'gold' || c.lw(k) === 'paper') && c.isWord(k + 1) && CURRENCY_WORDS.has(c.lw(k + 1))) k++;
  const w = c.lw(k);
  const code = CURRENCY_WORDS.get(w);
  if (code === undefined) return undefined;
  if ((w === 'pounds' || w === 'marks') && c.isWord(k + 1, 'of')) return undefined;
  return { code, b: k + 1 };
}

/** "%", "percent", "per cent"; points: "percentage points" (a difference, not a share). */
function percentAt(c: Ctx, k: number): { e: number; points?: boolean } | undefined {
  if (c.isP(k, '%')) return { e: k + 1 };
  if (c.isWord(k, 'percent') || c.isWord(k, 'pct')) {
    if (c.isWord(k + 1, 'points')) return { e: k + 2, points: true };
    return { e: k + 1 };
  }
  if (c.isWord(k, 'per') && c.isWord(k + 1, 'cent')) return { e: k + 2 };
  if (c.isWord(k, 'percentage') && (c.isWord(k + 1, 'points') || c.isWord(k + 1, 'point'))) return { e: k + 2, points: true };
  return undefined;
}

/** The same numeral as if `S` had been written after it: "5" in "from 5 to 7 million". */
function rescale(n: Num, S: number): Num {
  const M = n.M;
  const U = Number.isInteger(M) && n.P === 1 ? 10 ** trailingZeros(M) : 1;
  return { ...n, S, v: (M * S) / n.P, lo: Math.max(0, ((2 * M - U) * S) / (2 * n.P)), hi: ((2 * M + U) * S) / (2 * n.P), year: false, small: false };
}

/** A figure phrase starting at token i. */
export function figureAt(c: Ctx, i: number): Hit | undefined {
  let j = i;
  let pre: HedgeEntry | undefined;
  const h1 = c.hedgeAt(PRE_HEDGES, i, true);
  if (h1) {
    pre = h1.h;
    j = h1.b;
    const h2 = c.hedgeAt(PRE_HEDGES, j, false);
    if (h2) {
      if (h2.h.kind !== 'approx' || pre.kind === 'approx') pre = h2.h;
      j = h2.b;
    }
    if (!c.ok(j)) return undefined;
  }
  const preEnd = j;
  const currency = currencySymbolAt(c, j);
  if (currency !== undefined) j++;
  const core = coreAt(c, j, i, currency, pre !== undefined);
  if (!core) return undefined;
  if (core.skip) return { b: core.b };
  // a compound adjective, not a figure: "a 5-year plan", "the twenty-year treaty", "the 1,000-page report"
  const nb = core.b;
  if (core.kind === 'count' && !core.scaled && core.hedge !== 'vague' && c.isP(nb, '-\u2010') && c.glued(nb) && c.glued(nb + 1) && c.isWord(nb + 1)) {
    return { b: nb + 2 };
  }
  let b = core.b;
  let post: { h: HedgeEntry; a: number; b: number } | undefined;
  const ph = c.hedgeAt(POST_HEDGES, b, false);
  if (ph && !(ph.h.words[0] === 'plus' && num(c, ph.b) !== null)) post = { h: ph.h, a: b, b: ph.b };
  else if (c.isP(b, '+') && c.glued(b)) post = { h: { words: ['+'], kind: 'lower' }, a: b, b: b + 1 };
  // a hedge before the figure wins over one after it, unless it only says "about"
  const h = pre && pre.kind !== 'approx' ? pre : post?.h ?? pre;
  if (post && h === post.h) b = post.b;
  else post = undefined;
  const { lo, hi, hedge } = applyHedge(core, h);
  const start = pre || currency !== undefined ? i : core.a ?? i;
  const q = c.make(core.kind, lo, hi, hedge, start, b);
  if (core.x !== undefined) q.value = core.x;
  if (core.unit) q.unit = core.unit;
  if (core.currency) q.currency = core.currency;
  // the words of the hedge that decided the interval ("3 million or more" even after "about")
  if (post) q.qualifier = c.phraseOf(post.a, post.b);
  else if (pre) q.qualifier = c.phraseOf(i, preEnd);
  return { q, b };
}

function applyHedge(core: Core, h: HedgeEntry | undefined): { lo: number; hi: number; hedge: Hedge } {
  const share = core.kind === 'share';
  const cap = share ? 1 : Infinity;
  const { lo, hi } = core;
  const x = core.x;
  if (!h) return { lo, hi, hedge: core.hedge };
  const wide = core.hedge === 'range' || core.hedge === 'vague' || x === undefined;
  // Widening is relative to the figure; for a share, to its distance from the nearer end ("about 90%" is 85–95%).
  const rel = (v: number): number => (share ? Math.min(v, 1 - v) : v);
  switch (h.kind) {
    case 'upper':
      return { lo: 0, hi: wide ? hi : x, hedge: 'upper' };
    case 'lower':
      return { lo: wide ? lo : x, hi: cap, hedge: 'lower' };
    case 'approx':
      if (core.hedge === 'vague') return { lo, hi, hedge: 'vague' };
      if (wide) return { lo: lo - rel(lo) / 4, hi: Math.min(cap, hi + rel(hi) / 4), hedge: core.hedge };
      return { lo: Math.max(0, Math.min(lo, x - rel(x) / 4)), hi: Math.min(cap, Math.max(hi, x + rel(x) / 4)), hedge: 'approx' };
    case 'near':
      if (wide) return { lo, hi, hedge: core.hedge };
      return { lo: x - rel(x) / 5, hi: x, hedge: 'approx' };
    case 'justUnder':
      if (wide) return { lo, hi, hedge: core.hedge };
      return { lo: x - rel(x) / 10, hi: x, hedge: 'approx' };
    case 'justOver':
      if (wide) return { lo, hi, hedge: core.hedge };
      return { lo: x, hi: Math.min(cap, x + rel(x) / 10), hedge: 'approx' };
  }
}

function coreAt(c: Ctx, j: number, start: number, currency: string | undefined, hedged: boolean): Core | undefined {
  if (j >= c.n) return undefined;
  const k0 = c.t.k[j];
  if (k0 === NUM) {
    const n = digitNum(c, j, currency !== undefined);
    return n ? afterNum(c, n, currency, hedged) : undefined;
  }
  if (k0 !== WORD || currency !== undefined) return undefined;
  const w = c.lw(j);
  if (w === 'between' || w === 'from') return rangeForm(c, j, hedged);
  const v = vagueAt(c, j, start);
  if (v) return v;
  if (w === 'half' && !c.isWord(j + 1, 'a') && !c.isWord(j + 1, 'an')) return halfShare(c, j, start, hedged);
  const fs = fracScale(c, j);
  if (fs) return afterNum(c, fs, undefined, hedged);
  const f = fracAt(c, j);
  if (f) return fracShare(c, f, hedged);
  const n = wordNum(c, j);
  return n ? afterNum(c, n, undefined, hedged) : undefined;
}

/** What may follow a numeral: a share ("one in five"), a percentage, a range, a rate, a currency, a noun. */
function afterNum(c: Ctx, n1: Num, currency: string | undefined, hedged: boolean, noRange = false): Core | undefined {
  const sh = inShare(c, n1);
  if (sh) return sh;
  let k = n1.b;
  const pct = percentAt(c, k);
  if (pct?.points) return skip(pct.e);
  if (pct) k = pct.e;
  const r = noRange ? undefined : rangeAfter(c, n1, k, pct !== undefined, currency, hedged);
  if (r) return r;
  if (pct) {
    if (n1.v > 100) return skip(k);
    let { lo, hi } = n1;
    if (hi - lo > 10) [lo, hi] = [n1.v - 5, n1.v + 5]; // "100%" means all, give or take a little
    return {
      kind: 'share', lo: Math.max(0, lo / 100), hi: Math.min(1, hi / 100), x: n1.v / 100,
      hedge: lo === hi ? 'exact' : 'approx', b: k, unit: 'percent',
    };
  }
  const rate = perRate(c, n1, k);
  if (rate) return rate;
  const cw = currencyWordAt(c, k);
  if (cw) {
    currency = cw.code;
    k = cw.b;
  }
  if (n1.year && currency === undefined && !yearCount(c, n1.a, k, n1.v % 10 === 0, hedged)) return undefined;
  if (!c.phrase && n1.S === 1) {
    if (n1.small) return undefined;
    if (n1.words && n1.cap && prevIsWord(c, n1.a)) return undefined;
    // Title Case names: "the Twenty-One Conditions", "Ten Days That Shook the World"
    if (n1.words && n1.cap && c.isWord(n1.b) && c.cap(n1.b)) return undefined;
  }
  const core: Core = {
    kind: 'count', lo: n1.lo, hi: n1.hi, hedge: n1.lo === n1.hi ? 'exact' : 'approx', x: n1.v, b: k, scaled: n1.S > 1,
  };
  if (currency !== undefined) {
    core.unit = 'currency';
    core.currency = currency;
  }
  return core;
}

/** "one in five", "1 in 14", "two out of three" */
function inShare(c: Ctx, n1: Num): Core | undefined {
  const k = n1.b;
  let m: number;
  let outOf = false;
  if (c.isWord(k, 'in')) m = k + 1;
  else if (c.isWord(k, 'out') && c.isWord(k + 1, 'of')) {
    m = k + 2;
    outOf = true;
  } else return undefined;
  if (n1.S !== 1 || n1.v < 1 || !Number.isInteger(n1.v) || n1.year) return undefined;
  if (!outOf && n1.v !== 1 && !n1.words) return undefined;
  if (c.isWord(m, 'every')) m++;
  if (!c.ok(m)) return undefined;
  const n2 = num(c, m);
  if (!n2 || n2.year || n2.v <= n1.v || (c.isWord(n2.b) && TIME_NOUNS.has(c.lw(n2.b)))) return undefined;
  if (percentAt(c, n2.b)) return undefined;
  const r = Math.max(0.5, 0.05 * n2.v);
  return {
    kind: 'share', lo: n1.v / (n2.v + r), hi: Math.min(1, n1.v / (n2.v - r)), x: n1.v / n2.v, hedge: 'approx', b: n2.b,
  };
}

/** "30 per 1,000", "5 per thousand" */
function perRate(c: Ctx, n1: Num, k: number): Core | undefined {
  if (!c.isWord(k, 'per')) return undefined;
  const m = k + 1;
  let d: number;
  let e: number;
  const w = c.isWord(m) ? c.lw(m) : '';
  if (w === 'thousand' || w === 'hundred' || w === 'million') {
    d = w === 'hundred' ? 100 : w === 'thousand' ? 1e3 : 1e6;
    e = m + 1;
  } else {
    const n2 = c.ok(m) ? num(c, m) : null;
    if (!n2 || n2.v < 10 || n2.year) return undefined;
    d = n2.v;
    e = n2.b;
  }
  if (n1.hi / d > 1) return undefined;
  return { kind: 'share', lo: n1.lo / d, hi: n1.hi / d, x: n1.v / d, hedge: n1.lo === n1.hi ? 'exact' : 'approx', b: e };
}

/** A range after the first numeral: "5–7 million", "5 to 7 million", "5 or 6 million", "5%–10%". */
function rangeAfter(c: Ctx, n1: Num, k: number, pct1: boolean, currency: string | undefined, hedged: boolean): Core | undefined {
  if (!(c.isDash(k) || c.isWord(k, 'to') || c.isWord(k, 'or'))) return undefined;
  return finishRange(c, n1, pct1, k + 1, currency, hedged);
}

function finishRange(c: Ctx, n1: Num, pct1: boolean, m: number, currency: string | undefined, hedged: boolean): Core | undefined {
  if (!c.ok(m)) return undefined;
  const sym = currencySymbolAt(c, m);
  if (sym !== undefined) {
    currency ??= sym;
    m++;
  }
  const n2 = num(c, m, currency !== undefined);
  if (!n2) return undefined;
  let e = n2.b;
  const pct2 = percentAt(c, e);
  if (pct2?.points) return skip(pct2.e);
  if (pct2) e = pct2.e;
  const isPct = pct1 || pct2 !== undefined;
  const cw = isPct ? undefined : currencyWordAt(c, e);
  if (cw) {
    currency = cw.code;
    e = cw.b;
  }
  let lo = n1.v;
  const hi = n2.v;
  if (n1.S === 1 && n2.S > 1 && n1.M / n1.P < n2.M / n2.P) lo = (n1.M * n2.S) / n1.P;
  else if (
    n1.S === 1 && n2.S === 1 && Number.isInteger(n1.v) && n1.v < 1000 && n2.v % 1000 === 0 &&
    n1.v * 1000 < n2.v && n1.v * 1000 > n2.v / 10 && (c.t.f[n1.a]! & F_DEC) === 0
  ) lo = n1.v * 1000; // "10–12,000"
  if (
    (n1.year || n2.year) && n1.S === 1 && n2.S === 1 && !isPct && currency === undefined &&
    !yearCount(c, n1.a, e, n1.v % 10 === 0 || n2.v % 10 === 0, hedged)
  ) return undefined;
  if (!c.phrase && n1.small && n2.small && n2.S === 1 && !isPct) return undefined;
  if (!(lo < hi)) return skip(e);
  if (isPct) {
    if (hi > 100) return skip(e);
    return { kind: 'share', lo: lo / 100, hi: hi / 100, hedge: 'range', b: e, unit: 'percent' };
  }
  const core: Core = { kind: 'count', lo, hi, hedge: 'range', b: e, scaled: n2.S > 1 };
  if (currency !== undefined) {
    core.unit = 'currency';
    core.currency = currency;
  }
  return core;
}

/** "between 5 and 7 million", "from 5 to 7 million"; after a verb of change ("rose from 5 to 7 million") only the first figure. */
function rangeForm(c: Ctx, j: number, hedged: boolean): Core | undefined {
  const lead = c.lw(j);
  let m = j + 1;
  if (!c.ok(m)) return undefined;
  const currency = currencySymbolAt(c, m);
  if (currency !== undefined) m++;
  const n1 = num(c, m, currency !== undefined);
  if (!n1) return undefined;
  let k = n1.b;
  const pct1 = percentAt(c, k);
  if (pct1) k = pct1.e;
  const connOk = lead === 'between' ? c.isWord(k, 'and') : c.isWord(k, 'to') || c.isDash(k);
  if (!connOk) return undefined;
  if (lead === 'from' && j > 0 && c.isWord(j - 1) && CHANGE_VERBS.has(c.lw(j - 1))) {
    const n2 = num(c, k + 1, currency !== undefined);
    let one = n1;
    if (n2 && n1.S === 1 && n2.S > 1 && n1.M / n1.P < n2.M / n2.P) one = rescale(n1, n2.S);
    const core = afterNum(c, one, currency, hedged, true);
    if (!core || core.skip) return core;
    core.a = n1.a;
    return core;
  }
  return finishRange(c, n1, pct1 !== undefined, k + 1, currency, hedged);
}

/** "half of the delegates", "more than half"; not "the second half", "half-hearted", "half a century". */
function halfShare(c: Ctx, j: number, start: number, hedged: boolean): Core | undefined {
  if (c.isP(j + 1, '-\u2010') && c.glued(j + 1)) return undefined;
  const prev = start - 1;
  if (!hedged && prev >= 0 && c.ok(start) && c.t.k[prev] === WORD && HALF_BLOCKERS.has(c.lw(prev))) return undefined;
  const follows = c.isWord(j + 1) && HALF_FOLLOWERS.has(c.lw(j + 1));
  if (!(hedged || follows || c.phrase)) return undefined;
  return { kind: 'share', lo: 0.45, hi: 0.55, x: 0.5, hedge: 'approx', b: j + 1 };
}

/** "two-thirds", "nine-tenths", "a third of", "one fifth were"; not "a third party". */
function fracShare(c: Ctx, f: Frac, hedged: boolean): Core | undefined {
  if (f.bare) return undefined;
  if (!(f.hyph || f.plural)) {
    const nx = f.b;
    const fits = hedged || c.phrase || !c.ok(nx) || (c.t.k[nx] === PUNCT && !c.isP(nx, '-\u2010')) ||
      (c.isWord(nx) && SHARE_FOLLOWERS.has(c.lw(nx)));
    if (!fits) return undefined;
  }
  const v = f.n / f.d;
  const w = Math.min(1 / (2 * f.d), 0.05);
  return { kind: 'share', lo: Math.max(0, v - w), hi: Math.min(1, v + w), x: v, hedge: 'approx', b: f.b };
}

/** "several million", "a few thousand", "millions", "tens of millions", "hundreds of thousands", "tens, perhaps hundreds of thousands". */
function vagueAt(c: Ctx, j: number, start: number): Core | undefined {
  const w = c.lw(j);
  const vague = (lo: number, hi: number, b: number): Core => {
    const core: Core = { kind: 'count', lo, hi, hedge: 'vague', b };
    if (c.isWord(b, 'of')) {
      const cw = currencyWordAt(c, b + 1);
      if (cw) {
        core.unit = 'currency';
        core.currency = cw.code;
        core.b = cw.b;
      }
    }
    return core;
  };
  const pluralAt = (k: number): number | undefined => (c.isWord(k) ? PLURAL_SCALES.get(c.lw(k)) : undefined);
  const mult = w === 'tens' ? 10 : w === 'hundreds' ? 100 : w === 'thousands' ? 1000 : 0;
  if (mult) {
    if (c.isWord(j + 1, 'of')) {
      const S = pluralAt(j + 2);
      if (S !== undefined && S >= 1000) return vague(mult * S, (10 * mult - 1) * S, j + 3);
    }
    if (w === 'tens') {
      let k = j + 1;
      if (c.isP(k, ',')) k++;
      let bridges = 0;
      while (bridges < 3 && c.isWord(k) && VAGUE_BRIDGES.has(c.lw(k))) {
        k++;
        bridges++;
      }
      if (bridges > 0 && c.isWord(k, 'hundreds') && c.isWord(k + 1, 'of')) {
        const S = pluralAt(k + 2);
        if (S !== undefined && S >= 1000) return vague(10 * S, 999 * S, k + 3);
      }
      return undefined;
    }
  }
  let k = -1;
  let sort = '';
  if (w === 'several') [k, sort] = [j + 1, 'several'];
  else if (w === 'a' && c.isWord(j + 1, 'few')) [k, sort] = [j + 2, 'few'];
  else if (w === 'many' || w === 'countless' || w === 'numerous') [k, sort] = [j + 1, 'many'];
  if (k > 0) {
    if (!c.isWord(k)) return undefined;
    let S = VAGUE_SCALES.get(c.lw(k));
    let e = k + 1;
    if (S !== undefined) {
      const S2 = c.isWord(e) ? VAGUE_SCALES.get(c.lw(e)) : undefined;
      if (S2 !== undefined && S2 >= 1000 && S2 > S) {
        S *= S2;
        e++;
      }
    } else {
      S = pluralAt(k);
      if (S === undefined) return undefined;
    }
    if (sort === 'several') return vague(2 * S, (99 * S) / 10, e);
    if (sort === 'few') return vague(2 * S, 5 * S, e);
    return vague(2 * S, Infinity, e);
  }
  const S = PLURAL_SCALES.get(w);
  if (S !== undefined) {
    if (c.cap(j) && prevIsWord(c, start) && !c.phrase) return undefined;
    let e = j + 1;
    if (c.isWord(e, 'upon') && c.isWord(e + 1, w)) e += 2;
    return vague(2 * S, Infinity, e);
  }
  return undefined;
}
