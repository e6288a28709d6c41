import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildGlossary, type Glossary } from '../../server/src/analysis/glossary.js';
import type { Entity, ReferenceFigure } from '../../server/src/analysis/types.js';
import { findBundledGlossary } from '../../server/src/node/bundledGlossary.js';
import { loadFiles } from '../../server/src/node/loadFiles.js';
import { Random, Zipf } from './random.js';

/**
 * A deterministic synthetic workspace: essays of 3k–8k words of Markdown with headings,
 * footnotes, links between essays, mentions of the bundled glossary's entities (popularity
 * follows a Zipf law, as in a real archive: Stalin everywhere, Kalmyks rarely) and figure claims
 * on the glossary's contested quantities, about one in ten of them far outside the reference
 * range, so conflicts arise across essays as they would in a journal's archive.
 *
 * The same size, seed and glossary always give byte-identical files.
 */

export const generatorVersion = 4;
export const sizes = { S: 10, M: 200, L: 2000 } as const;
export type SizeName = keyof typeof sizes;

export interface EssayInfo {
  /** Relative to the workspace root, with forward slashes. */
  readonly path: string;
  readonly words: number;
  /** UTF-16 offsets of (up to 100) entity mentions the generator wrote, spread over the essay. */
  readonly mentions: readonly number[];
}

/** The edit the driver makes: a figure in the 8k-word essay toggled between two values. */
export interface EditPlan {
  readonly path: string;
  /** Offset of the figure text in the essay as generated. */
  readonly offset: number;
  readonly consistent: string;
  readonly conflicting: string;
  /** Other essays that state a figure for the same claim key (their conflicts change with each edit). */
  readonly partners: readonly string[];
}

export interface Manifest {
  readonly generatorVersion: number;
  readonly seed: number;
  readonly size: SizeName;
  readonly glossaryHash: string;
  readonly essays: number;
  readonly bytes: number;
  readonly words: number;
  readonly claimsWritten: number;
  readonly conflictingWritten: number;
  readonly files: readonly EssayInfo[];
  readonly edit: EditPlan;
}

/** The glossary the server will load, read through the project's own loader and builder. */
export async function loadBundledGlossary(): Promise<{ glossary: Glossary; hash: string }> {
  const folder = findBundledGlossary();
  if (!folder) throw new Error('The bundled glossary (corpus/glossary) was not found.');
  const files = await loadFiles({ roots: [], scan: { include: [], exclude: [], glossary: [] }, bundledGlossary: folder });
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.uri < b.uri ? -1 : 1))) hash.update(file.uri.slice(file.uri.indexOf('corpus/'))).update(file.text);
  return { glossary: buildGlossary(files.map((f) => ({ uri: f.uri, text: f.text, bundled: true }))), hash: hash.digest('hex').slice(0, 16) };
}

/** Generates (or reuses, when the cached manifest matches) the workspace of one size under `cacheDir`. */
export async function ensureWorkspace(cacheDir: string, size: SizeName, seed = 20240611): Promise<{ root: string; manifest: Manifest }> {
  const root = path.join(cacheDir, `workspace-${size}`);
  const manifestPath = path.join(cacheDir, `manifest-${size}.json`);
  const { glossary, hash } = await loadBundledGlossary();
  if (existsSync(manifestPath) && existsSync(root)) {
    const cached = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (cached.generatorVersion === generatorVersion && cached.seed === seed && cached.glossaryHash === hash) return { root, manifest: cached };
  }
  rmSync(root, { recursive: true, force: true });
  const manifest = generateWorkspace(root, size, seed, glossary, hash);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { root, manifest };
}

// ------------------------------------------------------------------------------------------

const filler = (`argument account evidence archive state party policy peasants workers village factory
  question period years decade historians scholars debate question reading interpretation record
  report official figures estimate memory testimony letters decree committee resolution meeting
  congress leadership opposition faction programme theory practice struggle power authority
  violence repression hunger grain harvest quota procurement requisition market price wage labour
  industry plan regime apparatus secretary commissar delegate soldier sailor officer prisoner camp
  exile settlement region province city capital border frontier nation nationality language
  culture school newspaper journal pamphlet manuscript edition translation author editor reader
  history memoir diary speech draft notes source document file collection census survey sample
  count number total share majority minority level rate growth decline crisis collapse reform
  reconstruction revolution counterrevolution reaction defence attack retreat advance victory defeat
  was were had has is are been being became remained seemed appeared began continued ended argued
  wrote claimed insisted denied accepted rejected proposed demanded refused allowed ordered sent
  took gave made found saw knew thought believed feared hoped expected promised kept held left lost
  and but or yet so because although while when where after before since until unless whether
  the the the the a a an of of of of in in in to to to for on by with from into against among
  between within without under over through during across toward beyond about around behind
  this that these those its their his her our which who whom whose what every each both either
  more most less least many much few several some any other another such same whole entire
  new old early late long short great small large heavy light hard soft slow quick sudden gradual
  political economic social military rural urban local central national foreign domestic public
  private formal informal open secret careful careless honest partial complete uncertain plain
  not only also still even already never always often rarely perhaps probably certainly clearly
  first second third last next final further earlier later former latter whole half
  here there then now once again however therefore indeed instead meanwhile otherwise thus`
  // Short words as often as English has them, so an essay averages about six bytes a word.
  + ' the of and to in a is was that it for as on by he at with his be had not but from or an they we who'.repeat(7)
  + ' its all one so no out up if her him them new old men war end act law few can did do may').split(/\s+/).filter(Boolean);

