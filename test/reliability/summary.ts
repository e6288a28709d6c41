import type { DocumentAnalysis } from '../../server/src/analysis/documentAnalysis.js';
import type { Span } from '../../server/src/analysis/types.js';

/** `full`: analyseDocument as for an essay; `withoutClaims`: as for a glossary body; `sentences`: that, plus splitting every block into sentences. */
export type AnalysisMode = 'full' | 'withoutClaims' | 'sentences';

/** What the matrix asserts about one analysis, small enough to post from a worker. */
export interface AnalysisSummary {
  readonly length: number;
  /** Every span (mentions, claims, headings, notes, note refs, links, prose, blocks, problems) that is not inside the text or is reversed. */
  readonly badSpans: readonly string[];
  readonly problems: readonly string[];
  readonly mentionCount: number;
  /** The first and last three mentions as `entity start-end "surface"`. */
  readonly mentions: readonly string[];
  readonly claimCount: number;
  readonly claims: readonly string[];
  readonly headings: number;
  readonly notes: number;
  readonly noteRefs: number;
  /** Sentences in all blocks (mode `sentences` only). */
  readonly sentences?: number;
}

export function summarise(text: string, analysis: DocumentAnalysis): AnalysisSummary {
  const badSpans: string[] = [];
  const check = (what: string, span: Span): void => {
    if (!(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length)) {
      badSpans.push(`${what} ${span.start}-${span.end}`);
    }
  };
  const { model } = analysis;
  model.prose.forEach((s) => check('prose', s));
  model.blocks.forEach((s) => check('block', s));
  model.headings.forEach((h) => check('heading', h.span));
  model.notes.forEach((n) => { check('note', n.span); check('note text', n.textSpan); });
  model.noteRefs.forEach((r) => check('note ref', r.span));
  model.links.forEach((l) => check('link', l.span));
  model.acknowledgements.forEach((s) => check('acknowledgement', s));
  analysis.mentions.forEach((m) => check(`mention ${m.entityId}`, m.span));
  analysis.claims.forEach((c) => { check('claim', c.span); check('claim sentence', c.sentence); });
  analysis.problems.forEach((p) => check(`problem ${p.code}`, p.span));
  const mention = (i: number): string => {
    const m = analysis.mentions[i];
    return `${m.entityId} ${m.span.start}-${m.span.end} ${JSON.stringify(text.slice(m.span.start, m.span.end))}`;
  };
  const n = analysis.mentions.length;
  const shown = n <= 6 ? [...Array(n).keys()] : [0, 1, 2, n - 3, n - 2, n - 1];
  return {
    length: text.length,
    badSpans: badSpans.slice(0, 10),
    problems: analysis.problems.map((p) => `${p.span.start}-${p.span.end} ${p.severity} ${p.code}: ${p.message}`),
    mentionCount: n,
    mentions: shown.map(mention),
    claimCount: analysis.claims.length,
    claims: analysis.claims.slice(0, 5).map((c) => `${c.key} ${c.span.start}-${c.span.end} ${JSON.stringify(c.quantity.raw)}`),
    headings: model.headings.length,
    notes: model.notes.length,
    noteRefs: model.noteRefs.length,
  };
}
