import * as assert from 'node:assert/strict';
import { fixture } from '../helpers/fixture.js';
import { sampleGlossary } from '../helpers/sampleGlossary.js';

/** Renders each mention as `surface→entity-id`, in text order. */
function mentionsIn(text: string, path = '/essays/a.md'): string[] {
  const f = fixture(`${sampleGlossary}\n//- ${path}\n${text}`);
  const uri = f.uriOf(path);
  const file = f.service.index.file(uri)!;
  return f.service.index.analysis(uri)!.mentions.map((m) => `${file.text.slice(m.span.start, m.span.end)}→${m.entityId}`);
}

describe('Entity mentions', () => {
  it('Should prefer the longest match: Leon Trotsky over Trotsky', () => {
    assert.deepEqual(mentionsIn('Leon Trotsky and then Trotsky again.'), ['Leon Trotsky→leon-trotsky', 'Trotsky→leon-trotsky']);
  });

  it('Should treat Stalinism as its own concept, not a mention of Stalin', () => {
    assert.deepEqual(mentionsIn('Stalinism outlived Stalin.'), ['Stalinism→stalinism', 'Stalin→joseph-stalin']);
  });

  it('Should keep possessives outside the mention, curly or straight', () => {
    assert.deepEqual(mentionsIn('Stalin’s purge and Trotsky\'s exile.'), ['Stalin→joseph-stalin', 'Trotsky→leon-trotsky']);
  });

  it('Should match plurals of an alias', () => {
    assert.deepEqual(mentionsIn('The Bolsheviks and a Bolshevik.'), ['Bolsheviks→bolshevik-party', 'Bolshevik→bolshevik-party']);
  });

  it('Should require the capital for people but not for concepts', () => {
    assert.deepEqual(mentionsIn('stalin is lowercase; the degeneration of the state; Degeneration.'), ['degeneration→degeneration', 'Degeneration→degeneration']);
  });

  it('Should ignore diacritics and accept an all-caps name', () => {
    assert.deepEqual(mentionsIn('Matyas Rakosi, then Mátyás Rákosi, then RAKOSI.'), [
      'Matyas Rakosi→matyas-rakosi', 'Mátyás Rákosi→matyas-rakosi', 'RAKOSI→matyas-rakosi',
    ]);
  });

  it('Should match the ambiguous alias October only with its context words', () => {
    assert.deepEqual(mentionsIn('In October the revolution came. He was born in October 1901.'), ['October→october-revolution']);
  });

  it('Should skip code, inline code, URLs and front matter in Markdown', () => {
    const text = '---\ntitle: Trotsky\n---\n`Trotsky` and\n\n```\nStalin\n```\n\n[a link](https://example.org/Stalin) by Trotsky.\n';
    assert.deepEqual(mentionsIn(text), ['Trotsky→leon-trotsky']);
  });

  it('Should match a name split by emphasis markup', () => {
    assert.deepEqual(mentionsIn('*Leon* Trotsky wrote.'), ['Leon* Trotsky→leon-trotsky']);
  });

  it('Should mark declared variants', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nZinovyev spoke.`);
    const mention = f.service.index.analysis(f.uriOf('/essays/a.md'))!.mentions[0];
    assert.deepEqual([mention.entityId, mention.isVariant, mention.alias], ['grigory-zinoviev', true, 'Zinovyev']);
  });

  it('Should find mentions in plain text and not in its endnote numbers', () => {
    assert.deepEqual(mentionsIn('Trotsky was exiled.1\n\nNotes\n\n1. Deutscher on Stalin, p. 3.\n', '/essays/a.txt'), [
      'Trotsky→leon-trotsky', 'Stalin→joseph-stalin',
    ]);
  });
});
