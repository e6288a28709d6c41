import type { Nodes, Parents } from 'mdast';
import { parseMarkdown } from './markdown.js';
import { checkMarkdownComplexity } from './markdownGuard.js';
import { buildPlainTextModel } from './plainTextModel.js';
import { slugify } from './slug.js';
import type { DocumentModel, Heading, Link, Note, NoteRef, Problem, Span } from './types.js';

const acknowledgePattern = /^<!--\s*marginalia\s*:\s*acknowledge\b/i;
/** Node types whose text is never prose: code, raw HTML, front matter. */
const opaqueTypes = new Set(['code', 'inlineCode', 'html', 'yaml', 'definition', 'image', 'imageReference']);
/** Block nodes whose inline content forms one sentence-bearing block. */
const blockTypes = new Set(['paragraph', 'heading', 'tableCell']);

/** What the model takes from a parse tree, in tree order. */
export interface MarkdownStructure {
  prose: Span[];
  blocks: Span[];
  headings: Heading[];
  noteRefs: NoteRef[];
  notes: Note[];
  links: Link[];
  acknowledgements: Span[];
}

function spanOf(node: Nodes): Span | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/**
 * Builds the document model of a Markdown essay. Never throws on user text: Markdown that remark
 * would take seconds over or overflow the stack on (see markdownGuard.ts), or that fails to parse,
 * is read as plain text, with a problem saying so.
 */
export function buildMarkdownModel(text: string, structureOf: (text: string) => MarkdownStructure = parseStructure): DocumentModel {
  const tooComplex = checkMarkdownComplexity(text);
  if (tooComplex) return asPlainText(text, { span: tooComplex.span, severity: 'warning', code: 'markdown-too-complex', message: tooComplex.message });
  let out: MarkdownStructure;
  try {
    out = structureOf(text);
  } catch (error) {
    // A parser fault or a stack overflow on a tree deeper than the guard foresaw: the
    // writer still gets mentions and figures from the plain-text reading.
    return asPlainText(text, {
      span: { start: 0, end: 0 }, severity: 'warning', code: 'markdown-parse-failed',
      message: `Marginalia could not parse this Markdown file (${error instanceof Error ? error.message : String(error)}); it is read as plain text.`,
    });
  }
  return { kind: 'markdown', ...out, prose: mergeAdjacent(out.prose, text), problems: [] };
}

function parseStructure(text: string): MarkdownStructure {
  return collectStructure(parseMarkdown(text));
}

/** The structure of one parse tree, before adjacent prose spans are joined. */
export function collectStructure(root: Nodes): MarkdownStructure {
  const out: MarkdownStructure = { prose: [], blocks: [], headings: [], noteRefs: [], notes: [], links: [], acknowledgements: [] };
  visit(root, out);
  return out;
}

function asPlainText(text: string, problem: Problem): DocumentModel {
  const model = buildPlainTextModel(text);
  return { ...model, kind: 'markdown', problems: [...model.problems, problem] };
}

function visit(node: Nodes, out: MarkdownStructure): void {
  const span = spanOf(node);
  if (span) collectNode(node, span, out);
  if (opaqueTypes.has(node.type)) return;
  if (node.type === 'text' && span) {
    out.prose.push(span);
    return;
  }
  if ('children' in node) for (const child of (node as Parents).children) visit(child as Nodes, out);
}

function collectNode(node: Nodes, span: Span, out: MarkdownStructure): void {
  if (blockTypes.has(node.type)) out.blocks.push(span);
  switch (node.type) {
    case 'heading': {
      const headingText = plainText(node);
      out.headings.push({ text: headingText, level: node.depth, span, slug: slugify(headingText) });
      break;
    }
    case 'footnoteReference':
      out.noteRefs.push({ label: node.label ?? node.identifier, span });
      break;
    case 'footnoteDefinition':
      out.notes.push({ label: node.label ?? node.identifier, span, textSpan: footnoteTextSpan(node, span) });
      break;
    case 'link':
      out.links.push(linkOf(node.url, span));
      break;
    case 'html':
      if (acknowledgePattern.test(node.value)) out.acknowledgements.push(span);
      break;
    default:
      break;
  }
}

function footnoteTextSpan(node: Nodes, span: Span): Span {
  const first = 'children' in node ? (node.children as Nodes[])[0] : undefined;
  const firstSpan = first ? spanOf(first) : undefined;
  return firstSpan ? { start: firstSpan.start, end: span.end } : span;
}

function linkOf(href: string, span: Span): Link {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return { span, href };
  const hash = href.indexOf('#');
  const path = decodeSafely(hash < 0 ? href : href.slice(0, hash));
  const fragment = hash < 0 ? undefined : decodeSafely(href.slice(hash + 1));
  return { span, href, path: path || undefined, fragment };
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape in a link is the writer's typo, not a reason to drop the link.
    return value;
  }
}

/**
 * Joins text spans separated only by inline markup (`*Leon* Trotsky`), so a name split by
 * emphasis still matches; spans separated by anything with letters (a link URL) stay apart.
 */
export function mergeAdjacent(spans: readonly Span[], text: string): Span[] {
  spans = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && /^[*_~`\[\]\s]*$/.test(text.slice(last.end, span.start)) && !text.slice(last.end, span.start).includes('\n\n')) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    } else {
      merged.push(span);
    }
  }
  return merged;
}