const headingWords = ['origins', 'the question of numbers', 'aftermath', 'the archives', 'memory and record', 'the debate',
  'counting the dead', 'the view from below', 'the leadership', 'interpretations', 'sources', 'the long shadow', 'in the provinces',
  'the turning point', 'before the storm', 'reckoning', 'what the figures say', 'the historians', 'a second look', 'conclusions'];

const publishers = ['Cambridge University Press', 'Oxford University Press', 'Yale University Press', 'Verso', 'Pluto Press',
  'Princeton University Press', 'Macmillan', 'Harvard University Press', 'Routledge', 'Allen Lane'];

interface Surface {
  readonly entity: Entity;
  readonly text: string;
}

interface ClaimTemplate {
  readonly entity: Entity;
  readonly figure: ReferenceFigure;
  readonly name: string;
  /** The year phrase appended for subjects that span many years ("in 1950"), so the key carries it. */
  readonly years: string;
  readonly key: string;
}

/** Names that recognise as exactly one entity: no context rules, no parentheses, not claimed twice. */
function surfacesOf(glossary: Glossary): Map<string, Surface[]> {
  const owners = new Map<string, number>();
  const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  for (const entity of glossary.entities.values()) {
    for (const name of new Set([entity.label, ...entity.aliases, ...entity.variants].map(fold))) owners.set(name, (owners.get(name) ?? 0) + 1);
  }
  const surfaces = new Map<string, Surface[]>();
  for (const entity of glossary.entities.values()) {
    const names = [entity.label, ...entity.aliases].filter((n) => n.length >= 3 && !/[()?!]/.test(n) && !entity.contexts[n] && owners.get(fold(n)) === 1);
    if (names.length > 0) surfaces.set(entity.id, names.map((text) => ({ entity, text })));
  }
  return surfaces;
}

const measureSentences: Record<string, (q: string, subject: string, years: string) => string> = {
  deaths: (q, s, y) => `${q} people died in the ${s}${y}.`,
  killed: (q, s, y) => `${q} people were killed in the ${s}${y}.`,
  executed: (q, s, y) => `${q} people were executed in the ${s}${y}.`,
  arrested: (q, s, y) => `${q} people were arrested in the ${s}${y}.`,
  deported: (q, s, y) => `${q} people were deported in the ${s}${y}.`,
  prisoners: (q, s, y) => `The ${s} held ${q} prisoners${y}.`,
  members: (q, s, y) => `The ${s} had ${q} members${y}.`,
  soldiers: (q, s, y) => `The ${s} counted ${q} soldiers${y}.`,
};

function claimTemplates(glossary: Glossary, surfaces: Map<string, Surface[]>): ClaimTemplate[] {
  const templates: ClaimTemplate[] = [];
  for (const entity of glossary.entities.values()) {
    if (entity.type !== 'event' && entity.type !== 'organization') continue;
    const name = surfaces.get(entity.id)?.[0]?.text;
    if (!name) continue;
    const start = Number(entity.dates?.start?.slice(0, 4));
    const end = Number(entity.dates?.end?.slice(0, 4) ?? new Date().getUTCFullYear());
    const long = !(end - start <= 2);
    for (const figure of entity.figures) {
      if (!measureSentences[figure.measure] || figure.low < 100) continue;
      const year = /\b(1[89]\d\d)(?:[–-](\d{2,4}))?\b/.exec(figure.scope ?? '');
      if (long && !year) continue;
      const years = long && year ? ` in ${year[0]}` : '';
      templates.push({ entity, figure, name, years, key: `${entity.id}|${figure.measure}|${years}` });
    }
  }
  // One template per key: two reference figures for one key would conflict with each other by design.
  const byKey = new Map<string, ClaimTemplate>();
  for (const t of templates) if (!byKey.has(t.key)) byKey.set(t.key, t);
  return [...byKey.values()];
}

