import type { GlossarySource } from '../../server/src/analysis/glossary.js';

/** A glossary entry file from front-matter lines and a body. */
export function entryText(fields: string, body = 'Definition.'): string {
  return `---\n${fields.trim()}\n---\n${body}\n`;
}

/**
 * The small glossary of the reliability tests: people (one with diacritics, one with an Arabic
 * alias), an event with terms, dates and a reference figure (so claims are made), a place.
 */
export const reliabilityGlossary: Record<string, string> = {
  'glossary/leon-trotsky.md': entryText('id: leon-trotsky\ntype: person\nlabel: Leon Trotsky\naliases: [Trotsky, تروتسكي]', 'Revolutionary.'),
  'glossary/joseph-stalin.md': entryText('id: joseph-stalin\ntype: person\nlabel: Joseph Stalin\naliases: [Stalin]', 'General Secretary.'),
  'glossary/matyas-rakosi.md': entryText('id: matyas-rakosi\ntype: person\nlabel: Mátyás Rákosi\naliases: [Rákosi]', 'Hungarian leader.'),
  'glossary/kronstadt-rebellion.md': entryText(
    'id: kronstadt-rebellion\ntype: event\nlabel: Kronstadt rebellion\naliases: [Kronstadt]\nterms: [rebellion, uprising, revolt]\n'
    + 'dates: { start: 1921-03-01, end: 1921-03-18 }\nfigures:\n  - measure: deaths\n    low: 1000\n    high: 2000\n    sources: [Getzler, Kronstadt 1917-1921 (1983)]',
    'The rising of the Baltic Fleet sailors in March 1921.'),
  'glossary/ukraine.md': entryText('id: ukraine\ntype: place\nlabel: Ukraine', 'A country.'),
};

export function glossarySources(prefix = 'file:///ws/'): GlossarySource[] {
  return Object.entries(reliabilityGlossary).map(([path, text]) => ({ uri: `${prefix}${path}`, text, bundled: false }));
}
