import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, Position, Range,
  SemanticTokens, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Span } from '../analysis/types.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { getCodeActions } from './codeActions.js';
import { getCodeLenses } from './codeLens.js';
import { getCompletions } from './completion.js';
import { ServiceContext } from './context.js';
import { getDefinition } from './definition.js';
import { getDiagnostics } from './diagnostics.js';
import { getHover } from './hover.js';
import { getReferences } from './references.js';
import { prepareRename, rename } from './rename.js';
import { getSemanticTokens } from './semanticTokens.js';
import { defaultSettings, type ServiceSettings } from './settings.js';
import { getDocumentSymbols, getWorkspaceSymbols } from './symbols.js';

/**
 * The language service facade: (uri, position) in, LSP types out. It knows nothing of the
 * connection or the file system; the LSP adapter and the CLI both sit on it.
 */
export interface LanguageService {
  readonly index: WorkspaceIndex;
  configure(settings: Partial<ServiceSettings>): void;
  /** Converts a span of an indexed file to an LSP range (for the CLI's reports). */
  toRange(uri: string, span: Span): Range | undefined;
  getHover(uri: string, position: Position): Hover | undefined;
  getDefinition(uri: string, position: Position): Location[];
  getReferences(uri: string, position: Position, includeDeclaration: boolean): Location[];
  getDocumentSymbols(uri: string): DocumentSymbol[];
  getWorkspaceSymbols(query: string): SymbolInformation[];
  getCompletions(uri: string, position: Position): CompletionItem[];
  prepareRename(uri: string, position: Position): { range: Range; placeholder: string } | undefined;
  rename(uri: string, position: Position, newName: string): WorkspaceEdit | undefined;
  getDiagnostics(uri: string): Diagnostic[];
  getCodeActions(uri: string, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[];
  getCodeLenses(uri: string): CodeLens[];
  getSemanticTokens(uri: string): SemanticTokens;
}

export function createLanguageService(index: WorkspaceIndex, settings: Partial<ServiceSettings> = {}): LanguageService {
  const context = new ServiceContext(index, { ...defaultSettings, ...settings });
  index.setTolerance(context.settings.conflictTolerance);
  return Object.freeze({
    index,
    configure: (next: Partial<ServiceSettings>) => {
      context.settings = { ...context.settings, ...next };
      index.setTolerance(context.settings.conflictTolerance);
    },
    toRange: (uri: string, span: Span) => context.location(uri, span)?.range,
    getHover: (uri: string, position: Position) => getHover(context, uri, position),
    getDefinition: (uri: string, position: Position) => getDefinition(context, uri, position),
    getReferences: (uri: string, position: Position, includeDeclaration: boolean) => getReferences(context, uri, position, includeDeclaration),
    getDocumentSymbols: (uri: string) => getDocumentSymbols(context, uri),
    getWorkspaceSymbols: (query: string) => getWorkspaceSymbols(context, query),
    getCompletions: (uri: string, position: Position) => getCompletions(context, uri, position),
    prepareRename: (uri: string, position: Position) => prepareRename(context, uri, position),
    rename: (uri: string, position: Position, newName: string) => rename(context, uri, position, newName),
    getDiagnostics: (uri: string) => getDiagnostics(context, uri),
    getCodeActions: (uri: string, diagnostics: readonly Diagnostic[], only?: readonly string[]) => getCodeActions(context, uri, diagnostics, only),
    getCodeLenses: (uri: string) => getCodeLenses(context, uri),
    getSemanticTokens: (uri: string) => getSemanticTokens(context, uri),
  });
}
