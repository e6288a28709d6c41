import { entry } from './fixture.js';

/** A small glossary most service tests share: people, a concept, an organisation, an ambiguous alias. */
export const sampleGlossary = [
  `//- /glossary/people/leon-trotsky.md\n${entry({ id: 'leon-trotsky', type: 'person', label: 'Leon Trotsky', aliases: ['Trotsky', 'Lev Bronstein'], dates: { start: '1879-11-07', end: '1940-08-21' } }, 'Revolutionary, founder of the Red Army.')}`,
  `//- /glossary/people/joseph-stalin.md\n${entry({ id: 'joseph-stalin', type: 'person', label: 'Joseph Stalin', aliases: ['Stalin'] }, 'General Secretary.')}`,
  `//- /glossary/people/grigory-zinoviev.md\n${entry({ id: 'grigory-zinoviev', type: 'person', label: 'Grigory Zinoviev', aliases: ['Zinoviev'], variants: ['Zinovyev'] }, 'Head of the Comintern.')}`,
  `//- /glossary/people/matyas-rakosi.md\n${entry({ id: 'matyas-rakosi', type: 'person', label: 'Mátyás Rákosi', aliases: ['Rákosi'] }, 'Hungarian leader.')}`,
  `//- /glossary/people/moshe-lewin.md\n${entry({ id: 'moshe-lewin', type: 'person', label: 'Moshe Lewin' }, 'Historian.')}`,
  `//- /glossary/concepts/stalinism.md\n${entry({ id: 'stalinism', type: 'concept', label: 'Stalinism' }, 'The system.')}`,
  `//- /glossary/concepts/degeneration.md\n${entry({ id: 'degeneration', type: 'concept', label: 'degeneration' }, 'Decay of the revolution.')}`,
  `//- /glossary/organizations/bolshevik-party.md\n${entry({ id: 'bolshevik-party', type: 'organization', label: 'Bolshevik Party', aliases: ['Bolshevik'] }, 'The party.')}`,
  `//- /glossary/events/october-revolution.md\n${entry({ id: 'october-revolution', type: 'event', label: 'October Revolution', aliases: ['October'], contexts: { October: { anyOf: ['revolution', 'insurrection', 'Bolsheviks'] } } }, 'The seizure of power in 1917.')}`,
].join('\n');
