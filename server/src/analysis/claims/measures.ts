import { foldWord } from '../../util/fold.js';
import type { WordToken } from '../../util/tokens.js';

/**
 * What a figure counts, read from the words around it: "died" → deaths, "shot" → executed,
 * "in the camps" → prisoners. Dates become a claim only beside a verb that dates an event whose
 * date can be disputed ("banned … in 1936", "was founded in 1919"); a narrative year is not one.
 */

/** Count measures by cue word (folded). Phrases are matched on consecutive words. */
const countCues: [string, string][] = [
  ['passed through', 'passed-through'],
  ['all forms of', 'all-forms-of-imprisonment'], ['some form of', 'all-forms-of-imprisonment'],
  ['forms of confinement', 'all-forms-of-imprisonment'], ['forms of imprisonment', 'all-forms-of-imprisonment'],
  ['special settlers', 'deported'], ['special settlements', 'deported'],
  ['death sentences', 'executed'], ['sentenced to death', 'executed'], ['death penalty', 'executed'],
  ['excess deaths', 'deaths'], ['lost their lives', 'deaths'], ['death toll', 'deaths'],
  ['camp population', 'prisoners'], ['men under arms', 'soldiers'],
  ...words('deaths', 'died die dying dead death deaths perished perish starved starve starvation killed kill lives victims mortality toll'),
  ...words('executed', 'executed executions execution shot'),
  ...words('prisoners', 'prisoners prisoner inmates inmate zeks convicts detainees incarcerated imprisoned held'),
  ...words('deported', 'deported deportees deportation deportations resettled'),
  ...words('arrested', 'arrested arrests'),
  ...words('expelled', 'expelled expulsions purged'),
  ...words('members', 'members membership member'),
  ...words('strikers', 'strikers striking strike'),
  ...words('soldiers', 'soldiers troops sailors combatants'),
  ...words('casualties', 'casualties'),
  ...words('wounded', 'wounded injured'),
  ...words('population', 'population inhabitants'),
];

/**
 * Verbs that date something. The class is refined by the subject's type (see dateMeasureFor):
 * a person's death, birth, expulsion or exile; an organisation's founding or dissolution; a
 * work's publication; an event's own date, or its end (a law repealed).
 */
const dateCues: [string, string][] = [
  ['came into force', 'date:start'], ['took place', 'date:start'], ['broke out', 'date:start'], ['set up', 'date:founding'],
  ['came to power', 'date:start'],
  ...words('date:start', 'banned outlawed prohibited forbade banning criminalised criminalized recriminalised recriminalized legalised legalized decriminalised decriminalized enacted decreed promulgated adopted issued signed passed introduced began begun started erupted launched came occurred announced imposed'),
  ...words('date:end', 'repealed rescinded revoked lifted ended abolished restored'),
  ...words('date:founding', 'founded established formed created'),
  ...words('date:dissolution', 'dissolved disbanded'),
  ...words('date:expulsion', 'expelled'),
  ...words('date:exile', 'exiled deported banished'),
  ...words('date:arrest', 'arrested'),
  ...words('date:arrival', 'arrived reached landed'),
  ...words('date:death', 'died murdered assassinated killed executed hanged shot'),
  ...words('date:birth', 'born'),
  ...words('date:publication', 'published appeared'),
];

/**
 * The measure of a date claim once its subject is known, or undefined when the verb does not
 * date this kind of subject ("Stalin banned abortion in 1936" dates the ban, not Stalin).
 */
export function dateMeasureFor(cue: string, type: string): string | undefined {
  const verb = cue.slice(5);
  switch (type) {
    case 'person':
      return ['death', 'birth', 'expulsion', 'exile', 'arrest', 'arrival'].includes(verb) ? cue : undefined;
    case 'organization':
      return verb === 'founding' ? 'date:founding' : verb === 'dissolution' ? 'date:dissolution' : undefined;
    case 'work':
      return verb === 'publication' ? cue : undefined;
    case 'event':
      // "Arrested in 1937" dates arrests within the Terror, not the Terror itself.
      return verb === 'end' || verb === 'dissolution' ? 'date:end' : ['death', 'birth', 'arrival', 'publication', 'expulsion', 'arrest'].includes(verb) ? undefined : 'date';
    default:
      return undefined;
  }
}

function words(measure: string, list: string): [string, string][] {
  return list.split(' ').map((w) => [w, measure]);
}

/** How far (in words) a cue may stand from the figure. */
const window = 10;

/**
 * The measure of a figure, from the cue nearest to it in the sentence, preferring cues after the
 * figure ("7 million died") over cues before ("deaths reached 7 million") at equal distance.
 */
