import { entry } from './fixture.js';

/** Glossary for figure tests: two famines (different keys), a law with a reference date, the Gulag. */
export const figuresGlossary = [
  `//- /glossary/famine-1932.md\n${entry({
    id: 'soviet-famine-1932-33', type: 'event', label: 'Soviet famine of 1932–33', aliases: ['Holodomor'], terms: ['famine', 'hunger'],
    dates: { start: '1932', end: '1933' }, places: ['Ukraine'],
    figures: [{ measure: 'deaths', scope: 'USSR, 1932–33', low: 5000000, high: 7000000, text: 'Davies and Wheatcroft to Conquest', sources: ['Davies and Wheatcroft (2004)'] }],
  }, 'The famine.')}`,
  `//- /glossary/famine-1946.md\n${entry({ id: 'soviet-famine-1946-47', type: 'event', label: 'Soviet famine of 1946–47', terms: ['famine'], dates: { start: '1946', end: '1947' } }, 'The later famine.')}`,
  `//- /glossary/ban.md\n${entry({
    id: 'soviet-abortion-ban-1936', type: 'event', label: 'Soviet abortion ban of 1936', terms: ['ban', 'decree'], dates: { start: '1936-06-27' },
    figures: [{ measure: 'date', low: '1936-06-27', high: '1936-06-27', sources: ['Goldman (1993)'] }],
  }, 'The ban.')}`,
  `//- /glossary/gulag.md\n${entry({ id: 'gulag', type: 'organization', label: 'Gulag', terms: ['camps'], dates: { start: '1930', end: '1960' } }, 'The camps.')}`,
].join('\n');
