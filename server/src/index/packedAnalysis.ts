import type { DocumentAnalysis } from '../analysis/documentAnalysis.js';
import type { Mention, Span } from '../analysis/types.js';
import { spanContains } from '../util/span.js';

/**
 * An analysis as the index keeps it: mentions and the model's span lists packed into Int32Arrays
 * (by count, most of an analysis), everything else as it is. A 2,000-essay workspace holds about
 * 660,000 mentions; as objects they take some 70 MB, packed 16 MB. The same form is what worker
 * threads send (typed arrays are copied, not rebuilt object by object) and what the on-disk
 * cache stores. Anything of a shape the packing does not know is kept as it is, so packing
 * never changes an analysis: `unpackAnalysis(packAnalysis(a))` deep-equals `a`.
 */

export interface PackedMentions {
  readonly strings: readonly string[];
  /** Six numbers a mention: entity id, start, end, alias, suffix (indexes into `strings`), variant (0/1). */
  readonly numbers: Int32Array;
}

export interface PackedAnalysis {
  readonly packed: true;
  readonly mentions: PackedMentions;
  /** The model without its span lists. */
  readonly model: Readonly<Record<string, unknown>>;
  /** The model's field names in their original order. */
  readonly order: readonly string[];
  /** The model's span lists as start/end pairs. */
  readonly spans: Readonly<Record<string, Int32Array>>;
  /** Claims, problems, name candidates: the very objects of the analysis (claims keep their identity). */
  readonly rest: Omit<DocumentAnalysis, 'model' | 'mentions'>;
}

export type StoredAnalysis = PackedAnalysis | { readonly packed: false; readonly analysis: DocumentAnalysis };

const spanLists = ['prose', 'blocks', 'acknowledgements'] as const;
const mentionKeys = 'entityId,span,alias,suffix,isVariant';

export function isStoredAnalysis(value: DocumentAnalysis | StoredAnalysis): value is StoredAnalysis {
  return typeof (value as StoredAnalysis).packed === 'boolean';
}

function isPlainSpan(value: unknown): value is Span {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  const { start, end } = value as Span;
  return keys.length === 2 && keys[0] === 'start' && keys[1] === 'end' && Number.isInteger(start) && Number.isInteger(end)
    && Math.abs(start) < 2 ** 31 && Math.abs(end) < 2 ** 31;
}

function isPlainMention(mention: Mention): boolean {
  return Object.keys(mention).join(',') === mentionKeys && isPlainSpan(mention.span) && typeof mention.isVariant === 'boolean'
    && typeof mention.entityId === 'string' && typeof mention.alias === 'string' && typeof mention.suffix === 'string';
}

export function packAnalysis(analysis: DocumentAnalysis): StoredAnalysis {
  const { model, mentions, ...rest } = analysis;
  const fields = model as unknown as Record<string, unknown>;
  const lists = spanLists.map((name) => fields[name]);
  if (!mentions.every(isPlainMention) || !lists.every((list) => Array.isArray(list) && list.every(isPlainSpan))) return { packed: false, analysis };
  const spans: Record<string, Int32Array> = {};
  spanLists.forEach((name, i) => {
    const list = lists[i] as Span[];
    const numbers = new Int32Array(list.length * 2);
    for (let k = 0; k < list.length; k++) {
      numbers[2 * k] = list[k].start;
      numbers[2 * k + 1] = list[k].end;
    }
    spans[name] = numbers;
  });
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (s: string): number => {
    let n = ids.get(s);
    if (n === undefined) {
      ids.set(s, (n = strings.length));
      strings.push(s);
    }
    return n;
  };
  const numbers = new Int32Array(mentions.length * 6);
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k];
    const at = 6 * k;
    numbers[at] = id(m.entityId);
    numbers[at + 1] = m.span.start;
    numbers[at + 2] = m.span.end;
    numbers[at + 3] = id(m.alias);
    numbers[at + 4] = id(m.suffix);
    numbers[at + 5] = m.isVariant ? 1 : 0;
  }
  const other = Object.fromEntries(Object.entries(fields).filter(([name]) => !(spanLists as readonly string[]).includes(name)));
  return { packed: true, mentions: { strings, numbers }, model: other, order: Object.keys(fields), spans, rest };
}

function mentionAt(packed: PackedMentions, k: number): Mention {
  const { strings, numbers } = packed;
  const at = 6 * k;
  return {
    entityId: strings[numbers[at]], span: { start: numbers[at + 1], end: numbers[at + 2] },
    alias: strings[numbers[at + 3]], suffix: strings[numbers[at + 4]], isVariant: numbers[at + 5] === 1,
  };
}

export function unpackAnalysis(stored: StoredAnalysis): DocumentAnalysis {
  if (!stored.packed) return stored.analysis;
  const count = stored.mentions.numbers.length / 6;
  const mentions: Mention[] = new Array(count);
  for (let k = 0; k < count; k++) mentions[k] = mentionAt(stored.mentions, k);
  const model: Record<string, unknown> = {};
  for (const name of stored.order) {
    const packed = stored.spans[name];
    if (!packed) {
      model[name] = stored.model[name];
      continue;
    }
    const list: Span[] = new Array(packed.length / 2);
    for (let k = 0; k < list.length; k++) list[k] = { start: packed[2 * k], end: packed[2 * k + 1] };
    model[name] = list;
  }
  return { model: model as unknown as DocumentAnalysis['model'], mentions, ...stored.rest };
}

/** The first mention whose span holds the offset (ends included), read without unpacking the rest. */
export function mentionAtOffset(stored: StoredAnalysis, offset: number): Mention | undefined {
  if (!stored.packed) return stored.analysis.mentions.find((m) => spanContains(m.span, offset));
  const { numbers } = stored.mentions;
  for (let at = 0; at < numbers.length; at += 6) {
    if (offset >= numbers[at + 1] && offset <= numbers[at + 2]) return mentionAt(stored.mentions, at / 6);
  }
  return undefined;
}

/** How many mentions of each entity the analysis holds. */
export function mentionCounts(stored: StoredAnalysis): Map<string, number> {
  const counts = new Map<string, number>();
  if (!stored.packed) {
    for (const m of stored.analysis.mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    return counts;
  }
  const { strings, numbers } = stored.mentions;
  for (let at = 0; at < numbers.length; at += 6) {
    const entityId = strings[numbers[at]];
    counts.set(entityId, (counts.get(entityId) ?? 0) + 1);
  }
  return counts;
}

/** The mentions of one entity, in the analysis's order. */
export function mentionsOfEntity(stored: StoredAnalysis, entityId: string): Mention[] {
  if (!stored.packed) return stored.analysis.mentions.filter((m) => m.entityId === entityId);
  const index = stored.mentions.strings.indexOf(entityId);
  const found: Mention[] = [];
  if (index < 0) return found;
  const { numbers } = stored.mentions;
  for (let at = 0; at < numbers.length; at += 6) if (numbers[at] === index) found.push(mentionAt(stored.mentions, at / 6));
  return found;
}

export function claimsOf(stored: StoredAnalysis): DocumentAnalysis['claims'] {
  return stored.packed ? stored.rest.claims : stored.analysis.claims;
}
