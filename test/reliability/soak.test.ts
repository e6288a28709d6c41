import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { entryText, reliabilityGlossary } from './glossary.js';
import { renderForComparison, ServerProcess } from './serverProcess.js';
import { Random } from '../../scripts/bench/random.js';

/**
 * Issue 7, part 3: a soak through the real server over stdio. N random edits (SOAK_EDITS, 500 in
 * the suite; 10,000 for the full run) across 50 open documents, with files created, deleted,
 * renamed and changed on disk (with watched-file events), glossary entries edited, broken and
 * mended, documents closed and reopened, and the glossary folder removed and re-added. Afterwards
 * the published diagnostics must equal those of a fresh server on the same files, the server must
 * never have died, and its memory is reported. SOAK_SEED picks another random sequence.
 */

const edits = Number(process.env.SOAK_EDITS ?? 500);
const seed = Number(process.env.SOAK_SEED ?? 7);
/** SOAK_MAX_HEAP_MB caps the soaked server's V8 heap: a leak then ends in a crash instead of a large RSS. */
const maxHeapMb = process.env.SOAK_MAX_HEAP_MB;

const sentences = [
  'In the Kronstadt rebellion 1,000 sailors died.', 'In the Kronstadt rebellion some 5,000 sailors died.', 'At Kronstadt about 10,000 died in March 1921.',
  'Trotsky said that 1,500 died at Kronstadt.', 'Stalin and Trotsky disagreed about everything.', 'The Kronstadt rebellion broke out in 1921.',
  'The Kronstadt rebellion broke out in 1917.', 'Mátyás Rákosi wrote to Stalin.', 'Zinovyev answered Trotsky.', 'Nothing here names anyone.',
  'Kronstadt: as many as 3,000 were killed.', 'In Ukraine, Stalin’s policy was at issue.', 'Leon Trotsky, in exile, counted 2,000 dead at Kronstadt.',
  'Moshe Levin wrote a history.', 'Joseph Stalin 👨‍👩‍👧 and تروتسكي.', 'Ma\u0301tya\u0301s Ra\u0301kosi spoke.',
];
const junk = ['*', '**', '_', '[', '](x.md)', '[^1]', '\n', '\n\n', '\r\n', '> ', '- ', '# ', '```', '<!-- marginalia: acknowledge -->', '\u0301', '🇺🇦', '1,2,3', '.', '!', '  '];

/** Variants a glossary file cycles through: well-formed, changed, broken, colliding. */
const glossaryVariants: Record<string, string[]> = {
  'glossary/leon-trotsky.md': [
    reliabilityGlossary['glossary/leon-trotsky.md'],
    entryText('id: leon-trotsky\ntype: person\nlabel: Leon Trotsky\naliases: [Trotsky, Lev Bronstein]'),
    entryText('id: leon-trotsky\ntype: person\nlabel: [broken'),
    entryText('id: leon-trotsky\ntype: person\nlabel: Leon Trotsky\naliases: [Trotsky, Stalin]'),
  ],
  'glossary/kronstadt-rebellion.md': [
    reliabilityGlossary['glossary/kronstadt-rebellion.md'],
    entryText('id: kronstadt-rebellion\ntype: event\nlabel: Kronstadt rebellion\naliases: [Kronstadt]\nterms: [rebellion]\ndates: { start: 1921-03-01, end: 1921-03-18 }\nfigures:\n  - measure: deaths\n    low: 4000\n    high: 6000\n    sources: [Avrich, Kronstadt 1921 (1970)]'),
    entryText('id: kronstadt-rebellion\ntype: place\nlabel: Kronstadt'),
  ],
  'glossary/grigory-zinoviev.md': [
    entryText('id: grigory-zinoviev\ntype: person\nlabel: Grigory Zinoviev\naliases: [Zinoviev]\nvariants: [Zinovyev]'),
    entryText('id: grigory-zinoviev\ntype: person\nlabel: Grigory Zinoviev\naliases: [Zinoviev, Zinovyev]'),
  ],
  'glossary/moshe-lewin.md': [entryText('id: moshe-lewin\ntype: person\nlabel: Moshe Lewin'), entryText('id: moshe-lewin\ntype: person\nlabel: Moshe Lewin\naliases: [Lewin]')],
};

