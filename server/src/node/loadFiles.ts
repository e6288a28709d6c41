import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { documentKindOf } from '../analysis/documentAnalysis.js';
import type { SourceFile } from '../index/workspaceIndex.js';
import { readTextFileSync, scanFolder, type ScanOptions } from './fileScanner.js';
import { slicer } from './prepareIndex.js';

/**
 * Loads the files of some workspace folders plus, optionally, the bundled glossary, as index
 * inputs. Shared by the CLI and the language server's initial scan.
 */
export interface LoadOptions {
  readonly roots: readonly string[];
  readonly scan: ScanOptions;
  /** Folder of the bundled glossary, or undefined to leave it out. */
  readonly bundledGlossary?: string;
  readonly onNotice?: (message: string) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

export function fileUri(filePath: string): string {
  return pathToFileURL(path.resolve(filePath)).toString();
}

export async function loadFiles(options: LoadOptions): Promise<SourceFile[]> {
  const notice = options.onNotice ?? (() => {});
  const found = new Map<string, { path: string; role: 'essay' | 'glossary'; bundled: boolean }>();
  if (options.bundledGlossary) {
    for (const file of await scanFolder(options.bundledGlossary, { include: [], exclude: [], glossary: ['**/*.md'] }, notice)) {
      found.set(path.resolve(file.path), { ...file, bundled: true });
    }
  }
  for (const root of options.roots) {
    for (const file of await scanFolder(root, options.scan, notice)) {
      // A bundled file inside an open workspace folder (opening corpus/ itself) counts as the workspace's.
      found.set(path.resolve(file.path), { ...file, bundled: false });
    }
  }
  const files: SourceFile[] = [];
  let done = 0;
  const total = found.size;
  // Read synchronously, yielding between slices: a few times faster than one awaited read per file.
  const pause = slicer();
  for (const file of found.values()) {
    const result = readTextFileSync(file.path);
    await pause();
    done++;
    options.onProgress?.(done, total);
    if ('skipped' in result) {
      notice(result.skipped);
      continue;
    }
    files.push({ uri: fileUri(file.path), text: result.text, kind: documentKindOf(file.path), role: file.role, bundled: file.bundled });
  }
  return files;
}
