import * as assert from 'node:assert/strict';
import { corpusReport } from '../scripts/corpusReport.js';

describe('The bundled corpus', function () {
  this.timeout(30000);

  it('Should have no glossary problems, sources on every entry, 2–6 sentence definitions and resolvable related ids', async () => {
    const report = await corpusReport('corpus/glossary');
    assert.deepEqual(
      { problems: report.problems, withoutSources: report.withoutSources, badDefinitions: report.badDefinitions, unknownRelated: report.unknownRelated },
      { problems: [], withoutSources: [], badDefinitions: [], unknownRelated: [] },
    );
  });

  it('Should meet the counts per type the field needs', async () => {
    const { countsByType, entries } = await corpusReport('corpus/glossary');
    assert.deepEqual({
      entries: entries >= 250, people: countsByType.person >= 100, events: countsByType.event >= 60, concepts: countsByType.concept >= 60,
      organizations: countsByType.organization >= 10, places: countsByType.place >= 10, works: countsByType.work >= 10,
    }, { entries: true, people: true, events: true, concepts: true, organizations: true, places: true, works: true });
  });
});
