import { claimContextFor } from '../analysis/claims/extractClaims.js';
import { analyseDocument, type DocumentAnalysis, type EditReuse } from '../analysis/documentAnalysis.js';
import { ClaimIndex, type ClaimChange } from './claimIndex.js';
import { claimsOf, isStoredAnalysis, mentionAtOffset, mentionCounts, mentionsOfEntity, packAnalysis, unpackAnalysis, type StoredAnalysis } from './packedAnalysis.js';
import { spanContains } from '../util/span.js';
import { compileEntityMatcher, type EntityMatcher } from '../analysis/entityMatcher.js';
import { buildGlossary, type Glossary, type GlossarySource } from '../analysis/glossary.js';
import { MarkdownPieceCache } from '../analysis/markdownIncremental.js';
import { ProseMentionCache } from '../analysis/proseMentions.js';
import { documentNameCandidates } from '../analysis/nameCandidates.js';
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

/** The inputs of one file's analysis besides the glossary; what a cache entry or a worker job is keyed by. */
export interface AnalysisInput {
  readonly text: string;
  readonly kind: DocumentKind;
  readonly role: 'essay' | 'glossary';
  /** A bundled entry replaced by a workspace entry with the same id: analysed as empty. */
  readonly shadowed: boolean;
}

/** An analysis computed outside the index (worker threads, the on-disk cache), with what it was computed from. */
export interface PreparedAnalysis extends AnalysisInput {
  readonly analysis: DocumentAnalysis | StoredAnalysis;
}

/**
 * Work done ahead of `setFiles`: the glossary built from some glossary sources, and analyses of
 * files under that glossary. The index uses each piece only when it matches its own inputs
 * exactly, so the result is the same as without it.
 */
export interface PreparedAnalyses {
  readonly glossary: Glossary;
  /** What `glossary` was built from. */
  readonly glossarySources: readonly GlossarySource[];
  /** By URI. */
  readonly analyses: ReadonlyMap<string, PreparedAnalysis>;
}

const matchers = new WeakMap<Glossary, EntityMatcher>();

/** The compiled matcher of a glossary, built once per glossary. */
export function matcherFor(glossary: Glossary): EntityMatcher {
  let matcher = matchers.get(glossary);
  if (!matcher) matchers.set(glossary, (matcher = compileEntityMatcher(glossary)));
  return matcher;
}

/**
 * The analysis of one index input under a glossary: the one definition the index, the worker
 * threads and the cache all use. Essays get claims; glossary bodies only mentions.
 */
export function analyseInput(input: AnalysisInput, glossary: Glossary, reuse?: EditReuse): DocumentAnalysis {
  const matcher = matcherFor(glossary);
  if (input.shadowed) return analyseDocument('', input.kind, { matcher });
  if (input.role !== 'essay') return analyseDocument(input.text, input.kind, { matcher, reuse });
  const analysis = analyseDocument(input.text, input.kind, { matcher, claims: claimContextFor(glossary), reuse });
  return { ...analysis, nameCandidates: documentNameCandidates(input.text, analysis.model, analysis.mentions, glossary) };
}

