import { isMainThread, parentPort } from 'node:worker_threads';
import type { Glossary } from '../analysis/glossary.js';
import { packAnalysis, type StoredAnalysis } from '../index/packedAnalysis.js';
import { analyseInput, type AnalysisInput } from '../index/workspaceIndex.js';
import { encodeAnalysis } from './indexCache.js';

/**
 * A worker thread of the analysis pool: receives the glossary once, then batches of inputs, and
 * answers each batch with the analyses `analyseInput` gives, the same function the index runs,
 * and (when asked) each analysis encoded for the index cache, so the server's thread never has to.
 */

export type WorkerRequest =
  | { readonly type: 'glossary'; readonly glossary: Glossary }
  | { readonly type: 'analyse'; readonly id: number; readonly inputs: readonly AnalysisInput[]; readonly encode: boolean };

export type WorkerReply =
  | { readonly id: number; readonly analyses: StoredAnalysis[]; readonly encoded?: Uint8Array[] }
  | { readonly id: number; readonly error: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  let glossary: Glossary | undefined;
  port.on('message', (request: WorkerRequest) => {
    if (request.type === 'glossary') {
      glossary = request.glossary;
      return;
    }
    try {
      if (!glossary) throw new Error('no glossary');
      // Packed: typed arrays cross to the main thread as one copy each, not object by object.
      const analyses = request.inputs.map((input) => packAnalysis(analyseInput(input, glossary!)));
      const encoded = request.encode ? analyses.map((analysis) => encodeAnalysis(analysis)) : undefined;
      port.postMessage({ id: request.id, analyses, encoded } satisfies WorkerReply, transferable(encoded ?? []));
    } catch (error) {
      port.postMessage({ id: request.id, error: (error as Error).stack ?? String(error) } satisfies WorkerReply);
    }
  });
}

/** The encodings' memory, moved rather than copied: only buffers that own their whole memory. */
function transferable(encoded: readonly Uint8Array[]): ArrayBuffer[] {
  const buffers = encoded.filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength).map((b) => b.buffer as ArrayBuffer);
  return buffers.filter((buffer, i) => buffers.indexOf(buffer) === i);
}
