/**
 * A half-open range of UTF-16 offsets into a document's text.
 *
 * For `In 1815 Bonaparte lost` the word `Bonaparte` is `{ start: 8, end: 17 }`.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function spanContains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
