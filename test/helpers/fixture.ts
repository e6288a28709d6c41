import { documentKindOf } from '../../server/src/analysis/documentAnalysis.js';
import { WorkspaceIndex, type SourceFile } from '../../server/src/index/workspaceIndex.js';
import { createLanguageService, type LanguageService } from '../../server/src/service/languageService.js';
import type { ServiceSettings } from '../../server/src/service/settings.js';
import type { Position } from 'vscode-languageserver-types';

/** Marks the cursor in fixture text; stripped before the document is built. Not `$0` or `|`: both occur in essays. */
export const CURSOR = '$$CURSOR$$';

export interface Fixture {
  readonly service: LanguageService;
  /** URI of the file that held the cursor. */
  readonly uri: string;
  readonly position: Position;
  uriOf(path: string): string;
}

/**
 * Builds an in-memory workspace from a fixture: `//- /path` starts a file; files under
 * `/glossary/` are glossary entries; the cursor marker sets the position.
 */
export function fixture(text: string, settings: Partial<ServiceSettings> = {}): Fixture {
  const files: SourceFile[] = [];
  let uri = '';
  let position: Position = { line: 0, character: 0 };
  const parts = text.split(/^\/\/- /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    const path = part.slice(0, newline).trim();
    let body = part.slice(newline + 1);
    const fileUri = uriOf(path);
    const cursor = body.indexOf(CURSOR);
    if (cursor >= 0) {
      body = body.slice(0, cursor) + body.slice(cursor + CURSOR.length);
      const before = body.slice(0, cursor).split('\n');
      position = { line: before.length - 1, character: before[before.length - 1].length };
      uri = fileUri;
    }
    const role = path.startsWith('/glossary/') ? 'glossary' : 'essay';
    files.push({ uri: fileUri, text: body, kind: documentKindOf(path), role });
  }
  const index = new WorkspaceIndex();
  index.setFiles(files);
  return { service: createLanguageService(index, settings), uri, position, uriOf };
}

export function uriOf(path: string): string {
  return `file:///ws${path}`;
}

/** A glossary entry file for fixtures, front matter from an object. */
export function entry(fields: Record<string, unknown>, body = 'Definition.'): string {
  const yaml = Object.entries(fields).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n');
  return `---\n${yaml}\n---\n${body}\n`;
}
