import * as assert from 'node:assert/strict';
import { analyseDocument } from '../../server/src/analysis/documentAnalysis.js';
import { WorkspaceIndex, glossarySourcesOf, type PreparedAnalysis, type SourceFile } from '../../server/src/index/workspaceIndex.js';
import { buildGlossary } from '../../server/src/analysis/glossary.js';
import { compileEntityMatcher } from '../../server/src/analysis/entityMatcher.js';
import { figuresGlossary } from '../helpers/figuresGlossary.js';
import { uriOf } from '../helpers/fixture.js';
import { createLanguageService } from '../../server/src/service/languageService.js';

/** The fixture glossary as index inputs. */
function glossaryFiles(): SourceFile[] {
  return figuresGlossary.split(/^\/\/- /m).slice(1).map((part) => {
    const newline = part.indexOf('\n');
    return { uri: uriOf(part.slice(0, newline).trim()), text: part.slice(newline + 1), kind: 'markdown', role: 'glossary' } as const;
  });
}

const essay = (path: string, text: string): SourceFile => ({ uri: uriOf(path), text, kind: 'markdown', role: 'essay' });

/** Everything the service reads from the index, rendered: mentions per entity, claims and conflicts per key. */
function snapshot(index: WorkspaceIndex): string[] {
  const lines: string[] = [];
  for (const id of [...index.glossary.entities.keys()].sort()) {
    lines.push(`${id}: ${index.mentionsOf(id).map((m) => `${m.uri.slice(8)}@${m.mention.span.start}`).join(' ')} (${index.essayCountOf(id)} essays)`);
  }
  for (const key of [...index.claims.keys()].sort()) {
    for (const { uri, claim } of index.claims.claimsFor(key)) {
      const conflicts = index.claims.conflictsOf(claim).map((c) => `${c.severity} ${c.other.uri.slice(8)}@${c.other.claim.span.start} ${c.other.claim.quantity.raw}`);
      lines.push(`${key} ${uri.slice(8)}@${claim.span.start} ${claim.quantity.raw} → ${conflicts.join('; ')}`);
    }
  }
  return lines;
}

/**
 * Per URI, its conflicts rendered: what decides whether its diagnostics must be republished.
 * Without places, only what the conflicts say (not where the other figures stand).
 */
function conflictsByUri(index: WorkspaceIndex, withPlaces = true): Map<string, string> {
  const byUri = new Map<string, string>();
  for (const file of index.allFiles()) {
    const claims = index.analysis(file.uri)?.claims ?? [];
    byUri.set(file.uri, claims.map((claim) => `${claim.span.start}:${claim.quantity.raw}=${index.claims.conflictsOf(claim)
      .map((c) => `${c.severity}:${c.other.uri}:${withPlaces ? c.other.claim.span.start : ''}:${c.other.claim.quantity.raw}`).join(',')}`).join('|'));
  }
  return byUri;
}

function differing(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((uri) => before.get(uri) !== after.get(uri)).sort();
}