interface Counts {
  [op: string]: number;
}

describe('Reliability: soak through the real server', function () {
  this.timeout(Math.max(120000, edits * 200));

  let root: string;
  let server: ServerProcess | undefined;
  let fresh: ServerProcess | undefined;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'marginalia-soak-'));
  });

  after(async () => {
    await server?.stop();
    await fresh?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it(`Should survive ${edits} random edits across 50 open documents with disk and glossary changes, and end where a fresh server starts`, async () => {
    // Seeded, so a failing sequence can be replayed with SOAK_SEED.
    const generator = new Random(seed);
    const next = (): number => generator.next();
    const pick = <T>(items: readonly T[]): T => generator.pick(items);
    const full = (relative: string): string => path.join(root, relative);
    const uri = (relative: string): string => ServerProcess.uriOf(full(relative));
    const disk = new Map<string, string>();
    const write = (relative: string, text: string): void => {
      mkdirSync(path.dirname(full(relative)), { recursive: true });
      writeFileSync(full(relative), text);
      disk.set(relative, text);
    };
    const essayText = (): string => Array.from({ length: 2 + Math.floor(next() * 6) }, () => pick(sentences)).join(next() < 0.5 ? ' ' : '\n\n');

    for (const [relative, variants] of Object.entries({ ...Object.fromEntries(Object.entries(reliabilityGlossary).map(([p, t]) => [p, [t]])), ...glossaryVariants })) {
      write(relative, variants[0]);
    }
    const essays = Array.from({ length: 50 }, (_, i) => `essays/e${String(i).padStart(2, '0')}.${i % 3 === 0 ? 'txt' : 'md'}`);
    for (const essay of essays) write(essay, `# Essay\n\n${essayText()}\n`);

    server = new ServerProcess(maxHeapMb ? { env: { NODE_OPTIONS: `--max-old-space-size=${maxHeapMb}` } } : {});
    await server.initialize([root]);
    const rssStart = server.rss();
    const rssTrend: string[] = [];
    const latencies: number[] = [];
    const started = Date.now();

    // The editor: every essay open, with its own copy of the text.
    const open = new Map<string, TextDocument>();
    for (const essay of essays) {
      const document = TextDocument.create(uri(essay), essay.endsWith('.md') ? 'markdown' : 'plaintext', 1, disk.get(essay)!);
      open.set(essay, document);
      await server.notify('textDocument/didOpen', { textDocument: { uri: document.uri, languageId: document.languageId, version: 1, text: document.getText() } });
    }

    const counts: Counts = {};
    const count = (op: string): void => {
      counts[op] = (counts[op] ?? 0) + 1;
    };
    const watched = (changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> => server!.notify('workspace/didChangeWatchedFiles', { changes });
    const closedEssays = (): string[] => [...disk.keys()].filter((p) => p.startsWith('essays/') && !open.has(p));
    let glossaryFolderGone: Map<string, string> | undefined;
    let maxLatency = 0;
    let rssPeak = rssStart ?? 0;
    let newFiles = 0;

    for (let step = 0; step < edits; step++) {
      const roll = next();
      if (roll < 0.8) {
        // An edit in an open document: insert a sentence or junk, delete a range, or replace the whole text.
        const [relative, document] = pick([...open.entries()]);
        const text = document.getText();
        const kind = next();
        let change: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
        if (kind < 0.05) {
          change = { text: `# Rewritten\n\n${essayText()}\n` };
          count('edit: whole text');
        } else {
          const from = Math.floor(next() * (text.length + 1));
          const to = kind < 0.35 ? Math.min(text.length, from + Math.floor(next() * 120)) : from;
          const insert = kind < 0.35 ? '' : kind < 0.85 ? ` ${pick(sentences)}` : pick(junk);
          change = { range: { start: document.positionAt(from), end: document.positionAt(to) }, text: insert };
          count(kind < 0.35 ? 'edit: delete' : kind < 0.85 ? 'edit: insert sentence' : 'edit: insert markup/unicode');
        }
        const updated = TextDocument.update(document, [change], document.version + 1);
        open.set(relative, updated);
        await server.notify('textDocument/didChange', { textDocument: { uri: updated.uri, version: updated.version }, contentChanges: [change] });
      } else if (roll < 0.83) {
        const relative = `essays/new-${newFiles++}.${next() < 0.5 ? 'md' : 'txt'}`;
        write(relative, essayText());
        await watched([{ uri: uri(relative), type: 1 }]);
        count('disk: create essay');
      } else if (roll < 0.85) {
        const closed = closedEssays();
        if (closed.length > 0) {
          const relative = pick(closed);
          unlinkSync(full(relative));
          disk.delete(relative);
          await watched([{ uri: uri(relative), type: 3 }]);
          count('disk: delete essay');
        }
      } else if (roll < 0.87) {
        const closed = closedEssays();
        if (closed.length > 0) {
          const from = pick(closed);
          const to = `essays/renamed-${newFiles++}${path.extname(from)}`;
          renameSync(full(from), full(to));
          disk.set(to, disk.get(from)!);
          disk.delete(from);
          await watched([{ uri: uri(from), type: 3 }, { uri: uri(to), type: 1 }]);
          count('disk: rename essay');
        }
      } else if (roll < 0.9) {
        const closed = closedEssays();
        if (closed.length > 0) {
          const relative = pick(closed);
          write(relative, essayText());
          await watched([{ uri: uri(relative), type: 2 }]);
          count('disk: change closed essay');
        }
      } else if (roll < 0.95 && !glossaryFolderGone) {
        const relative = pick(Object.keys(glossaryVariants));
        if (disk.has(relative) && next() < 0.1) {
          unlinkSync(full(relative));
          disk.delete(relative);
          await watched([{ uri: uri(relative), type: 3 }]);
          count('glossary: delete entry');
        } else {
          const existed = disk.has(relative);
          write(relative, pick(glossaryVariants[relative]));
          await watched([{ uri: uri(relative), type: existed ? 2 : 1 }]);
          count(existed ? 'glossary: edit entry' : 'glossary: create entry');
        }
      } else if (roll < 0.98) {
        if (next() < 0.5 && open.size > 25) {
          // Close a document, saving it first half the time; unsaved edits fall back to the disk text.
          const [relative, document] = pick([...open.entries()]);
          if (next() < 0.5) {
            write(relative, document.getText());
            count('editor: save and close');
          } else {
            count('editor: close without saving');
          }
          open.delete(relative);
          await server.notify('textDocument/didClose', { textDocument: { uri: document.uri } });
        } else {
          const closed = closedEssays();
          if (closed.length > 0) {
            const relative = pick(closed);
            const document = TextDocument.create(uri(relative), relative.endsWith('.md') ? 'markdown' : 'plaintext', 1, disk.get(relative)!);
            open.set(relative, document);
            await server.notify('textDocument/didOpen', { textDocument: { uri: document.uri, languageId: document.languageId, version: 1, text: document.getText() } });
            count('editor: open');
          }
        }
      } else if (roll < 0.99) {
        // The glossary folder removed, then later put back: one event for the folder, as VS Code sends.
        if (!glossaryFolderGone) {
          glossaryFolderGone = new Map([...disk.entries()].filter(([p]) => p.startsWith('glossary/')));
          rmSync(full('glossary'), { recursive: true, force: true });
          for (const p of glossaryFolderGone.keys()) disk.delete(p);
          await watched([{ uri: uri('glossary'), type: 3 }]);
          count('glossary: folder removed');
        } else {
          for (const [p, text] of glossaryFolderGone) write(p, text);
          glossaryFolderGone = undefined;
          await watched([{ uri: uri('glossary'), type: 1 }]);
          count('glossary: folder re-added');
        }
      } else {
        // Back-pressure and liveness: a request the server must answer between bursts.
        const t0 = Date.now();
        await server.request('workspace/symbol', { query: 'trot' });
        maxLatency = Math.max(maxLatency, Date.now() - t0);
        count('request: workspace/symbol');
      }
      if (step % 50 === 49) {
        const t0 = Date.now();
        await server.request('workspace/symbol', { query: 'kron' });
        latencies.push(Date.now() - t0);
        maxLatency = Math.max(maxLatency, Date.now() - t0);
        rssPeak = Math.max(rssPeak, server.rss() ?? 0);
        if ((step + 1) % Math.max(50, Math.round(edits / 10 / 50) * 50) === 0) rssTrend.push(`${step + 1}: ${((server.rss() ?? 0) / 1048576).toFixed(0)}`);
        assert.equal(server.exit, undefined, `the server died at step ${step}: ${server.stderr.join('')}`);
      }
    }
    if (glossaryFolderGone) {
      for (const [p, text] of glossaryFolderGone) write(p, text);
      await watched([{ uri: uri('glossary'), type: 1 }]);
    }

    // Settle: every open document saved to disk (so a fresh server reads what the editor shows),
    // pending analyses flushed by a request per document, then a request that waits for file events.
    for (const [relative, document] of open) write(relative, document.getText());
    for (const document of open.values()) await server.request('textDocument/documentSymbol', { textDocument: { uri: document.uri } });
    await server.request('workspace/symbol', { query: '' });
    const duration = Date.now() - started;
    assert.equal(server.exit, undefined, 'the server never died');
    const rssEnd = server.rss();

    const files = [...disk.keys()].sort();
    const soaked = new Map(files.map((p) => [p, renderForComparison(server!.diagnostics.get(uri(p)))]));
    const stale = [...server.diagnostics.entries()].filter(([u, d]) => d.length > 0 && !files.some((p) => uri(p) === u)).map(([u]) => u);
    assert.deepEqual(stale, [], 'no diagnostics left on files that are gone');

    fresh = new ServerProcess();
    await fresh.initialize([root]);
    const expected = new Map(files.map((p) => [p, renderForComparison(fresh!.diagnostics.get(uri(p)))]));
    for (const p of files) assert.deepEqual(soaked.get(p), expected.get(p), `diagnostics of ${p} after ${edits} edits`);
    assert.equal(existsSync(full('glossary')), true);
    assert.deepEqual(readdirSync(full('essays')).length, files.filter((p) => p.startsWith('essays/')).length);

    const withDiagnostics = files.filter((p) => (expected.get(p) ?? []).length > 0).length;
    const totalDiagnostics = [...expected.values()].reduce((n, d) => n + d.length, 0);
    const mb = (bytes: number | undefined): string => (bytes === undefined ? 'n/a' : `${(bytes / 1048576).toFixed(1)} MB`);
    const sorted = [...latencies].sort((a, b) => a - b);
    const percentile = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
    console.log([
      '',
      `    Soak: ${edits} operations (seed ${seed}) in ${(duration / 1000).toFixed(1)} s; ${files.length} files at the end, ${withDiagnostics} with diagnostics (${totalDiagnostics} in all), equal to a fresh server's.`,
      `    Server RSS: ${mb(rssStart)} after indexing, ${mb(rssEnd)} at the end (peak sampled ${mb(rssPeak)})${maxHeapMb ? `, V8 heap capped at ${maxHeapMb} MB` : ''}; MB by operation: ${rssTrend.join(', ')}.`,
      `    A request after each burst of 50 unpaced operations waited ${percentile(50)} ms (median), ${percentile(95)} ms (95th percentile), ${maxLatency} ms at most.`,
      `    Operations: ${Object.entries(counts).sort().map(([op, n]) => `${op} ${n}`).join(', ')}.`,
      '',
    ].join('\n'));
  });
});
