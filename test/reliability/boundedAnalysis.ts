import { Worker } from 'node:worker_threads';
import type { GlossarySource } from '../../server/src/analysis/glossary.js';
import type { DocumentKind } from '../../server/src/analysis/types.js';
import type { AnalysisMode, AnalysisSummary } from './summary.js';

export interface BoundedResult {
  readonly ms: number;
  readonly summary: AnalysisSummary;
}

/**
 * analyseDocument in a worker thread with a time limit: a case that hangs (catastrophic
 * backtracking, a quadratic loop) fails its test after `timeoutMs` instead of hanging the suite.
 * The worker is replaced after a timeout.
 */
export class BoundedAnalyser {
  private worker: Worker | undefined;
  private nextId = 0;

  constructor(private readonly glossary: readonly GlossarySource[]) {}

  async analyse(text: string, kind: DocumentKind, timeoutMs: number, mode: AnalysisMode = 'full'): Promise<BoundedResult> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<BoundedResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        void this.stop();
        reject(new Error(`analyseDocument did not finish within ${timeoutMs} ms (${text.length} characters, ${kind})`));
      }, timeoutMs);
      const onMessage = (message: { id: number; ms: number; summary: AnalysisSummary; error?: string }): void => {
        if (message.id !== id) return;
        cleanup();
        if (message.error) reject(new Error(`analyseDocument threw: ${message.error}`));
        else resolve({ ms: message.ms, summary: message.summary });
      };
      const onError = (error: Error): void => {
        cleanup();
        this.worker = undefined;
        reject(error);
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, text, kind, mode });
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    if (!this.worker) {
      // A larger stack than the default is not given on purpose: the guard must work with Node's default.
      this.worker = new Worker(new URL('./analysisWorker.js', import.meta.url));
      this.worker.postMessage({ glossary: this.glossary });
    }
    return this.worker;
  }
}
