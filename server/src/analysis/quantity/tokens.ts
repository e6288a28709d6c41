/**
 * A one-pass tokenizer for the figure grammar: digit runs (with thousands separators and a decimal
 * part), letter runs and single punctuation characters, with the whitespace before each token
 * summarised as flags. Linear time, no regular expressions on the text.
 */

export const NUM = 1;
export const WORD = 2;
export const PUNCT = 3;

/** gap flags: whitespace before the token; a newline in it; a blank line (paragraph break) in it */
export const G_SPACE = 1;
export const G_NL = 2;
export const G_BLANK = 4;

/** number flags */
export const F_SEP = 1; // thousands separators ("2,468,524")
export const F_DEC = 2; // a decimal part ("1.3")
export const F_JUNK = 4; // dotted groups ("2.1.3", "27.6.1936") or more than 15 digits

export interface Tokens {
  n: number;
  /** start and end offsets */
  s: Int32Array;
  e: Int32Array;
  /** NUM | WORD | PUNCT */
  k: Uint8Array;
  /** gap flags */
  g: Uint8Array;
  /** number flags */
  f: Uint8Array;
}

/** Character classes, filled on first sight of each UTF-16 unit: 0 other, 1 letter, 2 space, 3 upper-case letter, 4 digit. */
const C_OTHER = 0, C_LETTER = 1, C_SPACE = 2, C_UPPER = 3, C_DIGIT = 4, C_UNKNOWN = 255;
const charClass = new Uint8Array(65536).fill(C_UNKNOWN);
const LETTER_RE = /[\p{L}\p{M}]/u;

function classify(c: number): number {
  let k: number = C_OTHER;
  if (c >= 48 && c <= 57) k = C_DIGIT;
  else if (c >= 65 && c <= 90) k = C_UPPER;
  else if (c >= 97 && c <= 122) k = C_LETTER;
  else if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) k = C_SPACE;
  else if (c === 0xad) k = C_LETTER; // soft hyphen: part of a word
  else if (c >= 128 && !(c >= 0xd800 && c <= 0xdfff)) {
    const ch = String.fromCharCode(c);
    if (LETTER_RE.test(ch)) k = ch !== ch.toLowerCase() && ch === ch.toUpperCase() ? C_UPPER : C_LETTER;
  }
  charClass[c] = k;
  return k;
}

