/**
 * Settings the service honours, with their defaults. The LSP layer reads them from the client
 * (`marginalia.*`) and the CLI from its flags; nothing below this file invents a default.
 */
export interface ServiceSettings {
  /** Hint-level diagnostics for capitalised names not in the glossary. Off by default: noisy. */
  readonly unknownNames: boolean;
  /** At most this many unknown-name hints per document. */
  readonly unknownNamesLimit: number;
  /** Relative gap below which disjoint figures are not a hard conflict (0.05 = 5 %). */
  readonly conflictTolerance: number;
  /** Severity per diagnostic code, overriding the default ("off" silences it). */
  readonly severities: Readonly<Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>>;
  /** House spellings: entity id → preferred spelling, which then counts as the label. */
  readonly houseSpellings: Readonly<Record<string, string>>;
  /** URI of the workspace glossary folder where "Add to the glossary" creates entries. */
  readonly newEntryFolder?: string;
}

export const defaultSettings: ServiceSettings = {
  unknownNames: false,
  unknownNamesLimit: 20,
  conflictTolerance: 0.05,
  severities: {},
  houseSpellings: {},
};
