import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  findQuantities,
  formatQuantity,
  parseQuantity,
  yearOfDay,
  type Quantity,
} from '../../server/src/analysis/quantity.js';

/** 2468524 → "2,468,524" */
function withSeparators(n: number): string {
  const s = String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return out;
}

const ONES = [
  '', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

interface WordStyle {
  hyphen: boolean;
  and: boolean;
}

function below100(n: number, s: WordStyle): string {
  if (n < 20) return ONES[n]!;
  const u = n % 10;
  const t = TENS[Math.floor(n / 10)]!;
  return u ? t + (s.hyphen ? '-' : ' ') + ONES[u] : t;
}

function below1000(n: number, s: WordStyle): string {
  const parts: string[] = [];
  const h = Math.floor(n / 100);
  const r = n % 100;
  if (h) parts.push(`${ONES[h]} hundred`);
  if (r) {
    if (h && s.and) parts.push('and');
    parts.push(below100(r, s));
  }
  return parts.join(' ');
}

/** 1..999,999 in English words: "nine hundred and ninety-nine thousand nine hundred and ninety-nine". */
function inWords(n: number, s: WordStyle): string {
  const parts: string[] = [];
  const th = Math.floor(n / 1000);
  const r = n % 1000;
  if (th) parts.push(`${below1000(th, s)} thousand`);
  if (r) {
    if (th && s.and && r < 100) parts.push('and');
    parts.push(below1000(r, s));
  }
  return parts.join(' ');
}

/** What every result must satisfy, whatever the text. */
function checkInvariants(text: string, qs: Quantity[], from = 0, to = text.length): void {
  let prevEnd = from;
  for (const q of qs) {
    assert.ok(q.start >= prevEnd, `sorted and non-overlapping at ${q.start}`);
    assert.ok(q.start < q.end, 'start < end');
    assert.ok(q.end <= to, 'inside the scanned range');
    assert.equal(q.raw, text.slice(q.start, q.end));
    assert.ok(!Number.isNaN(q.lo) && !Number.isNaN(q.hi), 'no NaN');
    assert.ok(q.lo <= q.hi, `lo ≤ hi for ${q.raw}`);
    if (q.kind === 'share') assert.ok(q.lo >= 0 && q.hi <= 1, `share in [0, 1] for ${q.raw}`);
    if (q.kind === 'count') assert.ok(q.lo >= 0, `count ≥ 0 for ${q.raw}`);
    if (q.kind === 'date') {
      assert.ok(Number.isFinite(q.lo) && Number.isFinite(q.hi), 'dates are finite');
      assert.ok(typeof q.precision === 'string', 'dates have a precision');
    }
    if (q.hedge === 'upper' && q.kind !== 'date') assert.equal(q.lo, 0);
    if (q.hedge === 'lower' && q.kind === 'count') assert.equal(q.hi, Infinity);
    if (q.hedge === 'exact' && q.kind !== 'date') assert.equal(q.lo, q.hi);
    assert.ok(formatQuantity(q).length > 0, 'renders');
    prevEnd = q.end;
  }
}

const SOUP_TOKENS = [
  '0', '1', '5', '7', '12', '00', '1936', '1932', '1500', '2,468,524', '2.5', '3.5', '1,000', '1,2,3', '2.1.3',
  '99999999999999999999', '30s', '1930s', '17th', 'million', 'thousand', 'billion', 'm', 'bn', 'k', 'a', 'an',
  'half', 'quarter', 'third', 'thirds', 'tenths', 'one', 'two', 'seven', 'twenty', 'hundred', 'hundreds',
  'thousands', 'millions', 'tens', 'of', 'several', 'few', 'many', 'as', 'up', 'to', 'at', 'least', 'most',
  'more', 'than', 'about', 'some', 'nearly', 'between', 'and', 'from', 'or', 'in', 'out', 'every', 'per',
  'cent', 'percent', 'percentage', 'points', 'so', 'plus', '%', '$', '£', '~', 'c', 'ca', '.', ',', ';', ':',
  'March', 'May', 'June', 'autumn', 'winter', 'early', 'mid', 'late', 'end', 'the', 's', "'", '’', 'th', 'st',
  'p', 'pp', 'vol', 'No', 'Article', 'AD', 'BC', 'am', 'pm', 'o', 'clock', '(', ')', '[', ']', '^', '+', '–',
  '-', '—', '/', '#', '*', 'Mátyás', 'rose', 'died', 'people', 'delegates', 'roubles', 'gold', 'ǅ', '\u00a0',
  '\u202f', '\ud800', '🙂',
];
const SOUP_SEPARATORS = [' ', ' ', ' ', '', '', '\n', '\n\n', '-', '–', ',', '.', '\u00a0'];

/** Random mixes of number words, digits, hedges, months and punctuation: the grammar's own vocabulary. */
const soup = fc
  .array(fc.tuple(fc.constantFrom(...SOUP_TOKENS), fc.constantFrom(...SOUP_SEPARATORS)), { maxLength: 80 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 });

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

describe('quantity properties', function () {
  // Generating full-range Unicode strings is slow in fast-check itself; the scans are fast.
  this.timeout(60_000);

  it('reads any integer from 0 to 10^10 written in digits back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.boolean(), (n, grouped) => {
        const text = grouped ? withSeparators(n) : String(n);
        const q = parseQuantity(text);
        assert.ok(q, `parses ${text}`);
        if (!grouped && n >= 1000 && n <= 2099) {
          assert.equal(q.kind, 'date');
          assert.equal(yearOfDay(q.lo), n);
          assert.equal(yearOfDay(q.hi), n);
          return;
        }
        assert.equal(q.kind, 'count');
        assert.equal(q.value, n);
        assert.ok(q.lo <= n && n <= q.hi);
        assert.equal((q.lo + q.hi) / 2, n);
        if (n === 0 || n % 10 !== 0) assert.deepEqual([q.hedge, q.lo, q.hi], ['exact', n, n]);
        else assert.equal(q.hedge, 'approx');
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a grouped integer inside a sentence as one count with that value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), (n) => {
        const text = `The registers counted ${withSeparators(n)} prisoners in all.`;
        const qs = findQuantities(text);
        checkInvariants(text, qs);
        if (n >= 1000 && n <= 2099 && withSeparators(n) === String(n)) return;
        assert.equal(qs.length, 1);
        assert.equal(qs[0]!.value, n);
      }),
      { numRuns: 500 },
    );
  });

  it('reads any integer from 1 to 999,999 written in English words into an interval containing it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.boolean(), fc.boolean(), (n, hyphen, and) => {
        const text = inWords(n, { hyphen, and });
        const q = parseQuantity(text);
        assert.ok(q, `parses ${text}`);
        assert.equal(q.kind, 'count');
        assert.equal(q.value, n, text);
        assert.ok(q.lo <= n && n <= q.hi, text);
        assert.equal(q.raw, text);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds number words of ten or more in running text, and leaves smaller ones alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.boolean(), (n, hyphen) => {
        const w = inWords(n, { hyphen, and: true });
        const text = `They counted ${w} votes that day.`;
        const qs = findQuantities(text);
        checkInvariants(text, qs);
        if (n < 10) assert.deepEqual(qs, []);
        else assert.deepEqual(qs.map((q) => [q.raw, q.value]), [[w, n]]);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws and keeps its invariants on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        checkInvariants(text, findQuantities(text));
        parseQuantity(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws and keeps its invariants on arbitrary Unicode, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), utf16), (text) => {
        checkInvariants(text, findQuantities(text));
        parseQuantity(text);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and keeps lo ≤ hi on random mixes of digits, number words, hedges and punctuation', () => {
    fc.assert(
      fc.property(soup, (text) => {
        checkInvariants(text, findQuantities(text));
        const q = parseQuantity(text);
        if (q) checkInvariants(text, [q]);
      }),
      { numRuns: 3000 },
    );
  });

  it('reports only figures inside [from, to), with offsets into the whole text', () => {
    fc.assert(
      fc.property(soup, fc.nat(), fc.nat(), (text, a, b) => {
        const from = text.length ? a % (text.length + 1) : 0;
        const to = from + (text.length - from ? b % (text.length - from + 1) : 0);
        checkInvariants(text, findQuantities(text, from, to), from, to);
      }),
      { numRuns: 1000 },
    );
  });

  it('scans a 200,000-character random string well under a second', () => {
    const fill = (parts: string[]): string => {
      const joined = parts.join(' ');
      return joined.repeat(Math.ceil(200_000 / Math.max(1, joined.length))).slice(0, 200_000);
    };
    const texts: [string, string][] = [
      ['random characters', fill(fc.sample(fc.string({ minLength: 1000, maxLength: 1000 }), { numRuns: 200, seed: 7 }))],
      ['random soup of figure words', fill(fc.sample(soup, { numRuns: 4000, seed: 42 }))],
    ];
    for (const [name, text] of texts) {
      const [qs, cold] = timed(() => findQuantities(text));
      let warm = Infinity;
      for (let run = 0; run < 5; run++) warm = Math.min(warm, timed(() => findQuantities(text))[1]);
      console.log(`      200k ${name}: ${qs.length} quantities; first scan ${cold.toFixed(1)} ms, warm ${warm.toFixed(1)} ms`);
      checkInvariants(text, qs);
      assert.ok(cold < 5000, `${name} took ${cold} ms`);
    }
  });

  it('does not hang on pathological input', () => {
    const cases: [string, string][] = [
      ['million million million …', 'million '.repeat(25_000)],
      ['a million million million …', 'a ' + 'million '.repeat(25_000)],
      ['1,2,3,4,…', Array.from({ length: 40_000 }, (_, i) => String(i % 10)).join(',')],
      ['1.2.3.4.…', '1.'.repeat(100_000)],
      ['200,000 nines', '9'.repeat(200_000)],
      ['1,000,000,… without end', '1' + ',000'.repeat(50_000)],
      ['as many as as many as …', 'as many as '.repeat(20_000)],
      ['between between …', 'between 5 and '.repeat(15_000)],
      ['tens, perhaps tens, perhaps …', 'tens, perhaps '.repeat(15_000)],
      ['hundred hundred …', 'one hundred '.repeat(20_000)],
      ['– – – …', '5 – '.repeat(50_000)],
      ['one 200,000-letter word', 'a'.repeat(200_000)],
      ['200,000 spaces and newlines', ' \n'.repeat(100_000)],
    ];
    for (const [name, text] of cases) {
      const [qs, ms] = timed(() => findQuantities(text));
      console.log(`      ${name} (${text.length} chars): ${qs.length} quantities in ${ms.toFixed(1)} ms`);
      checkInvariants(text, qs);
      assert.ok(ms < 5000, `${name} took ${ms} ms`);
    }
  });
});
