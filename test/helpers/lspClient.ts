import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Wakeups } from './wakeups.js';

interface PublishDiagnosticsParams {
  uri: string;
  diagnostics: Diagnostic[];
}

/** Writes a fixture workspace to a fresh temporary folder: `{ 'essays/a.md': '…' }`. */
export function writeWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'marginalia-'));
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

/**
 * The real server process over stdio, driven like an editor would: initialize, wait for the
 * index, send requests, and collect published diagnostics.
 */
export class LspClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly stderr: string[] = [];
  private readonly process: ChildProcess;
  private readonly wakeups = new Wakeups();

  constructor(readonly root: string) {
    const server = path.resolve('bin/marginalia-language-server.js');
    this.process = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.wakeups.wake();
    });
    this.connection.listen();
  }

  uri(relative: string): string {
    return pathToFileURL(path.join(this.root, relative)).toString();
  }

  async initialize(settings: Record<string, unknown> = { bundledGlossary: false }, capabilities: Record<string, unknown> = {}, extraRoots: readonly string[] = []): Promise<void> {
    const indexed = new Promise<void>((resolve) => this.connection.onNotification('marginalia/indexed', () => resolve()));
    const rootUri = pathToFileURL(this.root).toString();
    await this.connection.sendRequest('initialize', {
      processId: process.pid, rootUri, capabilities, initializationOptions: settings,
      workspaceFolders: [{ uri: rootUri, name: 'fixture' }, ...extraRoots.map((r, i) => ({ uri: pathToFileURL(r).toString(), name: `extra${i}` }))],
    });
    await this.connection.sendNotification('initialized', {});
    await indexed;
  }

  /** Resolves once a diagnostics notification for `uri` satisfies `test`, or fails after a deadline. */
  async waitForDiagnostics(uri: string, test: (d: Diagnostic[]) => boolean, timeoutMs = 5000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && test(current)) return current;
      if (Date.now() > deadline) throw new Error(`No matching diagnostics for ${uri}; last: ${JSON.stringify(current)}`);
      await this.wakeups.next();
    }
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown').catch(() => undefined);
    await this.connection.sendNotification('exit').catch(() => undefined);
    this.connection.dispose();
    this.process.kill();
  }
}
