// Feature: completion of canonical names. After a capitalised prefix ("Matyas R", "Trot"), offers
// the glossary labels that start with it, diacritics right ("Mátyás Rákosi").
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { foldWord, startsUpper } from '../util/fold.js';
import type { ServiceContext } from './context.js';

const kinds = {
  person: CompletionItemKind.Reference, event: CompletionItemKind.Event, concept: CompletionItemKind.Keyword,
  organization: CompletionItemKind.Module, place: CompletionItemKind.Folder, work: CompletionItemKind.File,
} as const;

export function getCompletions(context: ServiceContext, uri: string, position: Position): CompletionItem[] {
  const document = context.document(uri);
  const offset = context.offset(uri, position);
  if (!document || offset === undefined) return [];
  const lineStart = document.offsetAt({ line: position.line, character: 0 });
  const before = document.getText().slice(Math.max(lineStart, offset - 60), offset);
  const prefix = /((?:[\p{Lu}][\p{L}\p{M}'’.-]*\s+){0,3}[\p{Lu}][\p{L}\p{M}'’.-]*)$/u.exec(before)?.[1];
  if (!prefix || !startsUpper(prefix)) return [];
  const items: CompletionItem[] = [];
  for (const candidate of candidatesFor(prefix)) {
    const matches = [...context.index.glossary.entities.values()].filter((entity) =>
      [entity.label, ...entity.aliases].some((name) => foldWord(name).startsWith(foldWord(candidate))));
    for (const entity of matches) {
      const range = { start: document.positionAt(offset - candidate.length), end: position };
      items.push({
        label: entity.label,
        kind: kinds[entity.type],
        detail: entity.type,
        filterText: candidate.length > 0 ? [entity.label, ...entity.aliases].find((n) => foldWord(n).startsWith(foldWord(candidate))) : entity.label,
        textEdit: { range, newText: entity.label },
      });
    }
    if (items.length > 0) break;
  }
  return items.slice(0, 100);
}

/** The longest capitalised run first ("Matyas R"), then shorter ones ("R"). */
function candidatesFor(prefix: string): string[] {
  const words = prefix.split(/\s+/);
  return words.map((_, i) => words.slice(i).join(' ')).filter((c) => startsUpper(c));
}
