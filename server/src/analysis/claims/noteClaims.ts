import { tokenize } from '../../util/tokens.js';
import { findQuantities } from '../quantity.js';
import type { Claim } from './claim.js';
import { disputeCue } from './disputes.js';
import type { DocumentFacts } from './documentFacts.js';
import { findMeasure } from './measures.js';

/**
 * A note whose own text gives a figure for the claim it annotates ("They give a band of 5.5 to
 * 6.5 million") is a claim on the same key, with the note as its source.
 */
export function noteClaims(facts: DocumentFacts, claims: readonly Claim[]): Claim[] {
  const found: Claim[] = [];
  for (const note of facts.model.notes) {
    const annotated = claims.filter((c) => c.noteLabel === note.label && c.quantity.kind !== 'date');
    if (annotated.length !== 1) continue;
    const base = annotated[0];
    const body = facts.text.slice(note.textSpan.start, note.textSpan.end);
    if (disputeCue.test(body)) continue;
    const tokens = tokenize(facts.text, note.textSpan.start, note.textSpan.end);
    const namesFigure = /\b(figure|estimate|count|total|toll|number|band|range)s?\b/i.test(body);
    const namesOtherEvent = facts.mentions.some((m) => m.span.start >= note.textSpan.start && m.span.end <= note.textSpan.end
      && m.entityId !== base.subjectId && facts.entity(m.entityId)?.type === 'event');
    if (namesOtherEvent) continue;
    for (const quantity of findQuantities(facts.text, note.textSpan.start, note.textSpan.end)) {
      // Volume and page numbers ("Population and Development Review 10") are not figures.
      if (quantity.kind !== base.quantity.kind || quantity.unit === 'currency' || quantity.hi < 100) continue;
      const measure = findMeasure(facts.text, tokens, quantity.start, quantity.end, false);
      if (measure !== base.measure && !(measure === undefined && namesFigure)) continue;
      found.push({ ...base, span: { start: quantity.start, end: quantity.end }, quantity, sentence: note.textSpan, block: note.span, source: body.trim(), fromNote: true });
    }
  }
  return found;
}
