/**
 * The one file that imports unified/remark (ESM-only), so the parser choice stays in one place.
 * Footnotes (`[^1]`) and YAML front matter are the only syntax extensions we enable: full GFM
 * costs about three times the parse time and adds nothing an essay check needs.
 */
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';

function essayExtensions(this: ReturnType<typeof unified>): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(frontmatter(['yaml']), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(frontmatterFromMarkdown(['yaml']), gfmFootnoteFromMarkdown());
}

/** Footnotes only: front matter exists only at the start of a document. */
function fragmentExtensions(this: ReturnType<typeof unified>): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown());
}

/**
 * Labels defined elsewhere in the document, for a parse of one piece of it: micromark makes
 * `[^1]` a footnote call and `[text][ref]` a reference only when the label is defined. It keeps
 * the labels it has seen in its parser (`defined`, `gfmFootnotes`, normalised as
 * micromark-util-normalize-identifier does); a construct tried first at every bracket adds ours
 * there before any label is looked up, and then declines, so parsing goes on as usual.
 */
let predefined: Definitions | undefined;
const seeded = new WeakSet<object>();

interface ParserLabels {
  defined: string[];
  gfmFootnotes?: string[];
}

const seedDefinitions = {
  name: 'marginaliaPredefinedLabels',
  tokenize(this: { parser: ParserLabels }, _effects: unknown, _ok: unknown, nok: (code: number | null) => unknown) {
    if (predefined && !seeded.has(this.parser)) {
      seeded.add(this.parser);
      this.parser.defined.push(...predefined.links.map(normalisedLabel));
      (this.parser.gfmFootnotes ??= []).push(...predefined.notes.map(normalisedLabel));
    }
    return nok;
  },
};
const labelSeeding = { text: { 91: seedDefinitions, 93: seedDefinitions, 33: seedDefinitions } };

function seedingExtension(this: ReturnType<typeof unified>): void {
  // Added last, so combined first: tried before the footnote and link constructs at a bracket.
  (this.data().micromarkExtensions ??= []).push(labelSeeding as never);
}

/** An mdast identifier (micromark's normalised label, lower-cased) as micromark keeps it. */
function normalisedLabel(identifier: string): string {
  return identifier.toUpperCase();
}

const processor = unified().use(remarkParse).use(essayExtensions).use(seedingExtension).freeze();
const fragmentProcessor = unified().use(remarkParse).use(fragmentExtensions).use(seedingExtension).freeze();

/** Labels defined in a document, as mdast identifiers. */
export interface Definitions {
  readonly notes: readonly string[];
  readonly links: readonly string[];
}

/**
 * Parses Markdown into an mdast tree whose nodes carry source offsets. `elsewhere`: labels the
 * text's footnote calls and references may use that are defined outside it (see above).
 */
export function parseMarkdown(text: string, elsewhere?: Definitions): Root {
  return withDefinitions(elsewhere, () => processor.parse(text));
}

/** Parses a piece of a document that does not start it (no front matter). */
export function parseMarkdownFragment(text: string, elsewhere?: Definitions): Root {
  return withDefinitions(elsewhere, () => fragmentProcessor.parse(text));
}

function withDefinitions(elsewhere: Definitions | undefined, parse: () => Root): Root {
  predefined = elsewhere && (elsewhere.notes.length > 0 || elsewhere.links.length > 0) ? elsewhere : undefined;
  try {
    return parse();
  } finally {
    predefined = undefined;
  }
}
