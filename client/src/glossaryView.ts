import * as vscode from 'vscode';
import { GlossaryRequest, type EntityKind, type GlossaryItem, type GlossaryResult } from '../../server/src/protocol.js';
import type { Marginalia } from './extension.js';

export const kindNames: Record<EntityKind, { group: string; icon: string }> = {
  person: { group: 'People', icon: 'person' },
  event: { group: 'Events', icon: 'calendar' },
  concept: { group: 'Concepts', icon: 'lightbulb' },
  organization: { group: 'Organisations', icon: 'organization' },
  place: { group: 'Places', icon: 'location' },
  work: { group: 'Works', icon: 'book' },
};

type Node = { kind: 'group'; type: EntityKind; items: GlossaryItem[] } | { kind: 'entity'; item: GlossaryItem };

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Opens a glossary entry (or any file) with the given range selected. */
export function openAt(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Thenable<unknown> {
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  return vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection, preview: true });
}

/**
 * The Glossary view: entities grouped by type, each with its mention and essay counts. A click
 * opens the entry at its label; the context menu (and the inline button) reveals its mentions.
 */
export class GlossaryView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private data: Promise<GlossaryItem[]> | undefined;
  private stale = false;

  constructor(private readonly marginalia: Marginalia) {
    this.view = vscode.window.createTreeView('marginalia.glossary', { treeDataProvider: this, showCollapseAll: true });
    this.view.onDidChangeVisibility((event) => {
      if (event.visible && this.stale) this.refresh();
    });
  }

  /** Forgets the data; fetches again now if the view is visible, else when it next shows. */
  refresh(): void {
    this.data = undefined;
    this.stale = !this.view.visible;
    if (this.view.visible) this.changed.fire(undefined);
  }

  /** Every entity, from the server (shared by the view and the "Open glossary entry" command). */
  entities(): Promise<GlossaryItem[]> {
    this.data ??= this.fetch();
    return this.data;
  }

  private async fetch(): Promise<GlossaryItem[]> {
    const client = this.marginalia.running();
    if (!client) return [];
    try {
      const result = await client.sendRequest<GlossaryResult>(GlossaryRequest);
      return [...result.entities];
    } catch (error) {
      this.marginalia.log(`The glossary request failed: ${(error as Error).message}`);
      this.data = undefined;
      return [];
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'entity') return [];
    if (node?.kind === 'group') return node.items.map((item) => ({ kind: 'entity', item }));
    const entities = await this.entities();
    this.view.description = entities.length ? plural(entities.length, 'entry', 'entries') : undefined;
    const groups = new Map<EntityKind, GlossaryItem[]>();
    for (const item of entities) groups.set(item.type, [...(groups.get(item.type) ?? []), item]);
    return (Object.keys(kindNames) as EntityKind[]).filter((type) => groups.has(type)).map((type) => ({ kind: 'group', type, items: groups.get(type)! }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(kindNames[node.type].group, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `group:${node.type}`;
      item.description = String(node.items.length);
      item.iconPath = new vscode.ThemeIcon(kindNames[node.type].icon);
      item.contextValue = 'marginalia.group';
      return item;
    }
    const entity = node.item;
    const item = new vscode.TreeItem(entity.label, vscode.TreeItemCollapsibleState.None);
    item.id = `entity:${entity.id}`;
    item.description = `${plural(entity.mentions, 'mention', 'mentions')} · ${plural(entity.essays, 'essay', 'essays')}`;
    item.tooltip = new vscode.MarkdownString(`**${entity.label}** · ${entity.type}\n\n\`${entity.id}\` — ${vscode.workspace.asRelativePath(vscode.Uri.parse(entity.uri))}\n\n` +
      `${plural(entity.mentions, 'mention', 'mentions')} in ${plural(entity.essays, 'essay', 'essays')}`);
    item.iconPath = new vscode.ThemeIcon(kindNames[entity.type].icon);
    item.contextValue = 'marginalia.entity';
    item.command = { title: 'Open glossary entry', command: 'marginalia.openEntryAt', arguments: [entity] };
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}

export type { Node as GlossaryNode };
