// Feature: go to definition. A mention jumps to its glossary entry; a note marker to its note;
// a Markdown link to the linked essay, at the heading its fragment names.
import { URI, Utils } from 'vscode-uri';
import type { Location, Position } from 'vscode-languageserver-types';
import { spanContains } from '../util/span.js';
import type { ServiceContext } from './context.js';

export function getDefinition(context: ServiceContext, uri: string, position: Position): Location[] {
  const mention = context.mentionAt(uri, position);
  if (mention) {
    const entity = context.entity(mention.entityId);
    const target = entity ? context.location(entity.uri, entity.labelSpan) : undefined;
    return target ? [target] : [];
  }
  const offset = context.offset(uri, position);
  const model = context.index.analysis(uri)?.model;
  if (offset === undefined || !model) return [];
  const ref = model.noteRefs.find((r) => spanContains(r.span, offset));
  if (ref) {
    const note = model.notes.find((n) => n.label === ref.label);
    const target = note ? context.location(uri, note.span) : undefined;
    return target ? [target] : [];
  }
  const link = model.links.find((l) => spanContains(l.span, offset));
  if (link) return linkTarget(context, uri, link.path, link.fragment);
  return [];
}

function linkTarget(context: ServiceContext, uri: string, path: string | undefined, fragment: string | undefined): Location[] {
  const targetUri = path ? Utils.resolvePath(Utils.dirname(URI.parse(uri)), path).toString() : uri;
  const model = context.index.analysis(targetUri)?.model;
  if (!model) return [];
  const heading = fragment ? model.headings.find((h) => h.slug === fragment.toLowerCase()) : undefined;
  const target = context.location(targetUri, heading ? heading.span : { start: 0, end: 0 });
  return target ? [target] : [];
}
