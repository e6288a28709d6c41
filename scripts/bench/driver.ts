import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Location } from 'vscode-languageserver-types';
import type { Manifest } from './generator.js';
import { percentile, Random } from './random.js';

/**
 * Drives the real language server over stdio, as an editor would, and measures it: the cold
 * index (initialize → `marginalia/indexed`, which the server sends once every diagnostic is
 * published), request latencies at mention positions, edit → diagnostics, memory and CPU.
 */

export interface LatencyStats {
  readonly count: number;
  /** Requests that found something (a hover, a definition, at least one reference). */
  readonly answered: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface EditStats {
  readonly edits: number;
  /** didChange → publishDiagnostics of the edited essay. */
  readonly self: LatencyStats;
  /** didChange → the last publishDiagnostics of the essays that share the edited figure's key. */
  readonly all: LatencyStats;
  readonly partners: number;
  /** Essays republished only after the pause (the places of the essay's later figures moved). */
  readonly republishedLater: number;
  /** Partners (essays republished by the calibration edits) whose diagnostics did not arrive within the deadline, summed over edits. */
  readonly missed: number;
  /** Diagnostics notifications received per edit (median). */
  readonly publishesPerEdit: number;
}

export interface ProcessStats {
  /** VmHWM: the peak resident set size, MB. */
  readonly peakRssMb: number;
  readonly rssMb: number;
  /** User + system CPU time of the whole process (every thread), ms. */
  readonly cpuMs: number;
}

export interface ServerRun {
  readonly indexMs: number;
  /** initialize → the answer to a hover sent right after `initialized`: the index is ready for requests. */
  readonly readyMs: number;
  /** The server's own account of the scan ("… N from the index cache …"). */
  readonly scanLog?: string;
  readonly publishedAtIndex: number;
  readonly filesIndexed: number;
  readonly atIndex: ProcessStats;
  readonly hover?: LatencyStats;
  readonly definition?: LatencyStats;
  readonly references?: LatencyStats;
  readonly referencesPerRequest?: number;
  /** References answers of at most `smallAnswer` locations: the server's speed without the volume of the largest answers. */
  readonly referencesSmall?: LatencyStats;
  readonly edit?: EditStats;
  readonly final: ProcessStats;
}

export interface DriveOptions {
  /** Folder with `bin/` and `out/` of the server to run (a snapshot, so a rebuild mid-run changes nothing). */
  readonly serverRoot: string;
  readonly root: string;
  readonly manifest: Manifest;
  /** Folder for the server's on-disk index cache (MARGINALIA_CACHE_DIR). */
  readonly cacheDir: string;
  readonly requests: number;
  readonly edits: number;
  /** Only measure the index (the warm-restart run). */
  readonly indexOnly?: boolean;
  /** Folder for a V8 CPU profile of the server (node --cpu-prof). */
  readonly profileDir?: string;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

const clockTicks = 100;
/** References answers up to this many locations are also reported apart. */
export const smallAnswer = 2000;

export function processStats(pid: number): ProcessStats {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after the command name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { peakRssMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024, cpuMs: (ticks * 1000) / clockTicks };
}

export function stats(values: readonly number[], answered = values.length): LatencyStats {
  return {
    count: values.length, answered,
    p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: Math.max(...values),
  };
}

class Server {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Every diagnostics notification: which file, when, how many (not the diagnostics, which at L run to 100+ MB). */
  readonly published: { uri: string; at: number; count: number }[] = [];
  private readonly listeners = new Set<() => void>();
  stderr = '';

  readonly logs: string[] = [];

