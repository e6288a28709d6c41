import { createHash } from 'node:crypto';
import { promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v8 from 'node:v8';
import type { DocumentAnalysis } from '../analysis/documentAnalysis.js';
import type { Glossary, GlossarySource } from '../analysis/glossary.js';
import { isStoredAnalysis, packAnalysis, unpackAnalysis, type StoredAnalysis } from '../index/packedAnalysis.js';
import type { AnalysisInput } from '../index/workspaceIndex.js';

/**
 * The on-disk index cache, for a warm restart: every file's analysis, keyed by a hash of its
 * inputs (text, kind, role, shadowed), and the glossary. The whole cache is valid only for one
 * glossary (a hash of every glossary file), one set of settings and one build of the code; any
 * change there and it is ignored, then rewritten. Keyed by content, not by path, so a file that
 * moves is still a hit, and an edited file is simply a miss.
 *
 * Format: `MARGIDX2`, a header (v8-serialised: identity, glossary), then per entry a 40-byte hex
 * key, a length and the v8-serialised entry, in the index's own packed form (mentions and spans
 * in Int32Arrays), so an entry is deserialised straight into what the index keeps, and only
 * when asked for.
 */

const magic = Buffer.from('MARGIDX2');
/** Cache files kept in the folder; the least recently used beyond this are removed. */
const keepFiles = 24;

export interface CacheIdentity {
  /** The code that computed the analyses: a hash of the compiled server. */
  readonly code: string;
  /** The settings the workspace was scanned with. */
  readonly settings: string;
  /** Every glossary file (URI, bundled flag, text). */
  readonly glossary: string;
}

/** The cache folder: MARGINALIA_CACHE_DIR (`off` turns the cache off), else the user's cache folder. */
export function cacheDirectory(): string | undefined {
  const configured = process.env.MARGINALIA_CACHE_DIR;
  if (configured === 'off') return undefined;
  if (configured) return configured;
  const base = process.env.XDG_CACHE_HOME || (process.platform === 'win32' ? process.env.LOCALAPPDATA : undefined)
    || (process.platform === 'darwin' ? path.join(homedir(), 'Library', 'Caches') : path.join(homedir(), '.cache'));
  return base ? path.join(base, 'marginalia') : undefined;
}

/** One cache file per set of workspace folders. */
export function cacheFileFor(directory: string, roots: readonly string[]): string {
  return path.join(directory, `index-${sha1([...roots].sort().join('\n')).slice(0, 20)}.bin`);
}

let codeHash: string | undefined;

/**
 * A hash of the compiled server code (every `.js` file of `out/server/src`, or the bundle this
 * module is part of), so a rebuilt server never trusts analyses an older build computed.
 */
export function codeFingerprint(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha1').update(process.versions.v8);
  const here = fileURLToPath(import.meta.url);
  const serverRoot = path.resolve(path.dirname(here), '..');
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) files.push(full);
    }
  };
  try {
    if (statSync(path.join(serverRoot, 'analysis')).isDirectory()) walk(serverRoot);
  } catch {
    // Bundled: this module is inside the one server file.
  }
  if (files.length === 0) files.push(here);
  for (const file of files) hash.update(file.slice(serverRoot.length)).update(readFileSync(file));
  return (codeHash = hash.digest('hex'));
}

export function glossaryFingerprint(sources: readonly GlossarySource[]): string {
  const hash = createHash('sha1');
  for (const source of sources) hash.update(`${source.uri}\0${source.bundled}\0${source.text.length}\0`).update(source.text).update('\0');
  return hash.digest('hex');
}

