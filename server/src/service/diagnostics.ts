// Feature: diagnostics. Glossary files get their format problems; essays get spelling variants
// (information, with a quick fix), possible misspellings of glossary names, unknown capitalised
// names (hint, off by default and capped per document), and figure conflicts.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { documentNameCandidates, type NameCandidate } from '../analysis/nameCandidates.js';
import type { DocumentAnalysis } from '../analysis/documentAnalysis.js';
import type { Glossary } from '../analysis/glossary.js';
import { editDistance } from '../util/editDistance.js';
import { foldWord } from '../util/fold.js';
import type { Problem, Severity, Span } from '../analysis/types.js';
import { conflictFindings } from './conflictFindings.js';
import type { ServiceContext } from './context.js';

export const diagnosticSource = 'marginalia';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const candidateCache = new WeakMap<DocumentAnalysis, { glossary: Glossary; candidates: NameCandidate[] }>();

/**
 * Name candidates are a function of the text (whose analysis this is) and the glossary: found once
 * per analysis, not at every republish an edit in another essay causes.
 */
function nameCandidatesOf(text: string, analysis: DocumentAnalysis, glossary: Glossary): readonly NameCandidate[] {
  if (analysis.nameCandidates) return analysis.nameCandidates;
  const cached = candidateCache.get(analysis);
  if (cached?.glossary === glossary) return cached.candidates;
  const candidates = documentNameCandidates(text, analysis.model, analysis.mentions, glossary);
  candidateCache.set(analysis, { glossary, candidates });
  return candidates;
}

/** A problem as found by analysis, before severity overrides and position conversion. */
export interface Finding extends Problem {
  readonly related?: readonly { readonly uri: string; readonly span: Span; readonly message: string }[];
}

export function getDiagnostics(context: ServiceContext, uri: string, extra: readonly Finding[] = []): Diagnostic[] {
  const findings: Finding[] = [
    ...(context.index.glossary.problems.get(uri) ?? []),
    ...(context.index.analysis(uri)?.problems ?? []),
    ...nameFindings(context, uri),
    ...conflictFindings(context, uri),
    ...extra,
  ];
  return findings.flatMap((finding) => toDiagnostic(context, uri, finding));
}

function toDiagnostic(context: ServiceContext, uri: string, finding: Finding): Diagnostic[] {
  const override = context.settings.severities[finding.code];
  if (override === 'off') return [];
  const range = context.location(uri, finding.span)?.range;
  if (!range) return [];
  const relatedInformation = finding.related?.flatMap((r) => {
    const location = context.location(r.uri, r.span);
    return location ? [{ location, message: r.message }] : [];
  });
  return [{
    range,
    severity: severities[override ?? finding.severity],
    code: finding.code,
    source: diagnosticSource,
    message: finding.message,
    ...(relatedInformation && relatedInformation.length > 0 ? { relatedInformation } : {}),
    ...(finding.data ? { data: finding.data } : {}),
  }];
}

/**
 * A declared variant is off the house spelling, unless the workspace chose it as its house
 * spelling; then the near spellings of it (the usual label, "Zinoviev") are the ones flagged.
 */
function isOffHouseSpelling(alias: string, isVariant: boolean, house: string | undefined): boolean {
  if (house === undefined) return isVariant;
  const a = foldWord(alias);
  const h = foldWord(house);
  return a !== h && (isVariant || editDistance(a, h, 2) <= 2);
}

function nameFindings(context: ServiceContext, uri: string): Finding[] {
  const analysis = context.index.analysis(uri);
  const file = context.index.file(uri);
  // Glossary bodies quote titles and other spellings on purpose ("Souvarine, Staline (1935)").
  if (!analysis || !file || file.role !== 'essay') return [];
  const findings: Finding[] = [];
  for (const mention of analysis.mentions) {
    const entity = context.entity(mention.entityId);
    if (!entity) continue;
    const house = context.settings.houseSpellings[entity.id];
    if (!isOffHouseSpelling(mention.alias, mention.isVariant, house)) continue;
    const canonical = house ?? entity.label;
    findings.push({
      span: mention.span, severity: 'information', code: 'spelling-variant',
      message: `"${file.text.slice(mention.span.start, mention.span.end)}" is a variant spelling; this workspace writes "${canonical}".`,
      data: { replacement: canonical + mention.suffix },
    });
  }
  let unknownCount = 0;
  for (const candidate of nameCandidatesOf(file.text, analysis, context.index.glossary)) {
    if (candidate.suggestion) {
      findings.push({
        span: candidate.span, severity: 'information', code: 'possible-misspelling',
        message: `"${candidate.text}" is not in the glossary; did you mean "${candidate.suggestion.name}"?`,
        data: { replacement: candidate.suggestion.name },
      });
    } else if (candidate.unknown && context.settings.unknownNames && unknownCount < context.settings.unknownNamesLimit) {
      unknownCount++;
      findings.push({
        span: candidate.span, severity: 'hint', code: 'unknown-name',
        message: `"${candidate.text}" is not in the glossary.`,
        data: { name: candidate.text },
      });
    }
  }
  return findings;
}
