import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseDocument } from '../../server/src/analysis/documentAnalysis.js';
import { buildGlossary, type GlossarySource } from '../../server/src/analysis/glossary.js';
import { compileEntityMatcher } from '../../server/src/analysis/entityMatcher.js';
import { parseGlossaryEntry } from '../../server/src/analysis/glossaryEntry.js';
import { findQuantities } from '../../server/src/analysis/quantity.js';
import { decodeText, readTextFile } from '../../server/src/node/fileScanner.js';
import { fixture } from '../helpers/fixture.js';
import { renderDiagnostics, renderLocations } from '../helpers/render.js';
import { BoundedAnalyser, type BoundedResult } from './boundedAnalysis.js';
import type { AnalysisMode } from './summary.js';
import { entryText, glossarySources, reliabilityGlossary } from './glossary.js';

/**
 * Issue 7, part 1: the bad-input matrix. Every case has an exact expectation (a diagnostic, a log
 * line, or mentions at exact offsets) and a time bound. Essays go through analyseDocument in a
 * worker thread with a generous limit, so a hang fails its test instead of the suite; the matrix
 * is printed at the end with each case's time.
 */

/** Generous: the slowest case here takes about a second; a hang or a quadratic blow-up takes minutes. */
const limitMs = 20000;
const matrix: string[] = [];

function record(name: string, result: string): void {
  matrix.push(`${name.padEnd(58)} ${result}`);
}

const glossaryFixture = Object.entries(reliabilityGlossary).map(([p, text]) => `//- /${p}\n${text}`).join('');