function formatCount(value: number, round: boolean): string {
  if (value >= 1_000_000) {
    const millions = value / 1_000_000;
    const digits = millions >= 10 ? 0 : 1;
    return `${Number(millions.toFixed(digits))} million`;
  }
  if (round) {
    const magnitude = Math.pow(10, Math.max(0, Math.floor(Math.log10(value)) - 1));
    value = Math.round(value / magnitude) * magnitude;
  }
  return Math.round(value).toLocaleString('en-US');
}

/** A figure text for a template: consistent with the reference range, or (conflicting) far outside it. */
function figureText(random: Random, figure: ReferenceFigure, conflicting: boolean): string {
  const { low, high } = figure;
  if (conflicting) return random.chance(0.5) ? `at least ${formatCount(high * 3, true)}` : `${formatCount(high * 4, true)}`;
  const roll = random.next();
  if (roll < 0.4 && high > low * 1.2) return `between ${formatCount(low, true).replace(' million', '')} and ${formatCount(high, true)}`;
  const mid = low + (high - low) * (0.3 + 0.4 * random.next());
  if (roll < 0.85) return `${random.pick(['some', 'about', 'around', 'roughly'])} ${formatCount(mid, true)}`;
  return formatCount(Math.max(low, Math.min(high, mid)), true);
}

function capitalise(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').replace(/\s/g, '-');
}

interface EssayPlan {
  readonly index: number;
  readonly path: string;
  readonly words: number;
  readonly topic: readonly Surface[][];
  readonly claims: readonly ClaimTemplate[];
  readonly headings: readonly string[];
}

function essayPath(index: number): string {
  return `essays/part-${String(Math.floor(index / 100)).padStart(2, '0')}/essay-${String(index).padStart(4, '0')}.md`;
}

function relativeLink(from: string, to: string): string {
  return path.posix.relative(path.posix.dirname(from), to);
}

export function generateWorkspace(root: string, size: SizeName, seed: number, glossary: Glossary, glossaryHash: string): Manifest {
  const random = new Random(seed);
  const surfaces = surfacesOf(glossary);
  const entityOrder = random.shuffle([...surfaces.keys()].sort());
  const popularity = new Zipf(entityOrder.length, 1.0);
  const templates = random.shuffle(claimTemplates(glossary, surfaces));
  const templatePopularity = new Zipf(templates.length, 0.8);
  const editTemplate = templates.find((t) => t.entity.id === 'gulag' && t.figure.measure === 'prisoners' && t.years.includes('1950')) ?? templates[0];
  const count = sizes[size];

  const plans: EssayPlan[] = [];
  for (let index = 0; index < count; index++) {
    const words = index === 0 ? 8000 : random.int(3000, 8000);
    const topicIds = new Set<string>();
    while (topicIds.size < 30) topicIds.add(entityOrder[popularity.sample(random)]);
    const topic = [...topicIds].map((id) => surfaces.get(id)!);
    const claims: ClaimTemplate[] = [];
    const claimCount = Math.round(words / 450);
    for (let c = 0; c < claimCount; c++) claims.push(templates[templatePopularity.sample(random)]);
    const headings = random.shuffle(headingWords).slice(0, Math.max(4, Math.round(words / 700)));
    plans.push({ index, path: essayPath(index), words, topic, claims, headings });
  }

  const files: EssayInfo[] = [];
  let bytes = 0;
  let totalWords = 0;
  let claimsWritten = 0;
  let conflictingWritten = 0;
  let edit: EditPlan | undefined;
  const partners = new Set<string>();
  for (const plan of plans) {
    const essay = writeEssay(random, plan, plans, editTemplate, plan.index === 0);
    const full = path.join(root, plan.path);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, essay.text);
    bytes += Buffer.byteLength(essay.text);
    totalWords += essay.words;
    claimsWritten += essay.claims;
    conflictingWritten += essay.conflicting;
    if (essay.edit) edit = { path: plan.path, ...essay.edit, partners: [] };
    else if (essay.keys.has(editTemplate.key)) partners.add(plan.path);
    const step = Math.max(1, Math.floor(essay.mentions.length / 100));
    files.push({ path: plan.path, words: essay.words, mentions: essay.mentions.filter((_, i) => i % step === 0).slice(0, 100) });
  }
  return {
    generatorVersion, seed, size, glossaryHash, essays: count, bytes, words: totalWords, claimsWritten, conflictingWritten, files,
    edit: { ...edit!, partners: [...partners].sort() },
  };
}

interface WrittenEssay {
  readonly text: string;
  readonly words: number;
  readonly mentions: number[];
  readonly claims: number;
  readonly conflicting: number;
  readonly keys: Set<string>;
  readonly edit?: { offset: number; consistent: string; conflicting: string };
}

