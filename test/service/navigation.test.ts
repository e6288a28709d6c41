import * as assert from 'node:assert/strict';
import { CURSOR, fixture } from '../helpers/fixture.js';
import { renderLocations, renderRange } from '../helpers/render.js';
import { sampleGlossary } from '../helpers/sampleGlossary.js';

describe('Hover', () => {
  it('Should show the entity card on a mention', () => {
    const f = fixture(`${sampleGlossary}
//- /essays/exile.md
In 1929 Trot${CURSOR}sky was exiled.
//- /essays/other.md
Trotsky and Stalin.
`);
    const hover = f.service.getHover(f.uri, f.position)!;
    assert.equal(renderRange(hover.range!), '0:8-0:15');
    assert.equal((hover.contents as { value: string }).value, [
      '**Leon Trotsky** · person · 7 November 1879 – 21 August 1940',
      '',
      'Revolutionary, founder of the Red Army.',
      '',
      '*Also:* Trotsky, Lev Bronstein',
      '',
      'Mentioned in 2 essays',
    ].join('\n'));
  });

  it('Should show nothing away from a mention', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nIn 1929 the ex${CURSOR}ile began.\n`);
    assert.equal(f.service.getHover(f.uri, f.position), undefined);
  });
});

describe('Go to definition', () => {
  it('Should jump from a mention to the label in the glossary entry', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nThe purge under Sta${CURSOR}lin.\n`);
    assert.deepEqual(renderLocations(f.service.getDefinition(f.uri, f.position)), ['/glossary/people/joseph-stalin.md 3:7-3:22']);
  });

  it('Should jump from a Markdown footnote reference to its note', () => {
    const f = fixture(`//- /essays/a.md\nA claim.[^${CURSOR}1]\n\n[^1]: Conquest, p. 3.\n`);
    assert.deepEqual(renderLocations(f.service.getDefinition(f.uri, f.position)), ['/essays/a.md 2:0-2:21']);
  });

  it('Should jump from a plain-text endnote marker glued to punctuation to the note', () => {
    const f = fixture(`//- /essays/a.txt\nIn 1991.${CURSOR}1 The end came.\n\nNotes\n\n1. Kotkin, Armageddon Averted (2001).\n`);
    assert.deepEqual(renderLocations(f.service.getDefinition(f.uri, f.position)), ['/essays/a.txt 4:0-4:37']);
  });

  it('Should jump from a superscript endnote marker to the note', () => {
    const f = fixture(`//- /essays/a.txt\nMany died¹${CURSOR}² in the camps.\n\nNotes\n\n12. Applebaum, Gulag (2003).\n`);
    assert.deepEqual(renderLocations(f.service.getDefinition(f.uri, f.position)), ['/essays/a.txt 4:0-4:28']);
  });

  it('Should jump from a link to the heading of another essay', () => {
    const f = fixture(`//- /essays/a.md\nSee [the toll](famine.md#the-${CURSOR}toll).\n//- /essays/famine.md\n# Famine\n\nText.\n\n## The toll\n\nMore.\n`);
    assert.deepEqual(renderLocations(f.service.getDefinition(f.uri, f.position)), ['/essays/famine.md 4:0-4:11']);
  });
});

describe('Find references', () => {
  const text = `${sampleGlossary}
//- /essays/a.md
Leon Trotsky wrote; Trot${CURSOR}sky fled.
//- /essays/b.txt
Trotsky's exile.
`;

  it('Should list every mention across essays, and the declaration when asked', () => {
    const f = fixture(text);
    assert.deepEqual(renderLocations(f.service.getReferences(f.uri, f.position, true)), [
      '/glossary/people/leon-trotsky.md 3:7-3:21',
      '/essays/a.md 0:0-0:12',
      '/essays/a.md 0:20-0:27',
      '/essays/b.txt 0:0-0:7',
    ]);
  });

  it('Should leave the declaration out when includeDeclaration is false', () => {
    const f = fixture(text);
    assert.equal(f.service.getReferences(f.uri, f.position, false).length, 3);
  });

  it('Should find references from the label in a glossary entry', () => {
    const f = fixture(text);
    const glossaryUri = f.uriOf('/glossary/people/leon-trotsky.md');
    assert.deepEqual(renderLocations(f.service.getReferences(glossaryUri, { line: 3, character: 10 }, false)), [
      '/essays/a.md 0:0-0:12', '/essays/a.md 0:20-0:27', '/essays/b.txt 0:0-0:7',
    ]);
  });
});

