import * as vscode from 'vscode';
import { RebuildRequest, type EntityKind, type FigureClaim, type GlossaryItem, type RebuildResult } from '../../server/src/protocol.js';
import { conflictingKeys, conflictsCsv, conflictsMarkdown } from './conflictsReport.js';
import type { Marginalia } from './extension.js';
import { entityKinds, glossaryStub, slugForName } from './glossaryStub.js';
import { kindNames, openAt, type GlossaryNode } from './glossaryView.js';

type LspPosition = { line: number; character: number };

/** Every command of the extension. Palette commands are under the category "Marginalia". */
export function registerCommands(context: vscode.ExtensionContext, marginalia: Marginalia): void {
  const command = (id: string, run: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  // The code lens "N mentions in M essays" on glossary labels, and the Glossary view's "Reveal mentions".
  command('marginalia.showReferences', (uri: string | vscode.Uri, position: LspPosition | vscode.Position) => showReferences(uri, position));
  command('marginalia.revealMentions', (node?: GlossaryNode) => {
    if (node?.kind === 'entity') return showReferences(node.item.uri, node.item.range.start);
    return undefined;
  });
  command('marginalia.openEntryAt', (item: GlossaryItem) => openAt(item.uri, item.range));
  command('marginalia.openClaim', (claim: FigureClaim) => openAt(claim.uri, claim.range));
  command('marginalia.showOutput', () => marginalia.output.show(true));
  command('marginalia.refreshViews', () => marginalia.indexChanged());

  command('marginalia.openEntry', async () => {
    if (!(await marginalia.ensureRunning())) return;
    const entities = await marginalia.glossary.entities();
    const picked = await vscode.window.showQuickPick(entities.map((entity) => ({
      label: `$(${kindNames[entity.type].icon}) ${entity.label}`,
      description: entity.type,
      detail: `${entity.mentions} ${entity.mentions === 1 ? 'mention' : 'mentions'} in ${entity.essays} ${entity.essays === 1 ? 'essay' : 'essays'} · ${entity.id}`,
      entity,
    })), { title: 'Open glossary entry', placeHolder: 'Type a name, an id or a type', matchOnDescription: true, matchOnDetail: true });
    if (picked) await openAt(picked.entity.uri, picked.entity.range);
  });

  command('marginalia.showFigures', async (keyArgument?: string) => {
    if (!(await marginalia.ensureRunning())) return;
    const keys = await marginalia.figures.keys();
    if (keys.length === 0) {
      void vscode.window.showInformationMessage('Marginalia found no figures given for the same quantity in two places yet.');
      return;
    }
    const icon = { hard: '$(error) ', soft: '$(warning) ', none: '' } as const;
    const key = keys.find((k) => k.key === keyArgument) ?? (await vscode.window.showQuickPick(keys.map((k) => ({
      label: `${icon[k.conflict]}${k.label}`,
      description: k.conflict === 'hard' ? 'conflict' : k.conflict === 'soft' ? 'in tension' : undefined,
      detail: k.claims.map((c) => c.text).join(' · '),
      key: k,
    })), { title: 'Show figures for…', placeHolder: 'A quantity: subject, measure, scope', matchOnDetail: true }))?.key;
    if (!key) return;
    const claim = await vscode.window.showQuickPick(key.claims.map((c) => ({
      label: c.text,
      description: `${c.essay} · ${vscode.workspace.asRelativePath(vscode.Uri.parse(c.uri))}:${c.range.start.line + 1}`,
      detail: c.source,
      claim: c,
    })), { title: `Figures for ${key.label}`, placeHolder: 'Open a figure where it is written' });
    if (claim) await openAt(claim.claim.uri, claim.claim.range);
  });

  command('marginalia.rebuildIndex', async () => {
    const client = await marginalia.ensureRunning();
    if (!client) return;
    marginalia.status?.busy('rebuilding');
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Marginalia: rebuilding the index' }, async () => {
      try {
        const result = await client.sendRequest<RebuildResult>(RebuildRequest);
        marginalia.log(`Rebuilt the index: ${result.files} files, ${result.essays} essays, ${result.entities} entries.`);
      } catch (error) {
        void vscode.window.showErrorMessage(`Marginalia could not rebuild the index: ${(error as Error).message}`);
      }
    });
    marginalia.indexChanged();
  });

  command('marginalia.addToGlossary', async () => {
    const editor = vscode.window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).replace(/\s+/g, ' ').trim() : '';
    const label = selected || await vscode.window.showInputBox({ title: 'Add to glossary', prompt: 'The canonical name, diacritics right', placeHolder: 'Mátyás Rákosi' });
    if (!label) return;
    const type = await vscode.window.showQuickPick(entityKinds.map((entityKind) => ({ label: `$(${kindNames[entityKind].icon}) ${entityKind}`, entityKind })), { title: `Add "${label}" to the glossary as…` });
    if (!type) return;
    await addToGlossary(label, type.entityKind, editor?.document.uri);
  });

  command('marginalia.exportConflicts', async () => {
    if (!(await marginalia.ensureRunning())) return;
    const format = await vscode.window.showQuickPick([
      { label: 'Markdown', description: 'a table per quantity', format: 'markdown' as const },
      { label: 'CSV', description: 'one row per figure, for a spreadsheet', format: 'csv' as const },
    ], { title: 'Export conflicts report as…' });
    if (!format) return;
    const keys = await marginalia.figures.keys();
    if (conflictingKeys(keys).length === 0) {
      void vscode.window.showInformationMessage(`Marginalia found no conflicting figures (${keys.length} ${keys.length === 1 ? 'quantity' : 'quantities'} checked).`);
      return;
    }
    const relative = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
    const content = format.format === 'markdown' ? conflictsMarkdown(keys, relative, new Date().toISOString().slice(0, 10)) : conflictsCsv(keys, relative);
    const languages = await vscode.languages.getLanguages();
    const language = format.format === 'markdown' ? 'markdown' : languages.includes('csv') ? 'csv' : 'plaintext';
    // Untitled, so it is not analysed as an essay unless the writer saves it among the essays.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content, language }));
  });
}

/** Peeks every reference of the entity at a position (VS Code's own reference peek). */
async function showReferences(uri: string | vscode.Uri, position: LspPosition | vscode.Position): Promise<void> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  const at = position instanceof vscode.Position ? position : new vscode.Position(position.line, position.character);
  const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', target, at);
  if (!locations?.length) {
    void vscode.window.showInformationMessage('No mentions found.');
    return;
  }
  await vscode.commands.executeCommand('editor.action.showReferences', target, at, locations);
}

/** Creates glossary/<slug>.md in the workspace folder of the current document (or the first one), then opens it. */
async function addToGlossary(label: string, type: EntityKind, from: vscode.Uri | undefined): Promise<void> {
  const folder = (from && vscode.workspace.getWorkspaceFolder(from)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Open a folder first: the new entry goes into its glossary/ folder.');
    return;
  }
  const id = slugForName(label);
  const target = vscode.Uri.joinPath(folder.uri, 'glossary', `${id}.md`);
  const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
  if (exists) {
    void vscode.window.showInformationMessage(`glossary/${id}.md exists already.`);
  } else {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(glossaryStub(id, type, label)));
  }
  const editor = await vscode.window.showTextDocument(target);
  if (!exists) {
    const body = editor.document.lineCount - 2;
    editor.selection = new vscode.Selection(body, 0, body, editor.document.lineAt(body).text.length);
  }
}
