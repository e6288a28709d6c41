import type { Range } from 'vscode-languageserver-types';

/**
 * Marginalia's own requests and notifications, beyond LSP: what the VS Code extension's views,
 * status item and commands ask the server. Plain method names and JSON shapes, so any client can
 * use them; the server registers them in `lsp/registerViews.ts`. All requests take no parameters
 * and answer once pending file events are applied.
 */

export type EntityKind = 'person' | 'event' | 'concept' | 'organization' | 'place' | 'work';

/** Sent by the server when a full scan of the workspace is complete (start-up, rebuild). */
export const IndexedNotification = 'marginalia/indexed';
export interface IndexedParams {
  /** Every file in the index: essays, workspace glossary files and bundled glossary files. */
  readonly files: number;
  /** Glossary entities in force. */
  readonly entities: number;
}

/** `marginalia/status` → the counts the status item shows. */
export const StatusRequest = 'marginalia/status';
export interface StatusResult extends IndexedParams {
  /** Files analysed as essays (not glossary entries). */
  readonly essays: number;
}

/** `marginalia/glossary` → every entity in force, with where it is defined and how often it is mentioned. */
export const GlossaryRequest = 'marginalia/glossary';
export interface GlossaryItem {
  readonly id: string;
  readonly type: EntityKind;
  readonly label: string;
  /** The glossary file that defines it. */
  readonly uri: string;
  /** Where the label is written in that file. */
  readonly range: Range;
  /** Mentions in essays and in other glossary entries (not in its own entry). */
  readonly mentions: number;
  /** Distinct essays that mention it. */
  readonly essays: number;
}
export interface GlossaryResult {
  readonly entities: readonly GlossaryItem[];
}

/** `marginalia/figures` → every claim key with its claims and whether they conflict. */
export const FiguresRequest = 'marginalia/figures';
export type ConflictKind = 'hard' | 'soft' | 'none';
export interface FigureClaim {
  readonly uri: string;
  readonly range: Range;
  /** The figure as written ("some 3.5 million"). */
  readonly text: string;
  /** The essay's name or title, for display. */
  readonly essay: string;
  /** The source the sentence cites (its note), when it cites one. */
  readonly source?: string;
}
export interface FigureKey {
  /** Claim key: subject + measure + scope. */
  readonly key: string;
  /** For display: "Soviet famine of 1932–33 · deaths · 1932–33". */
  readonly label: string;
  readonly conflict: ConflictKind;
  readonly claims: readonly FigureClaim[];
}
export interface FiguresResult {
  readonly keys: readonly FigureKey[];
}

/** `marginalia/rebuild` → rescans every workspace folder from disk; answers with the new counts. */
export const RebuildRequest = 'marginalia/rebuild';
export type RebuildResult = StatusResult;
