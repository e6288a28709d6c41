import * as vscode from 'vscode';
import { FiguresRequest, type FigureClaim, type FigureKey, type FiguresResult } from '../../server/src/protocol.js';
import type { Marginalia } from './extension.js';

type Node = { kind: 'key'; key: FigureKey } | { kind: 'claim'; key: FigureKey; claim: FigureClaim; index: number };

const rank = { hard: 0, soft: 1, none: 2 } as const;

/**
 * The Figures view: every quantity the essays give figures for (a claim key), with its claims
 * beneath it; conflicts first and marked. A click on a claim opens it in its essay.
 */
export class FiguresView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private data: Promise<FigureKey[]> | undefined;
  private stale = false;

  constructor(private readonly marginalia: Marginalia) {
    this.view = vscode.window.createTreeView('marginalia.figures', { treeDataProvider: this, showCollapseAll: true });
    this.view.onDidChangeVisibility((event) => {
      if (event.visible && this.stale) this.refresh();
    });
  }

  refresh(): void {
    this.data = undefined;
    this.stale = !this.view.visible;
    if (this.view.visible) this.changed.fire(undefined);
  }

  /** Every claim key, conflicts first (shared by the view and the commands). */
  keys(): Promise<FigureKey[]> {
    this.data ??= this.fetch();
    return this.data;
  }

  private async fetch(): Promise<FigureKey[]> {
    const client = this.marginalia.running();
    if (!client) return [];
    try {
      const result = await client.sendRequest<FiguresResult>(FiguresRequest);
      return [...result.keys].sort((a, b) => rank[a.conflict] - rank[b.conflict] || a.label.localeCompare(b.label));
    } catch (error) {
      this.marginalia.log(`The figures request failed: ${(error as Error).message}`);
      this.data = undefined;
      return [];
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'claim') return [];
    if (node?.kind === 'key') return node.key.claims.map((claim, index) => ({ kind: 'claim', key: node.key, claim, index }));
    const keys = await this.keys();
    const hard = keys.filter((k) => k.conflict === 'hard').length;
    this.view.description = keys.length ? `${hard} ${hard === 1 ? 'conflict' : 'conflicts'} · ${keys.length} ${keys.length === 1 ? 'quantity' : 'quantities'}` : undefined;
    return keys.map((key) => ({ kind: 'key', key }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'key') {
      const { key } = node;
      const item = new vscode.TreeItem(key.label, key.conflict === 'hard' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `key:${key.key}`;
      const figures = `${key.claims.length} ${key.claims.length === 1 ? 'figure' : 'figures'}`;
      item.description = key.conflict === 'hard' ? `conflict · ${figures}` : key.conflict === 'soft' ? `in tension · ${figures}` : figures;
      item.iconPath = key.conflict === 'hard' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
        : key.conflict === 'soft' ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : new vscode.ThemeIcon('symbol-number');
      item.tooltip = new vscode.MarkdownString(`**${key.label}**\n\n` + key.claims.map((c) => `- ${c.text} — *${c.essay}*${c.source ? ` (${c.source})` : ''}`).join('\n'));
      item.contextValue = `marginalia.figureKey.${key.conflict}`;
      return item;
    }
    const { claim } = node;
    const item = new vscode.TreeItem(claim.text, vscode.TreeItemCollapsibleState.None);
    item.id = `claim:${node.key.key}:${node.index}:${claim.uri}:${claim.range.start.line}:${claim.range.start.character}`;
    item.description = claim.source ? `${claim.essay} · ${claim.source}` : claim.essay;
    item.tooltip = `${claim.text}\n${vscode.workspace.asRelativePath(vscode.Uri.parse(claim.uri))}:${claim.range.start.line + 1}${claim.source ? `\nSource: ${claim.source}` : ''}`;
    item.iconPath = new vscode.ThemeIcon('quote');
    item.contextValue = 'marginalia.claim';
    item.command = { title: 'Open', command: 'marginalia.openClaim', arguments: [claim] };
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
