import type { Nodes, Parents } from 'mdast';
import { parseMarkdown, parseMarkdownFragment, type Definitions } from './markdown.js';
import { markdownChunks } from './markdownChunks.js';
import { collectStructure, type MarkdownStructure } from './markdownModel.js';
import type { Span } from './types.js';
import { LruMap } from '../util/lruMap.js';

/**
 * Re-parses only the pieces of an essay that an edit touched. A writer's keystroke changes one
 * paragraph; parsing the whole 8,000-word essay again costs ~30 ms, most of the time an edit may
 * take. Pieces (markdownChunks.ts) parse alone as in the whole document but for one thing: a
 * footnote call or link reference is one only if its definition exists somewhere in the document.
 * So each piece is parsed knowing the labels defined in other pieces that it may refer to
 * (markdown.ts). Results are kept by piece text and those labels.
 */

interface ParsedPiece {
  /** Offsets relative to the piece. */
  readonly structure: MarkdownStructure;
}

const noDefinitions: Definitions = { notes: [], links: [] };

export class MarkdownPieceCache {
  private readonly parsed: LruMap<string, ParsedPiece>;
  private readonly definitions: LruMap<string, Definitions>;
  /** How many times this cache ran the parser (for tests and logs). */
  parses = 0;

  /** `capacity`: pieces kept (least recently used first out); a few essays' worth. */
  constructor(capacity = 4096) {
    this.parsed = new LruMap(capacity);
    this.definitions = new LruMap(capacity);
  }

  /** The document's structure, parsing only pieces not seen before with the same definitions. */
  structureOf(text: string): MarkdownStructure {
    const { starts, open } = markdownChunks(text);
    // A fence or HTML block left open (or a construct the cutting cannot place) runs to the end
    // of the document: no cut after it is safe.
    if (open || starts.length === 1) return collectStructure(parseMarkdown(text));
    const pieces = starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
    const defined = pieces.map((piece, i) => this.definitionsIn(piece, i === 0));
    const notes = [...new Set(defined.flatMap((d) => d.notes))];
    const links = [...new Set(defined.flatMap((d) => d.links))];
    const out: MarkdownStructure = { prose: [], blocks: [], headings: [], noteRefs: [], notes: [], links: [], acknowledgements: [] };
    pieces.forEach((piece, i) => appendShifted(out, this.parse(piece, i === 0, notes, links), starts[i]));
    return out;
  }

  private parse(piece: string, first: boolean, notes: readonly string[], links: readonly string[]): ParsedPiece {
    const elsewhere = definitionsReferredTo(piece, notes, links);
    const key = `${first ? 'F' : 'f'}${elsewhere.notes.join('\n')}\u0001${elsewhere.links.join('\n')}\u0000${piece}`;
    const known = this.parsed.get(key);
    if (known) return known;
    this.parses++;
    const parsed = { structure: collectStructure((first ? parseMarkdown : parseMarkdownFragment)(piece, elsewhere)) };
    this.parsed.set(key, parsed);
    return parsed;
  }

  /** The labels a piece defines, which do not depend on the rest of the document. */
  private definitionsIn(piece: string, first: boolean): Definitions {
    if (!piece.includes(']:')) return noDefinitions;
    const key = `${first ? 'F' : 'f'}${piece}`;
    const known = this.definitions.get(key);
    if (known) return known;
    this.parses++;
    const found = { notes: [] as string[], links: [] as string[] };
    collectDefinitions((first ? parseMarkdown : parseMarkdownFragment)(piece), found);
    this.definitions.set(key, found);
    return found;
  }
}

function collectDefinitions(node: Nodes, found: { notes: string[]; links: string[] }): void {
  if (node.type === 'footnoteDefinition') found.notes.push(node.identifier);
  else if (node.type === 'definition') found.links.push(node.identifier);
  if ('children' in node) for (const child of (node as Parents).children) collectDefinitions(child as Nodes, found);
}

/**
 * Labels folded as micromark folds them (normalizeIdentifier, then mdast's lower case: "Straße"
 * and "STRASSE" are one label), so that a piece's text contains every label it may refer to.
 */
function looseLabel(text: string): string {
  return text.replace(/[\t\n\r ]+/g, ' ').toLowerCase().toUpperCase().toLowerCase();
}

/** The labels defined in the document that a piece may refer to. */
function definitionsReferredTo(piece: string, notes: readonly string[], links: readonly string[]): Definitions {
  if ((notes.length === 0 && links.length === 0) || !piece.includes('[')) return noDefinitions;
  const loose = looseLabel(piece);
  const found = (labels: readonly string[]): string[] => labels.filter((label) => loose.includes(looseLabel(label).trim()));
  return { notes: found(notes), links: found(links) };
}

/** Adds a piece's structure at its place in the document. */
function appendShifted(out: MarkdownStructure, parsed: ParsedPiece, offset: number): void {
  const moved = mapStructure(parsed.structure, (span) => ({ start: span.start + offset, end: span.end + offset }));
  out.prose.push(...moved.prose);
  out.blocks.push(...moved.blocks);
  out.headings.push(...moved.headings);
  out.noteRefs.push(...moved.noteRefs);
  out.notes.push(...moved.notes);
  out.links.push(...moved.links);
  out.acknowledgements.push(...moved.acknowledgements);
}

function mapStructure(structure: MarkdownStructure, move: (span: Span) => Span): MarkdownStructure {
  return {
    prose: structure.prose.map(move),
    blocks: structure.blocks.map(move),
    headings: structure.headings.map((h) => ({ ...h, span: move(h.span) })),
    noteRefs: structure.noteRefs.map((r) => ({ ...r, span: move(r.span) })),
    notes: structure.notes.map((n) => ({ ...n, span: move(n.span), textSpan: move(n.textSpan) })),
    links: structure.links.map((l) => ({ ...l, span: move(l.span) })),
    acknowledgements: structure.acknowledgements.map(move),
  };
}
