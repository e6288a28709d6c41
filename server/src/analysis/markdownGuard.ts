import type { Span } from './types.js';

/**
 * remark (micromark + mdast-util-from-markdown) is superlinear on a few shapes of Markdown, and
 * recursive enough to overflow the stack on others. Measured on this machine:
 * - containers nested deep: 64 list items each one level deeper than the last, 0.2 s; 256, 2.8 s;
 *   10,000 `>` or `- ` on one line, a stack overflow;
 * - many lines of nested lists: 2,000 lines of `- - item`, 4.6 s; 4,000, 21 s (quadratic);
 * - paragraphs dense with emphasis or link marks: 4,000 nested `*a … a*`, 5 s; 10,000 `*` around a
 *   word, 35 s and then a stack overflow.
 * A linear pre-scan finds such documents before remark sees them; they are read as plain text
 * (mentions and figures still work) with a diagnostic saying why. The limits sit far above any
 * essay: a writer never nests lists 32 deep or leaves 128 emphasis marks open in one paragraph.
 */

/** Deepest container nesting (block quotes, list items, indentation in front of a marker) on one line. */
export const maxContainerDepth = 32;
/** Sum over lines of their list nesting beyond the first level: bounds the quadratic list handling. */
export const maxNestedListWeight = 1000;
/**
 * Within one paragraph (lines between blank lines): the longest run of `*` or `_`, the number of
 * emphasis openers still waiting for a closer, and the depth of `[` brackets. Closed, flat
 * markup is linear however dense (8,000 links or footnote calls in a paragraph parse in 1 s);
 * long runs and unclosed nesting are what remark handles in quadratic time.
 */
export const maxInlineNesting = 128;

export interface MarkdownTooComplex {
  /** The line or paragraph where the limit was crossed. */
  readonly span: Span;
  readonly message: string;
}

export function checkMarkdownComplexity(text: string): MarkdownTooComplex | undefined {
  let nestedListWeight = 0;
  let fence: { char: string; length: number } | undefined;
  let inline = newInlineState();
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const thematicBreak = isThematicBreak(text, lineStart, lineEnd);
    const prefix = thematicBreak ? { depth: 0, listDepth: 0, end: lineStart } : containerPrefix(text, lineStart, lineEnd);
    const fenceHere = fenceAt(text, prefix.end, lineEnd);
    if (fence) {
      // Inside a fenced code block: indentation and asterisks are code, not structure.
      if (fenceHere && fenceHere.char === fence.char && fenceHere.length >= fence.length) fence = undefined;
    } else if (fenceHere) {
      fence = fenceHere;
    } else {
      if (prefix.depth > maxContainerDepth) {
        return { span: { start: lineStart, end: lineEnd }, message: `This line nests block quotes or lists ${prefix.depth} levels deep (the limit is ${maxContainerDepth}); Marginalia reads this file as plain text.` };
      }
      nestedListWeight += Math.max(0, prefix.listDepth - 1);
      if (nestedListWeight > maxNestedListWeight) {
        return { span: { start: lineStart, end: lineEnd }, message: `This file has more lines of nested lists than Marginalia's Markdown parser handles quickly (over ${maxNestedListWeight} levels in all); Marginalia reads this file as plain text.` };
      }
      if (isBlank(text, lineStart, lineEnd)) {
        inline = newInlineState();
      } else {
        if (inline.blockStart < 0) inline.blockStart = lineStart;
        const problem = thematicBreak ? undefined : scanInline(text, prefix.end, lineEnd, inline);
        if (problem) return { span: { start: inline.blockStart, end: lineEnd }, message: `This paragraph has ${problem}; Marginalia reads this file as plain text.` };
      }
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** Block quote and list markers at the start of a line, with the indentation around them. */
function containerPrefix(text: string, start: number, end: number): { depth: number; listDepth: number; end: number } {
  let i = start;
  let markers = 0;
  let listMarkers = 0;
  let indent = 0;
  for (;;) {
    let spaces = 0;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) {
      spaces += text[i] === '\t' ? 4 : 1;
      i++;
    }
    // Indentation at the start of the line nests a list item under the one above ("      - item");
    // spaces after a marker only separate it from what follows.
    if (markers === 0) indent = spaces;
    if (text[i] === '>') {
      markers++;
      i++;
      continue;
    }
    const afterMarker = listMarkerEnd(text, i, end);
    if (afterMarker > i) {
      markers++;
      listMarkers++;
      i = afterMarker;
      continue;
    }
    break;
  }
  // An indented line of prose or code is not a container: indentation counts only before a marker.
  const indentLevels = markers > 0 ? Math.floor(indent / 2) : 0;
  return { depth: markers + indentLevels, listDepth: listMarkers > 0 ? listMarkers + indentLevels : 0, end: i };
}

/** The offset after a list marker (`-`, `*`, `+`, `1.`, `1)`) and one space, or `at` when there is none. */
function listMarkerEnd(text: string, at: number, end: number): number {
  let i = at;
  const c = text[i];
  if (c === '-' || c === '*' || c === '+') {
    i++;
  } else {
    while (i < end && i - at < 9 && text[i] >= '0' && text[i] <= '9') i++;
    if (i === at || (text[i] !== '.' && text[i] !== ')')) return at;
    i++;
  }
  if (i < end && text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\r') return at;
  return i;
}

/** `***`, `- - -`, `___`: a separator line, not a list, however many marks it has. */
function isThematicBreak(text: string, start: number, end: number): boolean {
  let mark = '';
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if ((c !== '*' && c !== '-' && c !== '_') || (mark && c !== mark)) return false;
    mark = c;
    count++;
  }
  return count >= 3;
}

function fenceAt(text: string, at: number, end: number): { char: string; length: number } | undefined {
  const c = text[at];
  if (c !== '`' && c !== '~') return undefined;
  let i = at;
  while (i < end && text[i] === c) i++;
  return i - at >= 3 ? { char: c, length: i - at } : undefined;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}

interface InlineState {
  blockStart: number;
  openEmphasis: number;
  brackets: number;
}

function newInlineState(): InlineState {
  return { blockStart: -1, openEmphasis: 0, brackets: 0 };
}

const wordChar = /[\p{L}\p{N}]/u;
const isSpace = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isPunctuation = (c: string | undefined): boolean => !isSpace(c) && !wordChar.test(c!);

/** Scans one line of a paragraph; says what crossed a limit, or undefined. */
function scanInline(text: string, start: number, end: number, state: InlineState): string | undefined {
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      if (++state.brackets > maxInlineNesting) return `brackets nested more than ${maxInlineNesting} deep`;
    } else if (c === ']') {
      state.brackets = Math.max(0, state.brackets - 1);
    } else if (c === '*' || c === '_') {
      let j = i;
      while (j < end && text[j] === c) j++;
      if (j - i > maxInlineNesting) return `a run of ${j - i} "${c}" (the limit is ${maxInlineNesting})`;
      const before = i > start ? text[i - 1] : ' ';
      const after = j < end ? text[j] : ' ';
      const opens = !isSpace(after) && (isSpace(before) || isPunctuation(before));
      const closes = !isSpace(before) && (isSpace(after) || isPunctuation(after));
      if (opens && !closes && ++state.openEmphasis > maxInlineNesting) return `more than ${maxInlineNesting} emphasis marks left open`;
      if (closes && !opens) state.openEmphasis = Math.max(0, state.openEmphasis - 1);
      i = j - 1;
    }
  }
  return undefined;
}
