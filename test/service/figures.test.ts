import * as assert from 'node:assert/strict';
import { CURSOR, fixture } from '../helpers/fixture.js';
import { figuresGlossary } from '../helpers/figuresGlossary.js';
import { renderDiagnostics, renderLocations, renderRange } from '../helpers/render.js';

/** `file line:col-line:col raw → key`, one line per claim. */
function claimsOf(text: string, path: string): string[] {
  const f = fixture(`${figuresGlossary}\n${text}`);
  const uri = f.uriOf(path);
  return f.service.index.analysis(uri)!.claims.map((c) => `${f.service.toRange(uri, c.span) ? renderRange(f.service.toRange(uri, c.span)!) : ''} ${c.quantity.raw} → ${c.key}`);
}

describe('Claims', () => {
  it('Should read subject, measure and source from the sentence and its footnote', () => {
    assert.deepEqual(claimsOf('//- /essays/a.md\nAs many as seven million people died in the famine of 1932–33.[^1]\n\n[^1]: Conquest (1986).\n', '/essays/a.md'), [
      '0:0-0:24 As many as seven million → soviet-famine-1932-33|deaths||',
    ]);
  });

  it('Should tell the famine of 1932–33 from that of 1946–47 by their years', () => {
    assert.deepEqual(claimsOf('//- /essays/a.md\nSome 3.5 million died in the famine of 1932–33. In the famine of 1946–47 about one million died.\n', '/essays/a.md'), [
      '0:0-0:16 Some 3.5 million → soviet-famine-1932-33|deaths||',
      '0:73-0:90 about one million → soviet-famine-1946-47|deaths||',
    ]);
  });

  it('Should scope a figure to a place the subject lists', () => {
    assert.deepEqual(claimsOf('//- /essays/a.md\nIn Ukraine the Holodomor killed 3.9 million.\n', '/essays/a.md'), [
      '0:32-0:43 3.9 million → soviet-famine-1932-33|deaths|Ukraine|',
    ]);
  });

  it('Should keep the year for a long-lived subject', () => {
    assert.deepEqual(claimsOf('//- /essays/a.md\nIn 1950 the Gulag held 2,561,351 prisoners.\n', '/essays/a.md'), [
      '0:23-0:32 2,561,351 → gulag|prisoners||1950',
    ]);
  });

  it('Should date a law by its verb but not take narrative years as claims', () => {
    assert.deepEqual(claimsOf('//- /essays/a.md\nIn 1917 the Bolsheviks took power. Stalin banned abortion in 1936.\n', '/essays/a.md'), [
      '0:61-0:65 1936 → soviet-abortion-ban-1936|date||',
    ]);
  });

  it('Should not take a figure quoted in order to be rejected', () => {
    assert.deepEqual(claimsOf('//- /essays/a.md\nThe often-repeated claim that ten million died in the famine of 1932–33 is an invention.\n', '/essays/a.md'), []);
  });

  it('Should take the subject from the section heading', () => {
    assert.deepEqual(claimsOf('//- /essays/a.txt\nThe famine of 1932–33\n\nBy the spring, some four million had died.\n', '/essays/a.txt'), [
      '2:15-2:32 some four million → soviet-famine-1932-33|deaths||',
    ]);
  });
});

