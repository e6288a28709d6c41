import type { Span } from '../util/span.js';

export type { Span };

export const entityTypes = ['person', 'event', 'concept', 'organization', 'place', 'work'] as const;
export type EntityType = (typeof entityTypes)[number];

/** Whether a document is Markdown or plain text; decides which model builder runs. */
export type DocumentKind = 'markdown' | 'plaintext';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * Something wrong or noteworthy in a document, found by analysis. Analysis never throws on
 * user text: it returns problems, and the service turns them into diagnostics.
 */
export interface Problem {
  readonly span: Span;
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `glossary-bad-yaml`, `spelling-variant`. */
  readonly code: string;
  readonly message: string;
  /** Extra facts a code action needs (e.g. the canonical spelling). */
  readonly data?: Record<string, unknown>;
}

/** Extra conditions under which an ambiguous alias counts as a mention. */
export interface AliasContext {
  /** At least one of these words must stand within `window` words in the same sentence. */
  readonly anyOf: readonly string[];
  /** None of these words may stand within `window` words. */
  readonly noneOf: readonly string[];
  readonly window: number;
}

/** A figure a glossary entry records for one of its contested quantities. */
export interface ReferenceFigure {
  /** deaths, prisoners, members, date, … */
  readonly measure: string;
  readonly scope?: string;
  /** For counts: people. For dates: UTC day numbers of the first and last possible day. */
  readonly low: number;
  readonly high: number;
  readonly text?: string;
  readonly sources: readonly string[];
  /** Where the figure is written in the glossary file. */
  readonly span: Span;
}

/** A glossary entry: a person, event, concept, organisation, place or work. */
export interface Entity {
  readonly id: string;
  readonly type: EntityType;
  /** The canonical name, diacritics right: `Mátyás Rákosi`. */
  readonly label: string;
  readonly aliases: readonly string[];
  /** Spellings recognised as mentions but reported as not the house spelling. */
  readonly variants: readonly string[];
  readonly caseSensitive: boolean;
  /** Keyed by alias as written in the entry. */
  readonly contexts: Readonly<Record<string, AliasContext>>;
  /** Common nouns for an event ("famine"), used to resolve descriptive phrases. */
  readonly terms: readonly string[];
  readonly dates?: { readonly start?: string; readonly end?: string };
  readonly places: readonly string[];
  readonly related: readonly string[];
  readonly sources: readonly string[];
  readonly figures: readonly ReferenceFigure[];
  /** The body of the entry, Markdown. */
  readonly definition: string;
  /** URI of the glossary file. */
  readonly uri: string;
  /** True when the entry comes from the bundled glossary rather than the workspace. */
  readonly bundled: boolean;
  /** Where the label's value is written in the glossary file: the target of go-to-definition and rename. */
  readonly labelSpan: Span;
  /** Where each alias and variant is written in the glossary file, keyed by the alias text. */
  readonly aliasSpans: Readonly<Record<string, Span>>;
}

/**
 * A span of an essay that refers to an entity.
 *
 * For `Stalin’s policy` with alias `Stalin`, `span` covers `Stalin` only (the possessive is
 * outside), `alias` is `Stalin` and `suffix` is empty; for `Bolsheviks` with alias `Bolshevik`,
 * `span` covers `Bolsheviks` and `suffix` is `s`.
 */
export interface Mention {
  readonly entityId: string;
  readonly span: Span;
  /** The alias (or label, or variant) as the glossary writes it. */
  readonly alias: string;
  /** The inflection added to the alias in the text (`s`, `es`), so a rename can keep it. */
  readonly suffix: string;
  /** True when the surface is a declared non-house spelling. */
  readonly isVariant: boolean;
}

export interface Heading {
  readonly text: string;
  readonly level: number;
  /** The whole heading line. */
  readonly span: Span;
  /** GitHub-style anchor: "The toll, 1932–33" → `the-toll-193233`. */
  readonly slug: string;
}

/** A footnote reference (`[^3]`) or an endnote marker glued to the text (`died.16`, `¹⁵`). */
export interface NoteRef {
  readonly label: string;
  readonly span: Span;
}

/** A footnote definition or a numbered endnote. */
export interface Note {
  readonly label: string;
  readonly span: Span;
  /** The note's text without its label. */
  readonly textSpan: Span;
}

/** A Markdown link to another file, possibly with a heading fragment. */
export interface Link {
  readonly span: Span;
  /** The URL as written: `famine.md#the-toll`. */
  readonly href: string;
  readonly path?: string;
  readonly fragment?: string;
}

/**
 * The structure of one essay, independent of its syntax.
 */
export interface DocumentModel {
  readonly kind: DocumentKind;
  /** Spans where names and figures may appear: no code, URLs, HTML or front matter. */
  readonly prose: readonly Span[];
  /** Paragraph-like blocks (paragraphs, headings, list items, table cells, notes) for sentences. */
  readonly blocks: readonly Span[];
  readonly headings: readonly Heading[];
  readonly noteRefs: readonly NoteRef[];
  readonly notes: readonly Note[];
  readonly links: readonly Link[];
  /** Writer's markers that acknowledge a known disagreement (`<!-- marginalia: acknowledge -->`). */
  readonly acknowledgements: readonly Span[];
  readonly problems: readonly Problem[];
}
