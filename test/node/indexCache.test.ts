import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DocumentAnalysis } from '../../server/src/analysis/documentAnalysis.js';
import { buildGlossary } from '../../server/src/analysis/glossary.js';
import { analyseInput, glossarySourcesOf, WorkspaceIndex, type SourceFile } from '../../server/src/index/workspaceIndex.js';
import { AnalysisPool } from '../../server/src/node/analysisPool.js';
import {
  codeFingerprint, decodeAnalysis, decodeStored, encodeAnalysis, glossaryFingerprint, inputKey, readCacheBytes, readIndexCache, writeIndexCache, type CacheIdentity,
} from '../../server/src/node/indexCache.js';
import { prepareIndex } from '../../server/src/node/prepareIndex.js';
import { packAnalysis, unpackAnalysis, type StoredAnalysis } from '../../server/src/index/packedAnalysis.js';
import { figuresGlossary } from '../helpers/figuresGlossary.js';
import { uriOf } from '../helpers/fixture.js';
import { sampleGlossary } from '../helpers/sampleGlossary.js';

function filesOf(fixture: string): SourceFile[] {
  return fixture.split(/^\/\/- /m).slice(1).map((part) => {
    const newline = part.indexOf('\n');
    const file = part.slice(0, newline).trim();
    return {
      uri: uriOf(file), text: part.slice(newline + 1), kind: file.endsWith('.txt') ? 'plaintext' : 'markdown',
      role: file.startsWith('/glossary/') ? 'glossary' : 'essay',
    } as const;
  });
}

const essays = `//- /essays/famine.md
---
title: front matter is skipped
---
# The famine of 1932–33

Stalin and *Leon* Trotsky disagreed; Zinovyev wrote to Moshe Levin about the [Gulag](gulag.md#the-camps).

In the Soviet famine of 1932–33 some 3.5 million people died.[^1] The Gulag held some 2.5 million prisoners in 1950.

<!-- marginalia: acknowledge -->
In the Soviet famine of 1932–33 seven million people died.

\`\`\`
Stalin in code
\`\`\`

[^1]: R. W. Davies, The Years of Hunger (2004), who gives 5.5 million.
//- /essays/terror.txt
The Great Terror

Trotsky was expelled in 1927.16 In the Soviet famine of 1932–33 at least 10 million people died.¹⁵

Notes

16 Deutscher, The Prophet Outcast.
15 Conquest, The Harvest of Sorrow.
`;

const fixtureFiles = (): SourceFile[] => filesOf(`${sampleGlossary}\n${figuresGlossary}\n${essays}`);

function identity(files: readonly SourceFile[], settings = '{}'): CacheIdentity {
  return { code: codeFingerprint(), settings, glossary: glossaryFingerprint(glossarySourcesOf(files)) };
}

/** The index as the service sees it, rendered. */
function snapshot(index: WorkspaceIndex): string {
  const lines: string[] = [];
  for (const file of [...index.allFiles()].sort((a, b) => (a.uri < b.uri ? -1 : 1))) lines.push(`${file.uri} ${JSON.stringify(index.analysis(file.uri))}`);
  for (const key of [...index.claims.keys()].sort()) {
    for (const { uri, claim } of index.claims.claimsFor(key)) lines.push(`${key} ${uri}@${claim.span.start} → ${index.claims.conflictsOf(claim).map((c) => `${c.severity} ${c.other.uri}@${c.other.claim.span.start}`).join('; ')}`);
  }
  return lines.join('\n');
}

