import { editDistance } from '../util/editDistance.js';
import { foldWord, startsUpper } from '../util/fold.js';
import { tokenize, type WordToken } from '../util/tokens.js';
import type { Glossary } from './glossary.js';
import type { DocumentModel, Mention, Span } from './types.js';

/**
 * Capitalised names the glossary does not know. Two uses: a hint that offers to add the name
 * to the glossary, and a spelling suggestion when the name sits one small edit away from a
 * glossary name ("Moshe Levin" → "Moshe Lewin", "Ernst Mandel" → "Ernest Mandel").
 * Precision first: one differing word, at least five letters long, at most one edit (two for
 * long words); short names never match ("Mao" is not "Marx").
 */

export interface NameCandidate {
  readonly span: Span;
  readonly text: string;
  /** Set when the name looks like a misspelling of a glossary name. */
  readonly suggestion?: { readonly entityId: string; readonly name: string };
  /** True when no mention overlaps: a candidate for the glossary. */
  readonly unknown: boolean;
}

export interface NameIndex {
  /** Multi-word names keyed by their folded words with one word replaced by `*`. */
  readonly byWildcard: ReadonlyMap<string, { entityId: string; name: string; word: string }[]>;
  /** Single-word names keyed by first letter. */
  readonly singles: ReadonlyMap<string, { entityId: string; name: string; word: string }[]>;
  /** Every folded name, to recognise exact matches. */
  readonly known: ReadonlySet<string>;
}

const leadingFunctionWords = new Set(['the', 'a', 'an', 'in', 'on', 'at', 'by', 'for', 'from', 'of', 'to', 'and', 'but', 'or', 'as', 'if',
  'when', 'while', 'after', 'before', 'since', 'during', 'under', 'with', 'without', 'this', 'that', 'these', 'those', 'his', 'her',
  'their', 'its', 'our', 'my', 'it', 'he', 'she', 'they', 'we', 'i', 'yet', 'so', 'then', 'there', 'here', 'what', 'why', 'how', 'who',
  'all', 'both', 'even', 'only', 'not', 'no', 'neither', 'nor', 'once', 'until', 'although', 'though', 'because', 'where', 'whether']);
/** "Bolshevism", "Stalinist", "Leninists" are words of their own, never misspellings of a name. */
const derivedWord = /(ism|ist|ists|ite|ites|ian|ians|s)$/;
const nameGap = /^[ \t]$|^[ \t]?(?:\.|-)[ \t]?$/;

export function buildNameIndex(glossary: Glossary): NameIndex {
  const byWildcard = new Map<string, { entityId: string; name: string; word: string }[]>();
  const singles = new Map<string, { entityId: string; name: string; word: string }[]>();
  const known = new Set<string>();
  for (const entity of glossary.entities.values()) {
    for (const name of [entity.label, ...entity.aliases, ...entity.variants]) {
      const words = tokenize(name).map((t) => foldWord(t.text));
      known.add(words.join(' '));
      if (words.length === 1) {
        const list = singles.get(words[0][0]) ?? [];
        list.push({ entityId: entity.id, name: entity.label, word: words[0] });
        singles.set(words[0][0], list);
        continue;
      }
      words.forEach((word, i) => {
        const key = words.map((w, j) => (j === i ? '*' : w)).join(' ');
        const list = byWildcard.get(key) ?? [];
        list.push({ entityId: entity.id, name: entity.label, word });
        byWildcard.set(key, list);
      });
    }
  }
  return { byWildcard, singles, known };
}

const nameIndexes = new WeakMap<Glossary, NameIndex>();

/** The name index of a glossary, built once per glossary. */
export function nameIndexFor(glossary: Glossary): NameIndex {
  let names = nameIndexes.get(glossary);
  if (!names) nameIndexes.set(glossary, (names = buildNameIndex(glossary)));
  return names;
}

/** The name candidates of one analysed document: the one call diagnostics and the index share. */
export function documentNameCandidates(text: string, model: DocumentModel, mentions: readonly Mention[], glossary: Glossary): NameCandidate[] {
  return findNameCandidates(text, model.prose, mentions, nameIndexFor(glossary), model.headings.map((h) => h.span));
}

