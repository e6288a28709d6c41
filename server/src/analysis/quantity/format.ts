/** Renders quantities for people: "3.5 million", "1932–33", "between 5 and 7 million", "at least 3 million". */
import { MONTH_NAMES, civilOfDay, isoOfDay } from './dates.js';
import { POST_HEDGES } from './lexicon.js';
import type { Quantity } from './types.js';

const BIG: readonly [number, string][] = [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']];

function trim(x: number, digits: number): string {
  return String(Number(x.toFixed(digits)));
}

function group(n: number): string {
  const neg = n < 0;
  const s = String(Math.abs(Math.round(n)));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return (neg ? '-' : '') + out;
}

/** 2468524 → "2,468,524"; 3500000 → "3.5 million"; 12.5 → "12.5". */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '?';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  const ax = Math.abs(x);
  for (const [S, name] of BIG) {
    if (ax >= S) {
      const m = x / S;
      if (Math.abs(Number(m.toFixed(3)) - m) < 1e-9 * Math.max(1, Math.abs(m))) return `${trim(m, 3)} ${name}`;
      break;
    }
  }
  if (Number.isInteger(x)) return group(x);
  if (ax >= 1000) return group(x);
  return trim(x, 3);
}

const FRACTION_WORDS: Record<number, string[]> = {
  2: ['', 'half'],
  3: ['', 'a third', 'two-thirds'],
  4: ['', 'a quarter', '', 'three-quarters'],
  5: ['', 'a fifth', 'two-fifths', 'three-fifths', 'four-fifths'],
  10: ['', 'a tenth', '', 'three-tenths', '', '', '', 'seven-tenths', '', 'nine-tenths'],
};

function formatShare(x: number, q: Quantity): string {
  if (!Number.isFinite(x)) return '?';
  const pct = x * 100;
  if (q.unit !== 'percent' && x > 0 && x < 1) {
    for (const d of [2, 3, 4, 5, 10]) {
      const n = Math.round(x * d);
      const word = FRACTION_WORDS[d]![n];
      if (word && Math.abs(x * d - n) < 1e-9) return word;
    }
    const inv = 1 / x;
    if (inv >= 3 && Math.abs(inv - Math.round(inv)) < 1e-9) return `1 in ${Math.round(inv)}`;
  }
  return `${trim(pct, 2)}%`;
}

const CURRENCY_NAMES: Record<string, string> = {
  RUB: 'roubles', FRF: 'francs', DEM: 'marks', RM: 'Reichsmarks', ITL: 'lire', CNY: 'yuan', PLN: 'zloty',
  INR: 'rupees', NLG: 'guilders', HUF: 'forints', GRD: 'drachmas',
};

function currencyMark(q: Quantity): [string, string] {
  if (q.unit !== 'currency') return ['', ''];
  switch (q.currency) {
    case 'USD': return ['$', ''];
    case 'GBP': return ['£', ''];
    case 'EUR': return ['€', ''];
    case 'JPY': return ['¥', ''];
    default: return ['', q.currency ? ` ${CURRENCY_NAMES[q.currency] ?? q.currency}` : ''];
  }
}

const POST = new Set([...POST_HEDGES.map((h) => h.words.join(' ')).filter((w) => !w.startsWith('at ')), '+']);

function withQualifier(qual: string, n: string): string {
  if (qual === '+') return `${n}+`;
  if (qual === '~') return `~${n}`;
  return POST.has(qual) ? `${n} ${qual}` : `${qual} ${n}`;
}

export function formatQuantity(q: Quantity): string {
  try {
    if (q.kind === 'date') return formatDate(q);
    const [pre, post] = currencyMark(q);
    const N = (x: number): string => pre + (q.kind === 'share' ? formatShare(x, q) : formatNumber(x)) + post;
    const qual = q.qualifier;
    switch (q.hedge) {
      case 'exact':
        return N(q.lo);
      case 'approx': {
        const v = q.value ?? (q.lo + q.hi) / 2;
        if (!qual) return q.value === undefined ? `about ${N(v)}` : N(v);
        return withQualifier(qual, N(v));
      }
      case 'upper': {
        return withQualifier(qual ?? 'up to', N(q.value ?? q.hi));
      }
      case 'lower': {
        return withQualifier(qual ?? 'at least', N(q.value ?? q.lo));
      }
      case 'range':
        return formatRange(q, pre, post);
      case 'vague':
        return vagueWords(q.lo, q.hi) ?? formatRange(q, pre, post);
    }
  } catch {
    // fall through
  }
  return typeof q?.raw === 'string' ? q.raw : '';
}

function formatRange(q: Quantity, pre: string, post: string): string {
  if (!Number.isFinite(q.hi)) return `at least ${pre}${formatNumber(q.lo)}${post}`;
  if (q.kind === 'share') return `between ${formatShare(q.lo, q)} and ${formatShare(q.hi, q)}`;
  for (const [S, name] of BIG) {
    if (q.lo >= S && q.hi >= S) {
      const a = formatNumber(q.lo / S);
      const b = formatNumber(q.hi / S);
      if (!a.includes(' ') && !b.includes(',') && !a.includes(',')) return `between ${pre}${a} and ${b} ${name}${post}`;
      break;
    }
  }
  return `between ${pre}${formatNumber(q.lo)} and ${formatNumber(q.hi)}${post}`;
}

