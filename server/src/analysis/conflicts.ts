import type { Claim } from './claims/claim.js';
import type { Quantity } from './quantity.js';

/**
 * When two figures for the same key disagree. Each figure is an interval with an honest width
 * (rounding, hedges); hard means the intervals are disjoint beyond the tolerance, soft means
 * they barely overlap (less than a quarter of the narrower one). Precision first.
 */
export type ConflictSeverity = 'hard' | 'soft';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/** Share of the narrower interval two figures must share to be in agreement. */
const softOverlap = 0.25;

/**
 * The interval a figure commits its writer to. "As many as seven million" is an upper bound,
 * (0, 7M]: it suggests the top of the range but does not contradict "some 3.5 million", so it
 * is never the ground of a warning (precision first; the figure hover shows both side by side).
 */
export function effectiveInterval(quantity: Quantity): Interval {
  return { lo: quantity.lo, hi: quantity.hi };
}

export function compareIntervals(a: Interval, b: Interval, tolerance: number, isDate: boolean): ConflictSeverity | undefined {
  const [low, high] = a.lo <= b.lo ? [a, b] : [b, a];
  if (low.hi < high.lo) {
    const gap = high.lo - low.hi;
    const relative = isDate ? gap : gap / Math.max(Math.abs(low.hi), 1);
    return relative > (isDate ? 0 : tolerance) ? 'hard' : 'soft';
  }
  const overlap = Math.min(a.hi, b.hi) - Math.max(a.lo, b.lo);
  const narrower = Math.min(a.hi - a.lo, b.hi - b.lo);
  if (!Number.isFinite(narrower) || narrower <= 0) return undefined;
  return overlap / narrower < softOverlap ? 'soft' : undefined;
}

export function compareClaims(a: Claim, b: Claim, tolerance: number): ConflictSeverity | undefined {
  return compareIntervals(effectiveInterval(a.quantity), effectiveInterval(b.quantity), tolerance, a.quantity.kind === 'date');
}

/** True when a claim falls outside the glossary's reference range for its key (disjoint beyond the tolerance). */
export function outsideReference(claim: Claim, reference: Interval, tolerance: number): boolean {
  const interval = effectiveInterval(claim.quantity);
  const slack = claim.quantity.kind === 'date' ? 0 : tolerance;
  return interval.hi < reference.lo * (1 - slack) || interval.lo > reference.hi * (1 + slack);
}
