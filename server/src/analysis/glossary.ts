import { foldKeepCase, foldWord } from '../util/fold.js';
import { tokenize } from '../util/tokens.js';
import { parseGlossaryEntry } from './glossaryEntry.js';
import type { Entity, Problem } from './types.js';

/** A glossary file handed to the glossary builder. */
export interface GlossarySource {
  readonly uri: string;
  readonly text: string;
  /** True for files of the bundled glossary, which workspace entries override. */
  readonly bundled: boolean;
}

/** The entities in force, plus the problems of every glossary file. */
export interface Glossary {
  readonly entities: ReadonlyMap<string, Entity>;
  /** Problems keyed by glossary file URI. */
  readonly problems: ReadonlyMap<string, readonly Problem[]>;
  /** Entries shadowed by a workspace entry with the same id, keyed by their URI. */
  readonly shadowed: ReadonlySet<string>;
}

/** The key two aliases collide on: folded words, "Mátyás Rákosi" ≡ "Matyas Rakosi". */
export function aliasKey(alias: string): string {
  return tokenize(alias).map((t) => foldWord(t.text)).join(' ');
}

/**
 * Builds the glossary from every glossary file. Deterministic whatever the order of sources:
 * they are sorted by URI, and workspace entries win over bundled ones with the same id.
 */
export function buildGlossary(sources: readonly GlossarySource[]): Glossary {
  const problems = new Map<string, Problem[]>();
  const report = (uri: string, problem: Problem): void => {
    const list = problems.get(uri) ?? [];
    list.push(problem);
    problems.set(uri, list);
  };
  const sorted = [...sources].sort((a, b) => Number(b.bundled) - Number(a.bundled) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const entities = new Map<string, Entity>();
  const shadowed = new Set<string>();
  for (const source of sorted) {
    const parsed = parseGlossaryEntry(source.text, source.uri, source.bundled);
    for (const problem of parsed.problems) report(source.uri, problem);
    const entity = parsed.entity;
    if (!entity) continue;
    const existing = entities.get(entity.id);
    if (existing && existing.bundled && !entity.bundled) {
      shadowed.add(existing.uri);
    } else if (existing) {
      report(source.uri, {
        span: entity.labelSpan, severity: 'error', code: 'glossary-duplicate-id',
        message: `Another entry already has the id "${entity.id}" (${existing.uri}); this one is ignored.`,
      });
      continue;
    }
    entities.set(entity.id, entity);
  }
  for (const entity of entities.values()) problems.set(entity.uri, problems.get(entity.uri) ?? []);
  reportAliasCollisions(entities, report);
  return { entities, problems, shadowed };
}

/** One alias claimed by two entries is an error unless both declare context rules for it. */
function reportAliasCollisions(entities: ReadonlyMap<string, Entity>, report: (uri: string, problem: Problem) => void): void {
  const owners = new Map<string, { entity: Entity; alias: string }[]>();
  for (const entity of entities.values()) {
    const seen = new Set<string>();
    // The folded keys of `seen`, kept alongside: searching `seen` for a key per alias was
    // quadratic, 65 s for an entry with 10,000 aliases.
    const seenKeys = new Set<string>();
    for (const alias of [entity.label, ...entity.aliases, ...entity.variants]) {
      const key = aliasKey(alias);
      if (!key) continue;
      // Case-sensitive entries may list the same words in two casings ("What Is To Be Done?").
      const spelling = entity.caseSensitive ? foldKeepCase(alias) : key;
      if (seen.has(spelling)) {
        if (alias !== entity.label) report(entity.uri, {
          span: entity.aliasSpans[alias] ?? entity.labelSpan, severity: 'information', code: 'glossary-repeated-alias',
          message: `"${alias}" is listed twice in this entry (counting the label).`,
        });
        continue;
      }
      const firstSpelling = !seenKeys.has(key);
      seen.add(spelling);
      seenKeys.add(aliasKey(spelling));
      if (firstSpelling) owners.set(key, [...(owners.get(key) ?? []), { entity, alias }]);
    }
  }
  for (const claims of owners.values()) {
    if (claims.length < 2 || claims.every((c) => c.entity.contexts[c.alias])) continue;
    for (const claim of claims) {
      const others = claims.filter((c) => c !== claim).map((c) => c.entity.id).join(', ');
      report(claim.entity.uri, {
        span: claim.entity.aliasSpans[claim.alias] ?? claim.entity.labelSpan, severity: 'error', code: 'glossary-alias-collision',
        message: `The alias "${claim.alias}" is also claimed by ${others}. Remove it from one entry, or declare \`contexts\` for it in each.`,
      });
    }
  }
}
