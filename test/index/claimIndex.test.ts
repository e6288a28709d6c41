import * as assert from 'node:assert/strict';
import type { Claim } from '../../server/src/analysis/claims/claim.js';
import { compareClaims, compareIntervals, effectiveInterval, type ConflictSeverity } from '../../server/src/analysis/conflicts.js';
import { findQuantities } from '../../server/src/analysis/quantity.js';
import { WorkspaceIndex, type SourceFile } from '../../server/src/index/workspaceIndex.js';
import { figuresGlossary } from '../helpers/figuresGlossary.js';
import { uriOf } from '../helpers/fixture.js';

const phrases = [
  'some 3.5 million', 'about 5.5 million', 'seven million', 'as many as seven million', 'between 5 and 7 million', 'at least 10 million',
  '5,500,000', 'no more than two million', 'several million', 'tens of millions', 'hundreds of thousands', 'a few thousand', '2,468,524',
  'more than half', '1.3 percent', 'nine-tenths', 'one in 14', 'in 1936', 'in 1935', 'March 1921', '28 February 1921', '1932–33',
  'in the late 1920s', 'nearly 700,000', '681,692', 'about a million', 'up to 20 million', 'more than 2.5 million', '12 million',
];

/** How the claim index compares two claims: on intervals it makes once per claim. */
function compareByIntervals(a: Claim, b: Claim, tolerance: number): ConflictSeverity | undefined {
  return compareIntervals(effectiveInterval(a.quantity), effectiveInterval(b.quantity), tolerance, a.quantity.kind === 'date');
}

describe('The claim index', () => {
  it('Should compare claims on their intervals exactly as compareClaims does', () => {
    // The index compares intervals it makes once per claim; if compareClaims ever looks at more
    // than a claim's interval and kind, this fails, and claimIndex.ts must follow.
    const claims = phrases.flatMap((phrase) => findQuantities(`They said ${phrase} then.`).map((quantity) => ({ quantity }) as unknown as Claim));
    assert.ok(claims.length >= phrases.length - 2, `quantities found: ${claims.length}`);
    let compared = 0;
    let conflicts = 0;
    for (const tolerance of [0, 0.05, 0.2]) {
      for (const a of claims) {
        for (const b of claims) {
          const expected = compareClaims(a, b, tolerance);
          assert.equal(compareByIntervals(a, b, tolerance), expected, `${a.quantity.raw} / ${b.quantity.raw} at ${tolerance}`);
          compared++;
          if (expected) conflicts++;
        }
      }
    }
    assert.ok(conflicts > compared / 10, `some pairs conflict (${conflicts} of ${compared})`);
  });

  it('Should sum up a claim\'s conflicts as the first few of the full list, with their numbers', () => {
    const files: SourceFile[] = figuresGlossary.split(/^\/\/- /m).slice(1).map((part) => {
      const newline = part.indexOf('\n');
      return { uri: uriOf(part.slice(0, newline).trim()), text: part.slice(newline + 1), kind: 'markdown', role: 'glossary' };
    });
    const figures = ['some 3.5 million', 'seven million', 'at least 10 million', '5,500,000', 'between 5 and 7 million', 'about 6 million', '12 million'];
    figures.forEach((figure, i) => files.push({
      uri: uriOf(`/essays/e${i}.md`), kind: 'markdown', role: 'essay',
      text: `In the Soviet famine of 1932–33 ${figure} people died.\n\nLater, in the Soviet famine of 1932–33 ${figures[(i + 3) % figures.length]} people died.\n`,
    }));
    const index = new WorkspaceIndex();
    index.setFiles(files);
    let checked = 0;
    for (const key of index.claims.keys()) {
      for (const { claim } of index.claims.claimsFor(key)) {
        const all = index.claims.conflictsOf(claim);
        for (const limit of [0, 1, 2, 3, 20]) {
          const summary = index.claims.conflictSummary(claim, limit);
          assert.equal(summary.total, all.length);
          assert.equal(summary.hard, all.filter((c) => c.severity === 'hard').length);
          assert.deepEqual(summary.first, all.slice(0, limit));
          checked++;
        }
      }
    }
    assert.equal(checked, 14 * 5);
  });

  it('Should republish the essays that cite a figure whose note changed, and none when nothing they quote changed', () => {
    const glossary: SourceFile[] = figuresGlossary.split(/^\/\/- /m).slice(1).map((part) => {
      const newline = part.indexOf('\n');
      return { uri: uriOf(part.slice(0, newline).trim()), text: part.slice(newline + 1), kind: 'markdown', role: 'glossary' };
    });
    const essay = (note: string, before = ''): SourceFile => ({
      uri: uriOf('/essays/a.md'), kind: 'markdown', role: 'essay',
      text: `${before}In the Soviet famine of 1932–33 seven million people died.[^1]\n\n[^1]: ${note}\n`,
    });
    const other: SourceFile = { uri: uriOf('/essays/b.md'), kind: 'markdown', role: 'essay', text: 'In the Soviet famine of 1932–33 some 2 million people died.\n' };
    const index = new WorkspaceIndex();
    index.setFiles([...glossary, essay('Conquest, The Harvest of Sorrow.'), other]);
    const bUri = other.uri;
    assert.ok(index.claims.conflictsOf(index.analysis(bUri)!.claims[0]).length > 0, 'the two essays conflict');
    assert.deepEqual(index.setFile(essay('Conquest, The Harvest of Sorrow, p. 306.')).uris.filter((u) => u !== essay('').uri), [bUri]);
    assert.deepEqual(index.setFile(essay('Conquest, The Harvest of Sorrow, p. 306.', 'A first paragraph.\n\n')).uris.filter((u) => u !== essay('').uri), []);
  });
});
