import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import type { LanguageService } from '../service/languageService.js';
import type { LspWorkspace } from './lspWorkspace.js';
import { runSafe } from './runSafe.js';

/** Every request handler: flush pending edits of the document, call the service, answer. */
export function registerFeatures(connection: Connection, service: LanguageService, workspace: LspWorkspace): void {
  // Takes the params, not their URI: reading `params.textDocument.uri` inside runSafe means a
  // malformed request (no textDocument) is logged and answered like any other failure, instead of
  // throwing in the handler before runSafe, where nothing logs it.
  const at = <T>(name: string, params: { textDocument: { uri: string } }, token: Parameters<typeof runSafe>[2], work: () => T) =>
    runSafe(connection, name, token, async () => {
      await workspace.settled();
      workspace.flush(params.textDocument.uri);
      return work();
    });
  connection.onHover((p, token) => at('hover', p, token, () => service.getHover(p.textDocument.uri, p.position) ?? null));
  connection.onDefinition((p, token) => at('definition', p, token, () => service.getDefinition(p.textDocument.uri, p.position)));
  connection.onReferences((p, token) => at('references', p, token,
    () => service.getReferences(p.textDocument.uri, p.position, p.context.includeDeclaration)));
  connection.onDocumentSymbol((p, token) => at('documentSymbol', p, token, () => service.getDocumentSymbols(p.textDocument.uri)));
  connection.onWorkspaceSymbol((p, token) => runSafe(connection, 'workspaceSymbol', token, async () => {
    await workspace.settled();
    return service.getWorkspaceSymbols(p.query);
  }));
  connection.onCompletion((p, token) => at('completion', p, token, () => service.getCompletions(p.textDocument.uri, p.position)));
  connection.onPrepareRename((p, token) => at('prepareRename', p, token, () => {
    const target = service.prepareRename(p.textDocument.uri, p.position);
    if (!target) throw new ResponseError(ErrorCodes.InvalidRequest, 'Only the name of a glossary entity can be renamed.');
    return target;
  }));
  connection.onRenameRequest((p, token) => at('rename', p, token, () => service.rename(p.textDocument.uri, p.position, p.newName) ?? null));
  connection.onCodeAction((p, token) => at('codeAction', p, token, () => service.getCodeActions(p.textDocument.uri, p.context.diagnostics, p.context.only)));
  connection.onCodeLens((p, token) => at('codeLens', p, token, () => service.getCodeLenses(p.textDocument.uri)));
  connection.languages.semanticTokens.on((p, token) => at('semanticTokens', p, token, () => service.getSemanticTokens(p.textDocument.uri)));
}
