import type { EntityKind } from '../../server/src/protocol.js';

// Pure: no vscode import, so the unit tests can load it.

const letters: Record<string, string> = { ł: 'l', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * A glossary id and file name from a name: ASCII letters, digits and hyphens only ("Mátyás Rákosi"
 * → "matyas-rakosi", "Łódź" → "lodz"), so it can never name a path outside the glossary folder.
 */
export function slugForName(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøßæœđðþı]/g, (c) => letters[c] ?? c)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 80).replace(/-+$/, '') || 'entry';
}

export const entityKinds: readonly EntityKind[] = ['person', 'event', 'concept', 'organization', 'place', 'work'];

/** The text of a new glossary entry; the body is a placeholder the writer replaces. */
export function glossaryStub(id: string, type: EntityKind, label: string): string {
  return `---\nid: ${id}\ntype: ${type}\nlabel: ${JSON.stringify(label)}\naliases: []\nsources: []\n---\n` +
    `Definition of ${label}: who or what it is, in two to six sentences, in your own words.\n`;
}
