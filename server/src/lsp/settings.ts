import type { ServiceSettings } from '../service/settings.js';
import { defaultScanOptions, type ScanOptions } from '../node/fileScanner.js';

/**
 * The `marginalia.*` settings as the client sends them, with the defaults written once here.
 * Unknown or malformed values fall back to the default rather than failing.
 */
export interface ServerSettings {
  readonly scan: ScanOptions;
  readonly bundledGlossary: boolean;
  readonly service: Partial<ServiceSettings>;
}

export const defaultServerSettings: ServerSettings = {
  scan: defaultScanOptions,
  bundledGlossary: true,
  service: {},
};

const strings = (value: unknown, fallback: readonly string[]): readonly string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : fallback;

export function readServerSettings(raw: unknown): ServerSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const service: Record<string, unknown> = {};
  if (typeof section.unknownNames === 'boolean') service.unknownNames = section.unknownNames;
  if (typeof section.conflictTolerance === 'number' && section.conflictTolerance >= 0) service.conflictTolerance = section.conflictTolerance;
  if (section.severity && typeof section.severity === 'object') service.severities = section.severity;
  if (section.houseSpellings && typeof section.houseSpellings === 'object') service.houseSpellings = section.houseSpellings;
  return {
    scan: {
      include: strings(section.include, defaultScanOptions.include),
      exclude: strings(section.exclude, defaultScanOptions.exclude),
      glossary: strings(section.glossary, defaultScanOptions.glossary),
    },
    bundledGlossary: typeof section.bundledGlossary === 'boolean' ? section.bundledGlossary : true,
    service: service as Partial<ServiceSettings>,
  };
}
