/** How a figure was qualified in the text. */
export type Hedge = 'exact' | 'approx' | 'upper' | 'lower' | 'range' | 'vague';

export type QuantityKind = 'count' | 'share' | 'date';

/**
 * A figure or a date found in a text, as an interval with an honest width.
 *
 * For "as many as seven million" this is
 * `{ kind: 'count', lo: 0, hi: 7_000_000, hedge: 'upper', raw: 'as many as seven million',
 *    value: 7_000_000, qualifier: 'as many as' }`.
 */
export interface Quantity {
  kind: QuantityKind;
  /** count: the number; share: 0..1; date: UTC days since 1970-01-01 of the first and of the last day covered */
  lo: number;
  /** may be Infinity for lower bounds of counts ("at least 3 million"); shares cap at 1 */
  hi: number;
  hedge: Hedge;
  /** offsets into the scanned text of the whole figure phrase, hedge words included: "as many as seven million" */
  start: number;
  end: number;
  /** text.slice(start, end) */
  raw: string;
  /** dates only: 'day' | 'month' | 'season' | 'year' | 'years' | 'decade' */
  precision?: string;
  /** 'currency' for sums of money ("$5 million", "£3m", "5 million roubles"); 'percent' for "90%", "90 per cent" */
  unit?: 'currency' | 'percent';
  /** with unit 'currency': the currency, as an ISO-like code ('USD', 'GBP', 'EUR', 'RUB', …) or the word as written */
  currency?: string;
  /** counts and shares: the figure as stated, before rounding width and hedges ("about 2 million" → 2000000) */
  value?: number;
  /** the hedge words as written, lower-cased and with single spaces ("as many as", "about", "or more") */
  qualifier?: string;
}