export function findMeasure(text: string, tokens: readonly WordToken[], figureStart: number, figureEnd: number, isDate: boolean, smallFigure = false): string | undefined {
  const cues = isDate ? dateCues : countCues;
  const folded = foldedTokens(tokens);
  const first = tokens.findIndex((t) => t.end > figureStart);
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1].start < figureEnd) last++;
  if (first < 0) return undefined;
  let best: { distance: number; measure: string } | undefined;
  // Only words near the figure can be its cue; looking further made a sentence of 800 figures cubic.
  for (let i = Math.max(0, first - window * 3); i < Math.min(tokens.length, last + window * 3 + 1); i++) {
    if (i >= first && i <= last) continue;
    // A cue in another clause ("arrests at about seven million, executions at about a million")
    // counts only when the figure's own clause has none.
    const barriers = clauseBarriers(text, tokens, Math.min(i, first), Math.max(i, last));
    // A date is dated by a verb of its own clause: "ended labour's dynamism, but by 1917" is not an
    // end in 1917, while "died the next day, 21 August 1940" and "In March 1921, a revolt erupted" are.
    if (isDate && (barriers > 2 || newClauses(text, tokens, Math.min(i, first), Math.max(i, last)) > 0)) continue;
    // Dates follow their verb ("was deported in February 1929 and landed…"): a verb after the date is a weaker cue.
    const after = i > last ? (isDate ? 5 : 0) : 0;
    const distance = (i < first ? (first - i) + 0.5 : i - last) + barriers * window + (weakCues.has(folded[i]) ? 3 : 0) + after;
    if (distance > window * 3 || (best && distance >= best.distance)) continue;
    const measure = cueAt(folded, i, cues);
    if (measure) best = { distance, measure: measure === 'date:expulsion' && expelledFromCountry(folded, i) ? 'date:exile' : measure };
  }
  // Small numbers ("ten years", "aged 20–60") count only with their measure right beside them, and
  // who was counted ("hundreds of thousands of workers, peasants and soldiers") only close by.
  if (best && !isDate && smallFigure && best.distance > 1) return undefined;
  if (best && weakMeasures.has(best.measure) && best.distance > 5) return undefined;
  const measure = best?.measure ?? (isDate || smallFigure || tokens.length > 200 ? undefined : onlyMeasureIn(folded));
  return measure === 'prisoners' ? imprisonmentMeasure(folded) : measure;
}

/** "Held in some form of confinement" and "passed through the camps" are other keys than the camp population. */
function imprisonmentMeasure(folded: readonly string[]): string {
  const sentence = ` ${folded.join(' ')} `;
  if (/ (all|some|other) forms? of (confinement|imprisonment|detention) /.test(sentence)) return 'all-forms-of-imprisonment';
  if (sentence.includes(' passed through ')) return 'passed-through';
  return 'prisoners';
}

/** "Counting everyone who passed through the camps … gives a far larger number, some 18 million": one cue, however far. */
function onlyMeasureIn(folded: readonly string[]): string | undefined {
  const found = new Set<string>();
  for (let i = 0; i < folded.length; i++) {
    const measure = cueAt(folded, i, countCues);
    if (measure) found.add(measure);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Nouns that say who was counted rather than what happened to them: "some 700 Soviet soldiers
 * were killed" counts deaths, so these lose to a verb in the same clause.
 */
const weakMeasures = new Set(['soldiers', 'population', 'members']);
const weakCues = new Set(['soldiers', 'troops', 'sailors', 'combatants', 'population', 'inhabitants', 'members', 'member']);

/** "Expelled from the Soviet Union" is exile, not the expulsion from the party. */
function expelledFromCountry(folded: readonly string[], i: number): boolean {
  const next = ` ${folded.slice(i + 1, i + 6).join(' ')} `;
  return / from (the )?(country|soviet union|ussr|russia|soviet russia) /.test(next);
}

const conjunctions = new Set(['but', 'and', 'while', 'whereas', 'although', 'though', 'yet', 'which', 'who', 'when']);

/** Punctuation followed by a conjunction, or a semicolon: the start of a clause with a verb of its own. */
function newClauses(text: string, tokens: readonly WordToken[], from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const gap = text.slice(tokens[k].end, tokens[k + 1].start);
    if (gap.includes(';') || (/[,:—–]/.test(gap) && conjunctions.has(foldWord(tokens[k + 1].text)))) count++;
  }
  return count;
}

function clauseBarriers(text: string, tokens: readonly WordToken[], from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) if (/[,;:—–()]/.test(text.slice(tokens[k].end, tokens[k + 1].start))) count++;
  return count;
}

/** A sentence's words folded once, however many figures it holds. */
const foldedBySentence = new WeakMap<readonly WordToken[], readonly string[]>();

function foldedTokens(tokens: readonly WordToken[]): readonly string[] {
  let folded = foldedBySentence.get(tokens);
  if (!folded) foldedBySentence.set(tokens, (folded = tokens.map((t) => foldWord(t.text))));
  return folded;
}

type CueIndex = Map<string, { readonly parts: readonly string[]; readonly measure: string }[]>;
const cueIndexes = new WeakMap<readonly [string, string][], CueIndex>();

/** Cues by their first word, in list order (the first cue that matches wins, as in the list). */
function cueIndex(cues: readonly [string, string][]): CueIndex {
  let index = cueIndexes.get(cues);
  if (!index) {
    index = new Map();
    for (const [cue, measure] of cues) {
      const parts = cue.split(' ');
      const list = index.get(parts[0]);
      if (list) list.push({ parts, measure });
      else index.set(parts[0], [{ parts, measure }]);
    }
    cueIndexes.set(cues, index);
  }
  return index;
}

function cueAt(folded: readonly string[], i: number, cues: readonly [string, string][]): string | undefined {
  for (const { parts, measure } of cueIndex(cues).get(folded[i]) ?? []) {
    if (parts.every((part, j) => folded[i + j] === part)) return measure;
  }
  return undefined;
}

/** Human words for a measure, for messages: "deaths", "the date of the ban". */
export function describeMeasure(measure: string): string {
  if (measure === 'date') return 'the date';
  if (measure.startsWith('date:')) return `the date of the ${measure.slice(5)}`;
  const names: Record<string, string> = {
    'passed-through': 'people passing through', 'all-forms-of-imprisonment': 'people in all forms of imprisonment',
    deported: 'people deported', arrested: 'arrests', expelled: 'expulsions', executed: 'executions',
  };
  return names[measure] ?? measure;
}
