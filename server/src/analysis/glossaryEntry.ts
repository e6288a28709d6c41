import { isMap, isScalar, isSeq, parseDocument, visit, type Node as YamlNode, type Document } from 'yaml';
import { parseDateBound } from './dates.js';
import { entityTypes, type AliasContext, type Entity, type EntityType, type Problem, type ReferenceFigure, type Span } from './types.js';

/**
 * Parses one glossary file (Markdown with YAML front matter) into an entity, plus problems
 * for everything wrong with it. Never throws: a broken entry becomes diagnostics.
 */

export interface ParsedEntry {
  readonly entity?: Entity;
  readonly problems: readonly Problem[];
}

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const frontMatterPattern = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const coreTags: ReadonlySet<string> = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));
const shortTag = (tag: string): string => (tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag);
const caseInsensitiveByDefault: ReadonlySet<EntityType> = new Set(['concept']);

export function parseGlossaryEntry(text: string, uri: string, bundled: boolean): ParsedEntry {
  const problems: Problem[] = [];
  const problem = (span: Span, code: string, message: string, severity: Problem['severity'] = 'error'): void => {
    problems.push({ span, severity, code, message });
  };
  const match = frontMatterPattern.exec(text);
  if (!match) {
    problem({ start: 0, end: Math.min(text.length, firstLineEnd(text)) }, 'glossary-no-front-matter',
      'A glossary entry starts with YAML front matter between two `---` lines (id, type, label, …).');
    return { problems };
  }
  const yamlStart = match[0].indexOf(match[1]);
  const doc = parseDocument(match[1], { schema: 'core', customTags: [], uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  const at = (node: YamlNode | null | undefined, fallback: Span): Span =>
    node?.range ? { start: yamlStart + node.range[0], end: yamlStart + node.range[1] } : fallback;
  const whole: Span = { start: 0, end: match[0].length };
  for (const error of doc.errors) {
    problem({ start: yamlStart + error.pos[0], end: yamlStart + error.pos[1] }, 'glossary-bad-yaml', `Broken YAML: ${error.message.split('\n')[0]}`);
  }
  if (doc.errors.length > 0) return { problems };
  // The core schema leaves explicit tags to chance: `!!js/function` and `!evil` were kept as plain
  // strings with only a warning, and `!!binary` or `!!set` became a Buffer or a Set. Nothing here
  // ever runs, but a glossary is plain data, so any tag beyond the core schema's is refused.
  let foreignTags = 0;
  visit(doc, {
    Node(_key, node) {
      if (node.tag && !coreTags.has(node.tag)) {
        foreignTags++;
        problem(at(node, whole), 'glossary-bad-yaml', `The YAML tag ${shortTag(node.tag)} is not allowed: glossary front matter is plain YAML (core schema, no custom tags).`);
      }
    },
  });
  if (foreignTags > 0) return { problems };
  if (!isMap(doc.contents)) {
    problem(whole, 'glossary-bad-yaml', 'The front matter must be a YAML mapping of fields (id: …, type: …, label: …).');
    return { problems };
  }
  const fields = new Fields(doc, at, whole, problem, (span) => text.slice(span.start, span.end));
  const id = fields.string('id', true);
  const type = fields.string('type', true);
  const label = fields.string('label', true);
  if (id !== undefined && !idPattern.test(id)) {
    problem(fields.spanOf('id'), 'glossary-bad-id', `The id "${id}" must be a kebab-case ASCII slug such as "leon-trotsky".`);
  }
  if (type !== undefined && !(entityTypes as readonly string[]).includes(type)) {
    problem(fields.spanOf('type'), 'glossary-unknown-type', `Unknown type "${type}": use one of ${entityTypes.join(', ')}.`);
  }
  if (id === undefined || type === undefined || label === undefined || !idPattern.test(id) || !(entityTypes as readonly string[]).includes(type)) {
    return { problems };
  }
  const aliases = fields.strings('aliases');
  const variants = fields.strings('variants');
  // An entry that lists its own label among its aliases or variants: harmless, but the writer
  // should know (the collision check skips the label, so nothing else would say so).
  for (const [list, field] of [[aliases, 'aliases'], [variants, 'variants']] as const) {
    if (list.values.includes(label)) {
      problem(list.spans[label], 'glossary-repeated-alias', `"${label}" is the label; listing it in \`${field}\` adds nothing.`, 'information');
    }
  }
  const entity: Entity = {
    id,
    type: type as EntityType,
    label,
    aliases: aliases.values,
    variants: variants.values,
    caseSensitive: fields.boolean('caseSensitive') ?? !caseInsensitiveByDefault.has(type as EntityType),
    contexts: fields.contexts(),
    terms: fields.strings('terms').values,
    dates: fields.dates(),
    places: fields.strings('places').values,
    related: fields.strings('related').values,
    sources: fields.strings('sources').values,
    figures: fields.figures(),
    definition: text.slice(match[0].length).trim(),
    uri,
    bundled,
    labelSpan: fields.spanOf('label'),
    aliasSpans: { ...aliases.spans, ...variants.spans, [label]: fields.spanOf('label') },
  };
  return { entity, problems };
}

function firstLineEnd(text: string): number {
  const end = text.indexOf('\n');
  return end < 0 ? text.length : end;
}

type Report = (span: Span, code: string, message: string, severity?: Problem['severity']) => void;

/** Typed access to the front-matter mapping, reporting every field of the wrong shape. */
class Fields {
  constructor(
    private readonly doc: Document,
    private readonly at: (node: YamlNode | null | undefined, fallback: Span) => Span,
    private readonly whole: Span,
    private readonly report: Report,
    private readonly source: (span: Span) => string,
  ) {}

  node(key: string): YamlNode | undefined {
    const node = this.doc.get(key, true) as YamlNode | undefined;
    return node ?? undefined;
  }

  spanOf(key: string): Span {
    return this.at(this.node(key), this.whole);
  }

  string(key: string, required: boolean): string | undefined {
    const node = this.node(key);
    if (node === undefined) {
      if (required) this.report(this.whole, 'glossary-missing-field', `The entry has no \`${key}\`.`);
      return undefined;
    }
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number') || String(node.value).trim() === '') {
      this.report(this.at(node, this.whole), 'glossary-bad-field', `\`${key}\` must be a non-empty text.`);
      return undefined;
    }
    return String(node.value).trim();
  }

  boolean(key: string): boolean | undefined {
    const node = this.node(key);
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.report(this.at(node, this.whole), 'glossary-bad-field', `\`${key}\` must be true or false.`);
    return undefined;
  }

  strings(key: string, node: YamlNode | undefined = this.node(key)): { values: string[]; spans: Record<string, Span> } {
    const values: string[] = [];
    const spans: Record<string, Span> = {};
    if (node === undefined || (isScalar(node) && node.value === null)) return { values, spans };
    const items = isSeq(node) ? node.items : [node];
    for (const item of items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') && String(item.value).trim() !== '') {
        const value = String(item.value).trim();
        values.push(value);
        spans[value] = this.at(item as YamlNode, this.whole);
      } else if (isMap(item) && item.items.length === 1 && isScalar(item.items[0].key) && isScalar(item.items[0].value)) {
        // "Leggett, The Cheka: Lenin's Political Police (1981)" reads as a mapping in YAML; the
        // writer meant the text, so take it as written.
        const span = this.at(item as YamlNode, this.whole);
        const value = this.source(span).trim();
        values.push(value);
        spans[value] = span;
      } else {
        this.report(this.at(item as YamlNode, this.whole), 'glossary-bad-field', `Each item of \`${key}\` must be a text.`);
      }
    }
    return { values, spans };
  }

  dates(): Entity['dates'] {
    const node = this.node('dates');
    if (node === undefined) return undefined;
    if (!isMap(node)) {
      this.report(this.at(node, this.whole), 'glossary-bad-field', '`dates` must be a mapping such as `{ start: 1879-11-07, end: 1940-08-21 }`.');
      return undefined;
    }
    const read = (key: 'start' | 'end'): string | undefined => {
      const value = node.get(key, true) as YamlNode | undefined;
      if (value === undefined) return undefined;
      const textValue = isScalar(value) ? String(value.value) : '';
      if (parseDateBound(textValue, 'start') === undefined) {
        this.report(this.at(value, this.whole), 'glossary-bad-date', `\`dates.${key}\` must be YYYY, YYYY-MM or YYYY-MM-DD.`);
        return undefined;
      }
      return textValue;
    };
    return { start: read('start'), end: read('end') };
  }

  contexts(): Record<string, AliasContext> {
    const node = this.node('contexts');
    const contexts: Record<string, AliasContext> = {};
    if (node === undefined) return contexts;
    if (!isMap(node)) {
      this.report(this.at(node, this.whole), 'glossary-bad-field', '`contexts` must map an alias to `{ anyOf: [...], noneOf: [...], window: 8 }`.');
      return contexts;
    }
    for (const pair of node.items) {
      const alias = isScalar(pair.key) ? String(pair.key.value) : '';
      const rule = pair.value as YamlNode | null;
      if (!alias || !isMap(rule)) {
        this.report(this.at(rule ?? (pair.key as YamlNode), this.whole), 'glossary-bad-field', 'Each context rule must be a mapping with `anyOf` words.');
        continue;
      }
      const windowNode = rule.get('window', true) as YamlNode | undefined;
      const window = isScalar(windowNode) && typeof windowNode.value === 'number' ? windowNode.value : 8;
      contexts[alias] = {
        anyOf: this.strings('contexts.anyOf', rule.get('anyOf', true) as YamlNode | undefined).values,
        noneOf: this.strings('contexts.noneOf', rule.get('noneOf', true) as YamlNode | undefined).values,
        window,
      };
    }
    return contexts;
  }

  figures(): ReferenceFigure[] {
    const node = this.node('figures');
    const figures: ReferenceFigure[] = [];
    if (node === undefined) return figures;
    if (!isSeq(node)) {
      this.report(this.at(node, this.whole), 'glossary-bad-field', '`figures` must be a list of reference figures.');
      return figures;
    }
    for (const item of node.items) {
      const figure = this.figure(item as YamlNode);
      if (figure) figures.push(figure);
    }
    return figures;
  }

  private figure(item: YamlNode): ReferenceFigure | undefined {
    const span = this.at(item, this.whole);
    if (!isMap(item)) {
      this.report(span, 'glossary-bad-figure', 'A reference figure is a mapping with measure, low, high and sources.');
      return undefined;
    }
    const scalar = (key: string): unknown => {
      const value = item.get(key, true) as YamlNode | undefined;
      return isScalar(value) ? value.value : undefined;
    };
    const measure = scalar('measure');
    if (typeof measure !== 'string' || measure.trim() === '') {
      this.report(span, 'glossary-bad-figure', 'A reference figure needs a `measure` (deaths, prisoners, members, date, …).');
      return undefined;
    }
    const isDate = measure === 'date';
    const bound = (key: 'low' | 'high'): number | undefined => {
      const value = scalar(key);
      if (isDate) return parseDateBound(String(value ?? ''), key === 'low' ? 'start' : 'end');
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
    };
    const low = bound('low');
    const high = bound('high');
    if (low === undefined || high === undefined || low > high) {
      this.report(span, 'glossary-bad-figure', isDate
        ? 'A date figure needs `low` and `high` as YYYY, YYYY-MM or YYYY-MM-DD, low not after high.'
        : 'A reference figure needs numeric `low` and `high` (low ≤ high).');
      return undefined;
    }
    const scope = scalar('scope');
    const text = scalar('text');
    return {
      measure: measure.trim(),
      scope: scope === undefined || scope === null ? undefined : String(scope),
      low,
      high,
      text: typeof text === 'string' ? text : undefined,
      sources: this.strings('figures.sources', item.get('sources', true) as YamlNode | undefined).values,
      span,
    };
  }
}
