import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Hover, Location } from 'vscode-languageserver-types';
import { loadFiles } from '../../server/src/node/loadFiles.js';
import { defaultScanOptions } from '../../server/src/node/fileScanner.js';
import { renderRange } from '../helpers/render.js';
import { entryText, reliabilityGlossary } from './glossary.js';
import { renderForComparison, ServerProcess } from './serverProcess.js';

/**
 * Issue 7, part 4: faults. A handler that throws is logged and answered with an error and the
 * next request works; a crashed server restarted by the client rebuilds its state; a file
 * deleted while it is read; the glossary folder removed and re-added; workspace folders added
 * and removed at run time. Faults are injected through bad input, so the server needs no
 * test-only request.
 */

function writeTree(root: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  }
}

const essays = {
  'essays/exile.md': 'Trotsky was exiled in 1929.\n\nIn the Kronstadt rebellion 1,000 sailors died.\n',
  'essays/other.txt': 'Stalin and Trotsky.\n\nIn the Kronstadt rebellion some 5,000 sailors died.\n',
};

describe('Reliability: faults', function () {
  this.timeout(60000);
  const roots: string[] = [];
  const servers: ServerProcess[] = [];

  const workspace = (files: Record<string, string> = { ...reliabilityGlossary, ...essays }): string => {
    const root = mkdtempSync(path.join(tmpdir(), 'marginalia-faults-'));
    writeTree(root, files);
    roots.push(root);
    return root;
  };
  const start = async (folders: string[], settings?: Record<string, unknown>): Promise<ServerProcess> => {
    const server = new ServerProcess();
    servers.push(server);
    await server.initialize(folders, settings);
    return server;
  };
  const uriOf = (root: string, relative: string): string => ServerProcess.uriOf(path.join(root, relative));
  const hoverTitle = async (server: ServerProcess, uri: string, line = 0, character = 2): Promise<string | null> => {
    const hover = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    return hover ? (hover.contents as { value: string }).value.split('\n')[0] : null;
  };
  const referencePaths = async (server: ServerProcess, uri: string, root: string): Promise<string[]> => {
    const locations = await server.request<Location[]>('textDocument/references', { textDocument: { uri }, position: { line: 0, character: 2 }, context: { includeDeclaration: false } });
    return locations.map((l) => `${path.relative(root, decodeURIComponent(new URL(l.uri).pathname))} ${renderRange(l.range)}`).sort();
  };

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  after(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('Should log a throwing handler with its stack, answer it with an error, and answer the next request', async () => {
    const root = workspace();
    const server = await start([root]);
    const uri = uriOf(root, 'essays/exile.md');
    // A position of null reaches the service and throws there (inside runSafe).
    await assert.rejects(server.request('textDocument/hover', { textDocument: { uri }, position: null }), (error: { code: number; message: string }) => {
      assert.equal(error.code, -32603);
      assert.match(error.message, /^Marginalia: hover failed: Cannot read properties of null \(reading 'line'\)$/);
      return true;
    });
    // No textDocument at all: read inside runSafe too, so it is logged like any other failure.
    await assert.rejects(server.request('textDocument/definition', { position: { line: 0, character: 1 } }), (error: { code: number; message: string }) => {
      assert.equal(error.code, -32603);
      assert.match(error.message, /^Marginalia: definition failed: Cannot read properties of undefined \(reading 'uri'\)$/);
      return true;
    });
    const errors = server.logs.filter((l) => l.type === 1).map((l) => l.message);
    assert.equal(errors.length, 2);
    assert.match(errors[0], /^hover failed: Cannot read properties of null \(reading 'line'\)\n.*\n\s+at /s);
    assert.match(errors[1], /^definition failed: Cannot read properties of undefined \(reading 'uri'\)\n/);
    // A notification that cannot be applied (a change to a document never opened) is dropped.
    await server.notify('textDocument/didChange', { textDocument: { uri: uriOf(root, 'essays/never.md'), version: 2 }, contentChanges: [{ text: 'x' }] });
    assert.equal(await hoverTitle(server, uri), '**Leon Trotsky** · person');
    assert.equal(server.exit, undefined);
  });

  it('Should rebuild its state when the client restarts it after a crash', async () => {
    const root = workspace();
    const first = await start([root]);
    const uri = uriOf(root, 'essays/exile.md');
    const unsaved = 'Zinovyev and Trotsky.\n\nAt Kronstadt about 10,000 died.\n';
    await first.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: unsaved } });
    await first.request('textDocument/documentSymbol', { textDocument: { uri } });
    const before = new Map([...first.diagnostics.entries()].map(([u, d]) => [u, renderForComparison(d)]));
    assert.ok([...before.values()].some((d) => d.length > 0), 'there are diagnostics to lose');
    first.kill();
    await first.waitUntil(() => first.exit !== undefined, 'the crash').catch(() => undefined);
    assert.equal(first.exit?.signal, 'SIGKILL');
    // The client starts a new server and opens its documents again, unsaved text and all.
    const second = await start([root]);
    await second.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: unsaved } });
    await second.request('textDocument/documentSymbol', { textDocument: { uri } });
    const after = new Map([...second.diagnostics.entries()].map(([u, d]) => [u, renderForComparison(d)]));
    for (const [u, d] of before) assert.deepEqual(after.get(u) ?? [], d, u);
    assert.equal(await hoverTitle(second, uri, 0, 15), '**Leon Trotsky** · person');
  });

  it('Should give a file deleted before it is read a notice, in the scan and from a watched-file event', async () => {
    const root = workspace();
    // The scan: the second essay disappears between the listing and its read.
    const notices: string[] = [];
    const files = await loadFiles({
      roots: [root], scan: defaultScanOptions, onNotice: (m) => notices.push(m),
      onProgress: (done) => {
        if (done === 1) unlinkSync(path.join(root, 'essays/other.txt'));
      },
    });
    assert.deepEqual(files.map((f) => path.relative(root, new URL(f.uri).pathname)).sort(), [
      'essays/exile.md', ...Object.keys(reliabilityGlossary).sort(),
    ].sort());
    assert.equal(notices.length, 1);
    assert.match(notices[0], new RegExp(`^Cannot read ${path.join(root, 'essays/other.txt')}: ENOENT`));
    // The server: an event for a file that is gone by the time it is read.
    const server = await start([root]);
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'essays/vanished.md'), type: 1 }] });
    await server.request('workspace/symbol', { query: '' });
    assert.deepEqual(server.logs.filter((l) => l.type === 2).map((l) => l.message.replaceAll(root, '<root>')), [
      "Cannot read <root>/essays/vanished.md: ENOENT: no such file or directory, stat '<root>/essays/vanished.md'",
    ]);
    assert.deepEqual(await referencePaths(server, uriOf(root, 'essays/exile.md'), root), ['essays/exile.md 0:0-0:7']);
  });

  it('Should forget the glossary when its folder is removed and recover it when the folder comes back', async () => {
    const root = workspace({ ...reliabilityGlossary, ...essays, 'glossary/broken.md': entryText('id: broken\ntype: person') });
    const server = await start([root]);
    const essay = uriOf(root, 'essays/exile.md');
    const broken = uriOf(root, 'glossary/broken.md');
    await server.waitUntil(() => (server.diagnostics.get(broken) ?? []).length === 1, 'the broken entry diagnostic');
    const initial = new Map([...server.diagnostics.entries()].map(([u, d]) => [u, renderForComparison(d)]));
    assert.equal(await hoverTitle(server, essay), '**Leon Trotsky** · person');

    // Removed: VS Code sends one event for the folder, none for the files in it.
    rmSync(path.join(root, 'glossary'), { recursive: true });
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'glossary'), type: 3 }] });
    assert.equal(await hoverTitle(server, essay), null);
    assert.deepEqual(await referencePaths(server, essay, root), []);
    assert.deepEqual(server.diagnostics.get(broken), []);
    const status = await server.request<{ files: number; entities: number }>('marginalia/status', null);
    assert.deepEqual([status.files, status.entities], [2, 0]);

    // Re-added: one event for the folder again.
    writeTree(root, { ...reliabilityGlossary, 'glossary/broken.md': entryText('id: broken\ntype: person') });
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'glossary'), type: 1 }] });
    assert.equal(await hoverTitle(server, essay), '**Leon Trotsky** · person');
    assert.deepEqual(await referencePaths(server, essay, root), ['essays/exile.md 0:0-0:7', 'essays/other.txt 0:11-0:18']);
    const restored = new Map([...server.diagnostics.entries()].map(([u, d]) => [u, renderForComparison(d)]));
    for (const [u, d] of initial) assert.deepEqual(restored.get(u) ?? [], d, u);

    // Removed and re-added file by file, as other clients send it: the same end state.
    rmSync(path.join(root, 'glossary'), { recursive: true });
    const entries = [...Object.keys(reliabilityGlossary), 'glossary/broken.md'];
    await server.notify('workspace/didChangeWatchedFiles', { changes: entries.map((p) => ({ uri: uriOf(root, p), type: 3 })) });
    assert.equal(await hoverTitle(server, essay), null);
    writeTree(root, { ...reliabilityGlossary, 'glossary/broken.md': entryText('id: broken\ntype: person') });
    await server.notify('workspace/didChangeWatchedFiles', { changes: entries.map((p) => ({ uri: uriOf(root, p), type: 1 })) });
    assert.equal(await hoverTitle(server, essay), '**Leon Trotsky** · person');
    const again = new Map([...server.diagnostics.entries()].map(([u, d]) => [u, renderForComparison(d)]));
    for (const [u, d] of initial) assert.deepEqual(again.get(u) ?? [], d, u);
  });

  it('Should index a workspace folder added at run time and forget one removed, moving "Add to the glossary" with them', async () => {
    const first = workspace();
    const second = workspace({
      'glossary/joseph-stalin.md': reliabilityGlossary['glossary/joseph-stalin.md'],
      'notes/draft.md': 'Trotsky met Stalin in Kronstadt, where 800 sailors died. Then Maria Spiridonova spoke.\n',
    });
    const server = await start([first], { bundledGlossary: false, unknownNames: true });
    const essay = uriOf(first, 'essays/exile.md');
    assert.deepEqual(await referencePaths(server, essay, first), ['essays/exile.md 0:0-0:7', 'essays/other.txt 0:11-0:18']);

    await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: ServerProcess.uriOf(second), name: 'second' }], removed: [] } });
    const draft = uriOf(second, 'notes/draft.md');
    await server.waitUntil(() => (server.diagnostics.get(draft) ?? []).some((d) => d.code === 'unknown-name'), 'diagnostics of the added folder');
    const references = await referencePaths(server, essay, first);
    assert.deepEqual(references, ['../' + path.basename(second) + '/notes/draft.md 0:0-0:7', 'essays/exile.md 0:0-0:7', 'essays/other.txt 0:11-0:18'].sort());

    // Remove the first folder (given with a trailing slash): its files go, their diagnostics are cleared.
    const other = uriOf(first, 'essays/other.txt');
    await server.waitUntil(() => (server.diagnostics.get(other) ?? []).length > 0, 'diagnostics of the first folder');
    await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: `${ServerProcess.uriOf(first)}/`, name: 'first' }] } });
    await server.waitUntil(() => (server.diagnostics.get(other) ?? []).length === 0, 'cleared diagnostics of the removed folder');
    assert.equal(await hoverTitle(server, essay), null);
    const status = await server.request<{ files: number; entities: number }>('marginalia/status', null);
    assert.deepEqual([status.files, status.entities], [2, 1]);

    // "Add to the glossary" now writes into the remaining folder's glossary, never the removed one.
    const unknown = (server.diagnostics.get(draft) ?? []).find((d) => d.code === 'unknown-name')!;
    const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draft }, range: unknown.range, context: { diagnostics: [unknown] },
    });
    const created = actions.flatMap((a) => (a.edit?.documentChanges ?? []).flatMap((c) => ('kind' in c && c.kind === 'create' ? [c.uri] : [])));
    assert.deepEqual(created, [uriOf(second, 'glossary/maria-spiridonova.md')]);
  });

  it('Should pick up a workspace folder added while the first scan is still running', async () => {
    const first = workspace();
    const second = workspace({ 'notes/late.md': 'Trotsky arrived late.\n' });
    const server = new ServerProcess();
    servers.push(server);
    await server.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: ServerProcess.uriOf(first), initializationOptions: { bundledGlossary: false },
      workspaceFolders: [{ uri: ServerProcess.uriOf(first), name: 'first' }], capabilities: { workspace: { workspaceFolders: true } },
    });
    await server.notify('initialized', {});
    await server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: ServerProcess.uriOf(second), name: 'second' }], removed: [] } });
    await server.waitForIndexed(1);
    const references = await referencePaths(server, uriOf(first, 'essays/exile.md'), first);
    assert.deepEqual(references, ['../' + path.basename(second) + '/notes/late.md 0:0-0:7', 'essays/exile.md 0:0-0:7', 'essays/other.txt 0:11-0:18'].sort());
  });

  it('Should log a file over 5 MB that changes on disk, and leave it out of the index', async () => {
    const root = workspace();
    const server = await start([root]);
    writeFileSync(path.join(root, 'essays/huge.md'), Buffer.alloc(6 * 1024 * 1024, 'a'));
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'essays/huge.md'), type: 1 }] });
    await server.request('workspace/symbol', { query: '' });
    assert.deepEqual(server.logs.filter((l) => l.type === 2).map((l) => l.message.replaceAll(root, '<root>')), [
      '<root>/essays/huge.md is 6.0 MB, over the 5 MB limit; not analysed.',
    ]);
    const status = await server.request<{ files: number }>('marginalia/status', null);
    assert.equal(status.files, 7);
  });
});
