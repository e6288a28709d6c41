// Bundles the language server and the VS Code extension with esbuild, each into one CommonJS file,
// so the .vsix needs no node_modules:
//   dist/server.cjs     server/src/main.ts (transport from argv: --node-ipc from VS Code, --stdio)
//   dist/extension.cjs  client/src/extension.ts (vscode stays external: the editor provides it)
// Usage: node client/build.mjs [--minify] [--sourcemap]
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: argv.includes('--minify'),
  sourcemap: argv.includes('--sourcemap') ? 'linked' : false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

const started = performance.now();
const results = await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['server/src/main.ts'],
    outfile: 'dist/server.cjs',
    // The ESM sources read import.meta.url (the bundled glossary is found by walking up from the
    // module's folder: dist/ → <extension>/corpus/glossary). In CommonJS it is the bundle's own URL.
    define: { 'import.meta.url': '__import_meta_url' },
    banner: { js: "'use strict';\nconst __import_meta_url = require('url').pathToFileURL(__filename).href;" },
    metafile: true,
  }),
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.cjs',
    external: ['vscode'],
    metafile: true,
  }),
]);
for (const result of results) {
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.map')) console.log(`${file}  ${Math.round(output.bytes / 1024)} KB`);
  }
}
console.log(`bundled in ${Math.round(performance.now() - started)} ms`);
