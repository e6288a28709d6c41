import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { documentKindOf } from '../analysis/documentAnalysis.js';
import { WorkspaceIndex, type SourceFile } from '../index/workspaceIndex.js';
import { findBundledGlossary } from '../node/bundledGlossary.js';
import { defaultScanOptions, readTextFile } from '../node/fileScanner.js';
import { fileUri, loadFiles } from '../node/loadFiles.js';

/** Builds the index for the CLI: folders are workspace roots, files are single essays. */
export async function loadCliWorkspace(paths: readonly string[], bundled: boolean, notice: (m: string) => void): Promise<WorkspaceIndex | string> {
  const roots: string[] = [];
  const single: SourceFile[] = [];
  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => undefined);
    if (!stat) return `No such file or folder: ${given}`;
    if (stat.isDirectory()) roots.push(given);
    else {
      const result = await readTextFile(given);
      if ('skipped' in result) notice(result.skipped);
      else single.push({ uri: fileUri(given), text: result.text, kind: documentKindOf(given), role: 'essay' });
    }
  }
  const bundledGlossary = bundled ? findBundledGlossary() : undefined;
  if (bundled && !bundledGlossary) notice('The bundled glossary (corpus/glossary) was not found; continuing without it.');
  const files = await loadFiles({ roots, scan: defaultScanOptions, bundledGlossary, onNotice: notice });
  const index = new WorkspaceIndex();
  index.setFiles([...files, ...single.filter((s) => !files.some((f) => f.uri === s.uri))]);
  return index;
}

export function displayPath(uri: string): string {
  const filePath = new URL(uri).pathname;
  const relative = path.relative(process.cwd(), decodeURIComponent(filePath));
  return relative.startsWith('..') ? decodeURIComponent(filePath) : relative;
}
