import type { Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from './span.js';

/**
 * The single place where offsets become LSP positions. Offsets are UTF-16 code units (JS string
 * indices), the same unit LSP positions count by default, so emoji and combining marks stay right.
 */
export function spanToRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function offsetAt(document: TextDocument, position: Position): number {
  return document.offsetAt(position);
}
