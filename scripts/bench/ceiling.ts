import { promises as fs } from 'node:fs';
import { parseMarkdown } from '../../server/src/analysis/markdown.js';
import { findBundledGlossary } from '../../server/src/node/bundledGlossary.js';
import { defaultScanOptions, scanFolder } from '../../server/src/node/fileScanner.js';

/**
 * The ceiling the cold index is measured against: read every file the server indexes (the
 * workspace and the bundled glossary) and parse it with remark-parse alone, on one thread,
 * through the project's own `parseMarkdown`. Run in a fresh process: `node ceiling.js <root>`;
 * prints JSON.
 */
export interface CeilingResult {
  readonly files: number;
  readonly bytes: number;
  readonly readMs: number;
  readonly parseMs: number;
  readonly totalMs: number;
  /** CPU time of this process (user + system), ms: comparable when other processes compete for the cores. */
  readonly cpuMs: number;
}

async function main(root: string): Promise<CeilingResult> {
  const glossary = findBundledGlossary();
  const found = [
    ...(glossary ? await scanFolder(glossary, { include: [], exclude: [], glossary: ['**/*.md'] }) : []),
    ...(await scanFolder(root, defaultScanOptions)),
  ];
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const texts: string[] = [];
  let bytes = 0;
  for (const file of found) {
    const buffer = await fs.readFile(file.path);
    bytes += buffer.length;
    texts.push(buffer.toString('utf8'));
  }
  const read = performance.now();
  for (const text of texts) parseMarkdown(text);
  const parsed = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  return { files: found.length, bytes, readMs: read - started, parseMs: parsed - read, totalMs: parsed - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

if (process.argv[1]?.endsWith('ceiling.js')) {
  main(process.argv[2]).then((result) => process.stdout.write(`${JSON.stringify(result)}\n`), (error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  });
}
