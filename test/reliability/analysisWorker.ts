/**
 * Runs analyseDocument in a worker thread for the bad-input matrix, so a case that hangs is ended
 * by a timeout instead of hanging the suite (see boundedAnalysis.ts). Not a test file.
 */
import { parentPort } from 'node:worker_threads';
import { analyseDocument } from '../../server/src/analysis/documentAnalysis.js';
import { claimContextFor } from '../../server/src/analysis/claims/extractClaims.js';
import { compileEntityMatcher } from '../../server/src/analysis/entityMatcher.js';
import { buildGlossary, type GlossarySource } from '../../server/src/analysis/glossary.js';
import { splitSentences } from '../../server/src/analysis/sentences.js';
import type { DocumentKind } from '../../server/src/analysis/types.js';
import { summarise, type AnalysisMode } from './summary.js';

let context: Parameters<typeof analyseDocument>[2] | undefined;

parentPort!.on('message', (message: { glossary?: GlossarySource[]; id?: number; text?: string; kind?: DocumentKind; mode?: AnalysisMode }) => {
  if (message.glossary) {
    const glossary = buildGlossary(message.glossary);
    context = { matcher: compileEntityMatcher(glossary), claims: claimContextFor(glossary) };
    return;
  }
  const { id, text, kind, mode } = message as { id: number; text: string; kind: DocumentKind; mode: AnalysisMode };
  try {
    const started = performance.now();
    // `withoutClaims` is how glossary bodies are analysed: models and mentions, no figures.
    const analysis = analyseDocument(text, kind, mode === 'full' ? context! : { matcher: context!.matcher });
    const sentences = mode === 'sentences' ? analysis.model.blocks.reduce((n, block) => n + splitSentences(text, block).length, 0) : undefined;
    const ms = performance.now() - started;
    parentPort!.postMessage({ id, ms, summary: { ...summarise(text, analysis), sentences } });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});

