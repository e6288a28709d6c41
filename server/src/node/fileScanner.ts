import { isUtf8 } from 'node:buffer';
import { promises as fs, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/**
 * Finds essays and glossary files under a folder, reading them safely: files that are too large,
 * binary or not UTF-8 are skipped with a notice instead of being analysed.
 */

export interface ScanOptions {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly glossary: readonly string[];
}

export const defaultScanOptions: ScanOptions = {
  include: ['**/*.md', '**/*.txt'],
  exclude: [],
  glossary: ['glossary/**/*.md'],
};

/** Files above this size are skipped: 5 MB is far beyond any essay. */
export const maxFileBytes = 5 * 1024 * 1024;

export interface FoundFile {
  readonly path: string;
  readonly role: 'essay' | 'glossary';
}

export interface Matchers {
  role(relativePath: string): 'essay' | 'glossary' | undefined;
}

export function compileMatchers(options: ScanOptions): Matchers {
  const include = picomatch([...options.include], { dot: false });
  const exclude = options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : () => false;
  const glossary = picomatch([...options.glossary], { dot: false });
  return {
    role(relativePath: string) {
      const posix = relativePath.split(path.sep).join('/');
      if (posix.split('/').some((part) => part.startsWith('.') || part === 'node_modules') || exclude(posix)) return undefined;
      if (glossary(posix)) return 'glossary';
      return include(posix) ? 'essay' : undefined;
    },
  };
}

/** Walks a folder, skipping node_modules and dot-folders, and classifies every file. */
export async function scanFolder(root: string, options: ScanOptions, onNotice: (message: string) => void = () => {}): Promise<FoundFile[]> {
  const matchers = compileMatchers(options);
  const found: FoundFile[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      onNotice(`Cannot read folder ${folder}: ${(error as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const role = matchers.role(path.relative(root, full));
        if (role) found.push({ path: full, role });
      }
    }
  };
  await walk(root);
  return found;
}

export type ReadResult = { readonly text: string } | { readonly skipped: string };

/** Reads a file as UTF-8 text, or says why it was skipped. Never throws. */
export async function readTextFile(filePath: string): Promise<ReadResult> {
  try {
    const stat = await fs.stat(filePath);
    if (!stat.isFile()) return { skipped: `${filePath} is not a regular file; not analysed.` };
    if (stat.size > maxFileBytes) return { skipped: `${filePath} is ${(stat.size / 1048576).toFixed(1)} MB, over the ${maxFileBytes / 1048576} MB limit; not analysed.` };
    const bytes = await fs.readFile(filePath);
    return decodeText(bytes, filePath);
  } catch (error) {
    return { skipped: `Cannot read ${filePath}: ${(error as Error).message}` };
  }
}

/**
 * `readTextFile`, synchronously: for the initial scan of thousands of files, where each awaited
 * read costs several thread-pool round trips (the caller yields between slices instead).
 */
export function readTextFileSync(filePath: string): ReadResult {
  try {
    const stat = statSync(filePath);
    // A file swapped for a pipe since the scan would block a synchronous read, and the server with it.
    if (!stat.isFile()) return { skipped: `${filePath} is not a regular file; not analysed.` };
    const size = stat.size;
    if (size > maxFileBytes) return { skipped: `${filePath} is ${(size / 1048576).toFixed(1)} MB, over the ${maxFileBytes / 1048576} MB limit; not analysed.` };
    return decodeText(readFileSync(filePath), filePath);
  } catch (error) {
    return { skipped: `Cannot read ${filePath}: ${(error as Error).message}` };
  }
}

export function decodeText(bytes: Uint8Array, label: string): ReadResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes) };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { skipped: `${label} looks binary (it contains NUL bytes); not analysed.` };
  // What TextDecoder('utf-8', { fatal: true }) accepts and returns, BOM dropped, at a fraction of its cost.
  if (!isUtf8(bytes)) return { skipped: `${label} is not valid UTF-8; not analysed.` };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', bom) };
}
