import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseDocument, type DocumentAnalysis } from '../../server/src/analysis/documentAnalysis.js';
import { claimContextFor } from '../../server/src/analysis/claims/extractClaims.js';
import { compileEntityMatcher } from '../../server/src/analysis/entityMatcher.js';
import { aliasKey, buildGlossary } from '../../server/src/analysis/glossary.js';
import { findQuantities } from '../../server/src/analysis/quantity.js';
import type { DocumentKind, Span } from '../../server/src/analysis/types.js';
import { WorkspaceIndex, type SourceFile } from '../../server/src/index/workspaceIndex.js';
import { createLanguageService } from '../../server/src/service/languageService.js';
import { renderDiagnostics } from '../helpers/render.js';
import { entryText, glossarySources, reliabilityGlossary } from './glossary.js';

/**
 * Issue 7, part 2: property-based fuzzing with fast-check. Random Markdown and plain-text
 * documents through the whole analysis; random edit sequences on a WorkspaceIndex compared with
 * a fresh index of the final files. Run counts are bounded so the suite stays fast and printed;
 * FUZZ_RUNS multiplies them (FUZZ_RUNS=10 for a long run).
 */

const scale = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));
const runs = {
  documents: 400 * scale,
  quantities: 400 * scale,
  sequences: 150 * scale,
};
const counted: string[] = [];

/** Pieces of essays: names, figures, cue words, Markdown and plain-text structure, hostile characters. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Trotsky', 'Leon Trotsky', 'Stalin', 'Joseph Stalin', 'Mátyás Rákosi', 'Matyas Rakosi', 'Ma\u0301tya\u0301s Ra\u0301kosi', 'Kronstadt', 'Kronstadt rebellion', 'STALIN', 'stalin', 'Trotskys', 'Stalin’s', 'تروتسكي', 'Ukraine') },
  { weight: 5, arbitrary: fc.constantFrom('5,000', '1,000', 'about 3.5 million', 'some 2,000', '1921', 'March 1921', '1932–33', 'between 5 and 7 million', 'as many as 10,000', 'at least 800', 'nine-tenths', '38 percent', '1.5', '$2', '1,2,3', 'million million', '¹', '²³') },
  { weight: 4, arbitrary: fc.constantFrom(' died', ' were executed', ' sailors', ' members', ' killed', ' in the rebellion', ' the famine of', ' was founded in', ' a figure of', ' is a myth', ' — ', ', ', '; ', ' (', ')') },
  { weight: 6, arbitrary: fc.constantFrom(' ', ' ', '. ', '! ', '? ', '.', '\n', '\n\n', '\r\n', '\r\n\r\n', '\t') },
  { weight: 5, arbitrary: fc.constantFrom('*', '**', '_', '`', '```\n', '~~~', '[', ']', '](other.md#the-toll)', '[^1]', '\n[^1]: ', '> ', '- ', '1. ', '# ', '## ', '<!-- marginalia: acknowledge -->', '<b>', '</b>', '---\n', 'http://example.com/Stalin', '![x](y.png)', '[x]: http://x', '\\', '&amp;', '|', '    ') },
  { weight: 3, arbitrary: fc.constantFrom('Notes\n\n', 'died.1', 'in 1991.1 ', '\n1 A note on Stalin.\n', '\n2. Another.\n', '[marginalia: acknowledge]', 'Notes', 'References') },
  { weight: 3, arbitrary: fc.constantFrom('👨‍👩‍👧', '🇺🇦', '\u0301', '\u200F', '\u202B', '\uFEFF', '\u0000', '\uD800', '\uDC00', '\uFFFD', '𝐀', 'ß', 'İ', 'ﬁ', 'שלום', 'قال') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

// size 'max': fast-check's default size would keep arrays near ten pieces.
const documentText = fc.array(piece, { maxLength: 200, size: 'max' }).map((pieces) => pieces.join(''));
const kind = fc.constantFrom<DocumentKind>('markdown', 'plaintext');

const glossary = buildGlossary(glossarySources());
const matcher = compileEntityMatcher(glossary);
const claims = claimContextFor(glossary);

function wellFormed(span: Span, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length;
}

/** Every invariant of one analysis that holds for any text. */
function checkAnalysis(text: string, analysis: DocumentAnalysis): void {
  const n = text.length;
  const spans: [string, Span][] = [
    ...analysis.model.prose.map((s): [string, Span] => ['prose', s]),
    ...analysis.model.blocks.map((s): [string, Span] => ['block', s]),
    ...analysis.model.headings.map((h): [string, Span] => ['heading', h.span]),
    ...analysis.model.notes.flatMap((x): [string, Span][] => [['note', x.span], ['note text', x.textSpan]]),
    ...analysis.model.noteRefs.map((r): [string, Span] => ['note ref', r.span]),
    ...analysis.model.links.map((l): [string, Span] => ['link', l.span]),
    ...analysis.model.acknowledgements.map((s): [string, Span] => ['acknowledgement', s]),
    ...analysis.mentions.map((m): [string, Span] => ['mention', m.span]),
    ...analysis.claims.flatMap((c): [string, Span][] => [['claim', c.span], ['claim sentence', c.sentence], ['claim block', c.block]]),
    ...analysis.problems.map((p): [string, Span] => ['problem', p.span]),
  ];
  for (const [what, span] of spans) assert.ok(wellFormed(span, n), `${what} ${JSON.stringify(span)} in a text of ${n}`);
  // Mentions: inside prose, in order, never overlapping, and their words are the alias's words.
  for (let i = 0; i < analysis.mentions.length; i++) {
    const m = analysis.mentions[i];
    assert.ok(m.span.end > m.span.start, 'a mention is never empty');
    if (i > 0) assert.ok(analysis.mentions[i - 1].span.end <= m.span.start, 'mentions in order, not overlapping');
    assert.ok(analysis.model.prose.some((p) => p.start <= m.span.start && m.span.end <= p.end), 'a mention lies in prose');
    const entity = glossary.entities.get(m.entityId)!;
    assert.ok([entity.label, ...entity.aliases, ...entity.variants].includes(m.alias), `alias ${m.alias} belongs to ${m.entityId}`);
    const surface = aliasKey(text.slice(m.span.start, m.span.end));
    assert.equal(surface, `${aliasKey(m.alias)}${m.suffix}`, `surface "${text.slice(m.span.start, m.span.end)}" is the alias "${m.alias}"`);
  }
  // Claims: the figure is the quantity's text, inside its sentence, inside its block.
  for (const c of analysis.claims) {
    assert.equal(text.slice(c.span.start, c.span.end), c.quantity.raw);
    assert.ok(c.sentence.start <= c.span.start && c.span.end <= c.sentence.end, 'claim in its sentence');
    assert.ok(c.quantity.lo <= c.quantity.hi, 'an interval');
    assert.ok(glossary.entities.has(c.subjectId));
  }
  // Positions: every span survives offset → LSP position → offset.
  const document = TextDocument.create('file:///fuzz', 'markdown', 0, text);
  for (const [, span] of spans) {
    for (const offset of [span.start, span.end]) {
      const back = document.offsetAt(document.positionAt(offset));
      // Inside a CRLF pair the LSP position cannot address the \n; everything else round-trips.
      if (!(text[offset - 1] === '\r' && text[offset] === '\n')) assert.equal(back, offset);
    }
  }
}

