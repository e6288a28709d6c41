import { setFlagsFromString } from 'node:v8';

/**
 * How much V8 lets the heap grow past what survived the last full collection, in percent. By
 * default it grows by up to 2–4× on a large heap, so a 2,000-essay workspace (~320 MB live)
 * peaked at 1.5 GB of garbage waiting to be collected. At 40 % the same run peaked at 800 MB,
 * with edits and references no slower and the hover tail (p99) a few ms longer
 * (`MARGINALIA_BENCH_NODE_ARGS=--heap-growing-percent=40 npm run bench -- --sizes L`).
 */
export const heapGrowingPercent = 40;

/** Sets the heap's growth unless the process was started with its own setting. */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent'))) return false;
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
  return true;
}