const VAGUE_UNITS: readonly [number, string, string][] = [
  [12, 'dozen', 'dozens'], [20, 'score', 'scores'], [100, 'hundred', 'hundreds'], [1e3, 'thousand', 'thousands'],
  [1e5, 'hundred thousand', 'hundreds of thousands'], [1e6, 'million', 'millions'], [1e8, 'hundred million', 'hundreds of millions'],
  [1e9, 'billion', 'billions'],
];

function vagueWords(lo: number, hi: number): string | undefined {
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  for (const [S, one, many] of VAGUE_UNITS) {
    if (hi === Infinity && near(lo, 2 * S)) return many;
    if (near(lo, 10 * S) && near(hi, 99 * S)) return `tens of ${many}`;
    if (near(lo, 100 * S) && near(hi, 999 * S)) return `hundreds of ${many}`;
    if (near(lo, 10 * S) && near(hi, 999 * S)) return `tens or hundreds of ${many}`;
    if (near(lo, 2 * S) && near(hi, (99 * S) / 10)) return `several ${one}`;
    if (near(lo, 2 * S) && near(hi, 5 * S)) return `a few ${one}`;
  }
  return undefined;
}

function abbrevYears(y1: number, y2: number): string {
  if (y1 === y2) return String(y1);
  if (Math.floor(y1 / 100) === Math.floor(y2 / 100) && y1 >= 1000) return `${y1}–${String(y2 % 100).padStart(2, '0')}`;
  return `${y1}–${y2}`;
}

function formatDate(q: Quantity): string {
  const [y1, m1, d1] = civilOfDay(q.lo);
  const [y2, m2, d2] = civilOfDay(q.hi);
  const M1 = MONTH_NAMES[m1 - 1]!;
  const M2 = MONTH_NAMES[m2 - 1]!;
  const qual = q.qualifier ? (q.qualifier === '~' ? '~' : `${q.qualifier} `) : '';
  switch (q.precision) {
    case 'day':
      if (q.lo === q.hi) return `${qual}${d1} ${M1} ${y1}`;
      if (y1 === y2 && m1 === m2) return `${qual}${d1}–${d2} ${M1} ${y1}`;
      if (y1 === y2) return `${qual}${d1} ${M1} – ${d2} ${M2} ${y1}`;
      return `${qual}${d1} ${M1} ${y1} – ${d2} ${M2} ${y2}`;
    case 'month':
      if (y1 === y2 && m1 === m2) return `${qual}${M1} ${y1}`;
      if (y1 === y2) return `${qual}${M1}–${M2} ${y1}`;
      return `${qual}${M1} ${y1} – ${M2} ${y2}`;
    case 'season': {
      if (y1 === y2 && d1 === 1) {
        const key = `${m1}-${m2}`;
        const name = ({ '3-5': 'spring', '6-8': 'summer', '9-11': 'autumn', '1-4': 'early', '4-9': 'mid-', '9-12': 'late' } as Record<string, string>)[key];
        if (name) return name.endsWith('-') ? `${name}${y1}` : `${name} ${y1}`;
      }
      if (m1 === 12 && y2 === y1 + 1 && m2 === 2) return `winter ${abbrevYears(y1, y2)}`;
      if (m1 === 1 && y2 === y1 + 1 && m2 === 2) return `winter ${y1}`;
      if (y1 === y2) return `${M1}–${M2} ${y1}`;
      return `${M1} ${y1} – ${M2} ${y2}`;
    }
    case 'year':
      if (y1 === y2) return `${qual}${y1}`;
      return `${qual || 'c. '}${Math.round((y1 + y2) / 2)}`;
    case 'years':
      if (q.hedge === 'vague' && y1 % 100 === 0 && y2 === y1 + 99) return `${y1}s`;
      return `${qual}${abbrevYears(y1, y2)}`;
    case 'decade': {
      const span = y2 - y1;
      if (span === 9 && y1 % 10 === 0) return `${qual}${y1}s`;
      if (span === 3) {
        const dec = Math.floor(y1 / 10) * 10;
        const part = ['early ', '', '', 'mid-', '', '', 'late '][y1 - dec];
        if (part !== undefined && part !== '') return `${qual}${part}${dec}s`;
      }
      if (y1 % 10 === 0 && (y2 + 1) % 10 === 0) return `${qual}${y1}s–${String((y2 - 9) % 100).padStart(2, '0')}s`;
      return `${qual}${abbrevYears(y1, y2)}`;
    }
  }
  if (y1 === y2 && m1 === 1 && d1 === 1 && m2 === 12 && d2 === 31) return String(y1);
  return q.lo === q.hi ? isoOfDay(q.lo) : `${isoOfDay(q.lo)} – ${isoOfDay(q.hi)}`;
}