function cls(c: number): number {
  const k = charClass[c]!;
  return k !== C_UNKNOWN ? k : classify(c);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isLetter(c: number): boolean {
  if (c < 0) return false;
  const k = cls(c);
  return k === C_LETTER || k === C_UPPER;
}

export function isUpper(c: number): boolean {
  return c >= 0 && cls(c) === C_UPPER;
}

export function isSpace(c: number): boolean {
  return c >= 0 && cls(c) === C_SPACE;
}

/** Characters that may separate groups of three digits: comma, no-break space, narrow no-break space, thin space. */
function isGroupSep(c: number): boolean {
  return c === 44 || c === 0xa0 || c === 0x202f || c === 0x2009;
}

const DECIMAL_KEEPERS = new Set(['million', 'billion', 'thousand', 'percent', 'per', 'm', 'bn', 'mn', 'k']);

/**
 * Token arrays are reused from one call to the next (scanning is synchronous and never re-entered), so
 * scanning paragraph after paragraph does not churn the garbage collector. Arrays grown for very large
 * texts are not kept.
 */
const POOL_LIMIT = 1 << 20;
let pool: Tokens | undefined;

export function tokenize(text: string, from: number, to: number): Tokens {
  const want = Math.max(64, Math.min(to - from + 1, ((to - from) >> 2) + 64));
  let cap: number;
  let s: Int32Array, e: Int32Array, k: Uint8Array, g: Uint8Array, f: Uint8Array;
  if (pool && pool.s.length >= want) {
    ({ s, e, k, g, f } = pool);
    cap = s.length;
  } else {
    cap = want;
    s = new Int32Array(cap);
    e = new Int32Array(cap);
    k = new Uint8Array(cap);
    g = new Uint8Array(cap);
    f = new Uint8Array(cap);
  }
  let n = 0;
  const grow = (): void => {
    cap *= 2;
    const s2 = new Int32Array(cap); s2.set(s); s = s2;
    const e2 = new Int32Array(cap); e2.set(e); e = e2;
    const k2 = new Uint8Array(cap); k2.set(k); k = k2;
    const g2 = new Uint8Array(cap); g2.set(g); g = g2;
    const f2 = new Uint8Array(cap); f2.set(f); f = f2;
  };
  const code = (j: number): number => (j < to ? text.charCodeAt(j) : -1);

  /** Whether the fraction digits ending at j are rather a note marker after a sentence ("in 1991.1 The"). */
  const noteAfter = (j: number, intStart: number, intLen: number, fracLen: number): boolean => {
    if (fracLen > 3) return false;
    const yearLike = intLen === 4 && code(intStart) !== 48 && isDigit(code(intStart));
    let m = j;
    let nl = 0;
    while (m < to && isSpace(text.charCodeAt(m))) {
      if (text.charCodeAt(m) === 10) nl++;
      m++;
    }
    if (m >= to || nl >= 2) return true;
    if (m === j) return false; // punctuation or letters glued to the fraction: not a sentence end
    let w = m;
    while (w < to && w - m < 12 && isLetter(text.charCodeAt(w))) w++;
    const word = text.slice(m, w).toLowerCase();
    if (DECIMAL_KEEPERS.has(word)) return false;
    if (isUpper(text.charCodeAt(m))) return true;
    return yearLike && fracLen <= 2;
  };

  let gap = 0;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    const cc = cls(c);
    if (cc === C_SPACE) {
      gap |= 1;
      if (c === 10 || (c === 13 && code(i + 1) !== 10)) gap |= gap & 2 ? 4 : 2;
      i++;
      continue;
    }
    if (n === cap) grow();
    s[n] = i;
    g[n] = gap;
    gap = 0;
    if (cc === C_DIGIT) {
      let j = i + 1;
      while (isDigit(code(j))) j++;
      const intLen = j - i;
      let flags = 0;
      let digits = intLen;
      if (intLen <= 3) {
        while (
          isGroupSep(code(j)) && isDigit(code(j + 1)) && isDigit(code(j + 2)) && isDigit(code(j + 3)) &&
          !isDigit(code(j + 4))
        ) {
          j += 4;
          digits += 3;
          flags |= F_SEP;
        }
      }
      if (code(j) === 46 && isDigit(code(j + 1))) {
        let m = j + 1;
        while (isDigit(code(m))) m++;
        if (!noteAfter(m, i, flags & F_SEP ? 0 : intLen, m - j - 1)) {
          digits += m - j - 1;
          j = m;
          flags |= F_DEC;
          while (code(j) === 46 && isDigit(code(j + 1))) {
            j++;
            while (isDigit(code(j))) j++;
            flags |= F_JUNK;
          }
        }
      }
      if (digits > 15) flags |= F_JUNK;
      k[n] = NUM;
      f[n] = flags;
      e[n] = j;
      i = j;
    } else if (cc === C_LETTER || cc === C_UPPER) {
      let j = i + 1;
      while (j < to) {
        const k2 = cls(text.charCodeAt(j));
        if (k2 !== C_LETTER && k2 !== C_UPPER) break;
        j++;
      }
      k[n] = WORD;
      f[n] = 0;
      e[n] = j;
      i = j;
    } else {
      k[n] = PUNCT;
      f[n] = 0;
      e[n] = i + 1;
      i++;
    }
    n++;
  }
  const out = { n, s, e, k, g, f };
  if (cap <= POOL_LIMIT) pool = out;
  return out;
}
