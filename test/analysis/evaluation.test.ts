import * as assert from 'node:assert/strict';
import { evaluate } from '../../scripts/evaluation.js';

describe('Evaluation on the labelled corpus (test/fixtures/eval)', function () {
  this.timeout(30000);

  it('Should keep conflict precision ≥ 0.9 and recall ≥ 0.8, and flag no agreement', async () => {
    const report = await evaluate('test/fixtures/eval');
    const summary = {
      conflictPrecisionAtLeast090: report.precision.conflicts >= 0.9,
      conflictRecallAtLeast080: report.recall.conflicts >= 0.8,
      agreementsFlagged: report.agreementsFlagged,
      claimPrecisionAtLeast090: report.precision.claims >= 0.9,
    };
    assert.deepEqual(summary, { conflictPrecisionAtLeast090: true, conflictRecallAtLeast080: true, agreementsFlagged: [], claimPrecisionAtLeast090: true },
      `claims P ${report.precision.claims.toFixed(2)} R ${report.recall.claims.toFixed(2)}; conflicts P ${report.precision.conflicts.toFixed(2)} R ${report.recall.conflicts.toFixed(2)}; wrong: ${report.conflicts.wrong.join(' | ')}`);
  });
});
