import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import oniguruma from 'vscode-oniguruma';
import textmate from 'vscode-textmate';

// The injection grammar in syntaxes/, loaded with the engine VS Code uses (vscode-textmate +
// vscode-oniguruma) into VS Code's own Markdown grammar (test/grammar/hosts/, copied from VS Code
// 1.100) and into the plain-text grammar the extension contributes. Each line renders as the
// `.marginalia` tokens it gets: `text=scope scope` with the `.marginalia` suffix left off.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const grammarFiles: Record<string, string> = {
  'text.html.markdown': path.join(root, 'test/grammar/hosts/markdown.tmLanguage.json'),
  'text.plain': path.join(root, 'syntaxes/plaintext.tmLanguage.json'),
  'marginalia.injection': path.join(root, 'syntaxes/marginalia.injection.tmLanguage.json'),
};

/**
 * Stand-ins for grammars the Markdown grammar embeds and VS Code provides: YAML (front matter,
 * which then gets the scope meta.embedded.block.frontmatter) and HTML (comments only).
 */
const standIns: Record<string, object> = {
  'source.yaml': { scopeName: 'source.yaml', patterns: [] },
  'text.html.derivative': { scopeName: 'text.html.derivative', patterns: [{ begin: '<!--', end: '-->', name: 'comment.block.html' }] },
};

let registry: textmate.Registry;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      const file = grammarFiles[scopeName];
      if (file) return textmate.parseRawGrammar(readFileSync(file, 'utf8'), file);
      const standIn = standIns[scopeName];
      return standIn ? textmate.parseRawGrammar(JSON.stringify(standIn), `${scopeName}.json`) : null;
    },
    getInjections: (scopeName: string) => (scopeName === 'text.html.markdown' || scopeName === 'text.plain' ? ['marginalia.injection'] : undefined),
  });
});

/** Tokenises a whole document (state carried across lines) and renders its `.marginalia` tokens, line by line. */
async function scopes(host: 'text.html.markdown' | 'text.plain', text: string): Promise<string[][]> {
  const grammar = await registry.loadGrammar(host);
  assert.ok(grammar, `no grammar for ${host}`);
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.flatMap((token) => {
      const ours = token.scopes.filter((s) => s.endsWith('.marginalia')).map((s) => s.slice(0, -'.marginalia'.length));
      const text = line.slice(token.startIndex, token.endIndex);
      return ours.length && text.trim() ? [`${line.slice(token.startIndex, token.endIndex)}=${ours.join(' ')}`] : [];
    });
  });
}

const markdown = async (text: string) => (await scopes('text.html.markdown', text)).flat();
const plain = async (text: string) => (await scopes('text.plain', text)).flat();

