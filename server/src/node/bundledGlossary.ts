import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the bundled `corpus/glossary/` by walking up from this module, which works from the
 * compiled tree (`out/server/src/node/`) and from the esbuild bundle (`dist/`) alike.
 */
export function findBundledGlossary(from: string = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  let folder = from;
  for (let depth = 0; depth < 6; depth++) {
    const candidate = path.join(folder, 'corpus', 'glossary');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return undefined;
}