describe('Conflict diagnostics', () => {
  const essays = `
//- /essays/a.md
As many as seven million people died in the famine of 1932–33. Stalin banned abortion in 1935.
//- /essays/b.txt
Some 3.5 million died in the famine of 1932-3.1 The ban on abortion came in June 1936.

Notes

1. Davies and Wheatcroft, The Years of Hunger (2004).
//- /essays/c.md
At least ten million died in the famine of 1932–33.
`;

  it('Should warn on disjoint figures with the other side and its source, and relate every other claim', () => {
    const f = fixture(`${figuresGlossary}\n${essays}`);
    const diagnostics = f.service.getDiagnostics(f.uriOf('/essays/b.txt'));
    assert.deepEqual(renderDiagnostics(diagnostics), [
      '0:0-0:16 warning conflicting-figure: This essay gives Some 3.5 million (citing Davies and Wheatcroft, The Years of Hunger (2004)) for deaths in Soviet famine of 1932–33; c.md gives At least ten million.',
      '0:0-0:16 information outside-reference: This essay gives Some 3.5 million for deaths in Soviet famine of 1932–33; the glossary\'s reference range is 5 million – 7 million (Davies and Wheatcroft to Conquest), from Davies and Wheatcroft (2004).',
      '0:76-0:85 warning conflicting-date: This essay dates Soviet abortion ban of 1936 to June 1936; a.md gives 1935.',
    ]);
    assert.deepEqual(renderLocations(diagnostics[0].relatedInformation!.map((r) => r.location)), ['/essays/c.md 0:0-0:20']);
    assert.equal(diagnostics[0].relatedInformation![0].message, 'Conflicts: At least ten million (10 million – ∞)');
  });

  it('Should warn on an upper bound only when it excludes the other figure', () => {
    const f = fixture(`${figuresGlossary}\n${essays}`);
    assert.deepEqual(renderDiagnostics(f.service.getDiagnostics(f.uriOf('/essays/a.md'))), [
      '0:0-0:24 warning conflicting-figure: This essay gives As many as seven million for deaths in Soviet famine of 1932–33; c.md gives At least ten million.',
      '0:89-0:93 warning conflicting-date: This essay dates Soviet abortion ban of 1936 to 1935; b.txt gives June 1936.',
      '0:89-0:93 information outside-reference: This essay gives 1935 for Soviet abortion ban of 1936; the glossary\'s reference range is 27 June 1936, from Goldman (1993).',
    ]);
  });

  it('Should stop warning once the disagreement is acknowledged', () => {
    const acknowledged = essays.replace('At least ten million died in the famine of 1932–33.', 'At least ten million died in the famine of 1932–33. <!-- marginalia: acknowledge -->');
    const f = fixture(`${figuresGlossary}\n${acknowledged}`);
    assert.deepEqual(f.service.getDiagnostics(f.uriOf('/essays/c.md')).map((d) => d.code), []);
    assert.deepEqual(f.service.getDiagnostics(f.uriOf('/essays/b.txt')).map((d) => d.code), ['outside-reference', 'conflicting-date']);
  });

  it('Should accept the plain-text marker line after the paragraph', () => {
    const f = fixture(`${figuresGlossary}\n//- /essays/a.txt\nSome 3.5 million died in the famine of 1932-3.\n[marginalia: acknowledge]\n//- /essays/b.txt\nAt least ten million died in the famine of 1932–33.\n`);
    assert.deepEqual(f.service.getDiagnostics(f.uriOf('/essays/a.txt')).map((d) => d.code), []);
    assert.deepEqual(f.service.getDiagnostics(f.uriOf('/essays/b.txt')).map((d) => d.code), ['outside-reference']);
  });

  it('Should not compare two figures given in one sentence', () => {
    const f = fixture(`${figuresGlossary}\n//- /essays/a.md\nBanister found 30 million dead in the famine of 1932–33, while others argue for at least 45 million.\n`);
    assert.deepEqual(f.service.getDiagnostics(f.uriOf('/essays/a.md')).map((d) => d.code), ['outside-reference', 'outside-reference']);
  });

  it('Should offer to show all figures and to acknowledge the disagreement', () => {
    const f = fixture(`${figuresGlossary}\n${essays}`);
    const uri = f.uriOf('/essays/c.md');
    const diagnostics = f.service.getDiagnostics(uri).filter((d) => d.code === 'conflicting-figure');
    const actions = f.service.getCodeActions(uri, diagnostics);
    assert.deepEqual(actions.map((a) => a.title), ['Show all figures for deaths in Soviet famine of 1932–33', 'Acknowledge this disagreement']);
    assert.deepEqual(actions[0].command!.arguments, ['soviet-famine-1932-33|deaths||']);
    assert.deepEqual([f.service.getCodeActions(uri, diagnostics, ['quickfix']).length, f.service.getCodeActions(uri, diagnostics, ['refactor']).length], [2, 0]);
    const edit = actions[1].edit!.changes![uri][0];
    assert.deepEqual([renderRange(edit.range), edit.newText], ['0:51-0:51', ' <!-- marginalia: acknowledge -->']);
  });
});

describe('Figure hover', () => {
  it('Should show the claim as understood and every figure for its key', () => {
    const f = fixture(`${figuresGlossary}
//- /essays/a.md
Some 3.5 mil${CURSOR}lion died in the famine of 1932–33.[^1]

[^1]: Davies and Wheatcroft (2004).
//- /essays/c.md
At least ten million died in the famine of 1932–33.
`);
    const hover = f.service.getHover(f.uri, f.position)!;
    assert.equal((hover.contents as { value: string }).value, [
      '**deaths in Soviet famine of 1932–33**',
      '',
      'Some 3.5 million → 2.63 million – 4.38 million (approx)',
      '',
      '| figure | interval | where | source |',
      '| --- | --- | --- | --- |',
      '| Some 3.5 million | 2.63 million – 4.38 million | **this figure** | Davies and Wheatcroft (2004) |',
      '| At least ten million ⚠ conflicts | 10 million – ∞ | [c.md:1](file:///ws/essays/c.md#L1) |  |',
      '| Davies and Wheatcroft to Conquest | 5 million – 7 million | glossary reference | Davies and Wheatcroft (2004) |',
    ].join('\n'));
  });
});
