/**
 * Calendar dates as UTC day numbers (days since 1970-01-01), the unit date intervals use.
 */

export function dayNumber(year: number, month1 = 1, day = 1): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month1 - 1, day);
  date.setUTCHours(0, 0, 0, 0);
  return Math.round(date.getTime() / 86_400_000);
}

export function yearOfDay(day: number): number {
  return new Date(day * 86_400_000).getUTCFullYear();
}

const boundPattern = /^(\d{3,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/**
 * Parses `1936`, `1936-06` or `1936-06-27` into the first (`start`) or last (`end`) day it covers.
 * YAML may hand us a Date object's string for full dates, so ISO timestamps are accepted too.
 */
export function parseDateBound(text: string, which: 'start' | 'end'): number | undefined {
  const value = text.trim().replace(/T.*$/, '');
  const match = boundPattern.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : undefined;
  const day = match[3] ? Number(match[3]) : undefined;
  if ((month !== undefined && (month < 1 || month > 12)) || (day !== undefined && (day < 1 || day > 31))) return undefined;
  if (which === 'start') return dayNumber(year, month ?? 1, day ?? 1);
  if (day !== undefined) return dayNumber(year, month, day);
  if (month !== undefined) return dayNumber(year, month + 1, 1) - 1;
  return dayNumber(year + 1, 1, 1) - 1;
}

/** Renders a day number as `27 June 1936`. */
export function formatDay(day: number): string {
  const date = new Date(day * 86_400_000);
  return `${date.getUTCDate()} ${date.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${date.getUTCFullYear()}`;
}