describe('The index cache', () => {
  const folder = (): string => mkdtempSync(path.join(tmpdir(), 'marginalia-cache-'));

  it('Should store and restore every analysis exactly, Markdown and plain text, with claims, notes and name candidates', () => {
    const files = fixtureFiles();
    const glossary = buildGlossary(glossarySourcesOf(files));
    const analyses = files.map((f) => analyseInput({ text: f.text, kind: f.kind, role: f.role, shadowed: false }, glossary));
    const famine = analyses[files.findIndex((f) => f.uri.endsWith('famine.md'))];
    assert.deepEqual(famine.claims.map((c) => c.quantity.raw), ['some 3.5 million', 'some 2.5 million', 'seven million']);
    assert.deepEqual(famine.nameCandidates?.map((c) => c.text), ['Moshe Levin', 'R. W. Davies']);
    for (const analysis of analyses) assert.deepStrictEqual(decodeAnalysis(encodeAnalysis(analysis)), analysis);
  });

  it('Should keep analyses packed in the index and give back equal ones, claims the very same', () => {
    const files = fixtureFiles();
    const index = new WorkspaceIndex({ liveAnalyses: 4 });
    index.setFiles(files);
    const famine = uriOf('/essays/famine.md');
    const first = index.analysis(famine)!;
    assert.equal(index.storedAnalysis(famine)?.packed, true);
    // Push it out of the recently used analyses, then ask again: an equal object, the same claims.
    for (const file of files) index.analysis(file.uri);
    const again = index.analysis(famine)!;
    assert.notEqual(again, first);
    assert.deepStrictEqual(again, first);
    assert.equal(again.claims, first.claims);
    assert.deepEqual(index.mentionsOf('leon-trotsky').map((m) => `${m.uri.slice(8)}@${m.mention.span.start}`),
      ['ws/essays/famine.md@76', 'ws/essays/terror.txt@18']);
    assert.equal(index.mentionCountOf('leon-trotsky'), 2);
    assert.equal(index.essayCountOf('leon-trotsky'), 2);
  });

  it('Should store an analysis of a shape it does not pack as it is', () => {
    const odd = { model: { kind: 'markdown', prose: [{ start: 0, end: 3, extra: true }], blocks: [], headings: [], noteRefs: [], notes: [], links: [], acknowledgements: [], problems: [] },
      mentions: [{ entityId: 'x', span: { start: 0, end: 1 }, alias: 'X', suffix: '', isVariant: false, note: 'new field' }], claims: [], problems: [] } as unknown as DocumentAnalysis;
    assert.deepStrictEqual(decodeAnalysis(encodeAnalysis(odd)), odd);
    assert.equal(packAnalysis(odd).packed, false);
  });

  it('Should read back what it wrote, for the same identity only', async () => {
    const files = fixtureFiles();
    const glossary = buildGlossary(glossarySourcesOf(files));
    const file = path.join(folder(), 'index-0123.bin');
    const entries = files.map((f) => {
      const input = { text: f.text, kind: f.kind, role: f.role, shadowed: false };
      return [inputKey(input), analyseInput(input, glossary)] as const;
    });
    const id = identity(files);
    await writeIndexCache(file, id, glossary, entries);
    const loaded = await readIndexCache(file, id);
    assert.ok(loaded);
    assert.equal(loaded.size, files.length);
    assert.deepStrictEqual(loaded.glossary, glossary);
    for (const [key, analysis] of entries) assert.deepStrictEqual(unpackAnalysis(loaded.get(key)!), analysis);
    assert.equal(loaded.get('0'.repeat(40)), undefined);
    // Read ahead (while the essays are read), the same.
    const ahead = await readIndexCache(file, id, readCacheBytes(file));
    assert.equal(ahead?.size, files.length);
    for (const [key, analysis] of entries) assert.deepStrictEqual(unpackAnalysis(ahead!.get(key)!), analysis);
    assert.equal(await readIndexCache(file, id, readCacheBytes(path.join(path.dirname(file), 'missing.bin'))), undefined);

    assert.equal(await readIndexCache(file, { ...id, code: 'another build' }), undefined);
    assert.equal(await readIndexCache(file, { ...id, settings: '{"bundledGlossary":false}' }), undefined);
    const edited = files.map((f) => (f.uri.endsWith('ban.md') ? { ...f, text: f.text.replace('The ban.', 'The ban of 1936.') } : f));
    assert.equal(await readIndexCache(file, identity(edited)), undefined);
    assert.equal(await readIndexCache(path.join(path.dirname(file), 'missing.bin'), id), undefined);
    const damaged = readFileSync(file).subarray(0, 40);
    writeFileSync(file, damaged);
    assert.equal(await readIndexCache(file, id), undefined);
  });

  it('Should key an analysis by text, kind, role and shadowing', () => {
    const input = { text: 'Stalin.', kind: 'markdown', role: 'essay', shadowed: false } as const;
    const keys = new Set([input, { ...input, text: 'Stalin!' }, { ...input, kind: 'plaintext' }, { ...input, role: 'glossary' }, { ...input, shadowed: true }].map((i) => inputKey(i as typeof input)));
    assert.equal(keys.size, 5);
    assert.equal(inputKey({ ...input }), inputKey(input));
  });

  it('Should give the same index from the cache as from scratch, and analyse only what changed', async () => {
    const cache = { file: path.join(folder(), 'index-4567.bin'), settings: '{}' };
    const files = fixtureFiles();
    const first = await prepareIndex(files, { cache });
    assert.deepEqual({ ...first.stats }, { files: files.length, cached: 0, reused: 0, inWorkers: 0, onMainThread: files.length, glossary: 'built' });
    await first.save();

    const second = await prepareIndex(files, { cache });
    assert.deepEqual({ ...second.stats }, { files: files.length, cached: files.length, reused: 0, inWorkers: 0, onMainThread: 0, glossary: 'cache' });
    const warm = new WorkspaceIndex();
    warm.setFiles(files, second);
    assert.equal(warm.glossary, second.glossary);
    const cold = new WorkspaceIndex();
    cold.setFiles(files);
    assert.equal(snapshot(warm), snapshot(cold));

    const edited = files.map((f) => (f.uri.endsWith('terror.txt') ? { ...f, text: f.text.replace('at least 10 million', 'some 6 million') } : f));
    const third = await prepareIndex(edited, { cache });
    assert.deepEqual({ ...third.stats }, { files: files.length, cached: files.length - 1, reused: 0, inWorkers: 0, onMainThread: 1, glossary: 'cache' });

    const otherSettings = await prepareIndex(files, { cache: { ...cache, settings: '{"exclude":["drafts/**"]}' } });
    assert.equal(otherSettings.stats.cached, 0);
    const newGlossary = files.map((f) => (f.uri.endsWith('gulag.md') ? { ...f, text: f.text.replace('The camps.', 'The camps of the USSR.') } : f));
    assert.deepEqual({ ...(await prepareIndex(newGlossary, { cache })).stats }, { files: files.length, cached: 0, reused: 0, inWorkers: 0, onMainThread: files.length, glossary: 'built' });
  });

  it('Should decode an entry into arrays of its own, not views into the bytes it was read from', () => {
    const files = fixtureFiles();
    const glossary = buildGlossary(glossarySourcesOf(files));
    const analysis = analyseInput({ text: files.find((f) => f.uri.endsWith('famine.md'))!.text, kind: 'markdown', role: 'essay', shadowed: false }, glossary);
    const file = Buffer.concat([Buffer.alloc(64), encodeAnalysis(analysis)]);
    const stored = decodeStored(file.subarray(64));
    assert.ok(stored.packed);
    const arrays = [stored.mentions.numbers, ...Object.values(stored.spans)];
    assert.ok(arrays.every((numbers) => numbers.buffer !== file.buffer));
    assert.deepEqual(unpackAnalysis(stored), analysis);
  });

  it('Should start worker threads only when there is no cache file, or once the cache is known to miss', async () => {
    const cache = { file: path.join(folder(), 'index-4568.bin'), settings: '{}' };
    const files = fixtureFiles();
    const calls: string[] = [];
    // A pool that records what it is asked and leaves every analysis to the main thread.
    const pool = {
      warmUp: () => void calls.push('warmUp'),
      analyse: async (inputs: readonly unknown[]) => (calls.push(`analyse ${inputs.length}`), inputs.map(() => undefined)),
    } as unknown as AnalysisPool;
    await (await prepareIndex(files, { cache, pool, poolThreshold: 0 })).save();
    assert.deepEqual(calls.splice(0), ['warmUp', `analyse ${files.length}`]);
    await prepareIndex(files, { cache, pool, poolThreshold: 0 });
    assert.deepEqual(calls.splice(0), []);
    const edited = files.map((f) => (f.uri.endsWith('terror.txt') ? { ...f, text: f.text.replace('at least 10 million', 'some 6 million') } : f));
    await prepareIndex(edited, { cache, pool, poolThreshold: 0 });
    assert.deepEqual(calls.splice(0), ['analyse 1']);
  });

  it('Should not rewrite the cache when it already holds exactly these analyses', async () => {
    const cache = { file: path.join(folder(), 'index-4569.bin'), settings: '{}' };
    const files = fixtureFiles();
    await (await prepareIndex(files, { cache })).save();
    const written = readFileSync(cache.file);
    writeFileSync(cache.file, Buffer.concat([written, Buffer.from('trailing bytes a rewrite would drop')]));
    await (await prepareIndex(files, { cache })).save();
    assert.deepEqual(readFileSync(cache.file), Buffer.concat([written, Buffer.from('trailing bytes a rewrite would drop')]));
    const edited = files.map((f) => (f.uri.endsWith('terror.txt') ? { ...f, text: `${f.text}\nMore.\n` } : f));
    await (await prepareIndex(edited, { cache })).save();
    const rewritten = await readIndexCache(cache.file, identity(edited));
    assert.equal(rewritten?.size, files.length);
  });

  it('Should reuse the analyses the index already holds when the glossary has not changed', async () => {
    const files = fixtureFiles();
    const index = new WorkspaceIndex();
    index.setFiles(files);
    const edited = files.map((f) => (f.uri.endsWith('famine.md') ? { ...f, text: `${f.text}\nAnother paragraph.\n` } : f));
    const prepared = await prepareIndex(edited, { current: index });
    assert.deepEqual({ ...prepared.stats }, { files: files.length, cached: 0, reused: files.length - 1, inWorkers: 0, onMainThread: 1, glossary: 'reused' });
  });
});

describe('The analysis pool', function () {
  this.timeout(60000);

  it('Should analyse in worker threads exactly as the main thread does', async () => {
    const pool = AnalysisPool.create(2);
    assert.ok(pool, 'the compiled worker script is next to the pool');
    try {
      const files = fixtureFiles();
      const sources = glossarySourcesOf(files);
      const glossary = buildGlossary(sources);
      const prepared = await prepareIndex(files, { pool, poolThreshold: 0 });
      assert.deepEqual({ ...prepared.stats }, { files: files.length, cached: 0, reused: 0, inWorkers: files.length, onMainThread: 0, glossary: 'built' });
      for (const file of files) {
        const expected = analyseInput({ text: file.text, kind: file.kind, role: file.role, shadowed: false }, glossary);
        const stored = prepared.analyses.get(file.uri)!.analysis as StoredAnalysis;
        assert.equal(stored.packed, true);
        assert.deepStrictEqual(unpackAnalysis(stored), expected, file.uri);
      }
    } finally {
      await pool.dispose();
    }
  });
});
