import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver-types';
import { LspClient, writeWorkspace } from '../helpers/lspClient.js';

const trotsky = '---\nid: leon-trotsky\ntype: person\nlabel: Leon Trotsky\naliases: [Trotsky]\n---\nRevolutionary.\n';

describe('The workspace as the server scans it', function () {
  this.timeout(20000);
  const clients: LspClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
  });

  it('Should report progress while indexing when the client supports it', async () => {
    const client = new LspClient(writeWorkspace({ 'glossary/t.md': trotsky, 'essays/a.md': 'Trotsky.\n' }));
    clients.push(client);
    const kinds: string[] = [];
    client.connection.onRequest('window/workDoneProgress/create', () => null);
    client.connection.onNotification('$/progress', (p: { value: { kind: string } }) => {
      kinds.push(p.value.kind);
    });
    await client.initialize({ bundledGlossary: false }, { window: { workDoneProgress: true } });
    assert.deepEqual([kinds[0], kinds[kinds.length - 1], kinds.filter((k) => k === 'report').length > 0], ['begin', 'end', true]);
  });

  it('Should honour include and exclude globs and index every workspace folder', async () => {
    const first = writeWorkspace({ 'glossary/t.md': trotsky, 'essays/a.md': 'Trotsky.\n', 'drafts/b.md': 'Trotsky.\n', 'notes/c.txt': 'Trotsky.\n' });
    const second = writeWorkspace({ 'more/d.md': 'Trotsky again.\n' });
    const client = new LspClient(first);
    clients.push(client);
    await client.initialize({ bundledGlossary: false, exclude: ['drafts/**'], include: ['**/*.md'] }, {}, [second]);
    const references = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: client.uri('essays/a.md') }, position: { line: 0, character: 2 }, context: { includeDeclaration: false },
    });
    const secondUri = pathToFileURL(second).toString();
    assert.deepEqual(references.map((l) => l.uri.startsWith(secondUri) ? `second:${l.uri.slice(secondUri.length)}` : l.uri.slice(client.uri('').length).replace(/^\//, '')).sort(), [
      'essays/a.md', 'second:/more/d.md',
    ]);
  });
});
