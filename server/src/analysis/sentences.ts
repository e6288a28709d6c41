import type { Span } from './types.js';

/**
 * Splits a block of prose into sentences. A sentence ends at . ! or ? (after any closing quotes,
 * brackets or a glued note marker such as "died.16") followed by space and a capital, a digit
 * or a quote; abbreviations ("c.", "pp.", "Mr.") and initials ("E. H. Carr") do not end one.
 */

const abbreviations = new Set(['c', 'ca', 'cf', 'p', 'pp', 'vol', 'vols', 'no', 'nos', 'ed', 'eds', 'trans', 'fig', 'mr', 'mrs', 'ms', 'dr',
  'st', 'gen', 'col', 'lt', 'capt', 'prof', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e',
  'eg', 'ie', 'etc', 'al', 'op', 'cit', 'ibid', 'approx', 'est', 'vs', 'ch', 'chap', 'sec', 'n', 'nn']);

// `(?<![.!?])`: a match starts only at the first mark of a run. Without it a long run of full
// stops ("Stalin......" × 100k) was retried from every dot, each retry scanning to the run's
// end: quadratic, 30 s for 100k characters. Same matches, since the run's first dot is leftmost.
const boundary = /(?<![.!?])[.!?]+["”’)\]]*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^[^\]\s]+\])?(?=\s+["“‘(\[]?[\p{Lu}\p{N}])/gu;

export function splitSentences(text: string, block: Span): Span[] {
  const sentences: Span[] = [];
  const body = text.slice(block.start, block.end);
  let start = 0;
  for (const match of body.matchAll(boundary)) {
    const at = match.index ?? 0;
    if (isAbbreviation(body, at)) continue;
    const end = at + match[0].length;
    pushTrimmed(sentences, body, block.start, start, end);
    start = end;
  }
  pushTrimmed(sentences, body, block.start, start, body.length);
  return sentences;
}

function isAbbreviation(body: string, dotAt: number): boolean {
  if (body[dotAt] !== '.') return false;
  const word = /([\p{L}.]+)$/u.exec(body.slice(Math.max(0, dotAt - 12), dotAt))?.[1] ?? '';
  if (/^\p{Lu}$/u.test(word)) return true;
  return abbreviations.has(word.toLowerCase());
}

function pushTrimmed(out: Span[], body: string, offset: number, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(body[s])) s++;
  while (e > s && /\s/.test(body[e - 1])) e--;
  if (e > s) out.push({ start: offset + s, end: offset + e });
}
