import { corpusReport } from './corpusReport.js';

// `npm run lint:corpus`: counts per type, glossary problems, entries without sources.
const report = await corpusReport(process.argv[2] ?? 'corpus/glossary');
console.log(`${report.entries} entries, ${report.referenceFigures} reference figures`);
for (const [type, count] of Object.entries(report.countsByType).sort()) console.log(`  ${type}: ${count}`);
const section = (title: string, items: readonly string[]): void => {
  console.log(`${title}: ${items.length}`);
  for (const item of items) console.log(`  ${item}`);
};
section('glossary problems (alias collisions among them)', report.problems);
section('entries without sources', report.withoutSources);
section('definitions outside 2–6 sentences', report.badDefinitions);
section('related ids that name no entry', report.unknownRelated);
process.exitCode = report.problems.length + report.withoutSources.length > 0 ? 1 : 0;
