import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { writeWorkspace } from './helpers/lspClient.js';

const famine = '---\nid: soviet-famine-1932-33\ntype: event\nlabel: Soviet famine of 1932–33\nterms: [famine]\ndates: { start: 1932, end: 1933 }\n---\nThe famine.\n';

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.resolve('bin/marginalia.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('The marginalia command line', function () {
  this.timeout(20000);
  const conflicting = (): string => writeWorkspace({
    'glossary/famine.md': famine,
    'essays/a.md': 'Some 3.5 million died in the famine of 1932–33.\n',
    'essays/b.txt': 'At least ten million died in the famine of 1932–33.\n',
  });

  it('Should print file:line:col severity code message and exit 1 on a conflict', () => {
    const result = run(['check', '.', '--no-bundled-glossary'], conflicting());
    assert.equal(result.code, 1);
    assert.deepEqual(result.stdout.trim().split('\n'), [
      'essays/a.md:1:1 warning conflicting-figure This essay gives Some 3.5 million for deaths in Soviet famine of 1932–33; b.txt gives At least ten million.',
      '    essays/b.txt:1:1 Conflicts: At least ten million (10 million – ∞)',
      'essays/b.txt:1:1 warning conflicting-figure This essay gives At least ten million for deaths in Soviet famine of 1932–33; a.md gives Some 3.5 million.',
      '    essays/a.md:1:1 Conflicts: Some 3.5 million (2.63 million – 4.38 million)',
    ]);
    assert.equal(result.stderr, 'marginalia: 1 glossary entries, 2 essays; 0 errors, 2 warnings, 0 information, 0 hints\n');
  });

  it('Should exit 0 on a clean workspace and 2 on bad usage', () => {
    const clean = writeWorkspace({ 'glossary/famine.md': famine, 'essays/a.md': 'Some 3.5 million died in the famine of 1932–33.\n' });
    assert.deepEqual([run(['check', '.', '--no-bundled-glossary'], clean).code, run(['check'], clean).code, run(['check', '.', '--format', 'xml'], clean).code, run(['frobnicate'], clean).code], [0, 2, 2, 2]);
  });

  it('Should write SARIF 2.1.0 with related locations', () => {
    const sarif = JSON.parse(run(['check', '.', '--no-bundled-glossary', '--format', 'sarif'], conflicting()).stdout);
    const first = sarif.runs[0].results[0];
    assert.deepEqual([sarif.version, first.ruleId, first.level, first.locations[0].physicalLocation.region.startLine, first.relatedLocations.length],
      ['2.1.0', 'conflicting-figure', 'warning', 1, 1]);
  });

  it('Should export entities, mentions, claims and conflicts as JSON', () => {
    const exported = JSON.parse(run(['export', '.', '--no-bundled-glossary'], conflicting()).stdout);
    assert.deepEqual(exported.claims.map((c: { file: string; key: string; interval: unknown; hedge: string; raw: string }) => [c.file, c.key, c.interval, c.hedge, c.raw]), [
      ['essays/a.md', 'soviet-famine-1932-33|deaths||', [2625000, 4375000], 'approx', 'Some 3.5 million'],
      ['essays/b.txt', 'soviet-famine-1932-33|deaths||', [10000000, null], 'lower', 'At least ten million'],
    ]);
    assert.deepEqual(exported.conflicts.map((c: { severity: string; claims: { file: string }[] }) => [c.severity, c.claims.map((x) => x.file)]), [
      ['hard', ['essays/a.md', 'essays/b.txt']],
    ]);
    assert.deepEqual(exported.entities.map((e: { id: string; mentions: unknown[] }) => [e.id, e.mentions.length]), [['soviet-famine-1932-33', 0]]);
  });
});
