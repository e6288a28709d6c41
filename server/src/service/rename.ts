// Feature: rename an entity's name. On a mention or on the name in its glossary entry, renames
// that name (the label, or the alias the cursor is on) in the glossary entry and in every
// mention that uses it, as one workspace edit. Plural endings are kept ("Bolsheviks").
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { spanContains } from '../util/span.js';
import type { Entity } from '../analysis/types.js';
import type { ServiceContext } from './context.js';

interface RenameTarget {
  readonly entity: Entity;
  readonly alias: string;
  readonly range: Range;
}

function targetAt(context: ServiceContext, uri: string, position: Position): RenameTarget | undefined {
  const mention = context.mentionAt(uri, position);
  if (mention) {
    const entity = context.entity(mention.entityId);
    const range = context.location(uri, { start: mention.span.start, end: mention.span.end - mention.suffix.length })?.range;
    return entity && range ? { entity, alias: mention.alias, range } : undefined;
  }
  const entity = context.entryAt(uri, position);
  const offset = context.offset(uri, position);
  if (!entity || offset === undefined) return undefined;
  const alias = Object.keys(entity.aliasSpans).find((name) => spanContains(entity.aliasSpans[name], offset));
  const range = alias ? context.location(uri, entity.aliasSpans[alias])?.range : undefined;
  return alias && range ? { entity, alias, range } : undefined;
}

/** The range and current text to rename, or undefined when the cursor is not on an entity name. */
export function prepareRename(context: ServiceContext, uri: string, position: Position): { range: Range; placeholder: string } | undefined {
  const target = targetAt(context, uri, position);
  return target ? { range: target.range, placeholder: target.alias } : undefined;
}

export function rename(context: ServiceContext, uri: string, position: Position, newName: string): WorkspaceEdit | undefined {
  const target = targetAt(context, uri, position);
  const name = newName.trim();
  if (!target || name === '') return undefined;
  const changes: Record<string, TextEdit[]> = {};
  const add = (editUri: string, range: Range | undefined, newText: string): void => {
    if (range) (changes[editUri] ??= []).push({ range, newText });
  };
  const { entity, alias } = target;
  add(entity.uri, context.location(entity.uri, entity.aliasSpans[alias] ?? entity.labelSpan)?.range, yamlScalar(name));
  for (const { uri: mentionUri, mention } of context.index.mentionsOf(entity.id)) {
    if (mention.alias !== alias) continue;
    add(mentionUri, context.location(mentionUri, mention.span)?.range, name + mention.suffix);
  }
  return { changes };
}

/** Plain names stay unquoted in the front matter; anything YAML could misread is quoted. */
function yamlScalar(value: string): string {
  return /^[\p{L}][\p{L}\p{M}\p{N} .'’-]*$/u.test(value) ? value : JSON.stringify(value);
}
