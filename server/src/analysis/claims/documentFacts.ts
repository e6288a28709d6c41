import type { DocumentModel, Entity, Mention } from '../types.js';
import type { ClaimContext } from './claimContext.js';

/** What every claim rule reads about the document being analysed. */
export interface DocumentFacts {
  readonly text: string;
  readonly model: DocumentModel;
  readonly mentions: readonly Mention[];
  readonly context: ClaimContext;
  readonly entity: (id: string) => Entity | undefined;
}
