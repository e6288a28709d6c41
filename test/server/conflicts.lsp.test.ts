import * as assert from 'node:assert/strict';
import { LspClient, writeWorkspace } from '../helpers/lspClient.js';
import { renderRange } from '../helpers/render.js';

const famine = `---
id: soviet-famine-1932-33
type: event
label: Soviet famine of 1932–33
terms: [famine]
dates: { start: 1932, end: 1933 }
---
The famine.
`;

describe('Conflicts through the language server', function () {
  this.timeout(20000);
  let client: LspClient;

  beforeEach(async () => {
    client = new LspClient(writeWorkspace({
      'glossary/famine.md': famine,
      'essays/a.md': 'Some 3.5 million died in the famine of 1932–33.\n',
      'essays/b.md': 'At least ten million died in the famine of 1932–33.\n',
    }));
    await client.initialize();
  });

  afterEach(async () => client.stop());

  it('Should publish the conflict on both essays with related information', async () => {
    const b = await client.waitForDiagnostics(client.uri('essays/b.md'), (d) => d.length > 0);
    assert.deepEqual(b.map((d) => `${renderRange(d.range)} ${d.severity} ${d.code} → ${d.relatedInformation?.map((r) => `${r.location.uri.split('/').pop()} ${renderRange(r.location.range)}`).join(', ')}`), [
      '0:0-0:20 2 conflicting-figure → a.md 0:0-0:16',
    ]);
  });

  it('Should clear the warning in the other essay when one essay is edited to agree', async () => {
    const uri = client.uri('essays/a.md');
    await client.waitForDiagnostics(client.uri('essays/b.md'), (d) => d.length === 1);
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: 'Some 3.5 million died in the famine of 1932–33.\n' } });
    await client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 8 } }, text: '12' }],
    });
    const b = await client.waitForDiagnostics(client.uri('essays/b.md'), (d) => d.length === 0);
    assert.deepEqual(b, []);
  });
});
