/**
 * Calendar arithmetic on UTC day numbers (days since 1970-01-01, proleptic Gregorian),
 * and the names of months and seasons. No Date objects: `Date.UTC` maps years 0–99 to 1900–1999.
 */

/** UTC days since 1970-01-01 of the given day; month and day default to 1. Months outside 1..12 roll over. */
export function dayNumber(year: number, month1 = 1, day = 1): number {
  let y = Math.trunc(year);
  let m = Math.trunc(month1);
  if (!Number.isFinite(y) || !Number.isFinite(m) || !Number.isFinite(day)) return NaN;
  y += Math.floor((m - 1) / 12);
  m = (((m - 1) % 12) + 12) % 12 + 1;
  // Howard Hinnant's days_from_civil.
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + Math.trunc(day) - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month1, day] of a UTC day number. */
export function civilOfDay(dayNum: number): [number, number, number] {
  const z = Math.floor(dayNum) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** The calendar year a UTC day number falls in. */
export function yearOfDay(dayNum: number): number {
  return civilOfDay(dayNum)[0];
}

/** The last day of a month, as a day number. */
export function lastDayOfMonth(year: number, month1: number): number {
  return dayNumber(year, month1 + 1, 1) - 1;
}

export function daysInMonth(year: number, month1: number): number {
  return lastDayOfMonth(year, month1) - dayNumber(year, month1, 1) + 1;
}

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Month words (lower case) → 1..12. Abbreviations may be followed by a full stop. Matched only when capitalised. */
export const MONTHS: ReadonlyMap<string, number> = new Map<string, number>([
  ...MONTH_NAMES.map((name, i) => [name.toLowerCase(), i + 1] as [string, number]),
  ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['jun', 6], ['jul', 7], ['aug', 8],
  ['sep', 9], ['sept', 9], ['oct', 10], ['nov', 11], ['dec', 12],
]);

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

export const SEASONS: ReadonlyMap<string, Season> = new Map<string, Season>([
  ['spring', 'spring'], ['summer', 'summer'], ['autumn', 'autumn'], ['fall', 'autumn'], ['winter', 'winter'],
]);

/** First and last month of a season that lies inside one year (winter is handled by the caller). */
export const SEASON_MONTHS: Readonly<Record<Exclude<Season, 'winter'>, [number, number]>> = {
  spring: [3, 5],
  summer: [6, 8],
  autumn: [9, 11],
};

/** Parts of a year: "early 1937" is January to April, "mid-1937" April to September, "late 1937" September to December. */
export const PART_MONTHS: Readonly<Record<'early' | 'mid' | 'late', [number, number]>> = {
  early: [1, 4],
  mid: [4, 9],
  late: [9, 12],
};

/** Parts of a decade, as year offsets: early 1930s = 1930–33, mid = 1933–36, late = 1936–39. */
export const PART_YEARS: Readonly<Record<'early' | 'mid' | 'late', [number, number]>> = {
  early: [0, 3],
  mid: [3, 6],
  late: [6, 9],
};

/** Day numbers of the first and last day of a year. */
export function yearSpan(year: number): [number, number] {
  return [dayNumber(year, 1, 1), dayNumber(year, 12, 31)];
}

/** "1936-06-27" */
export function isoOfDay(dayNum: number): string {
  if (!Number.isFinite(dayNum)) return String(dayNum);
  const [y, m, d] = civilOfDay(dayNum);
  const ys = y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0');
  return `${ys}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