export function findNameCandidates(text: string, prose: readonly Span[], mentions: readonly Mention[], names: NameIndex, headings: readonly Span[] = []): NameCandidate[] {
  const candidates: NameCandidate[] = [];
  // Sorted lookups instead of `mentions.some(…)` per run: that was quadratic, 144 s for a 1 MB
  // essay naming a glossary entry and an unknown name in every sentence.
  const headingAt = spanLookup(headings);
  const mentionAt = spanLookup(mentions.map((m) => m.span));
  for (const span of prose) {
    // Headings are in title case: "Revolutionary Politics Gives Way" is not a name.
    if (headingAt.contains(span)) continue;
    const tokens = tokenize(text, span.start, span.end);
    for (const run of capitalisedRuns(text, tokens)) {
      const runSpan = { start: run[0].start, end: run[run.length - 1].end };
      const folded = run.map((t) => foldWord(t.text));
      if (names.known.has(folded.join(' '))) continue;
      if (mentionAt.contains(runSpan)) continue;
      const suggestion = suggest(folded, names);
      const overlapsMention = mentionAt.overlaps(runSpan);
      const unknown = !overlapsMention && run.length >= 2;
      if (suggestion || unknown) candidates.push({ span: runSpan, text: text.slice(runSpan.start, runSpan.end), suggestion, unknown: unknown && !suggestion });
    }
  }
  return candidates;
}

/** Runs of capitalised words not opening a sentence, or of two or more words anywhere. */
function capitalisedRuns(text: string, tokens: readonly WordToken[]): WordToken[][] {
  const runs: WordToken[][] = [];
  let run: WordToken[] = [];
  const flush = (): void => {
    while (run.length > 0 && leadingFunctionWords.has(run[0].text.toLowerCase())) run.shift();
    const opensSentence = run.length > 0 && opensSentenceAt(text, run[0].start);
    if (run.length >= 2 || (run.length === 1 && !opensSentence && run[0].text.length >= 5)) runs.push(run.slice(0, 4));
    run = [];
  };
  for (const token of tokens) {
    const capitalised = startsUpper(token.text) && !/^\p{Lu}+$/u.test(token.text.slice(0, 3)) || /^\p{Lu}\.?$/u.test(token.text);
    const gap = run.length > 0 ? text.slice(run[run.length - 1].end, token.start) : '';
    // A full stop joins initials ("E. H. Carr") but ends a sentence after a word ("Union. In").
    const joined = run.length > 0 && nameGap.test(gap) && (!gap.includes('.') || run[run.length - 1].text.length === 1);
    if (capitalised && (run.length === 0 || joined)) run.push(token);
    else {
      flush();
      if (capitalised) run.push(token);
    }
  }
  flush();
  return runs;
}

function opensSentenceAt(text: string, offset: number): boolean {
  const before = text.slice(Math.max(0, offset - 4), offset);
  return offset === 0 || /(^|[.!?:"“‘(\n]\s*|^\s*)$/.test(before) || /^\s*$/.test(before);
}

function suggest(words: readonly string[], names: NameIndex): NameCandidate['suggestion'] {
  if (words.length === 1) {
    const word = words[0];
    // Short single words are too often other words ("France" is not "Franco").
    if (word.length < 8 || derivedWord.test(word)) return undefined;
    const match = (names.singles.get(word[0]) ?? []).find((n) => n.word.length >= 8 && editDistance(word, n.word, 1) === 1);
    return match ? { entityId: match.entityId, name: match.name } : undefined;
  }
  for (let i = 0; i < words.length; i++) {
    const key = words.map((w, j) => (j === i ? '*' : w)).join(' ');
    const match = (names.byWildcard.get(key) ?? []).find((n) => n.word !== words[i] && n.word.length >= 5 && near(words[i], n.word));
    if (match) return { entityId: match.entityId, name: match.name };
  }
  return undefined;
}

function near(a: string, b: string): boolean {
  const limit = Math.min(a.length, b.length) >= 9 ? 2 : 1;
  return a !== b && editDistance(a, b, limit) <= limit;
}

/**
 * Containment and overlap queries over spans that do not overlap one another (mentions never do:
 * the matcher consumes the words it matches; headings are separate blocks), in O(log n) each.
 */
function spanLookup(spans: readonly Span[]): { contains(span: Span): boolean; overlaps(span: Span): boolean } {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  // The spans whose end is after `offset` start at this index (ends grow with starts).
  const firstEndingAfter = (offset: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].end > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return {
    contains: (span) => {
      const i = firstEndingAfter(span.end - 1);
      return i < sorted.length && sorted[i].start <= span.start && span.end <= sorted[i].end;
    },
    overlaps: (span) => {
      const i = firstEndingAfter(span.start);
      return i < sorted.length && sorted[i].start < span.end;
    },
  };
}
