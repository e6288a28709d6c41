import { CancellationToken, type Connection } from 'vscode-languageserver/node';
import { FiguresRequest, GlossaryRequest, IndexedNotification, RebuildRequest, StatusRequest, type IndexedParams } from '../protocol.js';
import { getFiguresTable } from '../service/figuresTable.js';
import { getGlossaryTree, getIndexStatus } from '../service/glossaryTree.js';
import type { LanguageService } from '../service/languageService.js';
import type { LspWorkspace } from './lspWorkspace.js';
import { runSafe } from './runSafe.js';

/** The token of a request registered by method name: the last argument, whether or not params came. */
const tokenOf = (args: unknown[]): CancellationToken | undefined => args.find((a): a is CancellationToken => CancellationToken.is(a));

/**
 * Marginalia's own requests (see `protocol.ts`): the VS Code extension's Glossary and Figures views,
 * its status item and its Rebuild command. Each answers once pending file events are applied.
 */
export function registerViews(connection: Connection, service: LanguageService, workspace: LspWorkspace): void {
  const settled = <T>(name: string, work: () => T) => (...args: unknown[]) => runSafe(connection, name, tokenOf(args), async () => {
    await workspace.settled();
    return work();
  });
  connection.onRequest(StatusRequest, settled('status', () => getIndexStatus(service)));
  connection.onRequest(GlossaryRequest, settled('glossary', () => getGlossaryTree(service)));
  connection.onRequest(FiguresRequest, settled('figures', () => getFiguresTable(service)));
  connection.onRequest(RebuildRequest, (...args: unknown[]) => runSafe(connection, 'rebuild', tokenOf(args), async () => {
    await workspace.scan();
    const status = getIndexStatus(service);
    const indexed: IndexedParams = { files: status.files, entities: status.entities };
    void connection.sendNotification(IndexedNotification, indexed);
    return status;
  }));
}
