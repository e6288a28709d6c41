// Feature: hover. On a figure, the figure card (figureHover.ts); on a mention of an entity (or its
// label in the glossary entry), the entity card: label, type, dates, definition, other names,
// and how many essays mention it.
import type { Hover, Position } from 'vscode-languageserver-types';
import type { ServiceContext } from './context.js';
import { renderEntityCard } from './entityCard.js';
import { getFigureHover } from './figureHover.js';

export function getHover(context: ServiceContext, uri: string, position: Position): Hover | undefined {
  const figure = getFigureHover(context, uri, position);
  if (figure) return figure;
  const mention = context.mentionAt(uri, position);
  const entity = mention ? context.entity(mention.entityId) : context.entryAt(uri, position);
  if (!entity) return undefined;
  const range = mention ? context.location(uri, mention.span)?.range : undefined;
  return {
    contents: { kind: 'markdown', value: renderEntityCard(entity, context.index.essayCountOf(entity.id)) },
    ...(range ? { range } : {}),
  };
}
