import * as vscode from 'vscode';
import type { StatusResult } from '../../server/src/protocol.js';

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * The status bar item: "Marginalia: 250 entries · 10 essays", a spinner while the workspace is
 * being indexed, a warning when the server has stopped. A click opens the Glossary view.
 */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('marginalia.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Marginalia';
    this.item.command = 'marginalia.glossary.focus';
    this.busy('starting');
    this.item.show();
  }

  busy(what: 'starting' | 'indexing' | 'rebuilding'): void {
    this.item.text = `$(sync~spin) Marginalia: ${what}…`;
    this.item.tooltip = `Marginalia is ${what === 'starting' ? 'starting its language server' : `${what} the essays and the glossary`}.`;
    this.item.backgroundColor = undefined;
  }

  counts(status: StatusResult): void {
    this.item.text = `$(book) Marginalia: ${plural(status.entities, 'entry', 'entries')} · ${plural(status.essays, 'essay', 'essays')}`;
    const tooltip = new vscode.MarkdownString(
      `**Marginalia**\n\n${plural(status.entities, 'glossary entry', 'glossary entries')} in force, ` +
      `${plural(status.essays, 'essay', 'essays')} analysed (${plural(status.files, 'file', 'files')} in all).\n\n` +
      'Click to open the Glossary view.');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = undefined;
  }

  stopped(reason: string): void {
    this.item.text = '$(warning) Marginalia: stopped';
    this.item.tooltip = `${reason} See the Marginalia output channel.`;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.command = 'marginalia.showOutput';
  }

  dispose(): void {
    this.item.dispose();
  }
}
