// End to end in a real editor: headless Neovim 0.7 starts the server over stdio with its own LSP
// client (test/e2e/neovim/drive.lua), opens an essay, hovers, goes to definition, finds
// references and collects the published diagnostics; this file asserts on what it wrote.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, Hover, Location, Position } from 'vscode-languageserver-types';
import { writeWorkspace } from '../helpers/lspClient.js';
import { renderRange } from '../helpers/render.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const driver = path.join(repo, 'test/e2e/neovim/drive.lua');
const server = path.join(repo, 'bin/marginalia-language-server.js');

/** Wall-clock limit for the whole Neovim run, enforced by coreutils `timeout`. */
const nvimTimeoutSeconds = 60;
/** The hook that runs Neovim waits a little longer, so a timed-out run still reports its log. */
const hookTimeoutMs = (nvimTimeoutSeconds + 10) * 1000;

/** What drive.lua writes: raw LSP answers plus what Neovim made of them. */
interface Report {
  error?: string;
  steps: string[];
  nvim: { major: number; minor: number; patch: number };
  indexed?: { files: number; entities: number };
  essayUri: string;
  position: Position;
  hover: Hover | null;
  definition: Location[] | Location | null;
  references: Location[] | null;
  jump: { file: string; line: number; byteColumn: number };
  /** The last textDocument/publishDiagnostics per URI, every field kept (relatedInformation too). */
  diagnostics: Record<string, Diagnostic[]>;
  editorDiagnostics: { lnum: number; col: number; end_lnum: number; end_col: number; severity: number; message: string; source: string }[];
  serverExit: { code: number; signal: number };
}

const workspaceFiles: Record<string, string> = {
  'glossary/people/leon-trotsky.md': [
    '---', 'id: leon-trotsky', 'type: person', 'label: Leon Trotsky', 'aliases: [Trotsky]',
    'dates: { start: 1879-11-07, end: 1940-08-21 }', '---',
    'Leon Trotsky chaired the Petrograd Soviet in 1917 and built the Red Army.', '',
  ].join('\n'),
  'glossary/people/grigory-zinoviev.md': [
    '---', 'id: grigory-zinoviev', 'type: person', 'label: Grigory Zinoviev', 'aliases: [Zinoviev]', 'variants: [Zinovyev]', '---',
    'Grigory Zinoviev headed the Communist International from 1919 to 1926.', '',
  ].join('\n'),
  'glossary/events/kronstadt-rebellion.md': [
    '---', 'id: kronstadt-rebellion', 'type: event', 'label: Kronstadt rebellion', 'aliases: [Kronstadt]',
    'dates: { start: 1921-03-01, end: 1921-03-18 }', '---',
    'A rising of sailors and workers at the Kronstadt naval base, put down by the Red Army.', '',
  ].join('\n'),
  // Line 3 has a curly apostrophe and an em dash before "Zinovyev": 3 bytes each in UTF-8, one
  // UTF-16 unit each, so LSP and Neovim columns differ there (27 vs 31).
  'essays/exile.md': '# Exile\n\nIn 1921 Trotsky defended the suppression of Kronstadt.\nThe sailors’ demands — and Zinovyev’s reply — came later.\n',
  'essays/letters.txt': 'Trotsky wrote to Zinoviev from Alma-Ata.\n',
};

function nvimVersion(): string | undefined {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10000 });
  return probe.error || probe.status !== 0 ? undefined : probe.stdout.split('\n')[0];
}

