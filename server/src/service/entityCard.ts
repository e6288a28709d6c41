import { parseDateBound, formatDay } from '../analysis/dates.js';
import type { Entity } from '../analysis/types.js';

/**
 * The entity card shown on hover: label, type and dates, the definition, the other names, and
 * how many essays mention the entity. Plain Markdown so every client renders it.
 */
export function renderEntityCard(entity: Entity, essayCount: number): string {
  const heading = [`**${entity.label}**`, entity.type, formatDates(entity)].filter(Boolean).join(' · ');
  const names = [...entity.aliases, ...entity.variants.map((v) => `${v} (variant)`)];
  const lines = [heading, '', entity.definition];
  if (names.length > 0) lines.push('', `*Also:* ${names.join(', ')}`);
  lines.push('', `Mentioned in ${essayCount} ${essayCount === 1 ? 'essay' : 'essays'}`);
  return lines.join('\n');
}

export function formatDates(entity: Entity): string {
  const start = entity.dates?.start;
  const end = entity.dates?.end;
  if (!start && !end) return '';
  const render = (value: string | undefined): string => (value ? formatDateText(value) : '?');
  if (!end || start === end) return entity.type === 'person' ? `born ${render(start)}` : render(start);
  return `${render(start)} – ${render(end)}`;
}

function formatDateText(value: string): string {
  const parts = value.split('-');
  if (parts.length === 3) {
    const day = parseDateBound(value, 'start');
    return day === undefined ? value : formatDay(day);
  }
  if (parts.length === 2) {
    const month = new Date(Date.UTC(2000, Number(parts[1]) - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    return `${month} ${parts[0]}`;
  }
  return value;
}