describe('The injection grammar', () => {
  it('Should keep every scope it names in the .marginalia namespace', () => {
    const names = [...readFileSync(grammarFiles['marginalia.injection'], 'utf8').matchAll(/"name": "([^"]+)"/g)].map((m) => m[1]);
    assert.ok(names.length > 10);
    assert.deepEqual(names.filter((n) => !n.endsWith('.marginalia') && n !== 'Marginalia figures, dates and note markers'), []);
  });

  describe('in Markdown', () => {
    it('Should scope hedges, figures written in words and digits, and a date range', async () => {
      assert.deepEqual(await markdown('As many as seven million people died in the famine of 1932–33, some 3.5 million in Ukraine.'), [
        'As many as=keyword.other.hedge', 'seven million=constant.numeric.figure',
        '1932=meta.range.date constant.numeric.year', '–=meta.range.date punctuation.separator.range', '33=meta.range.date constant.numeric.year',
        'some=keyword.other.hedge', '3.5 million=constant.numeric.figure',
      ]);
    });

    it('Should scope an exact comma-grouped figure, a two-digit date range and a footnote reference', async () => {
      assert.deepEqual(await markdown('By its count the security police arrested 1,575,259 people in 1937–38.[^4] Of these, 681,692 were shot.'), [
        '1,575,259=constant.numeric.figure',
        '1937=meta.range.date constant.numeric.year', '–=meta.range.date punctuation.separator.range', '38=meta.range.date constant.numeric.year',
        '[^4]=markup.other.note-marker', '681,692=constant.numeric.figure',
      ]);
    });

    it('Should scope figure ranges, "between … and …" and percentages', async () => {
      assert.deepEqual(await markdown('Estimates run from 5–7 million to between 6 and 8 million; at least 12 per cent, or 12%, or 10-15 percent.'), [
        '5=meta.range.figure constant.numeric.figure', '–=meta.range.figure punctuation.separator.range', '7 million=meta.range.figure constant.numeric.figure',
        'between=meta.range.figure keyword.other.hedge', '6=meta.range.figure constant.numeric.figure',
        'and=meta.range.figure punctuation.separator.range', '8 million=meta.range.figure constant.numeric.figure',
        'at least=keyword.other.hedge', '12 per cent=constant.numeric.percentage', '12%=constant.numeric.percentage',
        '10=meta.range.percentage constant.numeric.percentage', '-=meta.range.percentage punctuation.separator.range',
        '15 percent=meta.range.percentage constant.numeric.percentage',
      ]);
    });

    it('Should scope vague figures, decades and abbreviated scales', async () => {
      assert.deepEqual(await markdown('In the late 1920s the party had over 1.5m members; hundreds of thousands were deported, and millions more.'), [
        '1920s=constant.numeric.year', 'over=keyword.other.hedge', '1.5m=constant.numeric.figure',
        'hundreds of thousands=constant.numeric.figure', 'millions=constant.numeric.figure',
      ]);
    });

    it('Should leave alone hedge words that stand before no number, and bare small numbers', async () => {
      assert.deepEqual(await markdown('Some of the 300 delegates came over about a week later, in 1921.'), ['1921=constant.numeric.year']);
    });

    it('Should scope years in headings and link text, but not in link targets', async () => {
      assert.deepEqual(await markdown('## The famine of 1946–47\n\nSee [the famine of 1932](famine-1932-33.md#the-toll-of-1933).'), [
        '1946=meta.range.date constant.numeric.year', '–=meta.range.date punctuation.separator.range', '47=meta.range.date constant.numeric.year',
        '1932=constant.numeric.year',
      ]);
    });

    it('Should skip front matter, code, fenced blocks and HTML comments', async () => {
      const text = ['---', 'id: kronstadt', 'dates: { start: 1921-03-01 }', '---', 'Code `in 1932` and <!-- 7 million --> here.', '```', 'about 7 million in 1937', '```', 'Then 1938.'].join('\n');
      assert.deepEqual(await scopes('text.html.markdown', text), [[], [], [], [], [], [], [], [], ['1938=constant.numeric.year']]);
    });

    it('Should scope a full ISO date as one date, not as a range', async () => {
      assert.deepEqual(await markdown('The rising began on 1921-03-01 and ended in March 1921.'), ['1921-03-01=constant.numeric.date', '1921=constant.numeric.year']);
    });

    it('Should scope a footnote definition label and its year, but not a page number', async () => {
      assert.deepEqual(await markdown('[^3]: Robert Conquest, The Harvest of Sorrow (1986), p.306.'), [
        '[^3]=markup.other.note-marker', '1986=constant.numeric.year',
      ]);
    });
  });

  describe('in plain text', () => {
    it('Should scope endnote markers glued to punctuation, after a word or a year', async () => {
      assert.deepEqual(await plain('Zinovyev and Kamenev were shot on 25 August 1936, the day after the verdict.2 Bukharin was shot on 15 March 1938.3'), [
        '1936=constant.numeric.year', '2=markup.other.note-marker', '1938=constant.numeric.year', '3=markup.other.note-marker',
      ]);
    });

    it('Should scope a marker after a closing quote, and superscript markers', async () => {
      assert.deepEqual(await plain('for "moral responsibility" for the murder.”1 and died in exile¹⁵ in 1940.'), [
        '1=markup.other.note-marker', '¹⁵=markup.other.note-marker', '1940=constant.numeric.year',
      ]);
    });

    it('Should scope the figures of a sentence with a hedge and a marker', async () => {
      assert.deepEqual(await plain('The camps held some 2.5 million prisoners in 1953.6'), [
        'some=keyword.other.hedge', '2.5 million=constant.numeric.figure', '1953=constant.numeric.year', '6=markup.other.note-marker',
      ]);
    });

    it('Should not take page numbers, decimals or versions for markers', async () => {
      assert.deepEqual(await plain('See p.16 and vol.3 of the edition; version 3.5 of it; c. 1930 is a guess.'), [
        'c.=keyword.other.hedge', '1930=constant.numeric.year',
      ]);
    });

    it('Should scope nothing in a sentence without figures', async () => {
      assert.deepEqual(await plain('Stalin said so in a letter to Molotov, and Trotsky answered from Prinkipo.'), []);
    });
  });
});
