import type { LanguageService } from '../service/languageService.js';
import { displayPath } from './workspace.js';

/** The analysis as JSON: every entity with its glossary file and every mention. */
export function exportJson(service: LanguageService): string {
  const index = service.index;
  const entities = [...index.glossary.entities.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((entity) => {
      const mentions = index.mentionsOf(entity.id).map(({ uri, mention }) => {
        const file = index.file(uri)!;
        const reference = service.toRange(uri, mention.span);
        return { file: displayPath(uri), range: reference, text: file.text.slice(mention.span.start, mention.span.end) };
      });
      return { id: entity.id, type: entity.type, label: entity.label, glossaryFile: displayPath(entity.uri), mentions };
    });
  return JSON.stringify({ entities }, null, 2);
}
