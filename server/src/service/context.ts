import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Position } from 'vscode-languageserver-types';
import type { Entity, Mention, Span } from '../analysis/types.js';
import type { SourceFile, WorkspaceIndex } from '../index/workspaceIndex.js';
import { spanContains } from '../util/span.js';
import { offsetAt, spanToRange } from '../util/positions.js';
import type { ServiceSettings } from './settings.js';

/** What every feature needs: the index, the settings, and offset ↔ position conversion. */
export class ServiceContext {
  private readonly documents = new WeakMap<SourceFile, TextDocument>();

  constructor(
    readonly index: WorkspaceIndex,
    public settings: ServiceSettings,
  ) {}

  document(uri: string): TextDocument | undefined {
    const file = this.index.file(uri);
    if (!file) return undefined;
    let document = this.documents.get(file);
    if (!document) {
      document = TextDocument.create(uri, file.kind === 'markdown' ? 'markdown' : 'plaintext', 0, file.text);
      this.documents.set(file, document);
    }
    return document;
  }

  offset(uri: string, position: Position): number | undefined {
    const document = this.document(uri);
    return document ? offsetAt(document, position) : undefined;
  }

  location(uri: string, span: Span): Location | undefined {
    const document = this.document(uri);
    return document ? { uri, range: spanToRange(document, span) } : undefined;
  }

  entity(id: string): Entity | undefined {
    return this.index.glossary.entities.get(id);
  }

  /** The mention under the cursor, if any. */
  mentionAt(uri: string, position: Position): Mention | undefined {
    const offset = this.offset(uri, position);
    if (offset === undefined) return undefined;
    return this.index.mentionAt(uri, offset);
  }

  /** The entity whose glossary entry is open, when the cursor is on its label or an alias. */
  entryAt(uri: string, position: Position): Entity | undefined {
    const offset = this.offset(uri, position);
    if (offset === undefined) return undefined;
    for (const entity of this.index.glossary.entities.values()) {
      if (entity.uri === uri && Object.values(entity.aliasSpans).some((span) => spanContains(span, offset))) return entity;
    }
    return undefined;
  }

  /** The entity under the cursor: a mention in any file, or a label/alias in its own entry. */
  entityAt(uri: string, position: Position): Entity | undefined {
    const mention = this.mentionAt(uri, position);
    return mention ? this.entity(mention.entityId) : this.entryAt(uri, position);
  }
}
