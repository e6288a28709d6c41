// Feature: document symbols (the essay's headings and notes, nested by level) and workspace
// symbols (glossary entities by label or alias, fuzzy, diacritics ignored).
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver-types';
import { foldWord } from '../util/fold.js';
import type { Entity, EntityType } from '../analysis/types.js';
import type { ServiceContext } from './context.js';

export function getDocumentSymbols(context: ServiceContext, uri: string): DocumentSymbol[] {
  const model = context.index.analysis(uri)?.model;
  const document = context.document(uri);
  if (!model || !document) return [];
  const roots: DocumentSymbol[] = [];
  const stack: { level: number; symbol: DocumentSymbol }[] = [];
  for (const heading of model.headings) {
    const range = context.location(uri, heading.span)!.range;
    const symbol: DocumentSymbol = { name: heading.text || '(untitled)', kind: SymbolKind.String, range, selectionRange: range, children: [] };
    while (stack.length > 0 && stack[stack.length - 1].level >= heading.level) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1].symbol.children! : roots).push(symbol);
    stack.push({ level: heading.level, symbol });
  }
  for (const note of model.notes) {
    const range = context.location(uri, note.span)!.range;
    const detail = document.getText(context.location(uri, note.textSpan)!.range).slice(0, 80);
    roots.push({ name: `Note ${note.label}`, detail, kind: SymbolKind.Key, range, selectionRange: range });
  }
  return roots;
}

const symbolKinds: Record<EntityType, SymbolKind> = {
  person: SymbolKind.Object,
  event: SymbolKind.Event,
  concept: SymbolKind.Interface,
  organization: SymbolKind.Namespace,
  place: SymbolKind.Package,
  work: SymbolKind.File,
};

export function getWorkspaceSymbols(context: ServiceContext, query: string): SymbolInformation[] {
  const needle = foldWord(query.trim());
  const scored: { entity: Entity; score: number }[] = [];
  for (const entity of context.index.glossary.entities.values()) {
    // reduce, not Math.min(...scores): spreading an entry's names as arguments overflows the stack
    // for an entry with some hundred thousand aliases.
    const score = [entity.label, ...entity.aliases, ...entity.variants].reduce((best, name) => Math.min(best, fuzzyScore(foldWord(name), needle)), Infinity);
    if (Number.isFinite(score)) scored.push({ entity, score });
  }
  scored.sort((a, b) => a.score - b.score || a.entity.label.localeCompare(b.entity.label));
  return scored.slice(0, 200).flatMap(({ entity }) => {
    const location = context.location(entity.uri, entity.labelSpan);
    return location ? [{ name: entity.label, kind: symbolKinds[entity.type], location, containerName: entity.type }] : [];
  });
}

/** Subsequence match: lower is better; a prefix beats a substring beats scattered letters. */
function fuzzyScore(name: string, needle: string): number {
  if (needle === '') return 0;
  if (name.startsWith(needle)) return 0;
  if (name.includes(` ${needle}`)) return 1;
  if (name.includes(needle)) return 2;
  let from = 0;
  let gaps = 0;
  for (const char of needle) {
    const found = name.indexOf(char, from);
    if (found < 0) return Infinity;
    gaps += found - from;
    from = found + 1;
  }
  return 3 + gaps;
}
