import { foldKeepCase, foldWord, isAllCaps } from '../util/fold.js';
import { tokenize, type WordToken } from '../util/tokens.js';
import { aliasKey, type Glossary } from './glossary.js';
import type { AliasContext, Entity, Mention, Span } from './types.js';

/**
 * Finds mentions of glossary entities in prose, without any markup: a word trie over folded
 * alias tokens (diacritics, quotes and dashes ignored), longest match first, case rules per
 * entry, automatic plurals, and context rules for ambiguous aliases.
 */

interface Candidate {
  readonly entity: Entity;
  readonly alias: string;
  /** The alias's words with case kept but diacritics folded, for the case rule. */
  readonly words: readonly string[];
  readonly suffix: string;
  readonly isVariant: boolean;
  readonly context?: AliasContext;
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  candidates: Candidate[];
}

export interface EntityMatcher {
  findMentions(text: string, prose: readonly Span[]): Mention[];
}

/** Gaps allowed inside a multi-word name: spaces, a hyphen, initials' full stops, emphasis marks. */
const nameGap = /^[\s.'’*_\-‐‑–]{1,4}$/;
const sentenceEnd = /[.!?]["”’)]*\s/;

export function compileEntityMatcher(glossary: Glossary): EntityMatcher {
  const root: TrieNode = { next: new Map(), candidates: [] };
  for (const entity of glossary.entities.values()) {
    const declared = [entity.label, ...entity.aliases].map((alias) => ({ alias, isVariant: false }));
    const variants = entity.variants.map((alias) => ({ alias, isVariant: true }));
    for (const { alias, isVariant } of [...declared, ...variants]) addAlias(root, entity, alias, isVariant);
  }
  return { findMentions: (text, prose) => findMentions(root, text, prose) };
}

function addAlias(root: TrieNode, entity: Entity, alias: string, isVariant: boolean): void {
  const words = tokenize(alias).map((t) => foldKeepCase(t.text));
  if (words.length === 0) return;
  const context = entity.contexts[alias];
  for (const suffix of inflections(words[words.length - 1])) {
    let node = root;
    const keys = words.map((w) => w.toLowerCase());
    keys[keys.length - 1] += suffix;
    for (const key of keys) {
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map(), candidates: [] };
        node.next.set(key, child);
      }
      node = child;
    }
    if (node.candidates.some((c) => c.entity.id === entity.id && c.suffix === suffix && c.words.join(' ') === words.join(' '))) continue;
    node.candidates.push({ entity, alias, words, suffix, isVariant, context });
  }
}

/**
 * Plural endings added automatically: Bolshevik → Bolsheviks, kulak → kulaks, purge → purges.
 * Only endings that keep the alias as a prefix, so a rename can keep them.
 */
function inflections(lastWord: string): string[] {
  if (/\d$/.test(lastWord) || lastWord.length < 3) return [''];
  return /(s|x|z|ch|sh)$/i.test(lastWord) ? ['', 'es'] : ['', 's'];
}

function findMentions(root: TrieNode, text: string, prose: readonly Span[]): Mention[] {
  const mentions: Mention[] = [];
  for (const span of prose) {
    const tokens = tokenize(text, span.start, span.end);
    let i = 0;
    while (i < tokens.length) {
      const found = longestMatch(root, text, tokens, i);
      if (found) {
        mentions.push(found.mention);
        i = found.next;
      } else {
        i++;
      }
    }
  }
  return mentions;
}

function longestMatch(root: TrieNode, text: string, tokens: readonly WordToken[], first: number): { mention: Mention; next: number } | undefined {
  const path: { node: TrieNode; last: number }[] = [];
  let node: TrieNode | undefined = root;
  for (let j = first; j < tokens.length && node; j++) {
    if (j > first && !nameGap.test(text.slice(tokens[j - 1].end, tokens[j].start))) break;
    node = node.next.get(foldWord(tokens[j].text));
    if (node && node.candidates.length > 0) path.push({ node, last: j });
  }
  for (let k = path.length - 1; k >= 0; k--) {
    const { node: terminal, last } = path[k];
    const surface = tokens.slice(first, last + 1);
    const accepted = terminal.candidates.filter((c) => caseMatches(c, surface) && contextMatches(c, text, tokens, first, last));
    const chosen = chooseCandidate(accepted);
    if (chosen) {
      return {
        mention: {
          entityId: chosen.entity.id,
          span: { start: tokens[first].start, end: tokens[last].end },
          alias: chosen.alias,
          suffix: chosen.suffix,
          isVariant: chosen.isVariant,
        },
        next: last + 1,
      };
    }
  }
  return undefined;
}

/** Two entities left after the rules means the alias is ambiguous here: precision first, no mention. */
function chooseCandidate(accepted: Candidate[]): Candidate | undefined {
  const entities = new Set(accepted.map((c) => c.entity.id));
  if (entities.size !== 1) {
    const withContext = accepted.filter((c) => c.context);
    return new Set(withContext.map((c) => c.entity.id)).size === 1 ? withContext[0] : undefined;
  }
  return accepted.find((c) => !c.isVariant) ?? accepted[0];
}

function caseMatches(candidate: Candidate, surface: readonly WordToken[]): boolean {
  if (!candidate.entity.caseSensitive) return true;
  return candidate.words.every((word, index) => {
    const written = foldKeepCase(surface[index].text);
    const stem = index === candidate.words.length - 1 ? written.slice(0, word.length) : written;
    return stem === word || isAllCaps(written) || (word.length === 1 && stem.toUpperCase() === word);
  });
}

function contextMatches(candidate: Candidate, text: string, tokens: readonly WordToken[], first: number, last: number): boolean {
  const context = candidate.context;
  if (!context) return true;
  const window = sentenceWindow(text, tokens, first, last, context.window);
  const hasAny = (phrases: readonly string[]): boolean => phrases.some((p) => window.includes(` ${aliasKey(p)} `));
  return (context.anyOf.length === 0 || hasAny(context.anyOf)) && !hasAny(context.noneOf);
}

/** The folded words around a match, at most `size` each side, not crossing a sentence end. */
function sentenceWindow(text: string, tokens: readonly WordToken[], first: number, last: number, size: number): string {
  const words: string[] = [];
  for (let j = first - 1; j >= 0 && first - j <= size; j--) {
    if (sentenceEnd.test(text.slice(tokens[j].end, tokens[j + 1].start))) break;
    words.unshift(foldWord(tokens[j].text));
  }
  const after: string[] = [];
  for (let j = last + 1; j < tokens.length && j - last <= size; j++) {
    if (sentenceEnd.test(text.slice(tokens[j - 1].end, tokens[j].start))) break;
    after.push(foldWord(tokens[j].text));
  }
  return ` ${[...words, ...after].join(' ')} `;
}