/** Glossary sources in a canonical order (by URI), so two lists can be compared. */
export function glossarySourcesOf(files: Iterable<SourceFile>): GlossarySource[] {
  return [...files].filter((f) => f.role === 'glossary')
    .map((f) => ({ uri: f.uri, text: f.text, bundled: f.bundled ?? false }))
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

export function sameGlossarySources(a: readonly GlossarySource[], b: readonly GlossarySource[]): boolean {
  return a.length === b.length && a.every((s, i) => s.uri === b[i].uri && s.bundled === b[i].bundled && s.text === b[i].text);
}

/** What an update touched, so the server knows which diagnostics to republish. */
export interface IndexChange {
  readonly glossaryChanged: boolean;
  readonly uris: readonly string[];
  /**
   * Other files whose diagnostics are the same except for where the updated files' figures now
   * stand (their related locations): worth republishing once typing pauses, not at every keystroke.
   */
  readonly moved?: readonly string[];
}

/** Analyses kept unpacked, most recently used first out: the open essays and whatever requests touch. */
const liveAnalyses = 64;

export class WorkspaceIndex {
  private readonly files = new Map<string, SourceFile>();
  /** Every file's analysis, packed (see packedAnalysis.ts). */
  private readonly stored = new Map<string, StoredAnalysis>();
  /** Unpacked analyses, in least recently used order. */
  private readonly live = new Map<string, DocumentAnalysis>();
  /** Parsed pieces and prose mentions of recently edited files (a few essays' worth). */
  private readonly editReuse: EditReuse = { markdownPieces: new MarkdownPieceCache(), proseMentions: new ProseMentionCache() };
  /** Entity → file → number of mentions in it. */
  private readonly mentionsByEntity = new Map<string, Map<string, number>>();
  /** Claims by key and their conflicts. */
  readonly claims = new ClaimIndex();
  private glossaryState: Glossary = buildGlossary([]);
  private sourcesState: readonly GlossarySource[] = [];
  /** Set only during a `setFiles` call that brought prepared work. */
  private prepared: PreparedAnalyses | undefined;

  /** `liveAnalyses`: how many unpacked analyses to keep at hand (64). */
  constructor(private readonly options: { readonly liveAnalyses?: number } = {}) {}

  get glossary(): Glossary {
    return this.glossaryState;
  }

  /** The glossary files the current glossary was built from, in URI order. */
  get glossarySources(): readonly GlossarySource[] {
    return this.sourcesState;
  }

  /**
   * Adds or replaces many files at once (the initial scan): one glossary build, one analysis each.
   * `prepared` may carry the glossary and analyses computed elsewhere for these inputs; `removed`
   * are files that left the workspace, taken out first (a rescan), with at most one rebuild.
   */
  setFiles(files: readonly SourceFile[], prepared?: PreparedAnalyses, removed: readonly string[] = []): IndexChange {
    this.prepared = prepared;
    try {
      let glossaryChanged = false;
      const gone: string[] = [];
      const kept = new Set(files.map((f) => f.uri));
      for (const uri of removed) {
        const old = this.files.get(uri);
        if (!old || kept.has(uri)) continue;
        this.files.delete(uri);
        glossaryChanged ||= old.role === 'glossary';
        gone.push(uri, ...this.forget(uri));
      }
      for (const file of files) {
        const old = this.files.get(file.uri);
        if (old?.text === file.text && old.role === file.role) continue;
        glossaryChanged ||= file.role === 'glossary' || old?.role === 'glossary';
        this.files.set(file.uri, file);
      }
      if (glossaryChanged) return this.rebuild();
      const uris = new Set(kept);
      const moved = new Set<string>();
      for (const uri of gone) uris.add(uri);
      for (const file of files) {
        const change = this.reanalyse(file.uri);
        for (const uri of change.changed) uris.add(uri);
        for (const uri of change.moved) moved.add(uri);
      }
      for (const uri of uris) moved.delete(uri);
      return { glossaryChanged: false, uris: [...uris], moved: [...moved] };
    } finally {
      this.prepared = undefined;
    }
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

  /**
   * A file's analysis. The same object while it stays among the recently used; after that an
   * equal one (its claims, problems and name candidates are always the same objects).
   */
  analysis(uri: string): DocumentAnalysis | undefined {
    const live = this.live.get(uri);
    if (live) {
      this.live.delete(uri);
      this.live.set(uri, live);
      return live;
    }
    const stored = this.stored.get(uri);
    return stored ? this.keepLive(uri, unpackAnalysis(stored)) : undefined;
  }

  /**
   * The mention at an offset (`spanContains`), without unpacking a file's analysis when it is not
   * among the recently used: a hover over one of 2,000 essays should not rebuild its every mention.
   */
  mentionAt(uri: string, offset: number): Mention | undefined {
    const live = this.live.get(uri);
    if (live) return live.mentions.find((m) => spanContains(m.span, offset));
    const stored = this.stored.get(uri);
    return stored ? mentionAtOffset(stored, offset) : undefined;
  }

  /** A file's analysis as the index stores it (for the cache and for rescans). */
  storedAnalysis(uri: string): StoredAnalysis | undefined {
    return this.stored.get(uri);
  }

  /** The inputs the index analyses a file with under its current glossary. */
  inputOf(file: SourceFile): AnalysisInput {
    return { text: file.text, kind: file.kind, role: file.role, shadowed: this.glossaryState.shadowed.has(file.uri) };
  }

  /** Every mention of an entity, across essays and glossary bodies, in URI then offset order. */
  mentionsOf(entityId: string): MentionLocation[] {
    const byUri = this.mentionsByEntity.get(entityId);
    if (!byUri) return [];
    const found: MentionLocation[] = [];
    for (const uri of [...byUri.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const live = this.live.get(uri);
      const mentions = live ? live.mentions.filter((m) => m.entityId === entityId) : mentionsOfEntity(this.stored.get(uri)!, entityId);
      for (const mention of mentions) found.push({ uri, mention });
    }
    return found;
  }

  /** Number of mentions of an entity across essays and glossary bodies. */
  mentionCountOf(entityId: string): number {
    let count = 0;
    for (const n of this.mentionsByEntity.get(entityId)?.values() ?? []) count += n;
    return count;
  }

  /** Number of distinct essays (not glossary files) that mention an entity. */
  essayCountOf(entityId: string): number {
    const byUri = this.mentionsByEntity.get(entityId);
    if (!byUri) return 0;
    let count = 0;
    for (const uri of byUri.keys()) if (this.files.get(uri)?.role === 'essay') count++;
    return count;
  }

  /** Recomputes everything from the inputs; also the reference the incremental path is tested against. */
  rebuild(): IndexChange {
    const sources = glossarySourcesOf(this.files.values());
    const prepared = this.prepared;
    this.glossaryState = prepared && sameGlossarySources(prepared.glossarySources, sources) ? prepared.glossary : buildGlossary(sources);
    this.sourcesState = sources;
    this.stored.clear();
    this.live.clear();
    this.mentionsByEntity.clear();
    for (const file of this.files.values()) {
      const stored = this.analyse(file);
      this.stored.set(file.uri, stored);
      this.addMentions(file.uri, stored);
    }
    this.claims.reset([...this.stored].map(([uri, stored]) => [uri, claimsOf(stored)] as const));
    return { glossaryChanged: true, uris: [...this.files.keys()] };
  }

  /** Changes the conflict tolerance; returns the URIs to republish. */
  setTolerance(tolerance: number): IndexChange {
    return { glossaryChanged: false, uris: [...this.claims.setTolerance(tolerance)] };
  }

  private keepLive(uri: string, analysis: DocumentAnalysis): DocumentAnalysis {
    this.live.set(uri, analysis);
    if (this.live.size > (this.options.liveAnalyses ?? liveAnalyses)) this.live.delete(this.live.keys().next().value!);
    return analysis;
  }

  /**
   * A prepared analysis when it was computed from exactly this file's inputs and glossary, else a
   * fresh one; `reuse` for an edit, so only what it touched is parsed and matched again.
   */
  private analyse(file: SourceFile, reuse?: EditReuse): StoredAnalysis {
    const input = this.inputOf(file);
    const ready = this.prepared?.glossary === this.glossaryState ? this.prepared.analyses.get(file.uri) : undefined;
    if (ready && ready.text === input.text && ready.kind === input.kind && ready.role === input.role && ready.shadowed === input.shadowed) {
      return isStoredAnalysis(ready.analysis) ? ready.analysis : packAnalysis(ready.analysis);
    }
    const analysis = analyseInput(input, this.glossaryState, reuse);
    this.keepLive(file.uri, analysis);
    return packAnalysis(analysis);
  }

  /** Analyses one file and swaps its contributions; returns the other URIs whose conflicts changed or moved. */
  private reanalyse(uri: string): ClaimChange {
    const file = this.files.get(uri);
    if (!file) return { changed: new Set(), moved: new Set() };
    const old = this.stored.get(uri);
    this.forgetMentions(uri);
    this.live.delete(uri);
    const stored = this.analyse(file, this.editReuse);
    this.stored.set(uri, stored);
    const change = this.claims.updateWithMoves(uri, old ? claimsOf(old) : [], claimsOf(stored));
    this.addMentions(uri, stored);
    return change;
  }

  private addMentions(uri: string, stored: StoredAnalysis): void {
    for (const [entityId, count] of mentionCounts(stored)) {
      let byUri = this.mentionsByEntity.get(entityId);
      if (!byUri) this.mentionsByEntity.set(entityId, (byUri = new Map()));
      byUri.set(uri, count);
    }
  }

  private forgetMentions(uri: string): void {
    const old = this.stored.get(uri);
    if (!old) return;
    for (const entityId of mentionCounts(old).keys()) {
      const byUri = this.mentionsByEntity.get(entityId);
      byUri?.delete(uri);
      if (byUri?.size === 0) this.mentionsByEntity.delete(entityId);
    }
  }

  /** Removes a file's contributions; returns the other URIs whose conflicts changed. */
  private forget(uri: string): Set<string> {
    const old = this.stored.get(uri);
    if (!old) return new Set();
    this.forgetMentions(uri);
    this.stored.delete(uri);
    this.live.delete(uri);
    return this.claims.update(uri, claimsOf(old), []);
  }
}
