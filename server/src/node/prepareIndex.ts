import { existsSync } from 'node:fs';
import type { DocumentAnalysis } from '../analysis/documentAnalysis.js';
import { buildGlossary, type Glossary, type GlossarySource } from '../analysis/glossary.js';
import {
  analyseInput, glossarySourcesOf, sameGlossarySources, type AnalysisInput, type PreparedAnalyses, type PreparedAnalysis, type SourceFile,
} from '../index/workspaceIndex.js';
import type { StoredAnalysis } from '../index/packedAnalysis.js';
import type { AnalysisPool } from './analysisPool.js';
import { codeFingerprint, glossaryFingerprint, inputKey, readIndexCache, writeIndexCache, type CacheIdentity, type LoadedCache } from './indexCache.js';

/**
 * The expensive part of a scan, done before the index is touched: the glossary, then every
 * file's analysis, from the on-disk cache where it has one and in worker threads otherwise,
 * yielding the thread regularly so the server keeps reading messages. The index then takes this
 * work only where it matches its inputs exactly (`WorkspaceIndex.setFiles`).
 */

export interface PrepareOptions {
  /** The index as it is: its glossary and analyses are reused for files whose inputs have not changed. */
  readonly current?: {
    readonly glossary: Glossary;
    readonly glossarySources: readonly GlossarySource[];
    file(uri: string): SourceFile | undefined;
    storedAnalysis(uri: string): StoredAnalysis | undefined;
  };
  /** The cache file, and a fingerprint of the settings the files were found with. */
  /** `bytes`: the file, when its reading was started ahead (it overlaps reading the essays). */
  readonly cache?: { readonly file: string; readonly settings: string; readonly bytes?: Promise<Buffer | undefined> };
  readonly pool?: AnalysisPool;
  /** Text (UTF-16 code units) to analyse below which the main thread does it: a worker takes a moment to start. */
  readonly poolThreshold?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface PrepareStats {
  readonly files: number;
  /** Analyses taken from the on-disk cache. */
  readonly cached: number;
  /** Analyses the index already had (same text, same glossary). */
  readonly reused: number;
  readonly inWorkers: number;
  readonly onMainThread: number;
  readonly glossary: 'reused' | 'cache' | 'built';
}

export interface PreparedIndex extends PreparedAnalyses {
  readonly stats: PrepareStats;
  /** Writes the cache for these files, if anything differs from what it holds. */
  save(pause?: () => Promise<void>): Promise<void>;
}

export const defaultPoolThreshold = 256 * 1024;

/** Returns a function to await in long loops: it yields to the event loop about every `sliceMs`. */
export function slicer(sliceMs = 12): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

export async function prepareIndex(files: readonly SourceFile[], options: PrepareOptions = {}): Promise<PreparedIndex> {
  const pause = slicer();
  const threshold = options.poolThreshold ?? defaultPoolThreshold;
  const totalChars = files.reduce((n, f) => n + f.text.length, 0);
  // Without a cache file, workers will be needed: start them now, so they load while the inputs are keyed.
  // With one, only once its misses are known: on a warm restart they would take CPU from the restart.
  if (options.pool && totalChars >= threshold && (!options.cache || !existsSync(options.cache.file))) options.pool.warmUp();

  const sources = glossarySourcesOf(files);
  const current = options.current;
  const sameGlossary = current !== undefined && sameGlossarySources(current.glossarySources, sources);
  let identity: CacheIdentity | undefined;
  const loaded = options.cache
    ? await readIndexCache(options.cache.file, (identity = { code: codeFingerprint(), settings: options.cache.settings, glossary: glossaryFingerprint(sources) }), options.cache.bytes)
    : undefined;
  const glossary = sameGlossary ? current.glossary : loaded?.glossary ?? buildGlossary(sources);
  const glossaryFrom: PrepareStats['glossary'] = sameGlossary ? 'reused' : loaded ? 'cache' : 'built';

  const inputs: AnalysisInput[] = [];
  const keys: string[] = [];
  const results: (DocumentAnalysis | StoredAnalysis | undefined)[] = [];
  /** Cache encodings the workers made, by input index. */
  const encoded: (Uint8Array | undefined)[] = [];
  const misses: number[] = [];
  let cached = 0;
  let reused = 0;
  for (const file of files) {
    const input: AnalysisInput = { text: file.text, kind: file.kind, role: file.role, shadowed: glossary.shadowed.has(file.uri) };
    const i = inputs.push(input) - 1;
    keys.push(identity ? inputKey(input) : '');
    const old = sameGlossary ? current.file(file.uri) : undefined;
    const kept = old && old.text === file.text && old.kind === file.kind && old.role === file.role ? current!.storedAnalysis(file.uri) : undefined;
    const hit = kept ?? loaded?.get(keys[i]);
    results.push(hit);
    if (kept) reused++;
    else if (hit) cached++;
    else misses.push(i);
    await pause();
  }

  let inWorkers = 0;
  const missChars = misses.reduce((n, i) => n + inputs[i].text.length, 0);
  if (options.pool && misses.length > 0 && missChars >= threshold) {
    const analysed = await options.pool.analyse(misses.map((i) => inputs[i]), glossary, {
      encode: identity !== undefined,
      onProgress: (done) => options.onProgress?.(files.length - misses.length + done, files.length),
    });
    analysed.forEach((result, k) => {
      if (!result) return;
      results[misses[k]] = result.analysis;
      encoded[misses[k]] = result.encoded;
      inWorkers++;
    });
  }
  let onMainThread = 0;
  for (const i of misses) {
    if (results[i]) continue;
    results[i] = analyseInput(inputs[i], glossary);
    onMainThread++;
    options.onProgress?.(files.length - misses.length + inWorkers + onMainThread, files.length);
    await pause();
  }

  const analyses = new Map<string, PreparedAnalysis>();
  files.forEach((file, i) => analyses.set(file.uri, { ...inputs[i], analysis: results[i]! }));
  const unchanged = loaded !== undefined && misses.length === 0 && reused === 0 && loaded.size === new Set(keys).size;
  // Made now, outside this scope, so that `save`, which runs only after publishing, keeps no more
  // than it writes: when nothing changed, not the cache file's bytes (70 MB for 2,000 essays).
  const toSave = options.cache && identity && !unchanged
    ? { file: options.cache.file, identity, entries: entriesToSave(keys, loaded, encoded, results) }
    : undefined;
  return {
    glossary, glossarySources: sources, analyses,
    stats: { files: files.length, cached, reused, inWorkers, onMainThread, glossary: glossaryFrom },
    async save(savePause = pause) {
      if (!toSave) return;
      await writeIndexCache(toSave.file, toSave.identity, glossary, toSave.entries, savePause);
    },
  };
}

/** Each key with the bytes the cache already holds for it, else the workers' encoding, else the analysis. */
function entriesToSave(
  keys: readonly string[], loaded: LoadedCache | undefined, encoded: readonly (Uint8Array | undefined)[], results: readonly (DocumentAnalysis | StoredAnalysis | undefined)[],
): (readonly [string, DocumentAnalysis | StoredAnalysis | Uint8Array])[] {
  return keys.map((key, i) => [key, loaded?.raw(key) ?? encoded[i] ?? results[i]!] as const);
}
