import * as path from 'node:path';
import { splitSentences } from '../server/src/analysis/sentences.js';
import type { Entity } from '../server/src/analysis/types.js';
import { WorkspaceIndex } from '../server/src/index/workspaceIndex.js';
import { loadFiles } from '../server/src/node/loadFiles.js';

/**
 * What `npm run lint:corpus` reports about the bundled glossary: counts per type, glossary
 * problems (alias collisions among them), entries without sources, definitions outside 2–6
 * sentences, and `related`/`places` ids that name no entry.
 */
export interface CorpusReport {
  readonly countsByType: Record<string, number>;
  readonly entries: number;
  readonly referenceFigures: number;
  readonly problems: readonly string[];
  readonly withoutSources: readonly string[];
  readonly badDefinitions: readonly string[];
  readonly unknownRelated: readonly string[];
}

export async function corpusReport(glossaryFolder: string): Promise<CorpusReport> {
  const files = await loadFiles({ roots: [], scan: { include: [], exclude: [], glossary: [] }, bundledGlossary: glossaryFolder });
  const index = new WorkspaceIndex();
  index.setFiles(files);
  const entities = [...index.glossary.entities.values()].sort((a, b) => a.id.localeCompare(b.id));
  const countsByType: Record<string, number> = {};
  for (const entity of entities) countsByType[entity.type] = (countsByType[entity.type] ?? 0) + 1;
  const where = (entity: Entity): string => path.relative(process.cwd(), decodeURIComponent(new URL(entity.uri).pathname));
  const problems = [...index.glossary.problems.entries()].flatMap(([uri, list]) =>
    list.map((p) => `${path.relative(process.cwd(), decodeURIComponent(new URL(uri).pathname))}: ${p.code} ${p.message}`));
  const sentenceCount = (text: string): number => splitSentences(text, { start: 0, end: text.length }).length;
  return {
    countsByType,
    entries: entities.length,
    referenceFigures: entities.reduce((n, e) => n + e.figures.length, 0),
    problems,
    withoutSources: entities.filter((e) => e.sources.length === 0).map(where),
    badDefinitions: entities.filter((e) => sentenceCount(e.definition) < 2 || sentenceCount(e.definition) > 6)
      .map((e) => `${where(e)} (${sentenceCount(e.definition)} sentences)`),
    unknownRelated: entities.flatMap((e) => e.related.filter((id) => !index.glossary.entities.has(id)).map((id) => `${where(e)}: related ${id}`)),
  };
}
