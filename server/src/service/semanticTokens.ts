// Feature: semantic highlighting of mentions by entity kind, so themes colour people, events,
// concepts, organisations, places and works differently (see semanticTokenScopes in package.json).
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { entityTypes } from '../analysis/types.js';
import type { ServiceContext } from './context.js';

export const semanticTokensLegend: SemanticTokensLegend = {
  tokenTypes: [...entityTypes],
  tokenModifiers: ['variant'],
};

export function getSemanticTokens(context: ServiceContext, uri: string): SemanticTokens {
  const document = context.document(uri);
  const mentions = context.index.analysis(uri)?.mentions ?? [];
  const data: number[] = [];
  let previousLine = 0;
  let previousChar = 0;
  for (const mention of mentions) {
    const entity = context.entity(mention.entityId);
    const start = document?.positionAt(mention.span.start);
    const end = document?.positionAt(mention.span.end);
    // Tokens may not span lines; a name broken across lines stays uncoloured.
    if (!entity || !start || !end || start.line !== end.line) continue;
    const deltaLine = start.line - previousLine;
    data.push(deltaLine, deltaLine === 0 ? start.character - previousChar : start.character, end.character - start.character,
      entityTypes.indexOf(entity.type), mention.isVariant ? 1 : 0);
    previousLine = start.line;
    previousChar = start.character;
  }
  return { data };
}
