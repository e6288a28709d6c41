import { analyseDocument, type DocumentAnalysis } from '../analysis/documentAnalysis.js';
import { compileEntityMatcher, type EntityMatcher } from '../analysis/entityMatcher.js';
import { buildGlossary, type Glossary, type GlossarySource } from '../analysis/glossary.js';
import type { DocumentKind, Mention } from '../analysis/types.js';

/**
 * Workspace-wide derived state, updated by difference: an edit re-analyses one file, removes
 * its old contributions from the entity → mentions map and adds the new ones. A glossary
 * change is the rare rebuild-everything path.
 */

/** One input file: an essay or a glossary entry, from an open editor or from disk. */
export interface SourceFile {
  readonly uri: string;
  readonly text: string;
  readonly kind: DocumentKind;
  readonly role: 'essay' | 'glossary';
  /** Glossary files of the bundled glossary, which workspace entries override. */
  readonly bundled?: boolean;
}

export interface MentionLocation {
  readonly uri: string;
  readonly mention: Mention;
}

/** What an update touched, so the server knows which diagnostics to republish. */
export interface IndexChange {
  readonly glossaryChanged: boolean;
  readonly uris: readonly string[];
}

export class WorkspaceIndex {
  private readonly files = new Map<string, SourceFile>();
  private readonly analyses = new Map<string, DocumentAnalysis>();
  private readonly mentionsByEntity = new Map<string, Map<string, readonly Mention[]>>();
  private glossaryState: Glossary = buildGlossary([]);
  private matcher: EntityMatcher = compileEntityMatcher(this.glossaryState);

  get glossary(): Glossary {
    return this.glossaryState;
  }

  /** Adds or replaces many files at once (the initial scan): one glossary build, one analysis each. */
  setFiles(files: readonly SourceFile[]): IndexChange {
    let glossaryChanged = false;
    for (const file of files) {
      const old = this.files.get(file.uri);
      if (old?.text === file.text && old.role === file.role) continue;
      glossaryChanged ||= file.role === 'glossary' || old?.role === 'glossary';
      this.files.set(file.uri, file);
    }
    if (glossaryChanged) return this.rebuild();
    for (const file of files) this.reanalyse(file.uri);
    return { glossaryChanged: false, uris: files.map((f) => f.uri) };
  }

  setFile(file: SourceFile): IndexChange {
    return this.setFiles([file]);
  }

  deleteFile(uri: string): IndexChange {
    const old = this.files.get(uri);
    if (!old) return { glossaryChanged: false, uris: [] };
    this.files.delete(uri);
    this.forget(uri);
    if (old.role === 'glossary') return this.rebuild();
    return { glossaryChanged: false, uris: [uri] };
  }

  file(uri: string): SourceFile | undefined {
    return this.files.get(uri);
  }

  allFiles(): IterableIterator<SourceFile> {
    return this.files.values();
  }

  analysis(uri: string): DocumentAnalysis | undefined {
    return this.analyses.get(uri);
  }

  /** Every mention of an entity, across essays and glossary bodies, in URI then offset order. */
  mentionsOf(entityId: string): MentionLocation[] {
    const byUri = this.mentionsByEntity.get(entityId);
    if (!byUri) return [];
    return [...byUri.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([uri, mentions]) => mentions.map((mention) => ({ uri, mention })));
  }

  /** Number of distinct essays (not glossary files) that mention an entity. */
  essayCountOf(entityId: string): number {
    const byUri = this.mentionsByEntity.get(entityId);
    return byUri ? [...byUri.keys()].filter((uri) => this.files.get(uri)?.role === 'essay').length : 0;
  }

  /** Recomputes everything from the inputs; also the reference the incremental path is tested against. */
  rebuild(): IndexChange {
    const sources: GlossarySource[] = [...this.files.values()]
      .filter((f) => f.role === 'glossary')
      .map((f) => ({ uri: f.uri, text: f.text, bundled: f.bundled ?? false }));
    this.glossaryState = buildGlossary(sources);
    this.matcher = compileEntityMatcher(this.glossaryState);
    this.analyses.clear();
    this.mentionsByEntity.clear();
    for (const uri of this.files.keys()) this.reanalyse(uri);
    return { glossaryChanged: true, uris: [...this.files.keys()] };
  }

  private reanalyse(uri: string): void {
    const file = this.files.get(uri);
    if (!file) return;
    this.forget(uri);
    const analysis = this.glossaryState.shadowed.has(uri)
      ? analyseDocument('', file.kind, { matcher: this.matcher })
      : analyseDocument(file.text, file.kind, { matcher: this.matcher });
    this.analyses.set(uri, analysis);
    const grouped = new Map<string, Mention[]>();
    for (const mention of analysis.mentions) grouped.set(mention.entityId, [...(grouped.get(mention.entityId) ?? []), mention]);
    for (const [entityId, mentions] of grouped) {
      let byUri = this.mentionsByEntity.get(entityId);
      if (!byUri) this.mentionsByEntity.set(entityId, (byUri = new Map()));
      byUri.set(uri, mentions);
    }
  }

  private forget(uri: string): void {
    const old = this.analyses.get(uri);
    if (!old) return;
    for (const mention of old.mentions) this.mentionsByEntity.get(mention.entityId)?.delete(uri);
    this.analyses.delete(uri);
  }
}