/** Deterministic pseudo-random numbers for the edit script. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const figures = ['some 3.5 million', 'about 5.5 million', 'seven million', 'between 5 and 7 million', 'at least 10 million', '5,500,000', 'no more than two million'];

function famineEssay(pick: () => number, acknowledge: boolean): string {
  const sentences: string[] = ['# The famine', ''];
  const count = 1 + Math.floor(pick() * 3);
  for (let i = 0; i < count; i++) {
    sentences.push(`${i === 0 && acknowledge ? '<!-- marginalia: acknowledge -->\n' : ''}In the Soviet famine of 1932–33 ${figures[Math.floor(pick() * figures.length)]} people died.`, '');
    if (pick() < 0.5) sentences.push('The Gulag held some 2.5 million prisoners in 1950.', '');
  }
  return sentences.join('\n');
}

describe('The workspace index', () => {
  it('Should equal a rebuild after every step of a scripted sequence of edits', () => {
    const pick = random(42);
    const paths = ['/essays/a.md', '/essays/b.md', '/essays/c.md', '/essays/d.md', '/essays/e.md'];
    const current = new Map<string, SourceFile>();
    for (const path of paths) current.set(path, essay(path, famineEssay(pick, false)));
    const index = new WorkspaceIndex();
    index.setFiles([...glossaryFiles(), ...current.values()]);
    // One service over the whole script, as in the server: what it keeps between requests must follow the index.
    const service = createLanguageService(index);
    let conflictsSeen = 0;
    let movesSeen = 0;
    for (let step = 0; step < 60; step++) {
      const before = conflictsByUri(index);
      const beforeWithoutPlaces = conflictsByUri(index, false);
      const path = paths[Math.floor(pick() * paths.length)];
      const roll = pick();
      let change;
      if (roll < 0.1 && current.has(path)) {
        current.delete(path);
        change = index.deleteFile(uriOf(path));
      } else if (roll < 0.25 && current.has(path)) {
        // Text typed above the figures moves them: offsets change, conflicts follow.
        const file = current.get(path)!;
        current.set(path, essay(path, `Preface.\n\n${file.text}`));
        change = index.setFile(current.get(path)!);
      } else {
        current.set(path, essay(path, famineEssay(pick, pick() < 0.15)));
        change = index.setFile(current.get(path)!);
      }
      const fresh = new WorkspaceIndex();
      fresh.setFiles([...glossaryFiles(), ...current.values()]);
      assert.deepEqual(snapshot(index), snapshot(fresh), `step ${step}`);
      const freshService = createLanguageService(fresh);
      for (const file of current.values()) {
        assert.deepEqual(service.getDiagnostics(file.uri), freshService.getDiagnostics(file.uri), `step ${step}: diagnostics of ${file.uri}`);
      }
      const after = conflictsByUri(index);
      const changed = differing(before, after);
      const said = differing(beforeWithoutPlaces, conflictsByUri(index, false));
      const reported = [...change.uris, ...(change.moved ?? [])];
      // Every file whose conflicts changed is reported (so its diagnostics are republished), and no other;
      // those where only the places of the edited file's figures changed may wait (moved).
      assert.deepEqual(changed.filter((uri) => !reported.includes(uri)), [], `step ${step}: unreported`);
      assert.deepEqual(reported.filter((uri) => uri !== uriOf(path) && !changed.includes(uri)), [], `step ${step}: reported without a change`);
      assert.deepEqual(said.filter((uri) => !change.uris.includes(uri)), [], `step ${step}: a changed warning left to wait`);
      assert.deepEqual((change.moved ?? []).filter((uri) => change.uris.includes(uri)), [], `step ${step}: reported twice`);
      conflictsSeen += [...after.values()].filter((s) => s.includes('hard:')).length;
      movesSeen += change.moved?.length ?? 0;
    }
    assert.ok(conflictsSeen > 20, `the script should produce conflicts to check (saw ${conflictsSeen})`);
    assert.ok(movesSeen > 0, 'the script should move figures that others conflict with');
  });

  it('Should report no other file when an edit leaves the figures where they were, and tell a move from a change', () => {
    const a = essay('/essays/a.md', 'In the Soviet famine of 1932–33 some 3.5 million people died.\n\nA last paragraph.\n');
    const b = essay('/essays/b.md', 'In the Soviet famine of 1932–33 at least 10 million people died.\n');
    const index = new WorkspaceIndex();
    index.setFiles([...glossaryFiles(), a, b]);
    const appended = index.setFile({ ...a, text: `${a.text}Another paragraph.\n` });
    assert.deepEqual([appended.uris, appended.moved], [[a.uri], []]);
    const moved = index.setFile({ ...a, text: `Preface.\n\n${a.text}` });
    assert.deepEqual([moved.uris, moved.moved], [[a.uri], [b.uri]]);
    const changed = index.setFile({ ...a, text: a.text.replace('some 3.5', 'some 12') });
    assert.deepEqual([changed.uris, changed.moved], [[a.uri, b.uri], []]);
  });

  it('Should find the mention at every offset the same way whether the analysis is unpacked or not', () => {
    const text = 'The Holodomor, the Gulag’s camps; the Soviet famine of 1932–33 and the Gulags.\n\nHolodomor again, the *Soviet famine* of 1946–47, the Soviet abortion ban of 1936.\n';
    const files = [...glossaryFiles(), essay('/essays/a.md', text), essay('/essays/b.md', `Before. ${text}`)];
    const packed = new WorkspaceIndex({ liveAnalyses: 0 });
    packed.setFiles(files);
    let found = 0;
    for (const file of files.filter((f) => f.role === 'essay')) {
      const mentions = packed.analysis(file.uri)!.mentions;
      assert.ok(mentions.length >= 5, `${file.uri}: ${mentions.length} mentions`);
      for (let offset = -1; offset <= file.text.length + 1; offset++) {
        const expected = mentions.find((m) => offset >= m.span.start && offset <= m.span.end);
        assert.deepStrictEqual(packed.mentionAt(file.uri, offset), expected, `${file.uri} at ${offset}`);
        if (expected) found++;
      }
    }
    assert.ok(found > 100, `offsets on a mention: ${found}`);
    assert.equal(packed.mentionAt(uriOf('/essays/none.md'), 0), undefined);
  });

  it('Should use prepared work only when it was computed from exactly the same inputs', () => {
    const files = [...glossaryFiles(), essay('/essays/a.md', 'The Gulag held some 2.5 million prisoners in 1950.\n')];
    const sources = glossarySourcesOf(files);
    const glossary = buildGlossary(sources);
    const marker = analyseDocument('Gulag', 'markdown', { matcher: compileEntityMatcher(glossary) });
    const prepared = (text: string): Map<string, PreparedAnalysis> =>
      new Map([[uriOf('/essays/a.md'), { text, kind: 'markdown', role: 'essay', shadowed: false, analysis: marker }]]);

    const used = new WorkspaceIndex();
    used.setFiles(files, { glossary, glossarySources: sources, analyses: prepared(files[files.length - 1].text) });
    assert.equal(used.glossary, glossary);
    assert.deepStrictEqual(used.analysis(uriOf('/essays/a.md')), marker);
    assert.equal(used.analysis(uriOf('/essays/a.md'))?.claims, marker.claims);

    const otherText = new WorkspaceIndex();
    otherText.setFiles(files, { glossary, glossarySources: sources, analyses: prepared('Something else.\n') });
    assert.equal(otherText.glossary, glossary);
    assert.deepEqual(otherText.analysis(uriOf('/essays/a.md'))?.claims.map((c) => `${c.key} ${c.quantity.raw}`), ['gulag|prisoners||1950 some 2.5 million']);

    const otherGlossary = new WorkspaceIndex();
    otherGlossary.setFiles(files, { glossary, glossarySources: sources.slice(1), analyses: prepared(files[files.length - 1].text) });
    assert.notEqual(otherGlossary.glossary, glossary);
    assert.notDeepEqual(otherGlossary.analysis(uriOf('/essays/a.md')), marker);
    assert.deepEqual(snapshot(otherGlossary), snapshot(otherText));
  });
});
