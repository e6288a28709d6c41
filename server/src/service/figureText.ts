import type { Claim } from '../analysis/claims/claim.js';
import { describeMeasure } from '../analysis/claims/measures.js';
import { formatDay, yearOfDay } from '../analysis/dates.js';
import type { Glossary } from '../analysis/glossary.js';
import type { Interval } from '../analysis/conflicts.js';
import { LruMap } from '../util/lruMap.js';

/** Words shared by conflict messages, figure hovers and the figures view. */

/** "deaths in the Soviet famine of 1932–33 (Ukraine, 1950)"; for dates "the ban (Soviet abortion ban of 1936)". */
export function describeKey(claim: Claim, glossary: Glossary): string {
  const subject = glossary.entities.get(claim.subjectId)?.label ?? claim.subjectId;
  const place = claim.place ? glossary.entities.get(claim.place)?.label ?? claim.place : undefined;
  const scope = [place, claim.years].filter(Boolean).join(', ');
  const scoped = `${subject}${scope ? ` (${scope})` : ''}`;
  if (claim.measure === 'date') return scoped;
  if (claim.measure === 'date:end') return `the end of ${scoped}`;
  if (claim.measure.startsWith('date:')) return `the ${claim.measure.slice(5)} of ${scoped}`;
  return `${describeMeasure(claim.measure)} in ${subject}${scope ? ` (${scope})` : ''}`;
}

/** The last segment of a URI, for messages: `famine.md`. */
export function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** The last few notes shortened: republishing essays after an edit cites the same notes again and again. */
const shortened = new LruMap<string, string>(4096);

/** A note's text, shortened for a message. */
export function shortSource(source: string | undefined): string | undefined {
  if (!source) return undefined;
  let short = shortened.get(source);
  if (short === undefined) {
    const flat = source.replace(/\s+/g, ' ').trim().replace(/[.;,]+$/, '');
    short = flat.length > 90 ? `${flat.slice(0, 87)}…` : flat;
    shortened.set(source, short);
  }
  return short;
}

export function formatInterval(interval: Interval, isDate: boolean): string {
  if (isDate) {
    const lo = Math.round(interval.lo);
    const hi = Math.round(interval.hi);
    if (yearOfDay(lo) === yearOfDay(hi) && formatDay(lo).endsWith(' 1 January ' + yearOfDay(lo))) return String(yearOfDay(lo));
    return lo === hi ? formatDay(lo) : `${formatDay(lo)} – ${formatDay(hi)}`;
  }
  const render = (n: number): string => (Number.isFinite(n) ? formatCount(n) : '∞');
  return interval.lo === interval.hi ? render(interval.lo) : `${render(interval.lo)} – ${render(interval.hi)}`;
}

function formatCount(n: number): string {
  if (n > 0 && n < 1) return `${(n * 100).toFixed(n < 0.1 ? 1 : 0)}%`;
  if (n >= 1_000_000) return `${trim(n / 1_000_000)} million`;
  return Math.round(n).toLocaleString('en-GB');
}

function trim(n: number): string {
  return n.toFixed(2).replace(/\.?0+$/, '');
}
