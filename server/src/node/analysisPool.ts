import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Glossary } from '../analysis/glossary.js';
import type { StoredAnalysis } from '../index/packedAnalysis.js';
import type { AnalysisInput } from '../index/workspaceIndex.js';
import type { WorkerReply, WorkerRequest } from './analysisWorker.js';

/**
 * Worker threads for the cold index: documents are analysed in parallel, off the thread that
 * answers the editor. Analysis is a pure function of (input, glossary), so a worker's answer is
 * the one the index would compute itself. A worker that fails leaves its batch to the caller's
 * fallback; nothing is lost.
 */

/** Text per batch sent to a worker: large enough to amortise messaging, small enough to balance. */
const batchChars = 192 * 1024;
const batchFiles = 24;
/** Batches in flight per worker, so a worker never waits for the next one. */
const inFlight = 2;
/** Workers are stopped after this long without work, giving their memory back. */
const idleMs = 15_000;
const maxFailures = 3;
/**
 * A worker's heap is small and short-lived (a batch's parse trees): capped, each worker's memory
 * stays near 70 MB instead of growing to 140 before collecting, at about 7% of its speed. A file
 * too big for it (the limit is 5 MB) makes the worker run out of memory; that batch is then
 * analysed on the main thread, and the worker replaced.
 */
const workerLimits = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

