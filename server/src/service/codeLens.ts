// Feature: code lens on glossary entries: "12 mentions in 5 essays" above the label, which
// opens the references (the same mentions, so the two counts agree).
import type { CodeLens } from 'vscode-languageserver-types';
import type { ServiceContext } from './context.js';

export function getCodeLenses(context: ServiceContext, uri: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const entity of context.index.glossary.entities.values()) {
    if (entity.uri !== uri) continue;
    const location = context.location(uri, entity.labelSpan);
    if (!location) continue;
    const mentions = context.index.mentionCountOf(entity.id);
    const essays = context.index.essayCountOf(entity.id);
    lenses.push({
      range: location.range,
      command: {
        title: `${mentions} ${mentions === 1 ? 'mention' : 'mentions'} in ${essays} ${essays === 1 ? 'essay' : 'essays'}`,
        command: 'marginalia.showReferences',
        arguments: [uri, location.range.start],
      },
    });
  }
  return lenses;
}
