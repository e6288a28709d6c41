import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Wakeups } from '../helpers/wakeups.js';

/** A `window/logMessage` line: 1 error, 2 warning, 3 info, 4 log. */
export interface LogLine {
  readonly type: number;
  readonly message: string;
}

export interface ServerOptions {
  /** Extra environment; the index cache is always off so every server computes from scratch. */
  readonly env?: Record<string, string>;
}

/**
 * The real server over stdio for the reliability tests: like test/helpers/lspClient.ts, plus the
 * log lines, whether the process died, its resident memory, and workspace-folder capabilities.
 */
export class ServerProcess {
  readonly connection: MessageConnection;
  /** The last diagnostics published per URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: LogLine[] = [];
  readonly stderr: string[] = [];
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly process: ChildProcess;
  private readonly wakeups = new Wakeups();
  private indexedCount = 0;

  constructor(options: ServerOptions = {}) {
    const server = path.resolve('bin/marginalia-language-server.js');
    this.process = spawn(process.execPath, [server, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, MARGINALIA_CACHE_DIR: 'off', ...options.env },
    });
    this.process.on('exit', (code, signal) => {
      this.exit = { code, signal };
      this.wake();
    });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: LogLine) => {
      this.logs.push(params);
      this.wake();
    });
    this.connection.onNotification('marginalia/indexed', () => {
      this.indexedCount++;
      this.wake();
    });
    // Answer the requests a client answers, so the server never waits on us.
    this.connection.onRequest('workspace/configuration', () => [null]);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  get pid(): number {
    return this.process.pid!;
  }

  static uriOf(filePath: string): string {
    return pathToFileURL(filePath).toString();
  }

  /** Initializes with the given workspace folders and waits for the first `marginalia/indexed`. */
  async initialize(roots: readonly string[], settings: Record<string, unknown> = { bundledGlossary: false }, folderEvents = true): Promise<void> {
    const folders = roots.map((root) => ({ uri: ServerProcess.uriOf(root), name: path.basename(root) }));
    await this.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: folders[0]?.uri ?? null, initializationOptions: settings, workspaceFolders: folders,
      capabilities: { workspace: { workspaceFolders: folderEvents, didChangeWatchedFiles: { dynamicRegistration: false } } },
    });
    await this.connection.sendNotification('initialized', {});
    await this.waitForIndexed(1);
  }

  /** Waits until `marginalia/indexed` has arrived `count` times in all. */
  waitForIndexed(count: number, timeoutMs = 60000): Promise<void> {
    return this.waitUntil(() => this.indexedCount >= count, `marginalia/indexed #${count}`, timeoutMs);
  }

  get indexed(): number {
    return this.indexedCount;
  }

  /** Resolves once `test` holds, checking after every notification and every 100 ms. */
  async waitUntil(test: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (this.exit) throw new Error(`The server exited (${JSON.stringify(this.exit)}) while waiting for ${what}. stderr: ${this.stderr.join('')}`);
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
      await this.wakeups.next();
    }
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Resident set size of the server process in bytes, from /proc (Linux); undefined elsewhere. */
  rss(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Ends the process hard, as a crash would. */
  kill(): void {
    this.process.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (!this.exit) {
      await Promise.race([this.connection.sendRequest('shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit').catch(() => undefined);
    }
    this.connection.dispose();
    if (!this.exit) this.process.kill();
  }

  private wake(): void {
    this.wakeups.wake();
  }
}

/** Renders diagnostics compactly and sorted, for comparing two servers: `line:col-line:col code message`. */
export function renderForComparison(diagnostics: readonly Diagnostic[] | undefined): string[] {
  return (diagnostics ?? []).map((d) => {
    const related = (d.relatedInformation ?? []).map((r) => `${r.location.uri}@${r.location.range.start.line}:${r.location.range.start.character} ${r.message}`).join(' | ');
    return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.code)} ${d.message}${related ? ` [${related}]` : ''}`;
  }).sort();
}