function writeEssay(random: Random, plan: EssayPlan, plans: readonly EssayPlan[], editTemplate: ClaimTemplate, isEditTarget: boolean): WrittenEssay {
  let text = '';
  let words = 0;
  const mentions: number[] = [];
  const notes: string[] = [];
  const keys = new Set<string>();
  let claims = 0;
  let conflicting = 0;
  let editInfo: WrittenEssay['edit'];
  const topicZipf = new Zipf(plan.topic.length, 0.9);
  const pendingClaims = plan.claims.filter((c) => !isEditTarget || c.key !== editTemplate.key);
  const perSection = Math.ceil(plan.words / plan.headings.length);

  const mentionText = (): string => {
    const names = plan.topic[topicZipf.sample(random)];
    return (random.chance(0.6) ? names[0] : random.pick(names)).text;
  };

  /** A sentence of filler and mentions, with the offsets (relative to it) where the mentions start. */
  const sentence = (): { text: string; at: number[] } => {
    const length = random.int(12, 28);
    const parts: string[] = [];
    const at: number[] = [];
    let offset = 0;
    for (let w = 0; w < length; w++) {
      let word: string;
      if (w > 0 && random.chance(0.05)) {
        word = mentionText();
        at.push(offset);
        if (random.chance(0.08)) word += '’s';
      } else {
        word = random.pick(filler);
        if (w === 0) word = capitalise(word);
        else if (random.chance(0.01)) word = `*${word}*`;
      }
      parts.push(word);
      offset += word.length + 1;
      words++;
    }
    return { text: `${parts.join(' ')}.`, at };
  };

  const emit = (piece: { text: string; at: number[] }): void => {
    for (const a of piece.at) mentions.push(text.length + a);
    text += piece.text;
  };

  const note = (body: string): string => {
    notes.push(body);
    return `[^${notes.length}]`;
  };

  const citation = (): string =>
    `${mentionText()}, *${capitalise(random.pick(filler))} and ${random.pick(filler)}* (${random.pick(publishers)}, ${random.int(1955, 2020)}), p. ${random.int(3, 480)}.`;

  const claim = (): void => {
    const template = isEditTarget && !editInfo ? editTemplate : pendingClaims.shift()!;
    const isConflicting = !isEditTarget && random.chance(0.1);
    const figure = figureText(random, template.figure, isConflicting);
    const written = capitalise(measureSentences[template.figure.measure](figure, template.name, template.years));
    const at = written.toLowerCase().indexOf(figure.toLowerCase());
    if (isEditTarget && !editInfo) {
      const conflictingText = formatCount(template.figure.high * 4, true);
      editInfo = { offset: text.length + at, consistent: written.slice(at, at + figure.length), conflicting: at === 0 ? capitalise(conflictingText) : conflictingText };
    }
    emit({ text: `${written}${note(citation())} `, at: [written.indexOf(template.name)] });
    words += written.split(' ').length;
    keys.add(template.key);
    claims++;
    if (isConflicting) conflicting++;
  };

  text += `# ${capitalise(random.pick(headingWords))}: an essay on ${plan.topic[0][0].text}\n\n`;
  let sectionWords = 0;
  let headingIndex = 0;
  text += `## ${capitalise(plan.headings[headingIndex++])}\n\n`;
  while (words < plan.words) {
    if (sectionWords >= perSection && headingIndex < plan.headings.length) {
      text += `## ${capitalise(plan.headings[headingIndex++])}\n\n`;
      sectionWords = 0;
    }
    const before = words;
    const kind = random.next();
    if (kind < 0.05) {
      text += '> ';
      emit(sentence());
      text += ' ';
      emit(sentence());
      text += '\n\n';
    } else if (kind < 0.09) {
      for (let i = 0; i < 3; i++) {
        text += '- ';
        emit(sentence());
        text += '\n';
      }
      text += '\n';
    } else {
      const count = random.int(3, 7);
      const wantsClaim = (isEditTarget && !editInfo) || pendingClaims.length > 0;
      const claimAt = wantsClaim && random.chance(0.4) ? random.int(0, count - 1) : -1;
      for (let s = 0; s < count; s++) {
        if (s === claimAt) {
          claim();
          continue;
        }
        const piece = sentence();
        if (random.chance(0.08)) {
          const target = plans[random.int(0, plans.length - 1)];
          const heading = target.headings[random.int(0, target.headings.length - 1)];
          piece.text = `${piece.text.slice(0, -1)}, as [the essay on ${target.topic[0][0].text}](${relativeLink(plan.path, target.path)}#${slug(capitalise(heading))}) argues.`;
        }
        if (random.chance(0.1)) piece.text += note(citation());
        emit(piece);
        text += ' ';
      }
      text = `${text.trimEnd()}\n\n`;
    }
    sectionWords += words - before;
  }
  if (notes.length > 0) text += `${notes.map((body, i) => `[^${i + 1}]: ${body}`).join('\n')}\n`;
  return { text, words, mentions, claims, conflicting, keys, edit: editInfo };
}
