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

const processor = unified().use(remarkParse).use(essayExtensions).freeze();

/** Parses Markdown into an mdast tree whose nodes carry source offsets. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
