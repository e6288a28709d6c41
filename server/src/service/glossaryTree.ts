// Feature: the data behind the VS Code "Glossary" view and the status item's counts.
import type { EntityKind, GlossaryItem, GlossaryResult, StatusResult } from '../protocol.js';
import type { LanguageService } from './languageService.js';

const typeOrder: readonly EntityKind[] = ['person', 'event', 'concept', 'organization', 'place', 'work'];
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Every entity in force, by type then label, with its mention and essay counts. */
export function getGlossaryTree(service: LanguageService): GlossaryResult {
  const entities: GlossaryItem[] = [];
  for (const entity of service.index.glossary.entities.values()) {
    const range = service.toRange(entity.uri, entity.labelSpan);
    if (!range) continue;
    entities.push({
      id: entity.id,
      type: entity.type,
      label: entity.label,
      uri: entity.uri,
      range,
      mentions: service.index.mentionsOf(entity.id).filter((m) => m.uri !== entity.uri).length,
      essays: service.index.essayCountOf(entity.id),
    });
  }
  entities.sort((a, b) => typeOrder.indexOf(a.type) - typeOrder.indexOf(b.type) || collator.compare(a.label, b.label) || collator.compare(a.id, b.id));
  return { entities };
}

/** How many files, essays and entities the index holds. */
export function getIndexStatus(service: LanguageService): StatusResult {
  let files = 0;
  let essays = 0;
  for (const file of service.index.allFiles()) {
    files++;
    if (file.role === 'essay') essays++;
  }
  return { files, essays, entities: service.index.glossary.entities.size };
}
