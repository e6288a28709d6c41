import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import type { CeilingResult } from './ceiling.js';
import { driveServer, serverBuilt, smallAnswer, snapshotServer, type LatencyStats, type ServerRun } from './driver.js';
import { ensureWorkspace, sizes, type Manifest, type SizeName } from './generator.js';
import { summariseProfile } from './profile.js';

/**
 * `npm run bench [-- --sizes S,M --requests 500 --edits 40 --profile --label text]`
 *
 * For each size: generate (or reuse) the synthetic workspace in .bench/, measure the ceiling
 * (read + remark-parse, one thread), drive the server cold (empty index cache) and warm (the
 * cache the cold run wrote), and time `marginalia check`. Prints a table; writes
 * .bench/results.json and appends the run to .bench/history.jsonl.
 */

interface Options {
  sizes: SizeName[];
  requests: number;
  edits: number;
  profile: boolean;
  cli: boolean;
  warm: boolean;
  label: string;
  timeoutMs: number;
}

interface SizeResult {
  readonly size: SizeName;
  readonly essays: number;
  readonly megabytes: number;
  readonly words: number;
  readonly ceiling: CeilingResult;
  readonly cold: ServerRun;
  readonly warm?: ServerRun;
  readonly checkMs?: number;
  readonly checkExit?: number;
  /** 1-minute load average before and after the size's runs: other processes compete for the cores. */
  readonly load: readonly [number, number];
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { sizes: ['S', 'M', 'L'], requests: 500, edits: 40, profile: false, cli: true, warm: true, label: '', timeoutMs: 30 * 60_000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => argv[++i] ?? '';
    if (arg === '--sizes') options.sizes = value().split(',').map((s) => s.trim().toUpperCase()).filter((s): s is SizeName => s in sizes);
    else if (arg === '--requests') options.requests = Number(value());
    else if (arg === '--edits') options.edits = Number(value());
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--no-cli') options.cli = false;
    else if (arg === '--no-warm') options.warm = false;
    else if (arg === '--label') options.label = value();
    else if (arg === '--timeout-min') options.timeoutMs = Number(value()) * 60_000;
    else throw new Error(`Unknown option ${arg}. Options: --sizes S,M,L --requests N --edits N --profile --no-cli --no-warm --label TEXT --timeout-min N`);
  }
  return options;
}

function runProcess(args: readonly string[], timeoutMs: number): Promise<{ ms: number; code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - started, code: code ?? -1, stdout, stderr });
    });
  });
}

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

async function benchSize(size: SizeName, options: Options, benchDir: string, serverRoot: string): Promise<SizeResult> {
  const { root, manifest } = await ensureWorkspace(benchDir, size);
  const loadBefore = loadavg()[0];
  log(`${size}: ${manifest.essays} essays, ${(manifest.bytes / 1e6).toFixed(1)} MB, ${manifest.words} words, ${manifest.claimsWritten} figures written (${manifest.conflictingWritten} outliers); edit partners ${manifest.edit.partners.length}`);
  const ceilingRun = await runProcess([path.resolve('out/scripts/bench/ceiling.js'), root], options.timeoutMs);
  if (ceilingRun.code !== 0) throw new Error(`ceiling failed: ${ceilingRun.stderr}`);
  const ceiling = JSON.parse(ceilingRun.stdout) as CeilingResult;
  log(`${size}: ceiling (read + remark-parse, one thread) ${(ceiling.totalMs / 1000).toFixed(2)} s for ${ceiling.files} files`);
  const cacheDir = path.join(benchDir, `index-cache-${size}`);
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const profileDir = options.profile ? path.join(benchDir, 'profiles', size) : undefined;
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  const drive = { serverRoot, root, manifest, cacheDir, requests: options.requests, edits: options.edits, timeoutMs: options.timeoutMs, log: (l: string) => log(`${size} cold: ${l}`) };
  const cold = await driveServer({ ...drive, profileDir: profileDir && path.join(profileDir, 'cold') });
  const warm = options.warm
    ? await driveServer({ ...drive, indexOnly: true, profileDir: profileDir && path.join(profileDir, 'warm'), log: (l: string) => log(`${size} warm: ${l}`) })
    : undefined;
  let checkMs: number | undefined;
  let checkExit: number | undefined;
  if (options.cli) {
    const check = await runProcess([path.join(serverRoot, 'bin/marginalia.js'), 'check', root], options.timeoutMs);
    checkMs = check.ms;
    checkExit = check.code;
    log(`${size}: marginalia check ${(check.ms / 1000).toFixed(2)} s, exit ${check.code}, ${check.stderr.trim().split('\n').pop()}`);
  }
  if (profileDir) {
    for (const phase of ['cold', 'warm']) {
      const folder = path.join(profileDir, phase);
      const files = (() => {
        try {
          return readdirSync(folder).filter((f) => f.endsWith('.cpuprofile'));
        } catch {
          return [];
        }
      })();
      for (const file of files) writeFileSync(path.join(folder, `${file}.txt`), summariseProfile(path.join(folder, file), 40));
      if (files.length > 0) log(`${size} ${phase}: profile summaries in ${folder}`);
    }
  }
  return { size, essays: manifest.essays, megabytes: manifest.bytes / 1e6, words: manifest.words, ceiling, cold, warm, checkMs, checkExit, load: [loadBefore, loadavg()[0]] };
}

