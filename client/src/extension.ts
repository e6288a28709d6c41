import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { IndexedNotification, StatusRequest, type StatusResult } from '../../server/src/protocol.js';
import { registerCommands } from './commands.js';
import { FiguresView } from './figuresView.js';
import { GlossaryView } from './glossaryView.js';
import { StatusItem } from './statusItem.js';

/** Settings the server reads; a change to any of them makes it rescan (marginalia.enable and trace are the client's). */
const serverSettings = ['include', 'exclude', 'glossary', 'bundledGlossary', 'unknownNames', 'houseSpellings', 'severity', 'conflictTolerance'];

/** What makes a workspace an essay workspace without marginalia.enable (relative to each folder). */
const markers = '{glossary/**/*.md,*/glossary/**/*.md,.marginalia.json}';

/**
 * The extension: starts the language server only in a workspace that has a glossary folder or a
 * .marginalia.json, or when `marginalia.enable` is true — never on a code project's README.md —
 * and stops or starts it when that setting or the folders change, without a reload.
 */
export class Marginalia implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Marginalia', { log: true });
  readonly glossary = new GlossaryView(this);
  readonly figures = new FiguresView(this);
  status: StatusItem | undefined;
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private indexed = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('marginalia.enable')) void this.update();
        else if (this.client && serverSettings.some((s) => event.affectsConfiguration(`marginalia.${s}`))) {
          // The server pulls the section (workspace/configuration) and rescans: no reload needed.
          void this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.update()),
      // Diagnostics follow every re-analysis: a cheap signal that counts may have changed.
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleRefresh()),
    );
  }

  /** The client, when it is running. */
  running(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  log(message: string): void {
    this.output.info(message);
  }

  /** Starts or stops the server to match the workspace and the settings. */
  async update(): Promise<void> {
    const reason = await this.reasonToRun();
    if (reason && !this.client) await this.start(reason);
    else if (!reason && this.client) await this.stop();
  }

  private async reasonToRun(): Promise<string | undefined> {
    if (vscode.workspace.getConfiguration('marginalia').get<boolean>('enable') === true) return 'marginalia.enable is true';
    if (!vscode.workspace.workspaceFolders?.length) return undefined;
    const found = await vscode.workspace.findFiles(markers, '**/node_modules/**', 1);
    return found.length ? `the workspace has ${vscode.workspace.asRelativePath(found[0]!)}` : undefined;
  }

  /** For commands: the running client, or an offer to enable Marginalia in this workspace. */
  async ensureRunning(): Promise<LanguageClient | undefined> {
    await this.starting;
    const client = this.running();
    if (client) return client;
    if (this.client) {
      void vscode.window.showWarningMessage('The Marginalia language server is not running.', 'Show log').then((c) => c && this.output.show());
      return undefined;
    }
    const enable = 'Enable in this workspace';
    const choice = await vscode.window.showInformationMessage(
      'Marginalia runs in workspaces with a glossary/ folder or a .marginalia.json file, or where marginalia.enable is true.', enable);
    if (choice === enable) {
      await vscode.workspace.getConfiguration('marginalia').update('enable', true, vscode.ConfigurationTarget.Workspace);
      await this.update();
      await this.starting;
    }
    return this.running();
  }

  private start(reason: string): Promise<void> {
    this.starting = this.startNow(reason).finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startNow(reason: string): Promise<void> {
    this.log(`Starting the language server: ${reason}.`);
    this.status = new StatusItem();
    const module = this.context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'markdown' }, { scheme: 'file', language: 'plaintext' }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{md,txt}') },
      outputChannel: this.output,
      initializationOptions: { settings: this.settings() },
      middleware: {
        workspace: {
          // Every pull of the settings after start-up is a didChangeConfiguration: the server rescans.
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (this.indexed) {
              this.status?.busy('indexing');
              this.indexChanged();
            }
            return result;
          },
        },
      },
    };
    const client = new LanguageClient('marginalia', 'Marginalia', serverOptions, clientOptions);
    this.client = client;
    client.onNotification(IndexedNotification, () => {
      this.indexed = true;
      this.indexChanged();
    });
    client.onDidChangeState((event) => {
      if (event.newState === State.Stopped && this.client === client) this.status?.stopped('The language server has stopped.');
    });
    try {
      await client.start();
      this.status.busy('indexing');
      await vscode.commands.executeCommand('setContext', 'marginalia.active', true);
    } catch (error) {
      this.log(`The language server did not start: ${(error as Error).message}`);
      this.status.stopped('The language server did not start.');
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.indexed = false;
    this.status?.dispose();
    this.status = undefined;
    await vscode.commands.executeCommand('setContext', 'marginalia.active', false);
    if (client) {
      this.log('Stopping the language server.');
      await client.stop().catch((error: Error) => this.log(`Stopping failed: ${error.message}`));
    }
    this.indexChanged();
  }

  /** The index may have changed: refresh the status counts and the views. */
  indexChanged(): void {
    clearTimeout(this.refreshTimer);
    this.glossary.refresh();
    this.figures.refresh();
    const client = this.running();
    if (!client || !this.indexed) return;
    client.sendRequest<StatusResult>(StatusRequest).then((status) => {
      if (this.client === client) this.status?.counts(status);
    }, (error: Error) => this.log(`The status request failed: ${error.message}`));
  }

  private scheduleRefresh(): void {
    if (!this.indexed) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.indexChanged(), 1000);
  }

  /** The server's settings as a plain object (initializationOptions; the server also pulls them). */
  private settings(): Record<string, unknown> {
    const section = vscode.workspace.getConfiguration('marginalia');
    return Object.fromEntries(serverSettings.map((key) => [key, section.get(key)]).filter(([, value]) => value !== undefined));
  }

  async dispose(): Promise<void> {
    clearTimeout(this.refreshTimer);
    await this.stop();
    for (const d of this.disposables) d.dispose();
    this.glossary.dispose();
    this.figures.dispose();
    this.output.dispose();
  }
}

let marginalia: Marginalia | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  marginalia = new Marginalia(context);
  registerCommands(context, marginalia);
  await marginalia.update();
}

export async function deactivate(): Promise<void> {
  await marginalia?.dispose();
  marginalia = undefined;
}
