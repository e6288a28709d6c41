import type { Span } from './span.js';

/** A maximal run of letters, digits and combining marks. */
export interface WordToken extends Span {
  readonly text: string;
}

const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;

/** Splits text[from, to) into words; punctuation and spaces are the gaps between them. */
export function tokenize(text: string, from = 0, to = text.length): WordToken[] {
  const tokens: WordToken[] = [];
  const slice = text.slice(from, to);
  for (const match of slice.matchAll(wordPattern)) {
    const start = from + (match.index ?? 0);
    tokens.push({ start, end: start + match[0].length, text: match[0] });
  }
  return tokens;
}