const ms = (value: number | undefined, digits = 1): string => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits));
const s = (value: number | undefined): string => (value === undefined ? '–' : (value / 1000).toFixed(2));
const lat = (l: LatencyStats | undefined): string => (l ? `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)}` : '–');

function table(results: readonly SizeResult[]): string {
  const rows: [string, (r: SizeResult) => string, string][] = [
    ['essays', (r) => String(r.essays), ''],
    ['MB of essays', (r) => r.megabytes.toFixed(1), ''],
    ['ceiling: read + remark-parse, 1 thread (s)', (r) => s(r.ceiling.totalMs), ''],
    ['cold: index ready (first hover answered) (s)', (r) => s(r.cold.readyMs), ''],
    ['cold index → all diagnostics published (s)', (r) => s(r.cold.indexMs), ''],
    ['cold index ÷ ceiling', (r) => (r.cold.indexMs / r.ceiling.totalMs).toFixed(2), '< 2'],
    ['ceiling CPU time (s)', (r) => s(r.ceiling.cpuMs), ''],
    ['warm restart: index ready (s)', (r) => s(r.warm?.readyMs), ''],
    ['warm restart → all diagnostics published (s)', (r) => s(r.warm?.indexMs), '< 2 s'],
    ['warm restart: analyses from the cache', (r) => /(\d+) from the index cache/.exec(r.warm?.scanLog ?? '')?.[1] ?? '–', ''],
    ['hover p50 / p95 / p99 (ms)', (r) => lat(r.cold.hover), 'p99 < 10'],
    ['definition p50 / p95 / p99 (ms)', (r) => lat(r.cold.definition), 'p99 < 10'],
    ['references p50 / p95 / p99 (ms)', (r) => lat(r.cold.references), 'p99 < 36'],
    ['references: locations per answer (mean)', (r) => ms(r.cold.referencesPerRequest, 0), ''],
    [`references ≤ ${smallAnswer} locations: p50 / p95 / p99 (ms)`, (r) => lat(r.cold.referencesSmall), ''],
    ['edit → own diagnostics p50 / p95 (ms)', (r) => (r.cold.edit ? `${ms(r.cold.edit.self.p50)} / ${ms(r.cold.edit.self.p95)}` : '–'), 'p95 < 50'],
    ['edit → all republished p50 / p95 (ms)', (r) => (r.cold.edit ? `${ms(r.cold.edit.all.p50)} / ${ms(r.cold.edit.all.p95)}` : '–'), 'p95 < 50'],
    ['essays republished at once / after the pause', (r) => (r.cold.edit ? `${r.cold.edit.partners} / ${r.cold.edit.republishedLater}${r.cold.edit.missed ? ` (${r.cold.edit.missed} missed)` : ''}` : '–'), ''],
    ['peak RSS (MB)', (r) => ms(r.cold.final.peakRssMb, 0), '< 500'],
    ['server CPU time to index (s)', (r) => s(r.cold.atIndex.cpuMs), ''],
    ['server CPU time, whole run (s)', (r) => s(r.cold.final.cpuMs), ''],
    ['warm restart peak RSS (MB)', (r) => ms(r.warm?.final.peakRssMb, 0), ''],
    ['marginalia check wall (s)', (r) => s(r.checkMs), ''],
    [`load average before / after (${cpus().length} cores)`, (r) => `${r.load[0].toFixed(1)} / ${r.load[1].toFixed(1)}`, ''],
  ];
  const header = ['', ...results.map((r) => r.size), 'budget (L)'];
  const body = rows.map(([name, value, budget]) => [name, ...results.map(value), budget]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => row[i].length)));
  const line = (row: string[]): string => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!serverBuilt()) throw new Error('Build first: npx tsc -p .');
  const benchDir = path.resolve('.bench');
  mkdirSync(benchDir, { recursive: true });
  const serverRoot = snapshotServer(path.join(benchDir, 'server'));
  const results: SizeResult[] = [];
  for (const size of options.sizes) results.push(await benchSize(size, options, benchDir, serverRoot));
  const rendered = table(results);
  process.stdout.write(`${rendered}\n`);
  const run = { label: options.label, date: new Date().toISOString(), node: process.version, options, results };
  writeFileSync(path.join(benchDir, 'results.json'), `${JSON.stringify(run, null, 2)}\n`);
  appendFileSync(path.join(benchDir, 'history.jsonl'), `${JSON.stringify({ ...run, table: rendered })}\n`);
  log(`results in ${path.join(benchDir, 'results.json')}`);
}

export type { Manifest };

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
