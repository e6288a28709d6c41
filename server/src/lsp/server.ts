import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceIndex } from '../index/workspaceIndex.js';
import { createLanguageService } from '../service/languageService.js';
import { semanticTokensLegend } from '../service/semanticTokens.js';
import { LspWorkspace } from './lspWorkspace.js';
import { registerFeatures } from './registerFeatures.js';
import { registerViews } from './registerViews.js';

/**
 * Wires a connection to the language service. All state lives inside this call, so tests can
 * start as many servers as they like.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const service = createLanguageService(new WorkspaceIndex());
  const workspace = new LspWorkspace(connection, documents, service);
  let supportsConfiguration = false;
  let supportsProgress = false;
  let supportsFolderEvents = false;
  let initialization: unknown;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    supportsConfiguration = params.capabilities.workspace?.configuration === true;
    supportsProgress = params.capabilities.window?.workDoneProgress === true;
    supportsFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    initialization = (params.initializationOptions as Record<string, unknown> | undefined)?.settings ?? params.initializationOptions;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspace.setRoots(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        completionProvider: { triggerCharacters: [] },
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'marginalia' },
    };
  });

  connection.onInitialized(async () => {
    // Registered before anything is awaited: a folder added while the first scan runs was lost when
    // this came after it (the notification had no handler yet). Scans queue, so order is kept.
    if (supportsFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        workspace.addRoots(event.added.map((f) => f.uri));
        workspace.removeRoots(event.removed.map((f) => f.uri));
        await workspace.scan();
      });
    }
    const settings = supportsConfiguration ? await connection.workspace.getConfiguration('marginalia').catch(() => initialization) : initialization;
    workspace.configure(settings ?? initialization);
    const progress = supportsProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Marginalia: indexing essays', 0, 'scanning', false);
    await workspace.scan((done, total) => progress?.report(Math.round((done / Math.max(total, 1)) * 100), `${done}/${total} files`));
    progress?.done();
    const files = [...service.index.allFiles()].length;
    connection.console.info(`Marginalia indexed ${files} files, ${service.index.glossary.entities.size} glossary entries.`);
    // A readiness signal for clients and tests: the status item, the benchmark and e2e tests wait on it.
    void connection.sendNotification('marginalia/indexed', { files, entities: service.index.glossary.entities.size });
  });

  connection.onDidChangeConfiguration(async (change) => {
    const settings = supportsConfiguration ? await connection.workspace.getConfiguration('marginalia').catch(() => undefined) : (change.settings as Record<string, unknown>)?.marginalia;
    workspace.configure(settings);
    await workspace.scan();
  });

  documents.onDidOpen((event) => workspace.updateFromEditor(event.document, true));
  documents.onDidChangeContent((event) => workspace.updateFromEditor(event.document));
  documents.onDidClose((event) => void workspace.closed(event.document.uri));
  connection.onDidChangeWatchedFiles((params) => void workspace.watchedFilesChanged(params.changes));
  registerFeatures(connection, service, workspace);
  registerViews(connection, service, workspace);
  documents.listen(connection);
  connection.listen();
}