  constructor(serverRoot: string, cacheDir: string, profileDir: string | undefined) {
    const bin = path.join(serverRoot, 'bin/marginalia-language-server.js');
    // MARGINALIA_BENCH_NODE_ARGS: extra node/V8 flags for the server, to try heap settings.
    const extra = process.env.MARGINALIA_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const nodeArgs = [...extra, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
    this.process = spawn(process.execPath, [...nodeArgs, bin, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, MARGINALIA_CACHE_DIR: cacheDir },
    });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
      this.published.push({ uri: params.uri, at: performance.now(), count: params.diagnostics.length });
      for (const listener of this.listeners) listener();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
    this.connection.onRequest('workspace/configuration', () => [null]);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /** Resolves when `test` holds, re-checked at every diagnostics notification; false after the deadline. */
  until(test: () => boolean, timeoutMs: number): Promise<boolean> {
    if (test()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const listener = (): void => {
        if (!test()) return;
        cleanup();
        resolve(true);
      };
      const timer = setTimeout(() => {
        cleanup();
        resolve(false);
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    await this.connection.sendRequest('shutdown').catch(() => undefined);
    await this.connection.sendNotification('exit').catch(() => undefined);
    const timer = setTimeout(() => this.process.kill(), 10000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionOf(starts: readonly number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function driveServer(options: DriveOptions): Promise<ServerRun> {
  const { root, manifest, log } = options;
  const uriOf = (relative: string): string => pathToFileURL(path.join(root, relative)).toString();
  const server = new Server(options.serverRoot, options.cacheDir, options.profileDir);
  try {
    const rootUri = pathToFileURL(root).toString();
    const started = performance.now();
    let indexedFiles = 0;
    const indexed = new Promise<void>((resolve) => server.connection.onNotification('marginalia/indexed', (p: { files: number }) => {
      indexedFiles = p.files;
      resolve();
    }));
    await server.connection.sendRequest('initialize', {
      processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { workspace: { configuration: false }, window: { workDoneProgress: false } },
      initializationOptions: { bundledGlossary: true },
    });
    await server.connection.sendNotification('initialized', {});
    // A hover sent at once is answered when the index is ready (requests wait for it, not for
    // every diagnostic to be published).
    const first = manifest.files.find((f) => f.mentions.length > 0)!;
    const firstText = readFileSync(path.join(root, first.path), 'utf8');
    let readyMs = NaN;
    void server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: uriOf(first.path) }, position: positionOf(lineStarts(firstText), first.mentions[0] + 1),
    }).then(() => (readyMs = performance.now() - started), () => undefined);
    let deadline: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([indexed.then(() => false), new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(true), options.timeoutMs)))]);
    clearTimeout(deadline);
    if (timedOut) throw new Error(`The server did not finish indexing within ${options.timeoutMs / 1000} s.`);
    const indexMs = performance.now() - started;
    const publishedAtIndex = server.published.length;
    const atIndex = processStats(server.process.pid!);
    const scanLog = server.logs.find((l) => l.startsWith('Marginalia analysed'));
    if (scanLog) log(scanLog);
    log(`indexed ${indexedFiles} files in ${(indexMs / 1000).toFixed(2)} s, ${publishedAtIndex} diagnostics notifications, peak RSS ${atIndex.peakRssMb.toFixed(0)} MB`);
    if (options.indexOnly) return { indexMs, readyMs, scanLog, publishedAtIndex, filesIndexed: indexedFiles, atIndex, final: processStats(server.process.pid!) };

    // Requests at random mention positions, one at a time, as a writer hovering around would send them.
    const random = new Random(7);
    const texts = new Map<string, { text: string; starts: number[] }>();
    const sample = (): { uri: string; position: { line: number; character: number } } => {
      for (;;) {
        const file = random.pick(manifest.files);
        if (file.mentions.length === 0) continue;
        let entry = texts.get(file.path);
        if (!entry) {
          const text = readFileSync(path.join(root, file.path), 'utf8');
          texts.set(file.path, (entry = { text, starts: lineStarts(text) }));
        }
        const offset = random.pick(file.mentions) + 1;
        return { uri: uriOf(file.path), position: positionOf(entry.starts, offset) };
      }
    };
    const measure = async (method: string, extra: Record<string, unknown>, found: (result: unknown) => number): Promise<{ stats: LatencyStats; items: number; small: LatencyStats }> => {
      const times: number[] = [];
      const smallTimes: number[] = [];
      let answered = 0;
      let items = 0;
      for (let i = 0; i < options.requests; i++) {
        const at = sample();
        const t0 = performance.now();
        const result = await server.connection.sendRequest(method, { textDocument: { uri: at.uri }, position: at.position, ...extra });
        const ms = performance.now() - t0;
        times.push(ms);
        const n = found(result);
        items += n;
        if (n > 0) answered++;
        if (n <= smallAnswer) smallTimes.push(ms);
      }
      return { stats: stats(times, answered), items: items / options.requests, small: stats(smallTimes) };
    };
    const hover = (await measure('textDocument/hover', {}, (r) => (r ? 1 : 0))).stats;
    log(`hover p50 ${hover.p50.toFixed(2)} p99 ${hover.p99.toFixed(2)} ms (${hover.answered}/${hover.count} answered)`);
    const definition = (await measure('textDocument/definition', {}, (r) => (r as Location[] | null)?.length ?? 0)).stats;
    log(`definition p50 ${definition.p50.toFixed(2)} p99 ${definition.p99.toFixed(2)} ms`);
    const refs = await measure('textDocument/references', { context: { includeDeclaration: true } }, (r) => (r as Location[] | null)?.length ?? 0);
    log(`references p50 ${refs.stats.p50.toFixed(2)} p99 ${refs.stats.p99.toFixed(2)} ms, ${refs.items.toFixed(0)} locations per answer`);

    const edit = await measureEdits(server, options, uriOf);
    const final = processStats(server.process.pid!);
    return {
      indexMs, readyMs, scanLog, publishedAtIndex, filesIndexed: indexedFiles, atIndex, hover, definition,
      references: refs.stats, referencesPerRequest: refs.items, referencesSmall: refs.small, edit, final,
    };
  } finally {
    await server.stop();
    if (server.stderr.trim()) log(`server stderr: ${server.stderr.trim().slice(0, 2000)}`);
  }
}

/**
 * Opens the 8k-word essay and toggles one figure between a value consistent with the other
 * essays and one that conflicts with them, each edit after a pause longer than the debounce.
 * Each edit changes the conflicts of every essay sharing the figure's key, so each is republished.
 */
async function measureEdits(server: Server, options: DriveOptions, uriOf: (p: string) => string): Promise<EditStats> {
  const { root, manifest } = options;
  const plan = manifest.edit;
  const uri = uriOf(plan.path);
  let text = readFileSync(path.join(root, plan.path), 'utf8');
  let version = 1;
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  await server.until(() => server.published.some((p) => p.uri === uri), 2000);
  await sleep(500);
  // The essays whose conflicts the edit changes, as the server sees them: those republished at
  // once by two calibration edits (there and back). The generator's list is only what it meant to
  // write; essays republished only later (after the server's 1 s pause, because just the places
  // of the essay's later figures moved) are counted apart.
  const republished = new Set<string>();
  const later = new Set<string>();
  for (const next of [plan.conflicting, plan.consistent]) {
    const current = next === plan.conflicting ? plan.consistent : plan.conflicting;
    const starts = lineStarts(text);
    const range = { start: positionOf(starts, plan.offset), end: positionOf(starts, plan.offset + current.length) };
    text = text.slice(0, plan.offset) + next + text.slice(plan.offset + current.length);
    const mark = server.published.length;
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: next }] });
    await server.until(() => server.published.slice(mark).some((p) => p.uri === uri), 30000);
    await sleep(4000);
    const own = server.published.slice(mark).find((p) => p.uri === uri)?.at ?? performance.now();
    for (const p of server.published.slice(mark)) if (p.uri !== uri) (p.at - own < 800 ? republished : later).add(p.uri);
  }
  for (const u of republished) later.delete(u);
  const partnerUris = [...republished];
  const self: number[] = [];
  const all: number[] = [];
  const publishes: number[] = [];
  let missed = 0;
  let current = plan.consistent;
  for (let i = 0; i < options.edits; i++) {
    const next = current === plan.consistent ? plan.conflicting : plan.consistent;
    const starts = lineStarts(text);
    const range = { start: positionOf(starts, plan.offset), end: positionOf(starts, plan.offset + current.length) };
    text = text.slice(0, plan.offset) + next + text.slice(plan.offset + current.length);
    current = next;
    const mark = server.published.length;
    const t0 = performance.now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version }, contentChanges: [{ range, text: next }],
    });
    const since = (): typeof server.published => server.published.slice(mark);
    const gotSelf = await server.until(() => since().some((p) => p.uri === uri), 10000);
    if (!gotSelf) throw new Error('No diagnostics for the edited essay within 10 s.');
    self.push(since().find((p) => p.uri === uri)!.at - t0);
    const done = await server.until(() => partnerUris.every((u) => since().some((p) => p.uri === u)), 10000);
    const arrived = since();
    const last = Math.max(...[uri, ...partnerUris].map((u) => arrived.find((p) => p.uri === u)?.at ?? -Infinity));
    all.push(last - t0);
    if (!done) missed += partnerUris.filter((u) => !arrived.some((p) => p.uri === u)).length;
    await sleep(400);
    publishes.push(server.published.length - mark);
  }
  return {
    edits: options.edits, self: stats(self), all: stats(all), partners: partnerUris.length, republishedLater: later.size, missed,
    publishesPerEdit: percentile(publishes, 50),
  };
}

/** True when the server is compiled. */
export function serverBuilt(): boolean {
  return existsSync(path.resolve('out/server/src/main.js'));
}

/**
 * Copies the compiled server (out/server, bin, package.json) into `folder`, with links to
 * node_modules and corpus, so the runs of one bench measure one build even if the tree is
 * rebuilt meanwhile (the index cache is keyed by the code, too).
 */
export function snapshotServer(folder: string): string {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(path.join(folder, 'out'), { recursive: true });
  cpSync(path.resolve('out/server'), path.join(folder, 'out/server'), { recursive: true, filter: (source) => !source.endsWith('.map') });
  cpSync(path.resolve('bin'), path.join(folder, 'bin'), { recursive: true });
  cpSync(path.resolve('package.json'), path.join(folder, 'package.json'));
  symlinkSync(path.resolve('node_modules'), path.join(folder, 'node_modules'));
  symlinkSync(path.resolve('corpus'), path.join(folder, 'corpus'));
  return folder;
}
