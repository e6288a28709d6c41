import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Hover, Location, WorkspaceEdit } from 'vscode-languageserver-types';
import { LspClient, writeWorkspace } from '../helpers/lspClient.js';
import { renderRange } from '../helpers/render.js';

const glossaryEntry = (id: string, label: string, extra = ''): string =>
  `---\nid: ${id}\ntype: person\nlabel: ${label}\n${extra}---\nDefinition of ${label}.\n`;

function render(locations: Location[], root: string): string[] {
  return locations.map((l) => `${decodeURIComponent(new URL(l.uri).pathname).slice(root.length + 1)} ${renderRange(l.range)}`);
}

describe('The language server over stdio', function () {
  this.timeout(20000);
  let client: LspClient;
  let root: string;

  beforeEach(async () => {
    root = writeWorkspace({
      'glossary/leon-trotsky.md': glossaryEntry('leon-trotsky', 'Leon Trotsky', 'aliases: [Trotsky]\n'),
      'glossary/grigory-zinoviev.md': glossaryEntry('grigory-zinoviev', 'Grigory Zinoviev', 'aliases: [Zinoviev]\nvariants: [Zinovyev]\n'),
      'essays/exile.md': 'Trotsky was exiled in 1929.\n',
      'essays/notes.txt': 'Zinovyev and Trotsky.\n',
      'node_modules/pkg/readme.md': 'Trotsky in a dependency.\n',
      '.hidden/draft.md': 'Trotsky in a dot-folder.\n',
    });
    client = new LspClient(root);
    await client.initialize();
  });

  afterEach(async () => client.stop());

  it('Should publish a spelling diagnostic for an essay that is not open', async () => {
    const diagnostics = await client.waitForDiagnostics(client.uri('essays/notes.txt'), (d) => d.length > 0);
    assert.deepEqual(diagnostics.map((d) => `${renderRange(d.range)} ${d.code}`), ['0:0-0:8 spelling-variant']);
  });

  it('Should answer hover, definition and references, skipping node_modules and dot-folders', async () => {
    const uri = client.uri('essays/exile.md');
    const at = { textDocument: { uri }, position: { line: 0, character: 3 } };
    const hover = await client.request<Hover>('textDocument/hover', at);
    assert.match((hover.contents as { value: string }).value, /^\*\*Leon Trotsky\*\* · person\n\nDefinition of Leon Trotsky\.\n\n\*Also:\* Trotsky\n\nMentioned in 2 essays$/);
    assert.deepEqual(render(await client.request<Location[]>('textDocument/definition', at), root), ['glossary/leon-trotsky.md 3:7-3:19']);
    const references = await client.request<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: false } });
    assert.deepEqual(render(references, root), ['essays/exile.md 0:0-0:7', 'essays/notes.txt 0:13-0:20', 'glossary/leon-trotsky.md 6:14-6:26']);
  });

  it('Should update diagnostics as the writer types', async () => {
    const uri = client.uri('essays/exile.md');
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'Trotsky was exiled in 1929.\n' } });
    await client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Zinovyev and ' }],
    });
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.deepEqual(diagnostics.map((d) => `${renderRange(d.range)} ${d.code}`), ['0:0-0:8 spelling-variant']);
  });

  it('Should rename an entity across the glossary and the essays', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: client.uri('essays/exile.md') }, position: { line: 0, character: 2 }, newName: 'Trotskii',
    });
    const rendered = Object.entries(edit.changes!).flatMap(([uri, edits]) =>
      edits.map((e) => `${decodeURIComponent(new URL(uri).pathname).slice(root.length + 1)} ${renderRange(e.range)} ${e.newText}`)).sort();
    assert.deepEqual(rendered, ['essays/exile.md 0:0-0:7 Trotskii', 'essays/notes.txt 0:13-0:20 Trotskii', 'glossary/leon-trotsky.md 4:10-4:17 Trotskii']);
  });

  it('Should refuse to rename a word that is not an entity', async () => {
    await assert.rejects(client.request('textDocument/prepareRename', {
      textDocument: { uri: client.uri('essays/exile.md') }, position: { line: 0, character: 10 },
    }), /Only the name of a glossary entity can be renamed/);
  });

  it('Should pick up a file created on disk from a watched-file event', async () => {
    writeFileSync(path.join(root, 'essays/new.md'), 'Later, Trotsky in Mexico.\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('essays/new.md'), type: 1 }] });
    const at = { textDocument: { uri: client.uri('essays/exile.md') }, position: { line: 0, character: 3 }, context: { includeDeclaration: false } };
    assert.deepEqual(render(await client.request<Location[]>('textDocument/references', at), root), [
      'essays/exile.md 0:0-0:7', 'essays/new.md 0:7-0:14', 'essays/notes.txt 0:13-0:20', 'glossary/leon-trotsky.md 6:14-6:26',
    ]);
  });

  it('Should forget a deleted file and rebuild when a glossary file changes', async () => {
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('essays/notes.txt'), type: 3 }] });
    writeFileSync(path.join(root, 'glossary/leon-trotsky.md'), glossaryEntry('leon-trotsky', 'Leon Trotsky'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('glossary/leon-trotsky.md'), type: 2 }] });
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: client.uri('essays/exile.md') }, position: { line: 0, character: 3 } });
    assert.equal(hover, null);
  });
});
