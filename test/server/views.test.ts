import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FiguresResult, GlossaryResult, StatusResult } from '../../server/src/protocol.js';
import { LspClient, writeWorkspace } from '../helpers/lspClient.js';
import { renderRange } from '../helpers/render.js';

// The requests behind the VS Code extension's views, status item and Rebuild command, over stdio.

const entry = (id: string, type: string, label: string, extra = ''): string =>
  `---\nid: ${id}\ntype: ${type}\nlabel: ${label}\n${extra}---\nDefinition of ${label}.\n`;

describe('The view requests over stdio', function () {
  this.timeout(20000);
  let client: LspClient;
  let root: string;

  beforeEach(async () => {
    root = writeWorkspace({
      'glossary/leon-trotsky.md': entry('leon-trotsky', 'person', 'Leon Trotsky', 'aliases: [Trotsky]\n'),
      'glossary/kronstadt-rebellion.md': entry('kronstadt-rebellion', 'event', 'Kronstadt rebellion', 'aliases: [Kronstadt]\n'),
      'glossary/nikolai-bukharin.md': entry('nikolai-bukharin', 'person', 'Nikolai Bukharin', 'aliases: [Bukharin]\n'),
      'essays/kronstadt.md': 'Trotsky ordered the assault on Kronstadt. Trotsky later defended it.\n',
      'essays/exile.txt': 'Trotsky was exiled in 1929.\n',
    });
    client = new LspClient(root);
    await client.initialize();
  });

  afterEach(async () => client.stop());

  it('Should list every entity by type then label, with mention and essay counts (marginalia/glossary)', async () => {
    const result = await client.connection.sendRequest<GlossaryResult>('marginalia/glossary');
    assert.deepEqual(result.entities.map((e) => `${e.type} ${e.label} (${e.id}) ${path.basename(new URL(e.uri).pathname)} ${renderRange(e.range)} mentions=${e.mentions} essays=${e.essays}`), [
      'person Leon Trotsky (leon-trotsky) leon-trotsky.md 3:7-3:19 mentions=3 essays=2',
      'person Nikolai Bukharin (nikolai-bukharin) nikolai-bukharin.md 3:7-3:23 mentions=0 essays=0',
      'event Kronstadt rebellion (kronstadt-rebellion) kronstadt-rebellion.md 3:7-3:26 mentions=1 essays=1',
    ]);
  });

  it('Should count essays and files (marginalia/status), also when params are sent', async () => {
    const status = await client.connection.sendRequest<StatusResult>('marginalia/status');
    assert.deepEqual(status, { files: 5, essays: 2, entities: 3 });
    assert.deepEqual(await client.request<StatusResult>('marginalia/status', {}), status);
  });

  it('Should answer the figures table with keys and claims (marginalia/figures)', async () => {
    const result = await client.connection.sendRequest<FiguresResult>('marginalia/figures');
    assert.equal(Array.isArray(result.keys), true);
    for (const key of result.keys) {
      assert.match(key.conflict, /^(hard|soft|none)$/);
      assert.ok(key.claims.length > 0 && key.claims.every((c) => c.uri.startsWith('file:') && typeof c.text === 'string'));
    }
  });

  it('Should rescan the disk on marginalia/rebuild, then announce marginalia/indexed', async () => {
    writeFileSync(path.join(root, 'essays/bukharin.md'), 'Bukharin and Trotsky.\n');
    const indexed = new Promise<unknown>((resolve) => client.connection.onNotification('marginalia/indexed', resolve));
    const status = await client.connection.sendRequest<StatusResult>('marginalia/rebuild');
    assert.deepEqual(status, { files: 6, essays: 3, entities: 3 });
    assert.deepEqual(await indexed, { files: 6, entities: 3 });
    const result = await client.connection.sendRequest<GlossaryResult>('marginalia/glossary');
    assert.deepEqual(result.entities.map((e) => `${e.id} ${e.mentions} ${e.essays}`), ['leon-trotsky 4 3', 'nikolai-bukharin 1 1', 'kronstadt-rebellion 1 1']);
  });
});