describe('Rename', () => {
  it('Should rename the alias in the glossary and every mention using it, keeping plural endings', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nThe Bolsheviks and one Bolshe${CURSOR}vik.\n`);
    const edit = f.service.rename(f.uri, f.position, 'Bolshevist')!;
    const rendered = Object.entries(edit.changes!).flatMap(([uri, edits]) =>
      edits.map((e) => `${uri.replace('file:///ws', '')} ${renderRange(e.range)} ${e.newText}`));
    assert.deepEqual(rendered, [
      '/glossary/organizations/bolshevik-party.md 4:10-4:21 Bolshevist',
      '/essays/a.md 0:4-0:14 Bolshevists',
      '/essays/a.md 0:23-0:32 Bolshevist',
    ]);
  });

  it('Should refuse to rename anything that is not an entity', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nThe pu${CURSOR}rge.\n`);
    assert.equal(f.service.prepareRename(f.uri, f.position), undefined);
  });

  it('Should offer the name under the cursor for renaming', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nStalin’s Sta${CURSOR}lin.\n`);
    const prepared = f.service.prepareRename(f.uri, f.position)!;
    assert.deepEqual([renderRange(prepared.range), prepared.placeholder], ['0:9-0:15', 'Stalin']);
  });
});

describe('Completion', () => {
  it('Should complete a capitalised prefix to the canonical name with diacritics', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nThen Matyas R${CURSOR}\n`);
    const items = f.service.getCompletions(f.uri, f.position);
    assert.deepEqual(items.map((i) => [i.label, i.textEdit && 'range' in i.textEdit ? renderRange(i.textEdit.range) : '']), [['Mátyás Rákosi', '0:5-0:13']]);
  });

  it('Should not complete lowercase words', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nthen mat${CURSOR}\n`);
    assert.deepEqual(f.service.getCompletions(f.uri, f.position), []);
  });
});

describe('Symbols', () => {
  it('Should outline headings by level and list notes', () => {
    const f = fixture('//- /essays/a.md\n# Kronstadt\n\n## The rising\n\nText.[^1]\n\n## Aftermath\n\n[^1]: Avrich (1970).\n');
    const symbols = f.service.getDocumentSymbols(f.uriOf('/essays/a.md'));
    assert.deepEqual(symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]), [
      ['Kronstadt', ['The rising', 'Aftermath']],
      ['Note 1', []],
    ]);
  });

  it('Should find entities by fuzzy name, ignoring diacritics', () => {
    const f = fixture(sampleGlossary);
    assert.deepEqual(f.service.getWorkspaceSymbols('rakos').map((s) => s.name), ['Mátyás Rákosi']);
    assert.deepEqual(f.service.getWorkspaceSymbols('trtsky').map((s) => s.name), ['Leon Trotsky']);
  });
});

describe('Code lens', () => {
  it('Should count mentions and essays above a glossary label', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nStalin, Stalin.\n//- /essays/b.md\nStalin.\n`);
    const lenses = f.service.getCodeLenses(f.uriOf('/glossary/people/joseph-stalin.md'));
    assert.deepEqual(lenses.map((l) => `${renderRange(l.range)} ${l.command!.title}`), ['3:7-3:22 3 mentions in 2 essays']);
  });
});

describe('Semantic tokens', () => {
  it('Should encode mentions by entity kind', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nStalin and\nthe degeneration.\n`);
    assert.deepEqual(f.service.getSemanticTokens(f.uriOf('/essays/a.md')).data, [0, 0, 6, 0, 0, 1, 4, 12, 2, 0]);
  });
});
