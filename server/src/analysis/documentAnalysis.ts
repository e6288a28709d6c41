import type { Claim } from './claims/claim.js';
import { extractClaims, type ClaimContext } from './claims/extractClaims.js';
import type { EntityMatcher } from './entityMatcher.js';
import { buildMarkdownModel } from './markdownModel.js';
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
}

export interface AnalysisContext {
  readonly matcher: EntityMatcher;
  /** Absent for glossary files, whose bodies are not checked for figures. */
  readonly claims?: ClaimContext;
}

export function documentKindOf(path: string): DocumentKind {
  return /\.(md|markdown)$/i.test(path) ? 'markdown' : 'plaintext';
}

export function analyseDocument(text: string, kind: DocumentKind, context: AnalysisContext): DocumentAnalysis {
  const model = kind === 'markdown' ? buildMarkdownModel(text) : buildPlainTextModel(text);
  const mentions = context.matcher.findMentions(text, model.prose);
  const claims = context.claims ? extractClaims(text, model, mentions, context.claims) : [];
  return { model, mentions, claims, problems: [...model.problems] };
}
