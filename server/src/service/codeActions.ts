// Feature: code actions. Quick fixes for spelling ("use the house spelling"); "Add … to the
// glossary" for an unknown name, which creates a stub entry in the workspace glossary folder; on a
// conflicting figure, "Show all figures for …" and "Acknowledge this disagreement", which writes
// the marker after the paragraph so the warning stops.
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import type { ServiceContext } from './context.js';
import { claimAt } from './figureHover.js';
import { describeKey } from './figureText.js';

export function getCodeActions(context: ServiceContext, uri: string, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[] {
  const actions = allCodeActions(context, uri, diagnostics);
  // Honour `context.only`: a kind matches itself and its sub-kinds ("quickfix" covers "quickfix.x").
  return only && only.length > 0 ? actions.filter((a) => only.some((kind) => a.kind === kind || a.kind?.startsWith(`${kind}.`))) : actions;
}

function allCodeActions(context: ServiceContext, uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const data = (diagnostic.data ?? {}) as Record<string, unknown>;
    if ((diagnostic.code === 'spelling-variant' || diagnostic.code === 'possible-misspelling') && typeof data.replacement === 'string') {
      actions.push({
        title: `Use "${data.replacement}"`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: diagnostic.range, newText: data.replacement }] } },
      });
    }
    if ((diagnostic.code === 'conflicting-figure' || diagnostic.code === 'conflicting-date' || diagnostic.code === 'outside-reference') && typeof data.key === 'string') {
      actions.push(...claimActions(context, uri, diagnostic, data.key));
    }
    if (diagnostic.code === 'unknown-name' && typeof data.name === 'string') {
      const edit = newEntryEdit(context, data.name);
      if (edit) actions.push({ title: `Add "${data.name}" to the glossary`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
    }
  }
  return actions;
}

function claimActions(context: ServiceContext, uri: string, diagnostic: Diagnostic, key: string): CodeAction[] {
  const claim = claimAt(context, uri, diagnostic.range.start);
  const file = context.index.file(uri);
  if (!claim || !file) return [];
  const label = describeKey(claim, context.index.glossary);
  // Quick-fix kind for both, so VS Code's light bulb (which asks for quick fixes) shows them.
  const actions: CodeAction[] = [{
    title: `Show all figures for ${label}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: `Show all figures for ${label}`, command: 'marginalia.showFigures', arguments: [key] },
  }];
  if (diagnostic.code !== 'outside-reference') {
    const at = context.location(uri, { start: claim.block.end, end: claim.block.end })!.range;
    const marker = file.kind === 'markdown' ? ' <!-- marginalia: acknowledge -->' : '\n[marginalia: acknowledge]';
    actions.push({
      title: 'Acknowledge this disagreement',
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [{ range: at, newText: marker }] } },
    });
  }
  return actions;
}

/**
 * The file name is a slug of letters, digits and hyphens, so a name such as "../../x" can never
 * write outside the glossary folder.
 */
export function slugForName(name: string): string {
  const slug = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, 80) || 'entry';
}

function newEntryEdit(context: ServiceContext, name: string): WorkspaceEdit | undefined {
  const folder = context.settings.newEntryFolder;
  if (!folder) return undefined;
  const id = slugForName(name);
  const target = Utils.joinPath(URI.parse(folder), `${id}.md`).toString();
  // Never write into an entry that exists: the create fails instead of the insert landing on top.
  if (context.index.file(target)) return undefined;
  const text = `---\nid: ${id}\ntype: person\nlabel: ${JSON.stringify(name)}\naliases: []\nsources: []\n---\nDefinition of ${name}: who or what it is, in two to six sentences.\n`;
  return {
    documentChanges: [
      { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } },
      { textDocument: { uri: target, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
    ],
  };
}
