// Feature: find references. Every mention of the entity under the cursor, across essays and
// glossary bodies; with includeDeclaration, the glossary entry's label first.
import type { Location, Position } from 'vscode-languageserver-types';
import type { ServiceContext } from './context.js';

export function getReferences(context: ServiceContext, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const entity = context.entityAt(uri, position);
  if (!entity) return [];
  const locations: Location[] = [];
  if (includeDeclaration) {
    const declaration = context.location(entity.uri, entity.labelSpan);
    if (declaration) locations.push(declaration);
  }
  for (const { uri: mentionUri, mention } of context.index.mentionsOf(entity.id)) {
    const location = context.location(mentionUri, mention.span);
    if (location) locations.push(location);
  }
  return locations;
}