function run(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

describe('Marginalia in a real Neovim 0.7 (headless, LSP over stdio)', function () {
  this.timeout(60000);
  let root: string | undefined;
  let home: string | undefined;
  let child: ChildProcess | undefined;
  let report: Report;

  /** A URI from the report as a workspace-relative path. */
  const rel = (uri: string): string => path.relative(root!, fileURLToPath(uri)).split(path.sep).join('/');
  const renderLocation = (l: Location): string => `${rel(l.uri)} ${renderRange(l.range)}`;
  /** `range severity code: message`, then one `  related path range: message` line per related location. */
  const renderDiagnostic = (d: Diagnostic): string[] => [
    `${renderRange(d.range)} ${d.severity} ${d.code}: ${d.message}`,
    ...(d.relatedInformation ?? []).map((r) => `  related ${renderLocation(r.location)}: ${r.message}`),
  ];
  const diagnosticsOf = (relative: string): string[] =>
    (report.diagnostics[Object.keys(report.diagnostics).find((uri) => rel(uri) === relative) ?? ''] ?? []).flatMap(renderDiagnostic);

  before(async function () {
    this.timeout(hookTimeoutMs);
    const version = nvimVersion();
    if (!version) {
      if (process.env.CI) throw new Error('nvim is not on PATH: the Neovim end-to-end test needs Neovim 0.7+ (apt-get install -y neovim)');
      console.warn('    skipped: nvim is not on PATH; `apt-get install -y neovim` (0.7+) to run the Neovim end-to-end test');
      this.skip();
    }
    root = realpathSync(writeWorkspace(workspaceFiles));
    home = realpathSync(mkdtempSync(path.join(tmpdir(), 'marginalia-nvim-')));
    const out = path.join(home, 'report.json');
    const plan = path.join(home, 'plan.json');
    writeFileSync(plan, JSON.stringify({
      root, cmd: [process.execPath, server, '--stdio'], initializationOptions: { bundledGlossary: false },
      open: 'essays/exile.md', at: 'Trotsky', out, waitMs: 15000,
    }));
    const xdg = (name: string): string => {
      const dir = path.join(home!, name);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return dir;
    };
    child = spawn('timeout', ['--kill-after=5', String(nvimTimeoutSeconds), 'nvim', '--headless', '--clean', '-n', '-i', 'NONE', '-u', driver], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env, MARGINALIA_E2E_PLAN: plan,
        XDG_CONFIG_HOME: xdg('config'), XDG_DATA_HOME: xdg('data'), XDG_STATE_HOME: xdg('state'), XDG_CACHE_HOME: xdg('cache'), XDG_RUNTIME_DIR: xdg('run'), TMPDIR: xdg('tmp'),
      },
    });
    const { code, signal, output } = await run(child);
    const lspLog = path.join(home, 'cache/nvim/lsp.log');
    const context = (): string => [
      `${version}; exit ${code ?? signal}${code === 124 ? ' (timed out)' : ''}`,
      output && `nvim output:\n${output}`,
      existsSync(lspLog) && `lsp.log:\n${readFileSync(lspLog, 'utf8').slice(-4000)}`,
    ].filter(Boolean).join('\n');
    if (!existsSync(out)) throw new Error(`Neovim wrote no report.\n${context()}`);
    report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    if (report.error) throw new Error(`drive.lua failed after steps [${report.steps.join(', ')}]: ${report.error}\n${context()}`);
    assert.equal(code, 0, context());
  });

  after(() => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { child.kill('SIGKILL'); } // `timeout` leads its own process group
    }
    for (const dir of [root, home]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Should run in Neovim 0.7 or later and receive marginalia/indexed with the workspace counts', () => {
    assert.ok(report.nvim.major > 0 || report.nvim.minor >= 7, `Neovim ${report.nvim.major}.${report.nvim.minor}`);
    assert.deepEqual(report.indexed, { files: 5, entities: 3 });
  });

  it('Should send the cursor position on "Trotsky" in UTF-16 and get the entity card on hover', () => {
    assert.deepEqual(report.position, { line: 2, character: 8 });
    const hover = report.hover!;
    assert.equal(renderRange(hover.range!), '2:8-2:15');
    const value = (hover.contents as { kind: string; value: string }).value;
    assert.equal(value.split('\n')[0], '**Leon Trotsky** · person · 7 November 1879 – 21 August 1940');
    assert.equal(value, [
      '**Leon Trotsky** · person · 7 November 1879 – 21 August 1940', '',
      'Leon Trotsky chaired the Petrograd Soviet in 1917 and built the Red Army.', '',
      '*Also:* Trotsky', '', 'Mentioned in 2 essays',
    ].join('\n'));
  });

  it('Should go to the label in the glossary entry, and Neovim should jump there', () => {
    const definition = report.definition;
    assert.deepEqual((Array.isArray(definition) ? definition : [definition!]).map(renderLocation), ['glossary/people/leon-trotsky.md 3:7-3:19']);
    assert.deepEqual(report.jump, { file: path.join(root!, 'glossary/people/leon-trotsky.md'), line: 3, byteColumn: 7 });
  });

  it('Should find the references in both essays and the glossary entry, declaration included', () => {
    assert.deepEqual(report.references!.map(renderLocation), [
      'glossary/people/leon-trotsky.md 3:7-3:19',
      'essays/exile.md 2:8-2:15',
      'essays/letters.txt 0:0-0:7',
      'glossary/people/leon-trotsky.md 7:0-7:12',
    ]);
  });

  it('Should publish the spelling-variant diagnostic for the open essay, with UTF-16 columns', () => {
    assert.deepEqual(diagnosticsOf('essays/exile.md'), [
      '3:27-3:35 3 spelling-variant: "Zinovyev" is a variant spelling; this workspace writes "Grigory Zinoviev".',
    ]);
    const [variant] = report.diagnostics[report.essayUri]!;
    assert.equal(variant!.source, 'marginalia');
    assert.deepEqual(variant!.data, { replacement: 'Grigory Zinoviev' });
  });

  it('Should show the diagnostic in Neovim at the byte columns of "Zinovyev"', () => {
    assert.deepEqual(report.editorDiagnostics.map((d) => `${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col} ${d.severity} ${d.source}`), [
      '3:31-3:39 3 marginalia',
    ]);
  });

  it('Should publish no diagnostics for the other essay and the glossary', () => {
    for (const relative of ['essays/letters.txt', ...Object.keys(workspaceFiles).filter((f) => f.startsWith('glossary/'))]) {
      assert.deepEqual(diagnosticsOf(relative), [], relative);
    }
  });

  it('Should shut the server down cleanly when the client stops', () => {
    assert.deepEqual(report.serverExit, { code: 0, signal: 0 });
  });
});