/** `MARGINALIA_WORKERS` overrides (0 turns the pool off); otherwise one worker per core, at most four. */
export function defaultPoolSize(): number {
  const configured = process.env.MARGINALIA_WORKERS;
  if (configured !== undefined && configured !== '' && Number.isFinite(Number(configured))) return Math.max(0, Math.floor(Number(configured)));
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/** The worker script beside this module: `analysisWorker.js` in the compiled tree, `.cjs` next to a bundle. */
function workerScript(): string | undefined {
  for (const name of ['./analysisWorker.js', './analysisWorker.cjs']) {
    const candidate = fileURLToPath(new URL(name, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** An analysis from a worker, packed, with its encoding for the index cache when one was asked for. */
export interface PooledAnalysis {
  readonly analysis: StoredAnalysis;
  readonly encoded?: Uint8Array;
}

interface Batch {
  readonly id: number;
  readonly indexes: readonly number[];
  readonly settle: (result: readonly PooledAnalysis[] | Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  glossary?: Glossary;
  readonly busy: Map<number, Batch>;
  dead: boolean;
}

export class AnalysisPool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private active = 0;
  /** Workers that died; after a few the pool stops replacing them and the caller does the work. */
  private failures = 0;

  private constructor(
    private readonly script: string,
    readonly size: number,
    private readonly log: (message: string) => void,
  ) {}

  /** A pool, or undefined when it is turned off or the worker script is missing. */
  static create(size = defaultPoolSize(), log: (message: string) => void = () => {}): AnalysisPool | undefined {
    const script = workerScript();
    return script && size > 0 ? new AnalysisPool(script, size, log) : undefined;
  }

  /** Starts the workers ahead of need (loading the parser takes a moment). */
  warmUp(): void {
    if (this.failures >= maxFailures) return;
    while (this.workers.filter((w) => !w.dead).length < this.size) this.spawn();
    this.scheduleIdle();
  }

  /**
   * Analyses every input under the glossary. Inputs a worker could not analyse (it crashed)
   * come back undefined; the caller analyses those itself.
   */
  async analyse(inputs: readonly AnalysisInput[], glossary: Glossary, options: { encode?: boolean; onProgress?: (done: number) => void } = {}): Promise<(PooledAnalysis | undefined)[]> {
    const { encode = false, onProgress } = options;
    const results: (PooledAnalysis | undefined)[] = new Array(inputs.length).fill(undefined);
    if (inputs.length === 0) return results;
    this.active++;
    clearTimeout(this.idleTimer);
    try {
      const queue = batches(inputs);
      let done = 0;
      await new Promise<void>((resolve) => {
        let pending = queue.length;
        const finish = (): void => {
          if (--pending === 0) resolve();
        };
        const feed = (): void => {
          const alive = this.liveWorkers();
          if (alive.length === 0) {
            // Every worker died: what is left is the caller's.
            while (queue.length > 0) {
              queue.shift();
              finish();
            }
            return;
          }
          for (const pw of alive) {
            while (pw.busy.size < inFlight && queue.length > 0) {
              const indexes = queue.shift()!;
              this.send(pw, glossary, indexes.map((i) => inputs[i]), encode, indexes, (result) => {
                if (!(result instanceof Error)) {
                  result.forEach((analysis, k) => (results[indexes[k]] = analysis));
                  done += indexes.length;
                  onProgress?.(done);
                } else {
                  this.log(`Marginalia: an analysis worker failed; its files are analysed on the main thread. ${result.message}`);
                }
                finish();
                feed();
              });
            }
          }
        };
        feed();
      });
    } finally {
      this.active--;
      this.scheduleIdle();
    }
    return results;
  }

  /** Stops every worker. */
  async dispose(): Promise<void> {
    clearTimeout(this.idleTimer);
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => {
      w.dead = true;
      return w.worker.terminate().catch(() => 0);
    }));
  }

  private liveWorkers(): PoolWorker[] {
    if (this.failures < maxFailures && this.workers.filter((w) => !w.dead).length < this.size) this.warmUp();
    return this.workers.filter((w) => !w.dead);
  }

  private spawn(): void {
    const worker = new Worker(this.script, { stdout: true, stderr: true, resourceLimits: workerLimits });
    const pw: PoolWorker = { worker, busy: new Map(), dead: false };
    // A worker must never write to the process's stdout: it carries the LSP messages.
    worker.stdout.on('data', (chunk: Buffer) => this.log(`Marginalia worker: ${chunk.toString().trimEnd()}`));
    worker.stderr.on('data', (chunk: Buffer) => this.log(`Marginalia worker: ${chunk.toString().trimEnd()}`));
    worker.on('message', (reply: WorkerReply) => {
      const batch = pw.busy.get(reply.id);
      if (!batch) return;
      pw.busy.delete(reply.id);
      if (pw.busy.size === 0) worker.unref();
      batch.settle('error' in reply ? new Error(reply.error) : reply.analyses.map((analysis, k) => ({ analysis, encoded: reply.encoded?.[k] })));
    });
    const fail = (error: Error): void => {
      if (pw.dead) return;
      pw.dead = true;
      if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') this.failures++;
      const lost = [...pw.busy.values()];
      pw.busy.clear();
      const at = this.workers.indexOf(pw);
      if (at >= 0) this.workers.splice(at, 1);
      for (const batch of lost) batch.settle(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
    worker.unref();
    this.workers.push(pw);
  }

  private send(pw: PoolWorker, glossary: Glossary, inputs: readonly AnalysisInput[], encode: boolean, indexes: readonly number[], settle: Batch['settle']): void {
    if (pw.glossary !== glossary) {
      pw.worker.postMessage({ type: 'glossary', glossary } satisfies WorkerRequest);
      pw.glossary = glossary;
    }
    const id = this.nextId++;
    pw.busy.set(id, { id, indexes, settle });
    // Referenced while it has work, so a CLI run waiting on it does not exit.
    pw.worker.ref();
    pw.worker.postMessage({ type: 'analyse', id, inputs, encode } satisfies WorkerRequest);
  }

  private scheduleIdle(): void {
    clearTimeout(this.idleTimer);
    if (this.active > 0) return;
    this.idleTimer = setTimeout(() => {
      if (this.active === 0) void this.dispose();
    }, idleMs);
    this.idleTimer.unref();
  }
}

/** Groups input indexes into batches by size, largest inputs first so the tail is short. */
function batches(inputs: readonly AnalysisInput[]): number[][] {
  const order = inputs.map((_, i) => i).sort((a, b) => inputs[b].text.length - inputs[a].text.length);
  const out: number[][] = [];
  let current: number[] = [];
  let chars = 0;
  for (const i of order) {
    if (current.length > 0 && (chars + inputs[i].text.length > batchChars || current.length >= batchFiles)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(i);
    chars += inputs[i].text.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}