/** The key of one analysis: a hash of everything it is a function of besides the glossary. */
export function inputKey(input: AnalysisInput): string {
  return createHash('sha1').update(`${input.kind}\0${input.role}\0${input.shadowed}\0`).update(input.text).digest('hex');
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

// ------------------------------------------------------------------------------------ codec

/** An analysis as stored: the index's packed form (see index/packedAnalysis.ts), v8-serialised. */
export function encodeAnalysis(analysis: DocumentAnalysis | StoredAnalysis): Uint8Array {
  return v8.serialize(isStoredAnalysis(analysis) ? analysis : packAnalysis(analysis));
}

export function decodeStored(bytes: Uint8Array): StoredAnalysis {
  const stored = v8.deserialize(bytes) as StoredAnalysis;
  if (!stored.packed) return stored;
  // v8.deserialize makes typed arrays views into `bytes`, here the whole cache file: copies let
  // the index keep its 15 MB of numbers without pinning the file's 70 MB for the server's life.
  const own = (numbers: Int32Array): Int32Array => (numbers.buffer === bytes.buffer ? numbers.slice() : numbers);
  return {
    ...stored,
    mentions: { ...stored.mentions, numbers: own(stored.mentions.numbers) },
    spans: Object.fromEntries(Object.entries(stored.spans).map(([name, numbers]) => [name, own(numbers)])),
  };
}

export function decodeAnalysis(bytes: Uint8Array): DocumentAnalysis {
  return unpackAnalysis(decodeStored(bytes));
}

// ------------------------------------------------------------------------------------ files

interface Header {
  readonly identity: CacheIdentity;
  readonly glossary: Glossary;
}

/** A cache file as read: the glossary, and entries decoded on demand. */
export class LoadedCache {
  constructor(
    readonly glossary: Glossary,
    private readonly bytes: Buffer,
    private readonly entries: ReadonlyMap<string, readonly [number, number]>,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The stored bytes of an entry, to write back unchanged. */
  raw(key: string): Uint8Array | undefined {
    const at = this.entries.get(key);
    return at ? this.bytes.subarray(at[0], at[0] + at[1]) : undefined;
  }

  get(key: string): StoredAnalysis | undefined {
    const raw = this.raw(key);
    if (!raw) return undefined;
    try {
      return decodeStored(raw);
    } catch {
      return undefined;
    }
  }
}

/** Reads a cache file; undefined when there is none, it is damaged, or it was written for another identity. */
/** The cache file's bytes, or undefined when there is none (for reading it while other work goes on). */
export function readCacheBytes(file: string): Promise<Buffer | undefined> {
  return fs.readFile(file).catch(() => undefined);
}

/** `bytes`: the file's content when it was read ahead (`readCacheBytes`). */
export async function readIndexCache(file: string, identity: CacheIdentity, bytesReadAhead?: Promise<Buffer | undefined>): Promise<LoadedCache | undefined> {
  const bytes = await (bytesReadAhead ?? readCacheBytes(file));
  if (!bytes) return undefined;
  try {
    if (bytes.length < magic.length + 4 || !bytes.subarray(0, magic.length).equals(magic)) return undefined;
    let at = magic.length;
    const headerLength = bytes.readUInt32LE(at);
    at += 4;
    const header = v8.deserialize(bytes.subarray(at, at + headerLength)) as Header;
    at += headerLength;
    const stored = header.identity;
    if (stored.code !== identity.code || stored.settings !== identity.settings || stored.glossary !== identity.glossary) return undefined;
    const entries = new Map<string, readonly [number, number]>();
    while (at + 44 <= bytes.length) {
      const key = bytes.toString('latin1', at, at + 40);
      const length = bytes.readUInt32LE(at + 40);
      at += 44;
      if (at + length > bytes.length) break;
      entries.set(key, [at, length]);
      at += length;
    }
    // Touched, so pruning keeps the caches in use.
    void fs.utimes(file, new Date(), new Date()).catch(() => undefined);
    return new LoadedCache(header.glossary, bytes, entries);
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file (to a temporary name, then renamed, so a reader never sees half of one),
 * then removes the least recently used cache files beyond a few dozen. `pause` is awaited between
 * entries so a caller on the server's thread can keep answering while it encodes.
 */
export async function writeIndexCache(
  file: string, identity: CacheIdentity, glossary: Glossary,
  entries: Iterable<readonly [string, DocumentAnalysis | StoredAnalysis | Uint8Array]>, pause: () => Promise<void> = async () => {},
): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const header = v8.serialize({ identity, glossary } satisfies Header);
  const lengthOf = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(temporary, 'w');
  try {
    let chunks: Uint8Array[] = [magic, lengthOf(header.length), header];
    let size = 0;
    const seen = new Set<string>();
    for (const [key, value] of entries) {
      if (seen.has(key) || key.length !== 40) continue;
      seen.add(key);
      const bytes = value instanceof Uint8Array ? value : encodeAnalysis(value);
      chunks.push(Buffer.from(key, 'latin1'), lengthOf(bytes.length), bytes);
      size += bytes.length + 44;
      if (size > 1 << 20) {
        await handle.writev(chunks);
        chunks = [];
        size = 0;
      }
      await pause();
    }
    await handle.writev(chunks);
    await handle.close();
    await fs.rename(temporary, file);
  } finally {
    await handle.close().catch(() => undefined);
    await fs.rm(temporary, { force: true });
  }
  await pruneCaches(path.dirname(file));
}

async function pruneCaches(directory: string): Promise<void> {
  try {
    const names = (await fs.readdir(directory)).filter((n) => /^index-[0-9a-f]+\.bin$/.test(n));
    if (names.length <= keepFiles) return;
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await fs.stat(path.join(directory, n))).mtimeMs })));
    dated.sort((a, b) => b.t - a.t);
    await Promise.all(dated.slice(keepFiles).map((d) => fs.rm(path.join(directory, d.n), { force: true })));
  } catch {
    // Pruning is housekeeping; never a reason to fail.
  }
}
