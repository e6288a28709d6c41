import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { markdownChunks } from '../../server/src/analysis/markdownChunks.js';
import { MarkdownPieceCache } from '../../server/src/analysis/markdownIncremental.js';
import { buildMarkdownModel } from '../../server/src/analysis/markdownModel.js';

const scale = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));

/** The model built whole, and built piece by piece through a cache. */
function bothWays(text: string, cache = new MarkdownPieceCache()): void {
  const whole = buildMarkdownModel(text);
  const pieced = buildMarkdownModel(text, (t) => cache.structureOf(t));
  assert.deepStrictEqual(pieced, whole);
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => path.join(dir, f));
}

/** Lines of Markdown that open, continue or close constructs a cut must not split. */
const line = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('Stalin wrote to Trotsky in 1927.', 'The famine killed 5 million[^1].', 'See [the toll](other.md#toll) and [Conquest][c].', 'A *split* name: *Leon* Trotsky.', 'Call [^note] and [^Note] and [^2].', 'Text with [c] and [C ] alone.') },
  { weight: 6, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.constantFrom('[^1]: Davies and Wheatcroft, p. 401.', '[^note]: A note', '    continued in the note [^2].', '[c]: https://example.com "Conquest"', '[^2]:', '[C]: <x>') },
  { weight: 3, arbitrary: fc.constantFrom('```', '~~~~', '```js', '````', '   ```', '``` not `closed`', '    ```') },
  { weight: 3, arbitrary: fc.constantFrom('<!-- marginalia: acknowledge -->', '<!--', '-->', '<pre>', '</pre>', '<div>', '</div>', '<?php', '?>', '<!DOCTYPE', '>', '<![CDATA[', ']]>', '<script>x</script>') },
  { weight: 3, arbitrary: fc.constantFrom('# Heading with Stalin', '## The toll', 'Setext', '===', '---', '***', '- item [^1]', '1. first', '2. second', '  - nested', '> quoted [^1]', '>', '\tindented', '    code [^1]', '  two spaces') },
  { weight: 1, arbitrary: fc.constantFrom('title: Essay', 'a: 1') },
);
const markdownDocument = fc.tuple(fc.boolean(), fc.array(line, { maxLength: 60 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([frontMatter, lines, eol, trailing]) => `${frontMatter ? `---${eol}title: x${eol}${eol}---${eol}` : ''}${lines.join(eol)}${trailing ? eol : ''}`);

describe('Markdown parsed piece by piece', () => {
  it('Should cut only before a line at the margin after a blank line, outside fences, HTML blocks and front matter', () => {
    const text = '---\na: 1\n\nb: 2\n---\nFirst.\n\nSecond\ngoes on.\n\n```\ncode\n\nmore\n```\n\n  indented\n\n<!--\n\nx\n-->\n\nLast.';
    const { starts, open } = markdownChunks(text);
    assert.deepEqual(starts.map((s) => text.slice(s, s + 6)), ['---\na:', 'Second', '```\nco', '<!--\n\n', 'Last.']);
    assert.equal(open, false);
    assert.equal(markdownChunks('Para.\n\n```\nnever closed\n\nstill code').open, true);
  });

  it('Should build the same model as the whole parse for every Markdown file in the corpus and the fixtures', () => {
    const files = [...markdownFiles('corpus'), ...markdownFiles('test/fixtures')];
    assert.ok(files.length >= 30, `files: ${files.length}`);
    const cache = new MarkdownPieceCache();
    let pieces = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      pieces += markdownChunks(text).starts.length;
      bothWays(text, cache);
    }
    assert.ok(pieces > files.length + 150, `${pieces} pieces in ${files.length} files`);
  });

  it(`Should build the same model as the whole parse for random Markdown (${300 * scale} documents)`, () => {
    const cache = new MarkdownPieceCache(64);
    fc.assert(fc.property(markdownDocument, (text) => bothWays(text, cache)), { numRuns: 300 * scale });
  });

  it(`Should build the same model as the whole parse for random Markdown-significant characters (${300 * scale} documents)`, () => {
    const token = fc.constantFrom('\n', '\n\n', '\r\n', ' ', '    ', '\t', '```', '~~~', '<!--', '-->', '<pre>', '</pre>', '<?', '?>', '[^1]', '[^1]: ', '[^A b]', '[^a  B]: ',
      '[a]', '[A]: x', '[^Straße]', '[^STRASSE]: ', '[^ı]', '[^I]: ', '![a][a]', '[x][a]', ']', '[', '> ', '- ', '* ', '1. ', '2. ', '# ', '===', '---', '---\n', 'Stalin', 'text', '*', '_', '`', '\\');
    const cache = new MarkdownPieceCache(64);
    fc.assert(fc.property(fc.array(token, { maxLength: 120 }).map((t) => t.join('')), (text) => bothWays(text, cache)), { numRuns: 300 * scale });
  });

  it('Should parse again only the piece an edit touched, and the pieces whose definitions changed', () => {
    const labels = ['one', 'two', 'three'];
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} on the famine[^${labels[i % 3]}].`);
    const notes = '[^one]: First.\n[^two]: Second.\n[^three]: Third.';
    const text = `${paragraphs.join('\n\n')}\n\n${notes}\n`;
    const cache = new MarkdownPieceCache();
    bothWays(text, cache);
    assert.equal(cache.parses, 40 + 1 + 1, 'every piece once, and the notes once more for their definitions');
    bothWays(text.replace('Paragraph 7 on', 'Paragraph 7 about'), cache);
    assert.equal(cache.parses, 42 + 1);
    // The third note is gone: calls to it are plain text now. The notes are parsed again (twice),
    // and the 13 paragraphs that call it; the others' parses are kept.
    bothWays(text.replace('[^three]: Third.', ''), cache);
    assert.equal(cache.parses, 43 + 2 + 13);
  });
});
