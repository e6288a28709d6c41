import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentKindOf } from '../analysis/documentAnalysis.js';
import type { IndexChange, SourceFile } from '../index/workspaceIndex.js';
import { AnalysisPool } from '../node/analysisPool.js';
import { findBundledGlossary } from '../node/bundledGlossary.js';
import { compileMatchers, readTextFile, scanFolder, type Matchers } from '../node/fileScanner.js';
import { cacheDirectory, cacheFileFor, readCacheBytes } from '../node/indexCache.js';
import { fileUri, loadFiles } from '../node/loadFiles.js';
import { prepareIndex, slicer } from '../node/prepareIndex.js';
import type { LanguageService } from '../service/languageService.js';
import { readServerSettings, type ServerSettings } from './settings.js';

/**
 * Edits to one essay are analysed at most this often: an edit after a quiet spell of this length
 * is analysed at once, and the edits of a burst wait for the next turn (and the last one always
 * gets its analysis), so diagnostics keep up with typing without analysing every keystroke.
 */
const analysisDelayMs = 150;
/** Essays whose only change is where an edited essay's figures now stand are republished this long after the last edit. */
const movedDelayMs = 1000;
/** Diagnostics notifications written but not yet taken by the client, before publishing waits. */
const maxUnsent = 32;

/**
 * The workspace as the server sees it: open documents from the editor, everything else from
 * disk, kept current by watched-file events. The only code that reads files for the server.
 * The initial scan analyses in worker threads, takes what it can from the on-disk index cache,
 * and publishes in slices, so the connection keeps being served.
 */
