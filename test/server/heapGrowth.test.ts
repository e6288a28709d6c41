import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { limitHeapGrowth } from '../../server/src/lsp/heapGrowth.js';

describe('The server heap growth limit', () => {
  it('Should leave a setting given on the command line alone', () => {
    assert.equal(limitHeapGrowth(['--heap-growing-percent=80']), false);
    assert.equal(limitHeapGrowth(['--heap_growing_percent=80']), false);
  });

  it('Should set a flag this Node\'s V8 knows (it warns on stderr about one it does not)', () => {
    // In a child process, so this test process keeps its own heap settings.
    const module = new URL('../../server/src/lsp/heapGrowth.js', import.meta.url).href;
    const run = (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    const applied = run(`const m = await import('${module}'); process.stdout.write(String(m.limitHeapGrowth([])));`);
    assert.equal(applied.stdout, 'true');
    assert.equal(applied.stderr, '');
    // The check can fail: an unknown flag is reported.
    assert.notEqual(run(`(await import('node:v8')).setFlagsFromString('--no-such-heap-flag=3');`).stderr, '');
  });
});
