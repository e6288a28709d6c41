/**
 * Where a Markdown document can be cut into pieces that parse the same alone as in the whole:
 * before a line that starts at the left margin after a blank line, unless a construct that may
 * hold blank lines is still open (front matter, a fenced code block, an HTML block of CommonMark
 * kinds 1–5). Everything else ends at a blank line (paragraphs, headings, HTML kinds 6–7) or
 * continues only on indented lines (list items, footnote definitions, indented code), so no
 * top-level node spans such a cut. The scan errs towards fewer cuts: taking a line for an opener
 * that is not one only makes a piece longer.
 */

const fenceOpen = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** Container markers at the start of a line: block quotes, list items, footnote definitions. */
const containerPrefix = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)]|\[\^[^\]]*\]:)(?=[ \t]|$)[ \t]?)+/;
/** HTML block starts that may continue past blank lines, with what ends each (CommonMark 4.6, kinds 1–5). */
const htmlBlocks: readonly (readonly [RegExp, RegExp])[] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

export interface MarkdownChunks {
  /** Start offsets of the pieces; the first is always 0. */
  readonly starts: readonly number[];
  /** True when the text ends inside a fence or HTML block: the last piece is then not closed. */
  readonly open: boolean;
}

export function markdownChunks(text: string): MarkdownChunks {
  const starts = [0];
  let fence: { readonly marker: string; readonly length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let previousBlank = false;
  /** Whether the last line with text was indented four columns: maybe indented code, after which micromark treats the next block as interrupting it. */
  let afterIndented = false;
  /**
   * A fence or HTML block opened inside a container is ended by the container's end, but where
   * the container ends then depends on what follows: no cut until the next blank-and-margin line
   * (where the container has surely ended).
   */
  let openInContainer = false;
  /** Whether a block quote, list item or footnote definition began since the last margin line after a blank line. */
  let inContainer = false;
  /**
   * Since the last blank line, a line that may start an HTML block of kinds 6–7 or a link
   * definition (whose title may run over lines): a fence marker inside either is not a fence, and
   * telling which it is needs more of the parser than this scan has: no more cuts.
   */
  let maybeSwallowing = false;
  let at = 0;
  // YAML front matter may hold blank lines: the first piece runs to its closing fence.
  if (/^---[ \t]*\r?\n/.test(text)) {
    const close = /\n---[ \t]*(?:\r?\n|$)/.exec(text.slice(3));
    if (!close) return { starts, open: true };
    at = 3 + close.index + close[0].length;
  }
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(at, end - 1) : text.slice(at, end);
    const blank = line.trim() === '';
    if (fence) {
      const close = fenceOpen.exec(line);
      if (close && close[1][0] === fence.marker && close[1].length >= fence.length && close[2].trim() === '') fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      if (previousBlank && !blank && line[0] !== ' ' && line[0] !== '\t' && at > 0) {
        if (!afterIndented && !openInContainer) starts.push(at);
        openInContainer = false;
        inContainer = false;
      }
      const opens = opensBlankSpanning(line);
      // Indented within a container, a fence may be the container's or the document's, and which
      // line closes it depends on the container's indentation: no more cuts (rare in essays).
      if (opens && ((inContainer && /^[ \t]/.test(line)) || maybeSwallowing)) return { starts, open: true };
      if (/^ {0,3}(?:<[A-Za-z/]|\[)/.test(line)) maybeSwallowing = true;
      if (opens?.fence) fence = opens.fence;
      else if (opens?.htmlEnd) htmlEnd = opens.htmlEnd;
      const inner = containerPrefix.exec(line);
      if (inner) {
        inContainer = true;
        if (opensBlankSpanning(line.slice(inner[0].length).trimStart())) openInContainer = true;
      }
    }
    previousBlank = blank;
    if (blank) maybeSwallowing = false;
    if (!blank) afterIndented = /^(?: {4}| {0,3}\t)/.test(line);
    at = end + 1;
  }
  return { starts, open: fence !== undefined || htmlEnd !== undefined || openInContainer };
}

/** A fence or an HTML block of kinds 1–5 that this line opens and does not close. */
function opensBlankSpanning(line: string): { fence?: { marker: string; length: number }; htmlEnd?: RegExp } | undefined {
  const open = fenceOpen.exec(line);
  if (open && !(open[1][0] === '`' && open[2].includes('`'))) return { fence: { marker: open[1][0], length: open[1].length } };
  const html = htmlBlocks.find(([start]) => start.test(line));
  return html && !html[1].test(line.replace(html[0], '')) ? { htmlEnd: html[1] } : undefined;
}
