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
  readonly problems: readonly Problem[];
}

export interface AnalysisContext {
  readonly matcher: EntityMatcher;
}

export function documentKindOf(path: string): DocumentKind {
  return /\.(md|markdown)$/i.test(path) ? 'markdown' : 'plaintext';
}

export function analyseDocument(text: string, kind: DocumentKind, context: AnalysisContext): DocumentAnalysis {
  const model = kind === 'markdown' ? buildMarkdownModel(text) : buildPlainTextModel(text);
  const mentions = context.matcher.findMentions(text, model.prose);
  return { model, mentions, problems: [...model.problems] };
}