describe('Reliability: bad input never crashes or hangs', function () {
  this.timeout(limitMs * 2);
  const analyser = new BoundedAnalyser(glossarySources());

  after(async () => {
    await analyser.stop();
    console.log(`\n    Bad-input matrix (${matrix.length} cases):\n${matrix.map((row) => `      ${row}`).join('\n')}\n`);
  });

  async function analyse(name: string, text: string, kind: 'markdown' | 'plaintext', mode: AnalysisMode = 'full'): Promise<BoundedResult> {
    const result = await analyser.analyse(text, kind, limitMs, mode);
    assert.deepEqual(result.summary.badSpans, [], `${name}: every span inside the document`);
    const problems = result.summary.problems.map((p) => p.replace(/^\S+ \S+ (\S+):.*$/, '$1')).join(', ') || 'no problems';
    const what = mode === 'full' ? `${result.summary.claimCount} claims` : mode === 'sentences' ? `${result.summary.sentences} sentences` : 'claims not run';
    record(`${name} (${kind === 'markdown' ? 'md' : 'txt'}, ${text.length.toLocaleString('en-GB')} chars)`, `${result.ms.toFixed(0).padStart(5)} ms  ${result.summary.mentionCount} mentions, ${what}; ${problems}`);
    return result;
  }

  describe('Glossary files', () => {
    const diagnosticsOf = (files: Record<string, string>, target: string): string[] => {
      const f = fixture(Object.entries(files).map(([p, text]) => `//- /${p}\n${text}`).join(''));
      return renderDiagnostics(f.service.getDiagnostics(f.uriOf(`/${target}`)));
    };

    it('Should report broken YAML with its position and keep the other entries', () => {
      const files = {
        'glossary/broken.md': '---\nid: broken\ntype: person\nlabel: "Unclosed\naliases: [a\n---\nBody.\n',
        'glossary/stalin.md': reliabilityGlossary['glossary/joseph-stalin.md'],
        'essays/a.md': 'Stalin spoke.\n',
      };
      const diagnostics = diagnosticsOf(files, 'glossary/broken.md');
      assert.deepEqual(diagnostics, [
        '4:11-5:0 error glossary-bad-yaml: Broken YAML: Missing closing "quote',
      ]);
      const f = fixture(Object.entries(files).map(([p, text]) => `//- /${p}\n${text}`).join(''));
      assert.deepEqual([...f.service.index.glossary.entities.keys()], ['joseph-stalin']);
      record('glossary: broken YAML', 'glossary-bad-yaml at 4:11; other entries still in force');
    });

    it('Should report every field of the wrong type', () => {
      const text = entryText([
        'id: wrong-types', 'type: person', 'label: [Not, Text]', 'caseSensitive: "yes"', 'aliases: {a: 1, b: 2}',
        'dates: 1917', 'figures: {deaths: 5}',
      ].join('\n'));
      assert.deepEqual(diagnosticsOf({ 'glossary/wrong-types.md': text }, 'glossary/wrong-types.md'), [
        '3:7-3:18 error glossary-bad-field: `label` must be a non-empty text.',
      ]);
      const text2 = entryText([
        'id: wrong-types', 'type: person', 'label: Right Label', 'caseSensitive: "yes"', 'aliases: {a: 1, b: 2}',
        'dates: 1917', 'figures: {deaths: 5}', 'contexts: [x]',
      ].join('\n'));
      assert.deepEqual(diagnosticsOf({ 'glossary/wrong-types.md': text2 }, 'glossary/wrong-types.md'), [
        '5:9-5:21 error glossary-bad-field: Each item of `aliases` must be a text.',
        '4:15-4:20 error glossary-bad-field: `caseSensitive` must be true or false.',
        '8:10-8:13 error glossary-bad-field: `contexts` must map an alias to `{ anyOf: [...], noneOf: [...], window: 8 }`.',
        '6:7-6:11 error glossary-bad-field: `dates` must be a mapping such as `{ start: 1879-11-07, end: 1940-08-21 }`.',
        '7:9-7:20 error glossary-bad-field: `figures` must be a list of reference figures.',
      ]);
      record('glossary: wrong types', '5 glossary-bad-field, each on its field');
    });

    it('Should report missing fields and ignore the entry', () => {
      assert.deepEqual(diagnosticsOf({ 'glossary/missing.md': entryText('label: Only A Label') }, 'glossary/missing.md'), [
        '0:0-3:0 error glossary-missing-field: The entry has no `id`.',
        '0:0-3:0 error glossary-missing-field: The entry has no `type`.',
      ]);
      assert.deepEqual(diagnosticsOf({ 'glossary/empty.md': '' }, 'glossary/empty.md'), [
        '0:0-0:0 error glossary-no-front-matter: A glossary entry starts with YAML front matter between two `---` lines (id, type, label, …).',
      ]);
      record('glossary: missing fields, empty file', 'glossary-missing-field ×2; glossary-no-front-matter');
    });

    it('Should report one alias shared by two entries on both, diacritics folded, and recognise neither', () => {
      const files = {
        'glossary/a.md': entryText('id: a\ntype: person\nlabel: Anna Rakosi\naliases: [Rakosi]'),
        'glossary/b.md': entryText('id: b\ntype: person\nlabel: Bela Rákosi\naliases: [Rákosi]'),
        'essays/e.md': 'Rákosi spoke.\n',
      };
      assert.deepEqual(diagnosticsOf(files, 'glossary/a.md'), [
        '4:10-4:16 error glossary-alias-collision: The alias "Rakosi" is also claimed by b. Remove it from one entry, or declare `contexts` for it in each.',
      ]);
      assert.deepEqual(diagnosticsOf(files, 'glossary/b.md'), [
        '4:10-4:16 error glossary-alias-collision: The alias "Rákosi" is also claimed by a. Remove it from one entry, or declare `contexts` for it in each.',
      ]);
      const f = fixture(Object.entries(files).map(([p, text]) => `//- /${p}\n${text}`).join(''));
      assert.deepEqual(f.service.index.analysis(f.uriOf('/essays/e.md'))!.mentions, []);
      record('glossary: alias shared by two entries', 'glossary-alias-collision on both; ambiguous mention dropped');
    });

    it('Should say so when an entry lists its own label as an alias or a variant, and count each mention once', () => {
      const files = {
        'glossary/trotsky.md': entryText('id: leon-trotsky\ntype: person\nlabel: Leon Trotsky\naliases: [Leon Trotsky, Trotsky]\nvariants: [Leon Trotsky]'),
        'essays/e.md': 'Leon Trotsky and Trotsky.\n',
      };
      assert.deepEqual(diagnosticsOf(files, 'glossary/trotsky.md'), [
        '4:10-4:22 information glossary-repeated-alias: "Leon Trotsky" is the label; listing it in `aliases` adds nothing.',
        '5:11-5:23 information glossary-repeated-alias: "Leon Trotsky" is the label; listing it in `variants` adds nothing.',
      ]);
      const f = fixture(Object.entries(files).map(([p, text]) => `//- /${p}\n${text}`).join(''));
      assert.deepEqual(f.service.index.analysis(f.uriOf('/essays/e.md'))!.mentions.map((m) => `${m.span.start}-${m.span.end} ${m.alias} ${m.isVariant}`), [
        '0-12 Leon Trotsky false', '17-24 Trotsky false',
      ]);
      record('glossary: entry aliasing itself', 'glossary-repeated-alias (information); one mention each');
    });

    it('Should build an entry with 10,000 aliases in bounded time and recognise the last one', () => {
      const aliases = Array.from({ length: 10000 }, (_, i) => `Alias Number${i}`);
      const text = entryText(`id: many\ntype: person\nlabel: Many Names\naliases: [${aliases.join(', ')}]`);
      const started = performance.now();
      const glossary = buildGlossary([{ uri: 'file:///ws/glossary/many.md', text, bundled: false }]);
      const matcher = compileEntityMatcher(glossary);
      const ms = performance.now() - started;
      assert.equal(glossary.entities.get('many')!.aliases.length, 10000);
      assert.deepEqual(glossary.problems.get('file:///ws/glossary/many.md'), []);
      const essay = 'Then Alias Number9999 and Many Names.';
      assert.deepEqual(matcher.findMentions(essay, [{ start: 0, end: essay.length }]).map((m) => `${m.span.start}-${m.span.end} ${m.alias}`), [
        '5-21 Alias Number9999', '26-36 Many Names',
      ]);
      // Was 65 s: a per-alias search of the aliases seen so far (glossary.ts).
      assert.ok(ms < limitMs, `10,000 aliases took ${ms.toFixed(0)} ms`);
      record('glossary: 10,000 aliases', `${ms.toFixed(0).padStart(5)} ms  built and compiled; last alias recognised`);
    });

    it('Should refuse YAML tags beyond the core schema (nothing is ever executed)', () => {
      const cases: [string, string][] = [
        ['label: !!js/function "function () { process.exit(1) }"', '!!js/function'],
        ['label: !!python/object/apply:os.system ["rm -rf /"]', '!!python/object/apply:os.system'],
        ['label: Leon Trotsky\naliases: !!set {Trotsky}', '!!set'],
        ['label: !!binary TGVvbg==', '!!binary'],
        ['label: !custom Leon', '!custom'],
      ];
      for (const [field, tag] of cases) {
        const parsed = parseGlossaryEntry(entryText(`id: tagged\ntype: person\n${field}`), 'file:///ws/glossary/tagged.md', false);
        assert.equal(parsed.entity, undefined, tag);
        assert.deepEqual(parsed.problems.map((p) => `${p.code}: ${p.message}`), [
          `glossary-bad-yaml: The YAML tag ${tag} is not allowed: glossary front matter is plain YAML (core schema, no custom tags).`,
        ]);
      }
      // The core schema's own tags stay allowed.
      const plain = parseGlossaryEntry(entryText('id: !!str tagged\ntype: person\nlabel: !!str Leon Trotsky'), 'file:///ws/glossary/tagged.md', false);
      assert.equal(plain.entity?.label, 'Leon Trotsky');
      record('glossary: custom YAML tags (!!js/function, !!python/…)', 'glossary-bad-yaml, entry refused; core tags allowed');
    });

    it('Should not expand a billion-laughs alias bomb', () => {
      const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
      for (const name of 'bcdefgh') levels.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`).join(', ')}]`);
      const started = performance.now();
      const parsed = parseGlossaryEntry(entryText(`id: bomb\ntype: person\nlabel: Bomb\n${levels.join('\n')}\naliases: *h`), 'file:///ws/glossary/bomb.md', false);
      const ms = performance.now() - started;
      assert.deepEqual(parsed.entity?.aliases, []);
      assert.deepEqual(parsed.problems.map((p) => `${p.code}: ${p.message}`), ['glossary-bad-field: Each item of `aliases` must be a text.']);
      assert.ok(ms < 2000, `${ms} ms`);
      record('glossary: YAML alias bomb (9^8 nodes)', `${ms.toFixed(0).padStart(5)} ms  not expanded; glossary-bad-field`);
    });

    it('Should bound the front-matter pattern on an unclosed 100,000-line front matter', () => {
      const text = `---\n${'key: value\n'.repeat(100000)}`;
      const started = performance.now();
      const parsed = parseGlossaryEntry(text, 'file:///ws/glossary/unclosed.md', false);
      const ms = performance.now() - started;
      assert.deepEqual(parsed.problems.map((p) => p.code), ['glossary-no-front-matter']);
      record('glossary: unclosed front matter, 100,000 lines', `${ms.toFixed(0).padStart(5)} ms  glossary-no-front-matter`);
    });
  });

  describe('Essays: size, shape and encoding', () => {
    it('Should analyse an empty essay to nothing', async () => {
      for (const kind of ['markdown', 'plaintext'] as const) {
        const { summary } = await analyse('empty essay', '', kind);
        assert.deepEqual([summary.problems, summary.mentionCount, summary.claimCount, summary.headings], [[], 0, 0, 0]);
      }
    });

    it('Should refuse a 20 MB essay given directly to analysis, at once, with a warning', async () => {
      const text = 'Trotsky said 5,000 sailors died at Kronstadt. '.repeat(Math.ceil((20 * 1024 * 1024) / 46)).slice(0, 20 * 1024 * 1024);
      const { summary, ms } = await analyse('20 MB essay given to analyseDocument', text, 'markdown');
      assert.deepEqual(summary.problems, [
        "0-0 warning document-too-large: This document has 20,971,520 characters, over Marginalia's limit of 5,242,880; it is not analysed.",
      ]);
      assert.equal(summary.mentionCount, 0);
      assert.ok(ms < 1000, `${ms} ms`);
    });

    it('Should find every mention on one 200,000-character line', async () => {
      const text = 'Trotsky met Stalin. '.repeat(10000);
      for (const kind of ['markdown', 'plaintext'] as const) {
        const { summary } = await analyse('one 200,000-character line', text, kind);
        assert.equal(summary.mentionCount, 20000);
        assert.deepEqual(summary.mentions, [
          'leon-trotsky 0-7 "Trotsky"', 'joseph-stalin 12-18 "Stalin"', 'leon-trotsky 20-27 "Trotsky"',
          'joseph-stalin 199972-199978 "Stalin"', 'leon-trotsky 199980-199987 "Trotsky"', 'joseph-stalin 199992-199998 "Stalin"',
        ]);
        assert.deepEqual(summary.problems, []);
      }
    });

    it('Should read 10,000 levels of nested block quotes as plain text, with a warning, and still find the name', async () => {
      const text = `${'> '.repeat(10000)}Trotsky`;
      const { summary } = await analyse('10,000 nested block quotes', text, 'markdown');
      assert.deepEqual(summary.problems, [
        '0-20007 warning markdown-too-complex: This line nests block quotes or lists 10000 levels deep (the limit is 32); Marginalia reads this file as plain text.',
      ]);
      assert.deepEqual(summary.mentions, ['leon-trotsky 20000-20007 "Trotsky"']);
    });

    it('Should read 10,000 levels of nested lists as plain text, with a warning', async () => {
      const text = `${'- '.repeat(10000)}Trotsky\n`;
      const { summary } = await analyse('10,000 nested list items on one line', text, 'markdown');
      assert.deepEqual(summary.problems, [
        '0-20007 warning markdown-too-complex: This line nests block quotes or lists 10000 levels deep (the limit is 32); Marginalia reads this file as plain text.',
      ]);
      assert.deepEqual(summary.mentions, ['leon-trotsky 20000-20007 "Trotsky"']);
    });

    it('Should read a list indented one level deeper on each of 10,000 lines as plain text at level 33', async () => {
      // Line i is indented 2i spaces; only the first 40 lines are written out in full (the rest stay
      // at depth 40), which keeps the file at 0.9 MB while still nesting 10,000 lines.
      const lines = Array.from({ length: 10000 }, (_, i) => `${' '.repeat(2 * Math.min(i, 40))}- Trotsky`);
      const text = lines.join('\n');
      // Line 32 (from 0) is the first beyond the limit: one marker and 32 levels of indentation.
      const line32 = lines.slice(0, 32).join('\n').length + 1;
      const { summary } = await analyse('10,000 lines of a list nested one level per line', text, 'markdown');
      assert.deepEqual(summary.problems, [
        `${line32}-${line32 + 73} warning markdown-too-complex: This line nests block quotes or lists 33 levels deep (the limit is 32); Marginalia reads this file as plain text.`,
      ]);
      assert.equal(summary.mentionCount, 10000);
    });

    it('Should read 10,000 lines of a two-level list as plain text once past the nested-list budget', async () => {
      const text = '- - Trotsky\n'.repeat(10000);
      const { summary } = await analyse('10,000 lines of "- - item"', text, 'markdown');
      assert.deepEqual(summary.problems, [
        "12000-12011 warning markdown-too-complex: This file has more lines of nested lists than Marginalia's Markdown parser handles quickly (over 1000 levels in all); Marginalia reads this file as plain text.",
      ]);
      assert.equal(summary.mentionCount, 10000);
    });

    it('Should read 10,000 emphasis marks or brackets around a name as plain text', async () => {
      const stars = await analyse('10,000 "*" around a name', `${'*'.repeat(10000)}Trotsky${'*'.repeat(10000)}`, 'markdown');
      assert.deepEqual(stars.summary.problems, [
        '0-20007 warning markdown-too-complex: This paragraph has a run of 10000 "*" (the limit is 128); Marginalia reads this file as plain text.',
      ]);
      assert.deepEqual(stars.summary.mentions, ['leon-trotsky 10000-10007 "Trotsky"']);
      const nested = await analyse('10,000 nested "*a … a*"', `${'*a '.repeat(10000)}Trotsky${' a*'.repeat(10000)}`, 'markdown');
      assert.deepEqual(nested.summary.problems, [
        '0-60007 warning markdown-too-complex: This paragraph has more than 128 emphasis marks left open; Marginalia reads this file as plain text.',
      ]);
      const brackets = await analyse('10,000 nested brackets', `${'['.repeat(10000)}Trotsky${']'.repeat(10000)}`, 'markdown');
      assert.deepEqual(brackets.summary.problems, [
        '0-20007 warning markdown-too-complex: This paragraph has brackets nested more than 128 deep; Marginalia reads this file as plain text.',
      ]);
      assert.deepEqual(brackets.summary.mentions, ['leon-trotsky 10000-10007 "Trotsky"']);
    });

    it('Should keep Markdown for dense but flat markup: 4,000 links, emphases and footnote calls in one paragraph', async () => {
      const text = `${Array.from({ length: 4000 }, (_, i) => `*Trotsky* [link](b.md#${i}) word[^1]`).join(' ')}\n\n[^1]: A note.\n`;
      const { summary } = await analyse('4,000 closed links, emphases, footnote calls', text, 'markdown');
      assert.deepEqual(summary.problems, []);
      assert.deepEqual([summary.mentionCount, summary.notes, summary.noteRefs], [4000, 1, 4000]);
    });

    it('Should not mistake separator lines or fenced code for nesting', async () => {
      const text = [
        '# Title', '', '- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -', '',
        '```', ...Array.from({ length: 2000 }, (_, i) => `${' '.repeat(80)}- ${i} **${'*'.repeat(200)}`), '```', '', 'Trotsky wrote.',
      ].join('\n');
      const { summary } = await analyse('long separator line and deeply indented code', text, 'markdown');
      assert.deepEqual(summary.problems, []);
      assert.deepEqual(summary.mentions, [`leon-trotsky ${text.indexOf('Trotsky')}-${text.indexOf('Trotsky') + 7} "Trotsky"`]);
      assert.equal(summary.headings, 1);
    });

    const binaryText = (): string => {
      const bytes = Buffer.alloc(256 * 400);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
      return bytes.toString('latin1');
    };

    it('Should read binary bytes taken as text without a throw or a stray span', async () => {
      const text = binaryText();
      const markdown = await analyse('binary bytes as Latin-1 text', text, 'markdown', 'withoutClaims');
      // A `*` follows every `#` and precedes every `1`: 400 emphasis openers and no closer.
      assert.deepEqual([markdown.summary.mentionCount, markdown.summary.problems], [0, [
        '0-32934 warning markdown-too-complex: This paragraph has more than 128 emphasis marks left open; Marginalia reads this file as plain text.',
      ]]);
      const plain = await analyse('binary bytes as Latin-1 text', text, 'plaintext', 'withoutClaims');
      assert.deepEqual([plain.summary.mentionCount, plain.summary.problems], [0, []]);
    });

    // Regression: claims on binary bytes once did not finish (one "sentence" of thousands of figures).
    it('Should extract claims from binary bytes taken as text in bounded time', async () => {
      for (const kind of ['markdown', 'plaintext'] as const) {
        const { summary } = await analyse('binary bytes as Latin-1 text, with claims', binaryText(), kind);
        assert.equal(summary.claimCount, 0);
      }
    });

    it('Should keep offsets right around replacement characters and lone surrogates', async () => {
      const text = 'Trotsky\uFFFD\uFFFDStalin \uD800 Kronstadt \uDC00.';
      const { summary } = await analyse('U+FFFD and lone surrogates', text, 'plaintext');
      assert.deepEqual(summary.mentions, [
        'leon-trotsky 0-7 "Trotsky"', 'joseph-stalin 9-15 "Stalin"', 'kronstadt-rebellion 18-27 "Kronstadt"',
      ]);
    });

    it('Should find names in right-to-left text at their UTF-16 offsets', async () => {
      const text = 'قال تروتسكي إن \u202BStalin\u202C كان في Kronstadt. כתב Trotsky על Mátyás Rákosi.';
      const at = (s: string, from = 0): string => `${text.indexOf(s, from)}-${text.indexOf(s, from) + s.length}`;
      const { summary } = await analyse('Arabic and Hebrew around Latin names', text, 'plaintext');
      assert.deepEqual(summary.mentions, [
        `leon-trotsky ${at('تروتسكي')} "تروتسكي"`, `joseph-stalin ${at('Stalin')} "Stalin"`, `kronstadt-rebellion ${at('Kronstadt')} "Kronstadt"`,
        `leon-trotsky ${at('Trotsky')} "Trotsky"`, `matyas-rakosi ${at('Mátyás Rákosi')} "Mátyás Rákosi"`,
      ]);
      assert.equal(text.indexOf('تروتسكي'), 4);
    });

    it('Should give emoji and combining marks their UTF-16 width in ranges', () => {
      // 👨‍👩‍👧 is 8 UTF-16 code units; "Ma\u0301tya\u0301s" carries two combining accents.
      const essay = '👨‍👩‍👧 Trotsky met Ma\u0301tya\u0301s Ra\u0301kosi 🇺🇦 and Stalin.\n𝐀 Trotsky\n';
      const f = fixture(`${glossaryFixture}//- /essays/e.md\n${essay}`);
      const uri = f.uriOf('/essays/e.md');
      assert.deepEqual(f.service.index.analysis(uri)!.mentions.map((m) => `${m.entityId} ${m.span.start}-${m.span.end}`), [
        'leon-trotsky 9-16', 'matyas-rakosi 21-37', 'joseph-stalin 47-53', 'leon-trotsky 58-65',
      ]);
      const references = (line: number, character: number): string[] =>
        renderLocations(f.service.getReferences(uri, { line, character }, false)).filter((l) => l.startsWith('/essays/'));
      assert.deepEqual(references(0, 10), ['/essays/e.md 0:9-0:16', '/essays/e.md 1:3-1:10']);
      assert.deepEqual(references(0, 30), ['/essays/e.md 0:21-0:37']);
      record('emoji, ZWJ sequences, flags, astral letters, combining marks', 'mentions at UTF-16 offsets; LSP ranges right');
    });

    it('Should give CRLF files the same lines and characters as LF files', () => {
      const lf = '# Kronstadt\n\nTrotsky and Stalin.\n\nMátyás Rákosi, later.\n';
      const crlf = lf.replace(/\n/g, '\r\n');
      const ranges = (text: string, ext: string): string[] => {
        const f = fixture(`${glossaryFixture}//- /essays/e.${ext}\n${text}`);
        const uri = f.uriOf(`/essays/e.${ext}`);
        const document = TextDocument.create(uri, 'markdown', 0, text);
        const analysis = f.service.index.analysis(uri)!;
        return [
          ...analysis.mentions.map((m) => `${m.entityId} ${document.positionAt(m.span.start).line}:${document.positionAt(m.span.start).character}-${document.positionAt(m.span.end).line}:${document.positionAt(m.span.end).character}`),
          ...analysis.model.headings.map((h) => `heading ${JSON.stringify(h.text)}`),
        ];
      };
      const expected = ['kronstadt-rebellion 0:2-0:11', 'leon-trotsky 2:0-2:7', 'joseph-stalin 2:12-2:18', 'matyas-rakosi 4:0-4:13', 'heading "Kronstadt"'];
      assert.deepEqual(ranges(lf, 'md'), expected);
      assert.deepEqual(ranges(crlf, 'md'), expected);
      // Plain text: a heading is a short line alone, without a "#".
      const lfText = lf.replace('# Kronstadt', 'Kronstadt');
      const expectedText = ['kronstadt-rebellion 0:0-0:9', 'leon-trotsky 2:0-2:7', 'joseph-stalin 2:12-2:18', 'matyas-rakosi 4:0-4:13', 'heading "Kronstadt"'];
      assert.deepEqual(ranges(lfText, 'txt'), expectedText);
      assert.deepEqual(ranges(lfText.replace(/\n/g, '\r\n'), 'txt'), expectedText);
      record('CRLF line endings (Markdown and plain text)', 'same positions as LF; no \\r in headings');
    });
  });

  describe('Essays: number runs', () => {
    it('Should pass over "1,2,3,4,…" for 100,000 characters', async () => {
      const text = Array.from({ length: 30000 }, (_, i) => i + 1).join(',').slice(0, 100000);
      const started = performance.now();
      assert.equal(findQuantities(text).length, 0);
      record('findQuantities on "1,2,3,…" (100,000 chars)', `${(performance.now() - started).toFixed(0).padStart(5)} ms  0 quantities (ambiguous separators)`);
      for (const kind of ['markdown', 'plaintext'] as const) {
        const { summary } = await analyse('"1,2,3,4,…" for 100,000 characters', text, kind);
        assert.deepEqual([summary.mentionCount, summary.claimCount, summary.problems], [0, 0, []]);
      }
    });

    it('Should read "1, 2, 3, …" as separate small counts and "million million …" as nothing', async () => {
      const commaSpace = Array.from({ length: 30000 }, (_, i) => i + 1).join(', ').slice(0, 100000);
      const quantities = findQuantities(commaSpace);
      assert.equal(quantities.length, 15873);
      assert.deepEqual(quantities.slice(0, 2).map((q) => `${q.start}-${q.end} ${q.raw}`), ['0-1 1', '3-4 2']);
      const millions = 'million '.repeat(12500);
      assert.deepEqual(findQuantities(millions), []);
      assert.deepEqual(findQuantities(`5 ${millions}`).map((q) => `${q.raw} [${q.lo}, ${q.hi}]`), ['5 million [4500000, 5500000]']);
      const { summary } = await analyse('"million million million …" after a figure', `Kronstadt: 5 ${millions}died.`, 'plaintext');
      assert.deepEqual(summary.problems, []);
    });

    it('Should extract claims from 3,200 sentences of figures in one paragraph in bounded time', async () => {
      const text = Array.from({ length: 3200 }, (_, i) => `In the Kronstadt rebellion ${1000 + i} sailors died.`).join(' ');
      const { summary } = await analyse('3,200 sentences with a figure, one paragraph', text, 'plaintext');
      assert.equal(summary.claimCount, 3200);
      assert.deepEqual(summary.claims.slice(0, 2), ['kronstadt-rebellion|deaths|| 27-31 "1000"', 'kronstadt-rebellion|deaths|| 73-77 "1001"']);
    });

    // Regression: findMeasure once visited every token of the sentence for every figure (cubic).
    it('Should bound "1 died, 2 died, 3 died, …" for 100,000 characters in one sentence', async () => {
      const text = `In the Kronstadt rebellion ${Array.from({ length: 12000 }, (_, i) => `${i + 1} died`).join(', ')}.`.slice(0, 100000);
      const { summary } = await analyse('"1 died, 2 died, …" in one sentence', text, 'plaintext');
      assert.deepEqual(summary.problems, []);
    });
  });

  describe('Regular expressions at their worst', () => {
    type Kinds = readonly ('markdown' | 'plaintext')[];
    const both: Kinds = ['markdown', 'plaintext'];
    const plain: Kinds = ['plaintext'];
    // The sentence splitter runs for every block (mode `sentences`); the rest run as for an essay,
    // except where claims are known to be superlinear (see the pending tests).
    const worst: [string, string, Kinds, AnalysisMode, number, number?][] = [
      ['sentences.ts: 100,000 full stops after a name', `Stalin${'.'.repeat(100000)}x`, both, 'sentences', 1, 1],
      ['sentences.ts: a full stop, 100,000 closing brackets', `Stalin.${')'.repeat(100000)}x`, both, 'sentences', 1, 1],
      ['sentences.ts: a full stop, 100,000 spaces, lower case', `Stalin.${' '.repeat(100000)}x`, both, 'sentences', 1, 1],
      ['sentences.ts: 50,000 initials "A. "', `Stalin ${'A. '.repeat(50000)}`, both, 'sentences', 1, 1],
      ['sentences.ts: 50,000 "1." markers', `Stalin ${'1.'.repeat(50000)} Stalin`, both, 'sentences', 2, 2],
      ['sentences.ts: 30,000 sentences of "! ? ." in one block', `Stalin ${'No! Why? So. '.repeat(10000)}`, both, 'sentences', 1, 30000],
      ['plainTextModel.ts: unclosed acknowledge marker', `Stalin\n\n[marginalia: acknowledge${' x'.repeat(50000)}`, both, 'full', 1],
      ['plainTextModel.ts: 100,000 "a." before a marker', `Stalin ${'a.'.repeat(50000)}1\n\nNotes\n\n1 A note.`, both, 'full', 1],
      ['plainTextModel.ts: 100,000 spaces before a note number', `Stalin\n\nNotes\n\n${' '.repeat(100000)}1 A note.`, both, 'full', 1],
      ['plainTextModel.ts: 200,000 notes in one paragraph', `Stalin died.1\n\nNotes\n\n${'1 A note.\n'.repeat(200000)}`, plain, 'withoutClaims', 1],
      ['plainTextModel.ts: 50,000 note paragraphs', `Stalin died.1\n\nNotes\n\n${'1 A note.\n\n'.repeat(50000)}`, plain, 'full', 1],
      ['markdownModel.ts: an HTML comment of 100,000 spaces', `Stalin\n\n<!--${' '.repeat(100000)}x -->`, both, 'full', 1],
      ['markdownModel.ts: a link URL of 100,000 letters', `Stalin [x](${'a'.repeat(100000)}:b)`, both, 'full', 1],
      ['fold.ts: a word with 200,000 combining marks', `Stalin x${'\u0301'.repeat(200000)} Trotsky`, both, 'full', 2],
      ['entityMatcher.ts: 100,000 spaces and dots between words', `Leon${' .'.repeat(50000)}Trotsky`, both, 'full', 1],
    ];
    for (const [name, text, kinds, mode, mentions, sentences] of worst) {
      it(`Should stay linear on ${name}`, async () => {
        for (const kind of kinds) {
          const { summary } = await analyse(name, text, kind, mode);
          assert.equal(summary.mentionCount, mentions, kind);
          if (sentences !== undefined) assert.equal(summary.sentences, sentences, kind);
        }
      });
    }

    // Regression: extractClaims once scanned every note for every block (quadratic).
    it('Should extract claims from an essay with 200,000 notes in bounded time', async () => {
      const { summary } = await analyse('200,000 notes, with claims', `Stalin died.1\n\nNotes\n\n${'1 A note.\n'.repeat(200000)}`, 'plaintext');
      assert.equal(summary.mentionCount, 1);
    });
  });

  describe('The file reader', () => {
    let folder: string;
    before(() => {
      folder = mkdtempSync(path.join(tmpdir(), 'marginalia-reader-'));
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    const write = (name: string, data: string | Buffer): string => {
      const file = path.join(folder, name);
      writeFileSync(file, data);
      return file;
    };

    it('Should skip a 20 MB file with a notice, without reading it', async () => {
      const file = write('huge.md', Buffer.alloc(20 * 1024 * 1024, 'a'));
      assert.deepEqual(await readTextFile(file), { skipped: `${file} is 20.0 MB, over the 5 MB limit; not analysed.` });
      record('file reader: 20 MB essay', 'skipped: "… is 20.0 MB, over the 5 MB limit; not analysed."');
    });

    it('Should skip binary and invalid UTF-8 files with a notice', async () => {
      const binary = write('image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
      assert.deepEqual(await readTextFile(binary), { skipped: `${binary} looks binary (it contains NUL bytes); not analysed.` });
      const invalid = write('latin1.txt', Buffer.from('Trotsky in M\xe9xico', 'latin1'));
      assert.deepEqual(await readTextFile(invalid), { skipped: `${invalid} is not valid UTF-8; not analysed.` });
      const overlong = write('overlong.md', Buffer.from([0x54, 0xc0, 0xaf, 0x0a]));
      assert.deepEqual(await readTextFile(overlong), { skipped: `${overlong} is not valid UTF-8; not analysed.` });
      record('file reader: binary, invalid UTF-8, overlong UTF-8', 'skipped with a notice each');
    });

    it('Should read UTF-16 with a byte-order mark (both byte orders) and UTF-8 with one, without the mark', async () => {
      const text = 'Trotsky 👨‍👩‍👧 in Mexico.\r\n';
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const be = Buffer.from(le);
      be.swap16();
      assert.deepEqual(decodeText(le, 'le'), { text });
      assert.deepEqual(decodeText(be, 'be'), { text });
      assert.deepEqual(await readTextFile(write('utf8bom.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))), { text });
      assert.deepEqual(await readTextFile(write('empty.md', '')), { text: '' });
      // An odd byte count in UTF-16 decodes with a replacement character rather than throwing.
      assert.deepEqual(decodeText(Buffer.concat([le, Buffer.from([0x41])]), 'odd'), { text: `${text}\uFFFD` });
      record('file reader: UTF-16 LE/BE with BOM, UTF-8 BOM, empty', 'read; BOM dropped; offsets as in the text');
    });

    it('Should give a file deleted before it is read a notice, not an exception', async () => {
      const gone = path.join(folder, 'gone.md');
      const result = await readTextFile(gone);
      assert.ok('skipped' in result && result.skipped.startsWith(`Cannot read ${gone}: ENOENT`), JSON.stringify(result));
      record('file reader: file deleted before the read', 'skipped: "Cannot read …: ENOENT …"');
    });
  });

  describe('Analysis errors become diagnostics', () => {
    it('Should analyse the whole matrix through the service without a throw', () => {
      const text = `${'> '.repeat(100)}Trotsky\n`;
      const f = fixture(`${glossaryFixture}//- /essays/deep.md\n${text}`);
      assert.deepEqual(renderDiagnostics(f.service.getDiagnostics(f.uriOf('/essays/deep.md'))), [
        '0:0-0:207 warning markdown-too-complex: This line nests block quotes or lists 100 levels deep (the limit is 32); Marginalia reads this file as plain text.',
      ]);
      const sources: GlossarySource[] = glossarySources();
      const direct = analyseDocument(text, 'markdown', { matcher: compileEntityMatcher(buildGlossary(sources)) });
      assert.deepEqual(direct.mentions.map((m) => m.span), [{ start: 200, end: 207 }]);
    });
  });
});
