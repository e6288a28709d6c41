import * as path from 'node:path';
import { evaluate } from './evaluation.js';

// `npm run eval`: precision and recall of claims and conflicts on the labelled corpus.
const root = path.resolve(process.argv[2] ?? 'test/fixtures/eval');
const report = await evaluate(root);
const pct = (n: number): string => n.toFixed(2);
const verbose = process.argv.includes('--verbose');
console.log(`claims:    precision ${pct(report.precision.claims)}  recall ${pct(report.recall.claims)}  (${report.claims.correct} right of ${report.claims.extracted} extracted, ${report.claims.expected} labelled)`);
console.log(`conflicts: precision ${pct(report.precision.conflicts)}  recall ${pct(report.recall.conflicts)}  (${report.conflicts.correct} right of ${report.conflicts.reported} reported, ${report.conflicts.expected} labelled; severity right ${report.conflicts.severityRight})`);
console.log(`outside-reference: ${report.references.correct} of ${report.references.expected} labelled found, ${report.references.reported} reported`);
console.log(`agreements flagged: ${report.agreementsFlagged.length}; different keys compared: ${report.differentKeysFlagged.length}`);
if (verbose) {
  const list = (title: string, items: readonly string[]): void => {
    if (items.length > 0) console.log(`\n${title}:\n  ${items.join('\n  ')}`);
  };
  list('claims missed', report.claims.missed);
  list('claims with the wrong subject or measure', report.claims.wrongSubjectOrMeasure);
  list('spurious claims', report.claims.spurious);
  list('conflicts missed', report.conflicts.missed);
  list('conflicts reported wrongly', report.conflicts.wrong);
  list('agreements flagged', report.agreementsFlagged);
  list('different keys compared', report.differentKeysFlagged);
}
