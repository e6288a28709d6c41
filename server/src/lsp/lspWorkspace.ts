import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentKindOf } from '../analysis/documentAnalysis.js';
import type { IndexChange, SourceFile } from '../index/workspaceIndex.js';
import { findBundledGlossary } from '../node/bundledGlossary.js';
import { compileMatchers, readTextFile, type Matchers } from '../node/fileScanner.js';
import { fileUri, loadFiles } from '../node/loadFiles.js';
import type { LanguageService } from '../service/languageService.js';
import { readServerSettings, type ServerSettings } from './settings.js';

/** How long typing must pause before an edited essay is re-analysed and diagnostics go out. */
const analysisDelayMs = 150;

/**
 * The workspace as the server sees it: open documents from the editor, everything else from
 * disk, kept current by watched-file events. The only code that reads files for the server.
 */
export class LspWorkspace {
  private roots: string[] = [];
  private settings: ServerSettings = readServerSettings(undefined);
  private matchers: Matchers = compileMatchers(this.settings.scan);
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly published = new Set<string>();
  /** Disk work in arrival order; requests wait for it so they never see a half-applied event. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: LanguageService,
  ) {}

  setRoots(uris: readonly string[]): void {
    this.roots = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  }

  addRoots(uris: readonly string[]): void {
    this.setRoots([...this.roots.map(fileUri), ...uris]);
  }

  removeRoots(uris: readonly string[]): void {
    const removed = new Set(uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u)));
    this.setRoots(this.roots.filter((r) => !removed.has(r)).map(fileUri));
  }

  configure(raw: unknown): void {
    this.settings = readServerSettings(raw);
    this.matchers = compileMatchers(this.settings.scan);
    const firstGlossaryFolder = this.roots[0] ? path.join(this.roots[0], 'glossary') : undefined;
    this.service.configure({ ...this.settings.service, newEntryFolder: firstGlossaryFolder ? fileUri(firstGlossaryFolder) : undefined });
  }

  /** Resolves when every file event received so far has been applied. */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch((error: Error) => this.connection.console.error(`Workspace update failed: ${error.stack ?? error.message}`));
    return this.queue;
  }

  /** Reads every essay and glossary file of every root (and the bundled glossary), then publishes. */
  scan(onProgress?: (done: number, total: number) => void): Promise<void> {
    return this.enqueue(() => this.scanNow(onProgress));
  }

  private async scanNow(onProgress?: (done: number, total: number) => void): Promise<void> {
    const bundledGlossary = this.settings.bundledGlossary ? findBundledGlossary() : undefined;
    const files = await loadFiles({
      roots: this.roots, scan: this.settings.scan, bundledGlossary, onProgress,
      onNotice: (message) => this.connection.console.warn(message),
    });
    const index = this.service.index;
    const fresh = new Set(files.map((f) => f.uri));
    for (const file of [...index.allFiles()]) {
      if (!fresh.has(file.uri) && !this.documents.get(file.uri)) index.deleteFile(file.uri);
    }
    const open = files.map((file) => this.withOpenText(file));
    index.setFiles(open);
    for (const document of this.documents.all()) this.updateFromEditor(document, true);
    this.publish([...index.allFiles()].map((f) => f.uri));
  }

  /** An edit in the editor: analysed after a short pause, or at once when a request needs it. */
  updateFromEditor(document: TextDocument, immediately = false): void {
    const file = this.sourceFor(document.uri, document.getText());
    if (!file) return;
    clearTimeout(this.pending.get(document.uri));
    this.pending.delete(document.uri);
    const apply = (): void => {
      this.pending.delete(document.uri);
      this.publish(this.service.index.setFile(file));
    };
    if (immediately) apply();
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
    return this.enqueue(() => this.reloadFromDisk(uri));
  }

  watchedFilesChanged(events: readonly FileEvent[]): Promise<void> {
    return this.enqueue(async () => {
      for (const event of events) {
        if (this.documents.get(event.uri)) continue;
        if (event.type === FileChangeType.Deleted) this.publish(this.service.index.deleteFile(event.uri), [event.uri]);
        else await this.reloadFromDisk(event.uri);
      }
    });
  }

  private async reloadFromDisk(uri: string): Promise<void> {
    const result = uri.startsWith('file:') ? await readTextFile(fileURLToPath(uri)) : { skipped: 'not a file' };
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

  private publish(change: IndexChange | readonly string[], cleared: readonly string[] = []): void {
    const uris = Array.isArray(change) ? change : (change as IndexChange).uris;
    for (const uri of uris) {
      const file = this.service.index.file(uri);
      if (!file) continue;
      const diagnostics = this.service.getDiagnostics(uri);
      if (diagnostics.length === 0 && !this.published.has(uri)) continue;
      if (diagnostics.length > 0) this.published.add(uri);
      else this.published.delete(uri);
      void this.connection.sendDiagnostics({ uri, version: this.documents.get(uri)?.version, diagnostics });
    }
    for (const uri of cleared) {
      if (this.service.index.file(uri)) continue;
      this.published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }
}
