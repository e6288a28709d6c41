import type { Claim } from './claims/claim.js';
import { extractClaims, type ClaimContext } from './claims/extractClaims.js';
import type { EntityMatcher } from './entityMatcher.js';
import type { NameCandidate } from './nameCandidates.js';
import { buildMarkdownModel } from './markdownModel.js';
import type { MarkdownPieceCache } from './markdownIncremental.js';
import type { ProseMentionCache } from './proseMentions.js';
import { buildPlainTextModel } from './plainTextModel.js';
import type { DocumentKind, DocumentModel, Mention, Problem } from './types.js';

/**
 * Everything analysis knows about one document: a pure function of (text, kind, glossary).
 */
export interface DocumentAnalysis {
  readonly model: DocumentModel;
  readonly mentions: readonly Mention[];
  /** Figures and dates stated about glossary entities (essays only). */
  readonly claims: readonly Claim[];
  readonly problems: readonly Problem[];
  /**
   * Capitalised names the glossary lacks or may misspell (essays only). Filled by the index,
   * which analyses in worker threads and caches on disk; the service finds them when absent.
   */
  readonly nameCandidates?: readonly NameCandidate[];
}

export interface AnalysisContext {
  readonly matcher: EntityMatcher;
  /** Absent for glossary files, whose bodies are not checked for figures. */
  readonly claims?: ClaimContext;
  /** What earlier analyses found, to reuse: given when the text is an edit of one analysed recently. */
  readonly reuse?: EditReuse;
}

/** Caches that make re-analysing an edited document cost about what the edit touched. */
export interface EditReuse {
  readonly markdownPieces: MarkdownPieceCache;
  readonly proseMentions: ProseMentionCache;
}

export function documentKindOf(path: string): DocumentKind {
  return /\.(md|markdown)$/i.test(path) ? 'markdown' : 'plaintext';
}

/**
 * Documents longer than this (in UTF-16 code units, the same figure as the file reader's 5 MB) are
 * not analysed: the reader skips such files, and an editor can still open one and send it. Every
 * step below is linear or close to it, so this bounds the time of one analysis.
 */
export const maxAnalysedLength = 5 * 1024 * 1024;

export function analyseDocument(text: string, kind: DocumentKind, context: AnalysisContext): DocumentAnalysis {
  if (text.length > maxAnalysedLength) return tooLarge(text, kind);
  const reuse = context.reuse;
  const model = kind === 'markdown' ? buildMarkdownModel(text, reuse && ((t) => reuse.markdownPieces.structureOf(t))) : buildPlainTextModel(text);
  const mentions = reuse ? reuse.proseMentions.findMentions(context.matcher, text, model.prose) : context.matcher.findMentions(text, model.prose);
  const claims = context.claims ? extractClaims(text, model, mentions, context.claims) : [];
  return { model, mentions, claims, problems: [...model.problems] };
}

function tooLarge(text: string, kind: DocumentKind): DocumentAnalysis {
  const problem: Problem = {
    span: { start: 0, end: 0 }, severity: 'warning', code: 'document-too-large',
    message: `This document has ${text.length.toLocaleString('en-GB')} characters, over Marginalia's limit of ${maxAnalysedLength.toLocaleString('en-GB')}; it is not analysed.`,
  };
  const model: DocumentModel = { kind, prose: [], blocks: [], headings: [], noteRefs: [], notes: [], links: [], acknowledgements: [], problems: [problem] };
  return { model, mentions: [], claims: [], problems: [problem] };
}
