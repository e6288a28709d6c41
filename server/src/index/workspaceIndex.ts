import { claimContextFor } from '../analysis/claims/extractClaims.js';
import { analyseDocument, type DocumentAnalysis } from '../analysis/documentAnalysis.js';
import { ClaimIndex } from './claimIndex.js';
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
  /** Claims by key and their conflicts. */
  readonly claims = new ClaimIndex();
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
    const uris = new Set(files.map((f) => f.uri));
    for (const file of files) for (const uri of this.reanalyse(file.uri)) uris.add(uri);
    return { glossaryChanged: false, uris: [...uris] };
  }

  setFile(file: SourceFile): IndexChange {
    return this.setFiles([file]);
  }

  deleteFile(uri: string): IndexChange {
    const old = this.files.get(uri);
    if (!old) return { glossaryChanged: false, uris: [] };
    this.files.delete(uri);
    const affected = this.forget(uri);
    if (old.role === 'glossary') return this.rebuild();
    return { glossaryChanged: false, uris: [uri, ...affected] };
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
    for (const uri of [...this.analyses.keys()]) this.forget(uri);
    this.mentionsByEntity.clear();
    for (const uri of this.files.keys()) this.reanalyse(uri);
    return { glossaryChanged: true, uris: [...this.files.keys()] };
  }

  /** Changes the conflict tolerance; returns the URIs to republish. */
  setTolerance(tolerance: number): IndexChange {
    return { glossaryChanged: false, uris: [...this.claims.setTolerance(tolerance)] };
  }

  /** Analyses one file and swaps its contributions; returns the other URIs whose conflicts changed. */
  private reanalyse(uri: string): Set<string> {
    const file = this.files.get(uri);
    if (!file) return new Set();
    const old = this.analyses.get(uri);
    this.forgetMentions(uri);
    const claims = file.role === 'essay' ? claimContextFor(this.glossaryState) : undefined;
    const analysis = this.glossaryState.shadowed.has(uri)
      ? analyseDocument('', file.kind, { matcher: this.matcher })
      : analyseDocument(file.text, file.kind, { matcher: this.matcher, claims });
    this.analyses.set(uri, analysis);
    const affected = this.claims.update(uri, old?.claims ?? [], analysis.claims);
    const grouped = new Map<string, Mention[]>();
    for (const mention of analysis.mentions) grouped.set(mention.entityId, [...(grouped.get(mention.entityId) ?? []), mention]);
    for (const [entityId, mentions] of grouped) {
      let byUri = this.mentionsByEntity.get(entityId);
      if (!byUri) this.mentionsByEntity.set(entityId, (byUri = new Map()));
      byUri.set(uri, mentions);
    }
    return affected;
  }

  private forgetMentions(uri: string): void {
    for (const mention of this.analyses.get(uri)?.mentions ?? []) this.mentionsByEntity.get(mention.entityId)?.delete(uri);
  }

  /** Removes a file's contributions; returns the other URIs whose conflicts changed. */
  private forget(uri: string): Set<string> {
    const old = this.analyses.get(uri);
    if (!old) return new Set();
    this.forgetMentions(uri);
    this.analyses.delete(uri);
    return this.claims.update(uri, old.claims, []);
  }
}
