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
  ['all forms of', 'all-forms-of-imprisonment'],
  ['special settlers', 'deported'], ['special settlements', 'deported'],
  ['death sentences', 'executed'], ['sentenced to death', 'executed'], ['death penalty', 'executed'],
  ['excess deaths', 'deaths'], ['lost their lives', 'deaths'], ['death toll', 'deaths'],
  ['camp population', 'prisoners'], ['men under arms', 'soldiers'],
  ...words('deaths', 'died die dying dead death perished perish starved starve starvation killed kill lives victims mortality toll'),
  ...words('executed', 'executions execution shot'),
  ...words('prisoners', 'prisoners prisoner inmates inmate zeks convicts detainees incarcerated imprisoned'),
  ...words('deported', 'deported deportees deportation deportations resettled'),
  ...words('arrested', 'arrested arrests'),
  ...words('expelled', 'expelled expulsions purged'),
  ...words('members', 'members membership member'),
  ...words('strikers', 'strikers striking strike'),
  ...words('soldiers', 'soldiers troops sailors combatants'),
  ...words('casualties', 'casualties wounded'),
  ...words('population', 'population inhabitants'),
];

const dateCues: [string, string][] = [
  ...words('date:ban', 'banned outlawed prohibited forbade ban banning criminalised criminalized recriminalised recriminalized recriminalisation recriminalization'),
  ...words('date:legalisation', 'legalised legalized legalisation legalization decriminalised decriminalized'),
  ...words('date:enactment', 'enacted decreed promulgated'),
  ...words('date:founding', 'founded established formed'),
  ...words('date:dissolution', 'dissolved abolished disbanded'),
  ...words('date:expulsion', 'expelled'),
  ...words('date:death', 'died murdered assassinated'),
  ...words('date:birth', 'born'),
  ...words('date:publication', 'published'),
];

function words(measure: string, list: string): [string, string][] {
  return list.split(' ').map((w) => [w, measure]);
}

/** How far (in words) a cue may stand from the figure. */
const window = 8;

/**
 * The measure of a figure, from the cue nearest to it in the sentence, preferring cues after the
 * figure ("7 million died") over cues before ("deaths reached 7 million") at equal distance.
 */
export function findMeasure(tokens: readonly WordToken[], figureStart: number, figureEnd: number, isDate: boolean): string | undefined {
  const cues = isDate ? dateCues : countCues;
  const folded = tokens.map((t) => foldWord(t.text));
  const first = tokens.findIndex((t) => t.end > figureStart);
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1].start < figureEnd) last++;
  if (first < 0) return undefined;
  let best: { distance: number; measure: string } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    if (i >= first && i <= last) continue;
    const distance = i < first ? (first - i) + 0.5 : i - last;
    if (distance > window || (best && distance >= best.distance)) continue;
    const measure = cueAt(folded, i, cues);
    if (measure) best = { distance, measure };
  }
  return best?.measure;
}

function cueAt(folded: readonly string[], i: number, cues: readonly [string, string][]): string | undefined {
  for (const [cue, measure] of cues) {
    const parts = cue.split(' ');
    if (parts.every((part, j) => folded[i + j] === part)) return measure;
  }
  return undefined;
}

/** Human words for a measure, for messages: "deaths", "the date of the ban". */
export function describeMeasure(measure: string): string {
  if (measure.startsWith('date:')) return `the date of the ${measure.slice(5)}`;
  const names: Record<string, string> = {
    'passed-through': 'people passing through', 'all-forms-of-imprisonment': 'people in all forms of imprisonment',
    deported: 'people deported', arrested: 'arrests', expelled: 'expulsions', executed: 'executions',
  };
  return names[measure] ?? measure;
}
