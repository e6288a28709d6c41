/** The scanning context: the text, its tokens, and small helpers over them. */
import { G_BLANK, NUM, PUNCT, WORD, isUpper, tokenize, type Tokens } from './tokens.js';
import type { Hedge, Quantity, QuantityKind } from './types.js';
import type { HedgeEntry } from './lexicon.js';

const LOW_IDX = new Int32Array(256);
const LOW_STR: string[] = new Array<string>(256).fill('');

export class Ctx {
  readonly t: Tokens;
  readonly n: number;
  /** a small direct-mapped cache of lower-cased words (shared; reset per scan): look-ahead revisits the same few tokens */
  private readonly lowIdx = LOW_IDX;
  private readonly lowStr = LOW_STR;

  constructor(
    readonly text: string,
    readonly from: number,
    readonly to: number,
    /** parsing one phrase the caller says is a figure: small word numbers and capitals are allowed */
    readonly phrase: boolean,
  ) {
    this.t = tokenize(text, from, to);
    this.n = this.t.n;
    LOW_IDX.fill(-1);
  }

  /** Lower-cased text of a word or punctuation token; '' for numbers and out of range. */
  lw(i: number): string {
    if (i < 0 || i >= this.n || this.t.k[i] === NUM) return '';
    const slot = i & 255;
    if (this.lowIdx[slot] === i) return this.lowStr[slot]!;
    const s = this.t.s[i]!;
    const e = this.t.e[i]!;
    const w = e - s > 24 ? '\u0000' : this.text.slice(s, e).toLowerCase();
    this.lowIdx[slot] = i;
    this.lowStr[slot] = w;
    return w;
  }

  /**
   * A hash of the lower-cased word at token i, computed without allocating; -1 for words that are not
   * plain ASCII letters or are longer than 14 letters (no trigger word is).
   */
  wordHash(i: number): number {
    const s = this.t.s[i]!;
    const e = this.t.e[i]!;
    if (e - s > 14) return -1;
    return hashAscii(this.text, s, e);
  }

  /** Token i exists and no paragraph break comes before it: it may continue a phrase. */
  ok(i: number): boolean {
    return i >= 0 && i < this.n && (this.t.g[i]! & G_BLANK) === 0;
  }

  isNum(i: number): boolean {
    return this.ok(i) && this.t.k[i] === NUM;
  }

  isWord(i: number, w?: string): boolean {
    return this.ok(i) && this.t.k[i] === WORD && (w === undefined || this.lw(i) === w);
  }

  /** Token i is a punctuation character among `chars`. */
  isP(i: number, chars: string): boolean {
    return this.ok(i) && this.t.k[i] === PUNCT && chars.includes(this.text[this.t.s[i]!]!);
  }

  /** No whitespace between token i-1 and token i. */
  glued(i: number): boolean {
    return i > 0 && i < this.n && this.t.g[i] === 0;
  }

  cap(i: number): boolean {
    return i >= 0 && i < this.n && isUpper(this.text.charCodeAt(this.t.s[i]!));
  }

  /** A range dash: hyphen, en dash, figure dash, minus; an em dash only when glued on both sides. */
  isDash(i: number): boolean {
    if (!this.ok(i) || this.t.k[i] !== PUNCT) return false;
    const c = this.text[this.t.s[i]!]!;
    if (c === '-' || c === '\u2013' || c === '\u2012' || c === '\u2212') return true;
    return c === '\u2014' && this.glued(i) && this.glued(i + 1);
  }

  /** Number of digits of a NUM token (no separators). */
  digitLen(i: number): number {
    return this.t.e[i]! - this.t.s[i]!;
  }

  /** Integer value of a plain NUM token (no separators or decimals), else NaN. */
  intOf(i: number): number {
    if (i < 0 || i >= this.n || this.t.k[i] !== NUM || this.t.f[i] !== 0) return NaN;
    return Number(this.text.slice(this.t.s[i]!, this.t.e[i]!));
  }

  /** A four-digit year 1000–2099 written bare. */
  isYear(i: number): boolean {
    if (!this.isNum(i) || this.digitLen(i) !== 4) return false;
    const v = this.intOf(i);
    return v >= 1000 && v <= 2099;
  }

  /** Longest hedge phrase from `list` starting at token i (which may be the phrase's first token). */
  hedgeAt(list: readonly HedgeEntry[], i: number, first: boolean): { h: HedgeEntry; b: number } | undefined {
    if (i >= this.n || (!first && !this.ok(i)) || this.t.k[i] === NUM) return undefined;
    const candidates = hedgeIndex(list).get(this.lw(i));
    if (!candidates) return undefined;
    let best: { h: HedgeEntry; b: number } | undefined;
    for (const h of candidates) {
      const ws = h.words;
      if (best && ws.length <= best.b - i) continue;
      let j = i + 1;
      let okAll = true;
      for (let w = 1; w < ws.length; w++, j++) {
        const want = ws[w]!;
        if (!this.ok(j) || this.lw(j) !== want || this.t.k[j] === NUM) { okAll = false; break; }
        if (want === '.' && !this.glued(j)) { okAll = false; break; }
      }
      if (okAll) best = { h, b: j };
    }
    return best;
  }

  /** The words of tokens [a, b) as a lower-case phrase with single spaces ("as many as", "c."). */
  phraseOf(a: number, b: number): string {
    let out = '';
    for (let j = a; j < b; j++) {
      if (j > a && !this.glued(j)) out += ' ';
      out += this.lw(j);
    }
    return out;
  }

  make(kind: QuantityKind, lo: number, hi: number, hedge: Hedge, a: number, b: number): Quantity {
    const start = this.t.s[a]!;
    const end = this.t.e[b - 1]!;
    return { kind, lo, hi, hedge, start, end, raw: this.text.slice(start, end) };
  }
}

const indexes = new WeakMap<readonly HedgeEntry[], Map<string, HedgeEntry[]>>();

/** Hedge entries by first word. */
function hedgeIndex(list: readonly HedgeEntry[]): Map<string, HedgeEntry[]> {
  let m = indexes.get(list);
  if (!m) {
    m = new Map();
    for (const h of list) {
      const k = h.words[0]!;
      const arr = m.get(k);
      if (arr) arr.push(h);
      else m.set(k, [h]);
    }
    indexes.set(list, m);
  }
  return m;
}

/** FNV-1a over lower-cased ASCII letters; -1 if another character is met. */
export function hashAscii(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let j = s; j < e; j++) {
    let c = text.charCodeAt(j);
    if (c >= 65 && c <= 90) c |= 32;
    else if (c < 97 || c > 122) return -1;
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
  }
  return h;
}