export class LspWorkspace {
  private roots: string[] = [];
  private settings: ServerSettings = readServerSettings(undefined);
  private matchers: Matchers = compileMatchers(this.settings.scan);
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** When each document was last analysed after an edit, for the leading edge of the debounce. */
  private readonly analysedAt = new Map<string, number>();
  /** Essays to republish once typing pauses: only where another essay's figures stand has changed. */
  private readonly movedPending = new Set<string>();
  private movedTimer: NodeJS.Timeout | undefined;
  /** A hash of what each file's last published diagnostics were, for files with any. */
  private readonly published = new Map<string, string>();
  private pool: AnalysisPool | null | undefined;
  /** Cache writes, one after another. */
  private saving: Promise<void> = Promise.resolve();
  /** Disk work in arrival order; requests wait for it so they never see a half-applied event. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: LanguageService,
  ) {}

  setRoots(uris: readonly string[]): void {
    // path.resolve drops a trailing slash, so `file:///ws/` and `file:///ws` name one root.
    this.roots = uris.filter((u) => u.startsWith('file:')).map((u) => path.resolve(fileURLToPath(u)));
    // A folder added or removed at run time moves "Add to the glossary" too: it must never keep
    // writing into a folder that has left the workspace.
    this.service.configure({ newEntryFolder: this.newEntryFolder() });
  }

  addRoots(uris: readonly string[]): void {
    this.setRoots([...this.roots.map(fileUri), ...uris]);
  }

  removeRoots(uris: readonly string[]): void {
    const removed = new Set(uris.filter((u) => u.startsWith('file:')).map((u) => path.resolve(fileURLToPath(u))));
    this.setRoots(this.roots.filter((r) => !removed.has(r)).map(fileUri));
  }

  configure(raw: unknown): void {
    this.settings = readServerSettings(raw);
    this.matchers = compileMatchers(this.settings.scan);
    this.service.configure({ ...this.settings.service, newEntryFolder: this.newEntryFolder() });
  }

  private newEntryFolder(): string | undefined {
    return this.roots[0] ? fileUri(path.join(this.roots[0], 'glossary')) : undefined;
  }

  /** Resolves when every file event received so far has been applied. */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch((error: Error) => this.connection.console.error(`Workspace update failed: ${error.stack ?? error.message}`));
    return this.queue;
  }

  /**
   * Reads every essay and glossary file of every root (and the bundled glossary), then publishes.
   * Resolves once everything is published; requests wait only for the index (`settled`), and are
   * answered between the slices of publishing.
   */
  scan(onProgress?: (done: number, total: number) => void): Promise<void> {
    let published: Promise<void> = Promise.resolve();
    return this.enqueue(async () => {
      ({ published } = await this.scanNow(onProgress));
    }).then(() => published);
  }

  /** Updates the index; returns the publishing, which goes on after. */
  private async scanNow(onProgress?: (done: number, total: number) => void): Promise<{ published: Promise<void> }> {
    const bundledGlossary = this.settings.bundledGlossary ? findBundledGlossary() : undefined;
    const cacheFolder = cacheDirectory();
    const cacheFile = cacheFolder && this.roots.length > 0 ? cacheFileFor(cacheFolder, this.roots) : undefined;
    // The cache file is read by the thread pool while this thread reads the essays.
    const cacheBytes = cacheFile ? readCacheBytes(cacheFile) : undefined;
    const files = await loadFiles({
      roots: this.roots, scan: this.settings.scan, bundledGlossary,
      onNotice: (message) => this.connection.console.warn(message),
    });
    const index = this.service.index;
    const prepared = await prepareIndex(files, {
      current: index, pool: this.analysisPool(), onProgress,
      cache: cacheFile ? { file: cacheFile, settings: JSON.stringify(this.settings), bytes: cacheBytes } : undefined,
    });
    const fresh = new Set(files.map((f) => f.uri));
    const removed = [...index.allFiles()].filter((f) => !fresh.has(f.uri) && !this.documents.get(f.uri)).map((f) => f.uri);
    const change = index.setFiles(files.map((file) => this.withOpenText(file)), prepared, removed);
    const { stats } = prepared;
    this.connection.console.info(`Marginalia analysed ${stats.files} files: ${stats.cached} from the index cache, ${stats.reused} unchanged, `
      + `${stats.inWorkers} in worker threads, ${stats.onMainThread} on the main thread; glossary ${stats.glossary}.`);
    for (const document of this.documents.all()) this.updateFromEditor(document, true);
    const published = this.publishInSlices([...new Set([...index.allFiles()].map((f) => f.uri).concat(change.uris))], removed);
    this.saving = this.saving.then(() => published).then(() => prepared.save())
      .catch((error: Error) => this.connection.console.warn(`Marginalia could not write the index cache: ${error.message}`));
    return { published };
  }

  /** The worker pool, made on first use; null when worker threads are unavailable or turned off. */
  private analysisPool(): AnalysisPool | undefined {
    if (this.pool === undefined) this.pool = AnalysisPool.create(undefined, (message) => this.connection.console.warn(message)) ?? null;
    return this.pool ?? undefined;
  }

  /** Resolves when the index cache has been written (for tests). */
  cacheWritten(): Promise<void> {
    return this.saving;
  }

  /** An edit in the editor: analysed after a short pause, or at once when a request needs it. */
  updateFromEditor(document: TextDocument, immediately = false): void {
    const file = this.sourceFor(document.uri, document.getText());
    if (!file) return;
    clearTimeout(this.pending.get(document.uri));
    this.pending.delete(document.uri);
    const apply = (): void => {
      this.pending.delete(document.uri);
      this.analysedAt.set(document.uri, performance.now());
      // Runs from a timer too, where a throw would be an uncaught exception and end the server.
      try {
        const change = this.service.index.setFile(file);
        // The edited essay first; the essays whose conflicts it changed in slices, so the next
        // keystroke or request is not kept waiting; those where only places moved once typing pauses.
        this.publish([document.uri]);
        // The connection writes messages from a later turn of the event loop: the others start after it.
        const others = change.uris.filter((u) => u !== document.uri);
        if (others.length > 0) setImmediate(() => this.publishInBackground(others));
        this.publishMovedLater(change.moved ?? []);
      } catch (error) {
        this.connection.console.error(`Analysing ${document.uri} failed: ${(error as Error)?.stack ?? String(error)}`);
      }
    };
    const quiet = performance.now() - (this.analysedAt.get(document.uri) ?? -Infinity) >= analysisDelayMs;
    if (immediately || quiet) apply();
    else this.pending.set(document.uri, setTimeout(apply, analysisDelayMs));
  }

  /** Requests call this first, so they always answer on the text the writer sees. */
  flush(uri: string): void {
    if (!this.pending.has(uri)) return;
    const document = this.documents.get(uri);
    if (document) this.updateFromEditor(document, true);
  }

  /** A closed document falls back to its text on disk, or leaves the index if it has none. */
  closed(uri: string): Promise<void> {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.analysedAt.delete(uri);
    return this.enqueue(() => this.reloadFromDisk(uri));
  }

  /**
   * A deleted or added folder arrives as one event for the folder, not one per file (VS Code folds
   * them: vscode-languageserver-node#141), so a folder event removes or loads every file under it.
   * Consecutive deletions are applied together: removing a glossary folder rebuilds once, not once
   * per entry.
   */
  watchedFilesChanged(events: readonly FileEvent[]): Promise<void> {
    return this.enqueue(async () => {
      let deleted: string[] = [];
      const applyDeleted = (): void => {
        if (deleted.length === 0) return;
        this.publish(this.service.index.setFiles([], undefined, deleted), deleted);
        deleted = [];
      };
      for (const event of events) {
        if (event.type === FileChangeType.Deleted) {
          deleted.push(...[event.uri, ...this.indexedUnder(event.uri)].filter((uri) => !this.documents.get(uri)));
          continue;
        }
        applyDeleted();
        if (this.documents.get(event.uri)) continue;
        const folder = await this.folderAt(event.uri);
        if (folder) await this.loadFolder(folder);
        else await this.reloadFromDisk(event.uri);
      }
      applyDeleted();
    });
  }

  /** Indexed files inside a folder URI (none when the URI is a file). */
  private indexedUnder(uri: string): string[] {
    const prefix = uri.endsWith('/') ? uri : `${uri}/`;
    return [...this.service.index.allFiles()].filter((f) => f.uri.startsWith(prefix)).map((f) => f.uri);
  }

  private async folderAt(uri: string): Promise<string | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    const folder = fileURLToPath(uri);
    const stat = await fs.stat(folder).catch(() => undefined);
    return stat?.isDirectory() ? folder : undefined;
  }

  /** Every essay and glossary file under a folder that appeared, classified by its workspace root. */
  private async loadFolder(folder: string): Promise<void> {
    const found = await scanFolder(folder, { include: ['**/*'], exclude: [], glossary: [] }, (message) => this.connection.console.warn(message));
    const files: SourceFile[] = [];
    for (const { path: filePath } of found) {
      const uri = fileUri(filePath);
      if (this.documents.get(uri)) continue;
      const result = await readTextFile(filePath);
      if ('skipped' in result) this.connection.console.warn(result.skipped);
      const file = 'text' in result ? this.sourceFor(uri, result.text) : undefined;
      if (file) files.push(file);
    }
    this.publish(this.service.index.setFiles(files));
  }

  private async reloadFromDisk(uri: string): Promise<void> {
    const result = uri.startsWith('file:') ? await readTextFile(fileURLToPath(uri)) : { skipped: 'not a file' };
    // The same notice as the first scan gives (too large, binary, not UTF-8, gone before it was read).
    if ('skipped' in result && uri.startsWith('file:') && this.sourceFor(uri, '')) this.connection.console.warn(result.skipped);
    const file = 'text' in result ? this.sourceFor(uri, result.text) : undefined;
    if (file) this.publish(this.service.index.setFile(file));
    else this.publish(this.service.index.deleteFile(uri), [uri]);
  }

  private withOpenText(file: SourceFile): SourceFile {
    const open = this.documents.get(file.uri);
    return open ? { ...file, text: open.getText() } : file;
  }

  /** Classifies a file by the root that holds it; a file outside every root is an essay. */
  private sourceFor(uri: string, text: string): SourceFile | undefined {
    if (!uri.startsWith('file:')) return /\.(md|txt)$/i.test(uri) ? { uri, text, kind: documentKindOf(uri), role: 'essay' } : undefined;
    const filePath = fileURLToPath(uri);
    const existing = this.service.index.file(uri);
    if (existing?.bundled) return { ...existing, text };
    const root = this.roots.find((r) => !path.relative(r, filePath).startsWith('..'));
    const role = root ? this.matchers.role(path.relative(root, filePath)) : /\.(md|txt)$/i.test(filePath) ? 'essay' : undefined;
    return role ? { uri, text, kind: documentKindOf(filePath), role } : undefined;
  }

  /**
   * Publishes many files' diagnostics, yielding the thread between slices, and waiting for the
   * client to take them when it falls behind (at 2,000 essays they run to 100+ MB of JSON, which
   * would otherwise pile up in this process's memory).
   */
  private async publishInSlices(uris: readonly string[], cleared: readonly string[]): Promise<void> {
    const pause = slicer();
    const unsent: Promise<void>[] = [];
    for (const uri of uris) {
      unsent.push(...this.publish([uri]));
      if (unsent.length > maxUnsent) await unsent.shift()!.catch(() => undefined);
      await pause();
    }
    this.publish([], cleared);
  }

  private publishMovedLater(uris: readonly string[]): void {
    for (const uri of uris) this.movedPending.add(uri);
    if (this.movedPending.size === 0) return;
    clearTimeout(this.movedTimer);
    this.movedTimer = setTimeout(() => {
      const due = [...this.movedPending];
      this.movedPending.clear();
      this.publishInBackground(due);
    }, movedDelayMs);
  }

  /** Publishing nobody awaits: a failure is logged, never an unhandled rejection (which would end the server). */
  private publishInBackground(uris: readonly string[]): void {
    this.publishInSlices(uris, []).catch((error: unknown) => {
      this.connection.console.error(`Publishing diagnostics failed: ${(error as Error)?.stack ?? String(error)}`);
    });
  }

  /** Sends the diagnostics of these files; returns the sends (each resolves once written to the client). */
  private publish(change: IndexChange | readonly string[], cleared: readonly string[] = []): Promise<void>[] {
    const sent: Promise<void>[] = [];
    const uris = Array.isArray(change) ? change : [...(change as IndexChange).uris, ...((change as IndexChange).moved ?? [])];
    for (const uri of uris) {
      const file = this.service.index.file(uri);
      if (!file) continue;
      const diagnostics = this.service.getDiagnostics(uri);
      if (diagnostics.length === 0 && !this.published.has(uri)) continue;
      const version = this.documents.get(uri)?.version;
      // An edit moves the figures after it; essays citing them are republished, but most of their
      // diagnostics come out the same (the lines did not move): the editor is spared those. An
      // open document's version is part of the signature, so an edited one is always sent.
      const signature = diagnostics.length > 0 ? `${version}:${createHash('sha1').update(JSON.stringify(diagnostics)).digest('base64')}` : '';
      if (signature && this.published.get(uri) === signature) continue;
      if (diagnostics.length > 0) this.published.set(uri, signature);
      else this.published.delete(uri);
      sent.push(this.connection.sendDiagnostics({ uri, version, diagnostics }));
    }
    for (const uri of cleared) {
      if (this.service.index.file(uri)) continue;
      this.published.delete(uri);
      sent.push(this.connection.sendDiagnostics({ uri, diagnostics: [] }));
    }
    // A send fails only when the connection is gone; nothing to do about it here.
    for (const send of sent) send.catch(() => undefined);
    return sent;
  }
}
