/**
 * Folding makes matching insensitive to the accidents of typing: diacritics
 * (Mátyás / Matyas), curly and straight quotes, and dash variants.
 */

const quoteLike = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g;
const doubleQuoteLike = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const dashLike = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g;
const combiningMarks = /[\u0300-\u036f]/g;

/** Letters that NFD does not decompose but writers replace with plain ASCII. */
const extraFolds: Record<string, string> = {
  ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ı: 'i',
};
const extraFoldPattern = /[łŁøØđĐßæÆœŒı]/g;
const plainAscii = /^[\x00-\x5f\x61-\x7f]*$/;

/**
 * Folds one word for comparison, keeping case: "Mátyás" → "Matyas", "Tse‑tung" → "Tse-tung".
 * The result may differ in length from the input; callers keep their own offsets.
 */
export function foldKeepCase(word: string): string {
  // Most words are plain ASCII, which folding leaves as they are (the backtick aside).
  if (plainAscii.test(word)) return word;
  return word
    .normalize('NFD')
    .replace(combiningMarks, '')
    .replace(extraFoldPattern, (c) => extraFolds[c] ?? c)
    .replace(quoteLike, "'")
    .replace(doubleQuoteLike, '"')
    .replace(dashLike, '-');
}

/** Folds and lower-cases: the key used by the alias trie. */
export function foldWord(word: string): string {
  return foldKeepCase(word).toLowerCase();
}

/** True for a word written entirely in capitals ("STALIN"), which we accept for case-sensitive names. */
export function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** True when the first letter is an upper-case letter. */
export function startsUpper(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}
