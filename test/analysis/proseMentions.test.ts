import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { documentKindOf } from '../../server/src/analysis/documentAnalysis.js';
import { compileEntityMatcher, type EntityMatcher } from '../../server/src/analysis/entityMatcher.js';
import { buildGlossary } from '../../server/src/analysis/glossary.js';
import { buildMarkdownModel } from '../../server/src/analysis/markdownModel.js';
import { buildPlainTextModel } from '../../server/src/analysis/plainTextModel.js';
import { ProseMentionCache } from '../../server/src/analysis/proseMentions.js';
import { glossarySourcesOf } from '../../server/src/index/workspaceIndex.js';
import { findBundledGlossary } from '../../server/src/node/bundledGlossary.js';
import { defaultScanOptions } from '../../server/src/node/fileScanner.js';
import { loadFiles } from '../../server/src/node/loadFiles.js';

const scale = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));

/** Counts the spans a matcher is asked about. */
function counting(matcher: EntityMatcher): EntityMatcher & { spans: number } {
  const counted = {
    spans: 0,
    findMentions: (text: string, prose: Parameters<EntityMatcher['findMentions']>[1]) => {
      counted.spans += prose.length;
      return matcher.findMentions(text, prose);
    },
  };
  return counted;
}

describe('Mentions found span by span, reused across edits', () => {
  let matcher: EntityMatcher;
  const essays = readdirSync('corpus/essays').map((name) => ({ name, text: readFileSync(path.join('corpus/essays', name), 'utf8') }));
  const proseOf = (name: string, text: string) => (documentKindOf(name) === 'markdown' ? buildMarkdownModel(text) : buildPlainTextModel(text)).prose;

  before(async () => {
    const files = await loadFiles({ roots: [], scan: defaultScanOptions, bundledGlossary: findBundledGlossary() });
    matcher = compileEntityMatcher(buildGlossary(glossarySourcesOf(files)));
  });

  it('Should find exactly the mentions the matcher finds in every sample essay, and match each span only once', () => {
    const cache = new ProseMentionCache();
    const matching = counting(matcher);
    let mentions = 0;
    for (const { name, text } of essays) {
      const prose = proseOf(name, text);
      const expected = matcher.findMentions(text, prose);
      assert.deepStrictEqual(cache.findMentions(matching, text, prose), expected, name);
      mentions += expected.length;
    }
    assert.ok(mentions > 500, `mentions: ${mentions}`);
    const spans = matching.spans;
    for (const { name, text } of essays) cache.findMentions(matching, text, proseOf(name, text));
    assert.equal(matching.spans, spans, 'the second time, nothing is matched again');
  });

  it(`Should find exactly the matcher's mentions after random chains of edits (${20 * scale} chains)`, () => {
    const cache = new ProseMentionCache(512);
    const insertion = fc.constantFrom('Stalin', ' Trotsky ', 'Leon', ' the October ', '. ', '\n\n', 'Civil War', '*', ' Kronstadt rebellion', 'ö', '-', '’s');
    fc.assert(fc.property(fc.nat(essays.length - 1), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), insertion), { minLength: 1, maxLength: 5 }), (which, edits) => {
      let { name, text } = essays[which];
      for (const [where, inserted] of edits) {
        const at = Math.floor(where * text.length);
        text = text.slice(0, at) + inserted + text.slice(at);
        const prose = proseOf(name, text);
        assert.deepStrictEqual(cache.findMentions(matcher, text, prose), matcher.findMentions(text, prose));
      }
    }), { numRuns: 20 * scale });
  });
});
