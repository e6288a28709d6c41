/**
 * Numbers that are not figures: note markers glued to punctuation ("died.16", "1991.1"), page and
 * section references ("p. 123", "pp. 12–15", "vol. 2", "Article 58"), list numbers at the start of a
 * line, clock times, bracketed citations, author–date page numbers ("(Conquest 1986, 303)"),
 * years BC, ISBN-like chains and model names ("T-34").
 */
import type { Ctx } from './ctx.js';
import { REF_WORDS, REF_WORDS_FOR_YEARS, REF_WORDS_NEED_DOT_OR_CAP, SCALES, TIME_SUFFIXES } from './lexicon.js';
import { F_JUNK, F_SEP, G_BLANK, G_NL, NUM, PUNCT, WORD, isDigit, isLetter } from './tokens.js';

const NOTE_AFTER_WORD = '.,;:';
const CLOSERS = ')]"\u201d\u2019\'*_';
const HYPHEN_PREFIXES: ReadonlySet<string> = new Set(['mid', 'pre', 'post', 'early', 'late', 'circa', 'c', 'ca', 'anti', 'non']);

function ch(c: Ctx, j: number): string {
  return c.text[c.t.s[j]!]!;
}

/** A scale word or a percent sign right after the number: then it is a figure whatever comes before. */
function figureFollows(c: Ctx, i: number): boolean {
  const j = i + 1;
  if (!c.ok(j)) return false;
  if (c.isP(j, '%')) return true;
  if (c.t.k[j] !== WORD) return false;
  const w = c.lw(j);
  return SCALES.has(w) || w === 'percent' || (w === 'per' && c.isWord(j + 1, 'cent'));
}

/** Token index to resume at if the number at token i is not a figure, else -1. */
export function suppressNum(c: Ctx, i: number): number {
  const t = c.t;
  const text = c.text;
  if (t.f[i]! & F_JUNK) return i + 1;
  const st = t.s[i]!;
  // "000", "00447": leading zeros are codes, not figures
  if (text.charCodeAt(st) === 48 && t.e[i]! - st > 1 && text.charCodeAt(st + 1) !== 46) return i + 1;
  const prevCode = st > c.from ? text.charCodeAt(st - 1) : -1;
  // "T34", "died16", "fn3"
  if (prevCode >= 0 && isLetter(prevCode)) return i + 1;
  if (i > 0 && t.g[i] === 0 && t.k[i - 1] === PUNCT) {
    const p = ch(c, i - 1);
    const ps = t.s[i - 1]!;
    const before = ps > c.from && t.g[i - 1] === 0 ? text.charCodeAt(ps - 1) : -1;
    if (p === '^') return i + 1;
    if (before >= 0) {
      const b = String.fromCharCode(before);
      if (NOTE_AFTER_WORD.includes(p) && (isLetter(before) || isDigit(before) || CLOSERS.includes(b))) return i + 1;
      if (CLOSERS.includes(p) && p !== '*' && p !== '_' && (isLetter(before) || '.,;:!?'.includes(b))) return i + 1;
      if ((p === '-' || p === '\u2010') && isLetter(before) && i >= 2 && t.k[i - 2] === WORD && !HYPHEN_PREFIXES.has(c.lw(i - 2))) {
        return i + 1; // "T-34", "COVID-19", "MiG-15"
      }
    }
  }
  // "1,2,3,4": a number glued by a comma to another number
  if (c.isP(i + 1, ',') && c.glued(i + 1) && c.glued(i + 2) && c.isNum(i + 2)) return i + 1;
  const ref = refBefore(c, i);
  if (ref) return skipRef(c, i);
  // "10:30", "3:1", "John 3:16"
  if (c.isP(i + 1, ':') && c.glued(i + 1) && c.glued(i + 2) && c.isNum(i + 2)) {
    let j = i + 2;
    while (c.isP(j + 1, ':.') && c.glued(j + 1) && c.glued(j + 2) && c.isNum(j + 2)) j += 2;
    return j + 1;
  }
  if (timeAfter(c, i + 1)) return i + 2;
  if (lineStart(c, i) && !(t.f[i]! & F_SEP) && c.isP(i + 1, '.)') && c.glued(i + 1)) {
    const v = Number(text.slice(st, t.e[i]!));
    if (v < 1000) {
      let j = i + 2;
      while (j < c.n && c.glued(j) && (c.isNum(j) || c.isP(j, '.'))) j++;
      if (j >= c.n || !c.glued(j)) return j;
    }
  }
  // "[12]", "[12, 15]", "(5)"
  if (i > 0 && c.glued(i) && c.isP(i - 1, '[')) {
    let j = i + 1;
    while (j < c.n && j - i < 12 && (c.isNum(j) || c.isP(j, ',-\u2013'))) j++;
    if (c.isP(j, ']')) return j + 1;
  }
  if (i > 0 && c.glued(i) && c.isP(i - 1, '(') && c.isP(i + 1, ')') && c.glued(i + 1) && t.f[i] === 0 && t.e[i]! - st <= 2) return i + 2;
  // Page numbers in citations: "(Conquest 1986, 303)", "(1970): 45–67", "Harvest, 299–307.", "2004), 401, 415."
  // A bare number or range after a comma or colon that ends the clause is a page, not a figure.
  if (!c.isYear(i) && t.f[i] === 0 && t.e[i]! - st <= 4 && i >= 2 && c.isP(i - 1, ',:') && c.ok(i) &&
    (t.k[i - 2] !== NUM || c.isYear(i - 2) || c.isP(i - 1, ':'))) {
    let e = i + 1;
    if (c.isDash(e) && c.isNum(e + 1) && t.f[e + 1] === 0) e += 2;
    if (c.isWord(e) && c.glued(e) && (c.lw(e) === 'ff' || c.lw(e) === 'f')) e++;
    if (!c.ok(e) || (t.k[e] === PUNCT && ').;]'.includes(ch(c, e)))) return e;
    if (c.isP(e, ',')) {
      const end = pageListEnd(c, e);
      if (end > 0) return end;
    }
  }
  // a journal volume before its year: "Harvard Ukrainian Studies 27 (2004–5)"
  if (t.f[i] === 0 && t.e[i]! - st <= 3 && c.isP(i + 1, '(') && c.isYear(i + 2)) return i + 1;
  // "500 BC", "500 B.C."
  if (c.isWord(i + 1, 'bc') || c.isWord(i + 1, 'bce')) return i + 2;
  if (c.isWord(i + 1, 'b') && c.isP(i + 2, '.') && c.isWord(i + 3, 'c') && c.glued(i + 2) && c.glued(i + 3)) return i + 4;
  // "978-0-19-..." (but not "1921-03-01")
  if (c.isP(i + 1, '-') && c.glued(i + 1) && c.glued(i + 2) && c.isNum(i + 2) && c.isP(i + 3, '-') && c.glued(i + 3) &&
    c.glued(i + 4) && c.isNum(i + 4)) {
    if (!(c.isYear(i) && c.digitLen(i + 2) === 2 && c.digitLen(i + 4) === 2 && !(c.isP(i + 5, '-') && c.glued(i + 5)))) {
      let j = i + 4;
      while (c.isP(j + 1, '-') && c.glued(j + 1) && c.glued(j + 2) && c.isNum(j + 2)) j += 2;
      return j + 1;
    }
  }
  return -1;
}

