import { foldWord } from '../util/fold.js';
import { tokenize } from '../util/tokens.js';
import type { Claim } from './claims/claim.js';
import type { Glossary } from './glossary.js';
import type { ReferenceFigure } from './types.js';

/**
 * The glossary's reference figures for a claim's key: same measure, and a scope that fits the
 * claim's place and years. A reference scoped to a place ("Soviet Ukraine, 1932–33") applies only
 * to claims about that place; one scoped to a single year only to claims about that year.
 */
export function referenceFiguresFor(claim: Claim, glossary: Glossary): ReferenceFigure[] {
  const subject = glossary.entities.get(claim.subjectId);
  if (!subject) return [];
  const placeNames = (id: string): string[] => {
    const place = glossary.entities.get(id);
    return place ? [place.label, ...place.aliases] : [id];
  };
  return subject.figures.filter((figure) => {
    const sameMeasure = figure.measure === claim.measure || (figure.measure === 'killed' && claim.measure === 'deaths')
      || (figure.measure === 'date' && claim.measure.startsWith('date:'));
    if (!sameMeasure) return false;
    const scope = ` ${tokenize(figure.scope ?? '').map((t) => foldWord(t.text)).join(' ')} `;
    const mentions = (name: string): boolean => scope.includes(` ${tokenize(name).map((t) => foldWord(t.text)).join(' ')} `);
    const scopedPlaces = subject.places.filter((p) => placeNames(p).some(mentions));
    if (claim.place ? !placeNames(claim.place).some(mentions) : scopedPlaces.length > 0) return false;
    const years: string[] = (figure.scope ?? '').match(/\b1[89]\d\d\b/g) ?? [];
    if (claim.years) return years.includes(claim.years.slice(0, 4));
    // A subject of a few years (a famine) is named by its years; for a long-lived one (the Gulag)
    // a claim without a year compares only with totals.
    const spread = years.length > 0 ? Number(years[years.length - 1]) - Number(years[0]) : Infinity;
    return claim.measure.startsWith('date:') || isShortLived(subject.dates) || years.length === 0 || spread >= 3;
  });
}

/** A reference share written as a percentage (24) is read as 0.24. */
export function referenceInterval(claim: Claim, figure: ReferenceFigure): { lo: number; hi: number } {
  if (claim.quantity.kind === 'share' && figure.high > 1) return { lo: figure.low / 100, hi: figure.high / 100 };
  return { lo: figure.low, hi: figure.high };
}

function isShortLived(dates: { start?: string; end?: string } | undefined): boolean {
  if (!dates?.start) return false;
  return Number((dates.end ?? dates.start).slice(0, 4)) - Number(dates.start.slice(0, 4)) <= 3;
}
