// Feature: hover on a figure. Shows the claim as understood (subject, measure, scope, the
// interval and how it was hedged) and a table of every figure the workspace and the glossary
// give for the same key, with where each stands and what it cites.
import type { Hover, Position } from 'vscode-languageserver-types';
import type { Claim } from '../analysis/claims/claim.js';
import { effectiveInterval } from '../analysis/conflicts.js';
import { referenceFiguresFor, referenceInterval } from '../analysis/referenceMatch.js';
import { spanContains } from '../util/span.js';
import type { ServiceContext } from './context.js';
import { describeKey, fileName, formatInterval, shortSource } from './figureText.js';

/** The claim under the cursor, if any. */
export function claimAt(context: ServiceContext, uri: string, position: Position): Claim | undefined {
  const offset = context.offset(uri, position);
  if (offset === undefined) return undefined;
  return context.index.analysis(uri)?.claims.find((c) => spanContains(c.span, offset));
}

export function getFigureHover(context: ServiceContext, uri: string, position: Position): Hover | undefined {
  const claim = claimAt(context, uri, position);
  if (!claim) return undefined;
  const isDate = claim.quantity.kind === 'date';
  const conflicts = new Map(context.index.claims.conflictsOf(claim).map((c) => [c.other.claim, c.severity]));
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const rows = context.index.claims.claimsFor(claim.key).map(({ uri: at, claim: other }) => {
    const line = (context.location(at, other.span)?.range.start.line ?? 0) + 1;
    const where = other === claim ? `**this figure**` : `[${fileName(at)}:${line}](${at}#L${line})`;
    const mark = other === claim ? '' : conflicts.get(other) === 'hard' ? ' ⚠ conflicts' : conflicts.get(other) === 'soft' ? ' · in tension' : '';
    return `| ${cell(other.quantity.raw)}${mark} | ${formatInterval(effectiveInterval(other.quantity), isDate)} | ${where} | ${cell(shortSource(other.source) ?? '')} |`;
  });
  for (const figure of referenceFiguresFor(claim, context.index.glossary)) {
    rows.push(`| ${cell(figure.text ?? 'reference range')} | ${formatInterval(referenceInterval(claim, figure), isDate)} | glossary reference | ${cell(figure.sources.join('; '))} |`);
  }
  const value = [
    `**${describeKey(claim, context.index.glossary)}**`,
    '',
    `${claim.quantity.raw} → ${formatInterval(effectiveInterval(claim.quantity), isDate)} (${claim.quantity.hedge})${claim.acknowledged ? ' · disagreement acknowledged' : ''}`,
    '',
    '| figure | interval | where | source |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  return { contents: { kind: 'markdown', value }, range: context.location(uri, claim.span)?.range };
}
