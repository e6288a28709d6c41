import type { Quantity } from '../quantity.js';
import type { Span } from '../types.js';

/**
 * A figure or date stated about something: subject + measure + scope + quantity, with the note
 * it cites.
 *
 * For "As many as seven million died in the famine of 1932–33.[^2]", `span` covers "As many as
 * seven million", `subjectId` is `soviet-famine-1932-33`, `measure` is `deaths`, and `source` is
 * the text of footnote 2.
 */
export interface Claim {
  readonly span: Span;
  readonly quantity: Quantity;
  readonly subjectId: string;
  readonly measure: string;
  /** Place scope: the id of a place entity named in the sentence, if any ("in Ukraine"). */
  readonly place?: string;
  /** Year scope for subjects that span many years ("Gulag prisoners in 1950"): `1950` or `1937–1938`. */
  readonly years?: string;
  /** subject | measure | place | years: the identity of "the same figure" across texts. */
  readonly key: string;
  readonly sentence: Span;
  /** The paragraph (block) holding the figure: figures compared within one paragraph never conflict. */
  readonly block: Span;
  /** Label and text of the note the sentence cites. */
  readonly noteLabel?: string;
  readonly source?: string;
  /** True when the figure comes from the text of a note annotating another claim. */
  readonly fromNote: boolean;
  /** True when the writer has acknowledged the disagreement (`<!-- marginalia: acknowledge -->`). */
  readonly acknowledged: boolean;
}

export function claimKey(subjectId: string, measure: string, place: string | undefined, years: string | undefined): string {
  return [subjectId, measure, place ?? '', years ?? ''].join('|');
}