/** After a comma, more page numbers and then the end of the clause ("401, 415."): the index after them, else -1. */
function pageListEnd(c: Ctx, e: number): number {
  let j = e;
  for (let n = 0; n < 8 && c.isP(j, ','); n++) {
    if (!c.isNum(j + 1) || c.t.f[j + 1] !== 0 || c.isYear(j + 1)) return -1;
    j += 2;
    if (c.isDash(j) && c.isNum(j + 1)) j += 2;
  }
  return !c.ok(j) || (c.t.k[j] === PUNCT && ').;]'.includes(ch(c, j))) ? j : -1;
}

/** A reference word ("p.", "pp", "vol.", "Chapter", "Article", "No.", "§") right before token i. */
function refBefore(c: Ctx, i: number): boolean {
  const t = c.t;
  if (i === 0 || (t.g[i]! & G_BLANK)) return false;
  let p = i - 1;
  if (t.k[p] === PUNCT && '§¶'.includes(ch(c, p))) return !figureFollows(c, i);
  let dot = false;
  for (let n = 0; n < 2 && p > 0 && t.k[p] === PUNCT && '.,'.includes(ch(c, p)) && t.g[p] === 0; n++) {
    if (ch(c, p) === '.') dot = true;
    p--;
  }
  if (t.k[p] !== WORD) return false;
  const w = c.lw(p);
  if (!REF_WORDS.has(w)) return false;
  if (REF_WORDS_NEED_DOT_OR_CAP.has(w) && !dot && !c.cap(p)) return false;
  if (c.isYear(i) && !REF_WORDS_FOR_YEARS.has(w)) return false;
  return !figureFollows(c, i);
}

/** Past the reference number and any range or list after it: "pp. 12–15", "pp. 12, 15", "p. 45ff". */
function skipRef(c: Ctx, i: number): number {
  let j = i + 1;
  if (c.isWord(j) && c.glued(j)) j++;
  for (let n = 0; n < 12; n++) {
    if ((c.isDash(j) || c.isP(j, ',')) && c.isNum(j + 1) && !c.isYear(j + 1) && !figureFollows(c, j + 1)) {
      j += 2;
      if (c.isWord(j) && c.glued(j)) j++;
    } else break;
  }
  return j;
}

function timeAfter(c: Ctx, j: number): boolean {
  if (!c.isWord(j)) return false;
  const w = c.lw(j);
  if (w === 'o') return c.isP(j + 1, "'\u2019") && c.glued(j + 1) && c.isWord(j + 2, 'clock');
  if (TIME_SUFFIXES.has(w)) return true;
  return (w === 'a' || w === 'p') && c.isP(j + 1, '.') && c.glued(j + 1) && c.isWord(j + 2, 'm') && c.glued(j + 2);
}

/** The token starts a line, perhaps after Markdown heading or quote marks. */
function lineStart(c: Ctx, i: number): boolean {
  const t = c.t;
  for (let j = i, n = 0; j >= 0 && n < 8; j--, n++) {
    if (t.s[j] === c.from || (t.g[j]! & G_NL)) return true;
    if (j === 0) return true;
    if (!(t.k[j - 1] === PUNCT && '#>*-+'.includes(ch(c, j - 1)))) return false;
  }
  return false;
}

