import { slugify } from './slug.js';
import type { DocumentModel, Heading, Note, NoteRef, Span } from './types.js';

/**
 * Plain-text essays are first-class: paragraphs are separated by blank lines, a heading is a
 * short line standing alone without final punctuation, endnote markers are digits glued to
 * punctuation ("died.16", "in 1991.1") or superscript digits ("¹⁵"), and the numbered notes
 * follow a "Notes" heading at the end.
 */

const notesHeading = /^(notes|endnotes|references|notes and references|sources)$/i;
const noteLine = /^[ \t]*(\d{1,3})[.)]?[ \t]+\S/;
const acknowledgeLine = /^\s*\[\s*marginalia\s*:\s*acknowledge\b[^\]]*\]\s*$/i;
/** Digits glued after closing punctuation, followed by a space, a line end or another marker. */
const gluedMarker = /(?<=[\p{L}\p{N}%)\]'"’”][.,;:!?'"’”)\]])(\d{1,3})(?=\s|$)/gu;
const superscriptRun = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;
const superscriptDigits = '⁰¹²³⁴⁵⁶⁷⁸⁹';

interface Paragraph {
  span: Span;
  lines: Span[];
}

export function buildPlainTextModel(text: string): DocumentModel {
  const paragraphs = splitParagraphs(text);
  const headings: Heading[] = [];
  const notes: Note[] = [];
  const acknowledgements: Span[] = [];
  const blocks: Span[] = [];
  let inNotes = false;
  for (const whole of paragraphs) {
    const paragraph = withoutAcknowledgement(text, whole, acknowledgements);
    if (!paragraph) continue;
    const body = text.slice(paragraph.span.start, paragraph.span.end);
    if (isHeading(paragraph, body)) {
      const headingText = body.trim();
      headings.push({ text: headingText, level: 1, span: paragraph.span, slug: slugify(headingText) });
      blocks.push(paragraph.span);
      inNotes = notesHeading.test(headingText);
      continue;
    }
    // One loop per note rather than `push(...notes)` (a stack overflow past ~120,000 notes in one
    // paragraph) and rather than filtering every note per paragraph (quadratic: 171 s for 200,000).
    if (inNotes) {
      for (const note of notesIn(text, paragraph)) {
        notes.push(note);
        blocks.push(note.textSpan);
      }
    } else {
      blocks.push(paragraph.span);
    }
  }
  const bodyEnd = notes.length > 0 ? notes[0].span.start : text.length;
  const labels = new Set(notes.map((n) => n.label));
  const noteRefs = findMarkers(text, bodyEnd, labels);
  const prose = blocks;
  return { kind: 'plaintext', prose, blocks, headings, noteRefs, notes, links: [], acknowledgements, problems: [] };
}

/**
 * "[marginalia: acknowledge]" on its own line, as the paragraph's last line or a paragraph of its
 * own, is a marker, not prose; the rest of the paragraph stays.
 */
function withoutAcknowledgement(text: string, paragraph: Paragraph, acknowledgements: Span[]): Paragraph | undefined {
  const last = paragraph.lines[paragraph.lines.length - 1];
  if (!acknowledgeLine.test(text.slice(last.start, last.end))) return paragraph;
  acknowledgements.push(last);
  const lines = paragraph.lines.slice(0, -1);
  return lines.length === 0 ? undefined : { span: { start: lines[0].start, end: lines[lines.length - 1].end }, lines };
}

function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Span[] = [];
  let lineStart = 0;
  const flush = (): void => {
    if (current.length > 0) paragraphs.push({ span: { start: current[0].start, end: current[current.length - 1].end }, lines: current });
    current = [];
  };
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const contentEnd = lineEnd > lineStart && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    if (text.slice(lineStart, contentEnd).trim() === '') flush();
    else current.push({ start: lineStart, end: contentEnd });
    lineStart = lineEnd + 1;
  }
  flush();
  return paragraphs;
}

function isHeading(paragraph: Paragraph, body: string): boolean {
  const line = body.trim();
  return paragraph.lines.length === 1 && line.length <= 80 && !/[.,;:!?"”’)]$/.test(line) && /^[\p{Lu}\p{N}]/u.test(line) && !noteLine.test(line);
}

function notesIn(text: string, paragraph: Paragraph): Note[] {
  const notes: Note[] = [];
  for (const line of paragraph.lines) {
    const lineText = text.slice(line.start, line.end);
    const match = noteLine.exec(lineText);
    if (match) {
      const labelEnd = line.start + lineText.indexOf(match[1]) + match[1].length;
      const textStart = labelEnd + (lineText.slice(labelEnd - line.start).match(/^[.)]?\s*/)?.[0].length ?? 0);
      notes.push({ label: match[1], span: line, textSpan: { start: textStart, end: line.end } });
    } else if (notes.length > 0) {
      // A note that wraps onto the next line keeps growing.
      const last = notes[notes.length - 1];
      notes[notes.length - 1] = { ...last, span: { start: last.span.start, end: line.end }, textSpan: { start: last.textSpan.start, end: line.end } };
    }
  }
  return notes;
}

/** Markers count only when a numbered note with that label exists: "3.5 million" is never a marker. */
function findMarkers(text: string, bodyEnd: number, labels: Set<string>): NoteRef[] {
  const refs: NoteRef[] = [];
  const body = text.slice(0, bodyEnd);
  for (const match of body.matchAll(gluedMarker)) {
    if (labels.has(match[1]) && !looksLikeDecimal(body, match.index ?? 0, match[1].length)) refs.push({ label: match[1], span: { start: match.index ?? 0, end: (match.index ?? 0) + match[1].length } });
  }
  for (const match of body.matchAll(superscriptRun)) {
    const label = [...match[0]].map((c) => superscriptDigits.indexOf(c)).join('');
    if (labels.has(label)) refs.push({ label, span: { start: match.index ?? 0, end: (match.index ?? 0) + match[0].length } });
  }
  return refs.sort((a, b) => a.span.start - b.span.start);
}

/**
 * "3.5 million" and "1991.1 The" both put digits after a full stop that follows a digit; only a
 * marker is followed by the end of the line or a new sentence.
 */
function looksLikeDecimal(text: string, start: number, length: number): boolean {
  if (text[start - 1] !== '.' && text[start - 1] !== ',') return false;
  if (!/\d/.test(text[start - 2] ?? '')) return false;
  const after = text.slice(start + length, start + length + 3);
  return !/^(\s*$|\s+[\p{Lu}"“‘'(\[]|\r?\n)/u.test(after);
}
