import * as assert from 'node:assert/strict';
import { entry, fixture } from '../helpers/fixture.js';
import { renderDiagnostics } from '../helpers/render.js';
import { sampleGlossary } from '../helpers/sampleGlossary.js';
import { slugForName } from '../../server/src/service/codeActions.js';

function diagnosticsOf(text: string, path: string, settings = {}): string[] {
  const f = fixture(text, settings);
  return renderDiagnostics(f.service.getDiagnostics(f.uriOf(path)));
}

describe('Glossary diagnostics', () => {
  it('Should report broken YAML on the glossary file', () => {
    assert.deepEqual(diagnosticsOf('//- /glossary/a.md\n---\nid: a\nlabel: [unclosed\n---\nBody.\n', '/glossary/a.md'), [
      '2:16-3:0 error glossary-bad-yaml: Broken YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('Should report an unknown type and a missing label', () => {
    assert.deepEqual(diagnosticsOf('//- /glossary/a.md\n---\nid: a\ntype: wizard\n---\nBody.\n', '/glossary/a.md'), [
      '0:0-4:0 error glossary-missing-field: The entry has no `label`.',
      '2:6-2:12 error glossary-unknown-type: Unknown type "wizard": use one of person, event, concept, organization, place, work.',
    ]);
  });

  it('Should report a duplicate id on the second file', () => {
    const text = `//- /glossary/a.md\n${entry({ id: 'x', type: 'person', label: 'Ann Example' })}//- /glossary/b.md\n${entry({ id: 'x', type: 'person', label: 'Bob Example' })}`;
    assert.deepEqual(diagnosticsOf(text, '/glossary/b.md'), [
      '3:7-3:20 error glossary-duplicate-id: Another entry already has the id "x" (file:///ws/glossary/a.md); this one is ignored.',
    ]);
    assert.deepEqual(diagnosticsOf(text, '/glossary/a.md'), []);
  });

  it('Should report one alias claimed by two entries on both', () => {
    const text = `//- /glossary/a.md\n${entry({ id: 'a', type: 'person', label: 'Ann Example', aliases: ['Example'] })}//- /glossary/b.md\n${entry({ id: 'b', type: 'person', label: 'Bob Example', aliases: ['Example'] })}`;
    assert.deepEqual(diagnosticsOf(text, '/glossary/a.md'), [
      '4:10-4:19 error glossary-alias-collision: The alias "Example" is also claimed by b. Remove it from one entry, or declare `contexts` for it in each.',
    ]);
  });

  it('Should report an entry without front matter', () => {
    assert.deepEqual(diagnosticsOf('//- /glossary/a.md\nJust text.\n', '/glossary/a.md'), [
      '0:0-0:10 error glossary-no-front-matter: A glossary entry starts with YAML front matter between two `---` lines (id, type, label, …).',
    ]);
  });
});

describe('Spelling diagnostics', () => {
  it('Should name the house spelling for a declared variant, with a quick fix', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nZinovyev's speech.\n`);
    const diagnostics = f.service.getDiagnostics(f.uriOf('/essays/a.md'));
    assert.deepEqual(renderDiagnostics(diagnostics), [
      '0:0-0:8 information spelling-variant: "Zinovyev" is a variant spelling; this workspace writes "Grigory Zinoviev".',
    ]);
    const actions = f.service.getCodeActions(f.uriOf('/essays/a.md'), diagnostics);
    assert.deepEqual(actions.map((a) => a.title), ['Use "Grigory Zinoviev"']);
  });

  it('Should follow a workspace house spelling', () => {
    assert.deepEqual(diagnosticsOf(`${sampleGlossary}\n//- /essays/a.md\nZinovyev spoke; Zinoviev answered.\n`, '/essays/a.md', { houseSpellings: { 'grigory-zinoviev': 'Zinovyev' } }), [
      '0:16-0:24 information spelling-variant: "Zinoviev" is a variant spelling; this workspace writes "Zinovyev".',
    ]);
  });

  it('Should suggest a glossary name one letter away', () => {
    assert.deepEqual(diagnosticsOf(`${sampleGlossary}\n//- /essays/a.md\nAs Moshe Levin argued.\n`, '/essays/a.md'), [
      '0:3-0:14 information possible-misspelling: "Moshe Levin" is not in the glossary; did you mean "Moshe Lewin"?',
    ]);
  });

  it('Should not take short or derived words for misspellings', () => {
    assert.deepEqual(diagnosticsOf(`${sampleGlossary}\n//- /essays/a.md\nMarx and Mao; the Stalinists and Bolshevism.\n`, '/essays/a.md'), []);
  });

  it('Should hint unknown names only when asked, capped per document', () => {
    const text = `${sampleGlossary}\n//- /essays/a.md\nThen Alexander Shlyapnikov and Sergei Kirov spoke.\n`;
    assert.deepEqual(diagnosticsOf(text, '/essays/a.md'), []);
    assert.deepEqual(diagnosticsOf(text, '/essays/a.md', { unknownNames: true, unknownNamesLimit: 1 }), [
      '0:5-0:26 hint unknown-name: "Alexander Shlyapnikov" is not in the glossary.',
    ]);
  });
});

describe('Add to the glossary', () => {
  it('Should create a stub entry with a slugged file name in the workspace glossary folder', () => {
    const f = fixture(`${sampleGlossary}\n//- /essays/a.md\nThen Alexander Shlyapnikov spoke.\n`, { unknownNames: true, newEntryFolder: 'file:///ws/glossary' });
    const uri = f.uriOf('/essays/a.md');
    const [action] = f.service.getCodeActions(uri, f.service.getDiagnostics(uri));
    const changes = action.edit!.documentChanges!;
    assert.deepEqual([action.title, changes[0]], ['Add "Alexander Shlyapnikov" to the glossary', { kind: 'create', uri: 'file:///ws/glossary/alexander-shlyapnikov.md', options: { overwrite: false, ignoreIfExists: false } }]);
    assert.equal((changes[1] as { edits: { newText: string }[] }).edits[0].newText,
      '---\nid: alexander-shlyapnikov\ntype: person\nlabel: "Alexander Shlyapnikov"\naliases: []\nsources: []\n---\nDefinition of Alexander Shlyapnikov: who or what it is, in two to six sentences.\n');
  });

  it('Should never write outside the glossary folder, whatever the name', () => {
    assert.deepEqual(['../../x', 'Mátyás Rákosi', '///', 'A/B\\C'].map(slugForName), ['x', 'matyas-rakosi', 'entry', 'a-b-c']);
  });
});