describe('Reliability: property-based fuzzing', function () {
  this.timeout(120000);

  after(() => console.log(`\n    Fuzz run counts: ${counted.join('; ')}\n`));

  it(`Should analyse random Markdown and plain-text essays without a throw, every range inside the text (${runs.documents} runs)`, () => {
    let longest = 0;
    let total = 0;
    fc.assert(fc.property(documentText, kind, (text, k) => {
      longest = Math.max(longest, text.length);
      total += text.length;
      checkAnalysis(text, analyseDocument(text, k, { matcher, claims }));
    }), { numRuns: runs.documents });
    counted.push(`${runs.documents} random essays (mean ${Math.round(total / runs.documents)}, longest ${longest} chars)`);
  });

  it(`Should give the same analysis for a text however it was reached (${runs.documents / 8} runs)`, () => {
    // Analysis is a pure function of the text: analysing after a chain of edits equals analysing
    // the final text afresh, and twice gives the same result.
    fc.assert(fc.property(documentText, fc.array(fc.tuple(fc.nat(), fc.nat(), documentText), { maxLength: 6 }), kind, (start, edits, k) => {
      let text = start;
      for (const [a, b, insert] of edits) {
        const from = Math.min(a, b) % (text.length + 1);
        const to = Math.min(text.length, from + (Math.max(a, b) % 20));
        text = text.slice(0, from) + insert + text.slice(to);
        analyseDocument(text, k, { matcher, claims });
      }
      const again = analyseDocument(text, k, { matcher, claims });
      const fresh = analyseDocument(`${text}`, k, { matcher, claims });
      assert.deepEqual(stripQuantities(again), stripQuantities(fresh));
      checkAnalysis(text, fresh);
    }), { numRuns: runs.documents / 8 });
    counted.push(`${runs.documents / 8} edit chains on one essay`);
  });

  it(`Should find figures in random text as sorted, disjoint, well-formed intervals (${runs.quantities} runs)`, () => {
    fc.assert(fc.property(documentText, fc.nat(), fc.nat(), (text, a, b) => {
      const from = Math.min(a, b) % (text.length + 1);
      const to = Math.max(a, b) % (text.length + 1);
      const found = findQuantities(text, Math.min(from, to), Math.max(from, to));
      let end = Math.min(from, to);
      for (const q of found) {
        assert.ok(q.start >= end && q.end > q.start && q.end <= Math.max(from, to), `${q.start}-${q.end} after ${end}`);
        assert.equal(text.slice(q.start, q.end), q.raw);
        assert.ok(q.lo <= q.hi, `${q.raw}: ${q.lo} ≤ ${q.hi}`);
        end = q.end;
      }
    }), { numRuns: runs.quantities });
    counted.push(`${runs.quantities} quantity scans`);
  });

  describe('The index after random edits equals a fresh index of the final files', () => {
    const essayPaths = ['essays/a.md', 'essays/b.md', 'essays/c.txt', 'essays/d.txt', 'essays/e.md'];
    const sentences = [
      'In the Kronstadt rebellion 1,000 sailors died.', 'In the Kronstadt rebellion 5,000 sailors died.',
      'At Kronstadt some 10,000 died in March 1921.', 'Trotsky said that 1,500 died at Kronstadt.[^1]\n\n[^1]: Getzler, Kronstadt (1983).',
      'Stalin and Trotsky disagreed.', 'The Kronstadt rebellion broke out in 1921.', 'The Kronstadt rebellion broke out in 1917.',
      'Mátyás Rákosi and Rakosi.', 'Zinovyev wrote.', 'Nothing to see here.', '# Kronstadt\n\nAbout 2,000 died.', 'Kronstadt: as many as 3,000 were killed.',
      '<!-- marginalia: acknowledge -->', 'Kronstadt\n\nSome 4,000 died.1\n\nNotes\n\n1 Avrich, Kronstadt 1921.',
    ];
    const essay = fc.array(fc.constantFrom(...sentences), { minLength: 0, maxLength: 5 }).map((s) => s.join('\n\n'));
    const glossaryPaths = Object.keys(reliabilityGlossary);
    const glossaryVariants: Record<string, string[]> = {
      'glossary/leon-trotsky.md': [
        reliabilityGlossary['glossary/leon-trotsky.md'],
        entryText('id: leon-trotsky\ntype: person\nlabel: Leon Trotsky\naliases: [Trotsky, Rakosi]'),
        entryText('id: leon-trotsky\ntype: person\nlabel: [broken'),
        entryText('id: joseph-stalin\ntype: person\nlabel: Duplicate Stalin'),
      ],
      'glossary/kronstadt-rebellion.md': [
        reliabilityGlossary['glossary/kronstadt-rebellion.md'],
        entryText('id: kronstadt-rebellion\ntype: event\nlabel: Kronstadt rebellion\naliases: [Kronstadt]\nterms: [rebellion]\ndates: { start: 1921-03-01, end: 1921-03-18 }'),
        entryText('id: kronstadt-rebellion\ntype: place\nlabel: Kronstadt'),
      ],
      'glossary/extra.md': [
        entryText('id: grigory-zinoviev\ntype: person\nlabel: Grigory Zinoviev\naliases: [Zinoviev]\nvariants: [Zinovyev]'),
        entryText('id: extra\ntype: person\nlabel: Extra Person\naliases: [Stalin]'),
        'no front matter at all',
      ],
    };
    const allGlossaryPaths = [...new Set([...glossaryPaths, ...Object.keys(glossaryVariants)])];
    const glossaryText = (p: string): fc.Arbitrary<string> => fc.constantFrom(...(glossaryVariants[p] ?? [reliabilityGlossary[p]]));

    type Op = { kind: 'set'; path: string; text: string } | { kind: 'delete'; path: string } | { kind: 'batch'; files: { path: string; text: string }[] };
    const setEssay = fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...essayPaths), text: essay });
    const setGlossary = fc.constantFrom(...allGlossaryPaths).chain((p) => fc.record({ kind: fc.constant('set' as const), path: fc.constant(p), text: glossaryText(p) }));
    const remove = fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...essayPaths, ...allGlossaryPaths) });
    const batch = fc.record({ kind: fc.constant('batch' as const), files: fc.array(fc.oneof(setEssay, setGlossary).map(({ path, text }) => ({ path, text })), { minLength: 1, maxLength: 4 }) });
    const op: fc.Arbitrary<Op> = fc.oneof({ weight: 6, arbitrary: setEssay }, { weight: 2, arbitrary: setGlossary }, { weight: 2, arbitrary: remove }, { weight: 1, arbitrary: batch });

    const uriOf = (p: string): string => `file:///ws/${p}`;
    const sourceOf = (p: string, text: string): SourceFile => ({ uri: uriOf(p), text, kind: p.endsWith('.md') ? 'markdown' : 'plaintext', role: p.startsWith('glossary/') ? 'glossary' : 'essay' });

    /** Everything the index derives, rendered in a stable order. */
    function snapshot(index: WorkspaceIndex): string[] {
      const service = createLanguageService(index);
      const lines: string[] = [];
      const uris = [...index.allFiles()].map((f) => f.uri).sort();
      lines.push(`entities ${[...index.glossary.entities.values()].map((e) => `${e.id}:${e.label}:${e.aliases.join('/')}@${e.uri}`).sort().join(' ')}`);
      for (const id of [...index.glossary.entities.keys()].sort()) {
        lines.push(`mentions of ${id}: ${index.mentionsOf(id).map((m) => `${m.uri}@${m.mention.span.start}-${m.mention.span.end}`).join(' ')}`);
      }
      for (const key of [...index.claims.keys()].sort()) {
        for (const { uri, claim } of index.claims.claimsFor(key)) {
          const conflicts = index.claims.conflictsOf(claim).map((c) => `${c.severity}:${c.other.uri}@${c.other.claim.span.start}`).sort();
          lines.push(`claim ${key} ${uri}@${claim.span.start} ${claim.quantity.raw} ⟂ ${conflicts.join(' ')}`);
        }
      }
      for (const uri of uris) lines.push(`diagnostics ${uri}: ${renderDiagnostics(service.getDiagnostics(uri)).join(' | ')}`);
      return lines;
    }

    it(`Should agree with a fresh index after random setFile/deleteFile sequences of essays and glossary files (${runs.sequences} runs)`, () => {
      let operations = 0;
      fc.assert(fc.property(fc.array(op, { minLength: 1, maxLength: 25, size: 'max' }), (ops) => {
        const index = new WorkspaceIndex();
        const files = new Map<string, string>();
        const initial = [...glossaryPaths.map((p) => sourceOf(p, reliabilityGlossary[p])), ...essayPaths.slice(0, 2).map((p) => sourceOf(p, sentences[0]))];
        index.setFiles(initial);
        for (const f of initial) files.set(f.uri, f.text);
        for (const step of ops) {
          operations++;
          if (step.kind === 'set') {
            index.setFile(sourceOf(step.path, step.text));
            files.set(uriOf(step.path), step.text);
          } else if (step.kind === 'delete') {
            index.deleteFile(uriOf(step.path));
            files.delete(uriOf(step.path));
          } else {
            index.setFiles(step.files.map((f) => sourceOf(f.path, f.text)));
            for (const f of step.files) files.set(uriOf(f.path), f.text);
          }
        }
        const fresh = new WorkspaceIndex();
        fresh.setFiles([...files.entries()].map(([uri, text]) => sourceOf(uri.slice('file:///ws/'.length), text)));
        assert.deepEqual(snapshot(index), snapshot(fresh));
        // And the index's own rebuild agrees too.
        index.rebuild();
        assert.deepEqual(snapshot(index), snapshot(fresh));
      }), { numRuns: runs.sequences });
      counted.push(`${runs.sequences} index edit sequences (${operations} operations)`);
    });
  });
});

/** Analyses compared as data: quantities carry no functions, so deepEqual works on the whole. */
function stripQuantities(analysis: DocumentAnalysis): unknown {
  return JSON.parse(JSON.stringify({ ...analysis, model: { ...analysis.model } }));
}
