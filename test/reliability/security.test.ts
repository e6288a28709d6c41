import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { fixture } from '../helpers/fixture.js';
import { entryText, reliabilityGlossary } from './glossary.js';
import { ServerProcess } from './serverProcess.js';

/**
 * Issue 7, part 5: nothing from the workspace is executed; YAML is plain data; files are created
 * only inside the workspace glossary folder under sanitised names; no network at run time; the
 * CLI writes nothing unless asked; settings cannot reach outside the workspace.
 */

const serverRoot = path.resolve('server/src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Source text without comments, so a comment that mentions `eval(` does not count. */
function code(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(path.relative(root, full), `${statSync(full).mtimeMs} ${readFileSync(full, 'utf8').length}`);
    }
  };
  walk(root);
  return out;
}

describe('Reliability: security', function () {
  this.timeout(60000);
  const files = sourceFiles(serverRoot);
  const temporary: string[] = [];
  const folder = (prefix: string): string => {
    const made = mkdtempSync(path.join(tmpdir(), prefix));
    temporary.push(made);
    return made;
  };
  after(() => {
    for (const made of temporary) rmSync(made, { recursive: true, force: true });
  });

  it('Should contain no eval, no Function constructor, no require, no dynamic import, no vm and no child processes', () => {
    assert.ok(files.length > 50, `${files.length} source files`);
    const forbidden: [RegExp, string][] = [
      [/\beval\s*\(/, 'eval'],
      [/\bnew\s+Function\b|\bFunction\s*\(/, 'the Function constructor'],
      [/\brequire\s*\(|\bcreateRequire\b/, 'require'],
      [/\bimport\s*\(/, 'a dynamic import'],
      [/from\s+'(node:)?(vm|child_process|cluster|repl|inspector)'/, 'vm, child processes, the inspector'],
      [/process\.(binding|dlopen)\b/, 'native bindings'],
    ];
    const found = files.flatMap((file) => forbidden.filter(([pattern]) => pattern.test(code(file))).map(([, what]) => `${path.relative(serverRoot, file)}: ${what}`));
    assert.deepEqual(found, []);
    // Worker threads run one fixed script that ships with the server, never a path from the workspace.
    const workers = files.filter((file) => /new\s+Worker\s*\(/.test(code(file))).map((file) => path.relative(serverRoot, file));
    assert.deepEqual(workers, ['node/analysisPool.ts']);
    const pool = code(path.join(serverRoot, 'node/analysisPool.ts'));
    assert.match(pool, /import\.meta\.url/);
  });

  it('Should import no network module and call no network API', () => {
    const network = /from\s+'(node:)?(http|https|http2|net|dgram|tls|dns|dns\/promises|undici)'|\bfetch\s*\(|\bWebSocket\b|\bXMLHttpRequest\b|\bEventSource\b/;
    assert.deepEqual(files.filter((file) => network.test(code(file))).map((file) => path.relative(serverRoot, file)), []);
    // And the runtime dependencies the server loads do not reach for the network either.
    const runtime = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    assert.deepEqual(Object.keys(runtime.dependencies).sort(), [
      'mdast-util-frontmatter', 'mdast-util-gfm-footnote', 'micromark-extension-frontmatter', 'micromark-extension-gfm-footnote',
      'picomatch', 'remark-parse', 'unified', 'vscode-languageserver', 'vscode-languageserver-textdocument', 'vscode-languageserver-types',
      'vscode-uri', 'yaml',
    ]);
  });

  it('Should write files only from the index cache (outside the workspace) and nowhere else', () => {
    const calls = 'writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|mkdir|mkdirSync|rename|renameSync|unlink|unlinkSync|rm|rmSync|rmdir|copyFile|cp|truncate|symlink|link|chmod|chown|utimes|open|openSync';
    // A write is a call on the fs module (`fs.writeFile(`, `promises.rename(`) or an fs write function imported by name.
    const onModule = new RegExp(`\\b(fs|fsp|promises)\\s*\\.\\s*(${calls})\\s*\\(`);
    const imported = new RegExp(`import\\s*\\{[^}]*\\b(${calls})\\b[^}]*\\}\\s*from\\s*'(node:)?fs(/promises)?'`);
    const writers = files.filter((file) => onModule.test(code(file)) || imported.test(code(file))).map((file) => path.relative(serverRoot, file));
    assert.deepEqual(writers, ['node/indexCache.ts']);
  });

  it('Should make no network connection during a whole session (checked at run time)', async () => {
    // A preload that makes every network entry point throw and report itself on stderr.
    const preload = path.join(folder('marginalia-net-'), 'no-network.cjs');
    writeFileSync(preload, `
      const report = (what) => { process.stderr.write('NETWORK ' + what + '\\n'); throw new Error('network disabled: ' + what); };
      for (const [name, fns] of Object.entries({ net: ['connect', 'createConnection', 'createServer'], http: ['request', 'get', 'createServer'], https: ['request', 'get', 'createServer'], tls: ['connect', 'createServer'], dgram: ['createSocket'], dns: ['lookup', 'resolve'], http2: ['connect', 'createServer'] })) {
        const mod = require(name);
        for (const fn of fns) mod[fn] = () => report(name + '.' + fn);
      }
      require('net').Socket.prototype.connect = function () { report('net.Socket.connect'); };
      globalThis.fetch = () => report('fetch');
    `);
    const root = folder('marginalia-offline-');
    for (const [relative, text] of Object.entries({ ...reliabilityGlossary, 'essays/a.md': 'Trotsky and Maria Spiridonova.\n' })) {
      mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      writeFileSync(path.join(root, relative), text);
    }
    const server = new ServerProcess({ env: { NODE_OPTIONS: `--require ${preload}` } });
    try {
      await server.initialize([root], { bundledGlossary: true, unknownNames: true });
      const uri = ServerProcess.uriOf(path.join(root, 'essays/a.md'));
      const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
      assert.match((hover.contents as { value: string }).value, /^\*\*Leon Trotsky\*\*/);
      await server.request('textDocument/references', { textDocument: { uri }, position: { line: 0, character: 2 }, context: { includeDeclaration: true } });
      await server.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 12 }, end: { line: 0, character: 29 } }, context: { diagnostics: server.diagnostics.get(uri) ?? [] } });
      await server.request('marginalia/rebuild', null);
      assert.equal(server.exit, undefined);
      assert.deepEqual(server.stderr.join('').split('\n').filter((line) => line.startsWith('NETWORK')), []);
    } finally {
      await server.stop();
    }
  });

  describe('"Add to the glossary" writes only inside the glossary folder', () => {
    const folderUri = 'file:///ws/glossary';
    const createTarget = (name: string): string[] => {
      const f = fixture('//- /essays/a.md\nText.\n', { newEntryFolder: folderUri });
      const diagnostic: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: 'x', code: 'unknown-name', data: { name } };
      return f.service.getCodeActions(f.uriOf('/essays/a.md'), [diagnostic]).flatMap((a) =>
        (a.edit?.documentChanges ?? []).flatMap((c) => ('kind' in c && c.kind === 'create' ? [c.uri] : [])));
    };

    it('Should sanitise hostile names into a slug directly inside the folder', () => {
      const cases: [string, string][] = [
        ['../../x', 'x'], ['..\\..\\evil', 'evil'], ['/etc/passwd', 'etc-passwd'], ['C:\\Windows\\System32', 'c-windows-system32'],
        ['%2e%2e%2fsecret', '2e-2e-2fsecret'], ['....', 'entry'], ['', 'entry'], ['Ünïcödé Ñame', 'unicode-name'], ['a\u0000b\nc', 'a-b-c'],
        ['x'.repeat(500), 'x'.repeat(80)], ['..', 'entry'], ['file:///etc/passwd', 'file-etc-passwd'],
      ];
      for (const [name, slug] of cases) assert.deepEqual(createTarget(name), [`${folderUri}/${slug}.md`], JSON.stringify(name));
    });

    it('Should offer no file at all when there is no workspace folder', () => {
      const f = fixture('//- /essays/a.md\nText.\n');
      const diagnostic: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: 'x', code: 'unknown-name', data: { name: '../../x' } };
      assert.deepEqual(f.service.getCodeActions(f.uriOf('/essays/a.md'), [diagnostic]), []);
    });

    it('Should target the workspace glossary folder through the real server, even for a forged name', async () => {
      const root = folder('marginalia-create-');
      for (const [relative, text] of Object.entries({ ...reliabilityGlossary, 'essays/a.md': 'Then Maria Spiridonova spoke.\n' })) {
        mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
        writeFileSync(path.join(root, relative), text);
      }
      const server = new ServerProcess();
      try {
        await server.initialize([root], { bundledGlossary: false, unknownNames: true });
        const uri = ServerProcess.uriOf(path.join(root, 'essays/a.md'));
        await server.waitUntil(() => (server.diagnostics.get(uri) ?? []).length > 0, 'the unknown-name hint');
        const [unknown] = server.diagnostics.get(uri)!;
        assert.equal(unknown.code, 'unknown-name');
        const targets = async (diagnostic: Diagnostic): Promise<string[]> => {
          const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
          return actions.flatMap((a) => (a.edit?.documentChanges ?? []).flatMap((c) => ('kind' in c && c.kind === 'create' ? [c.uri] : [])));
        };
        const glossaryUri = ServerProcess.uriOf(path.join(root, 'glossary'));
        assert.deepEqual(await targets(unknown), [`${glossaryUri}/maria-spiridonova.md`]);
        assert.deepEqual(await targets({ ...unknown, data: { name: '../../../../etc/cron.d/x' } }), [`${glossaryUri}/etc-cron-d-x.md`]);
        // The server itself wrote nothing: the edit is the client's to apply.
        assert.deepEqual(readdirSync(path.join(root, 'glossary')).sort(), Object.keys(reliabilityGlossary).map((p) => path.basename(p)).sort());
      } finally {
        await server.stop();
      }
    });

    // Regression: the stub insert once landed on top of an existing entry.
    it('Should never write into an existing glossary file', () => {
      const f = fixture(`//- /glossary/maria-spiridonova.md\n${entryText('id: spiridonova\ntype: person\nlabel: M. Spiridonova')}//- /essays/a.md\nThen Maria Spiridonova spoke.\n`, {
        unknownNames: true, newEntryFolder: 'file:///ws/glossary',
      });
      const uri = f.uriOf('/essays/a.md');
      const actions = f.service.getCodeActions(uri, f.service.getDiagnostics(uri).filter((d) => d.code === 'unknown-name'));
      const touched = actions.flatMap((a) => (a.edit?.documentChanges ?? []).map((c) => ('kind' in c ? ('uri' in c ? c.uri : c.newUri) : c.textDocument.uri)));
      assert.ok(!touched.includes('file:///ws/glossary/maria-spiridonova.md'), JSON.stringify(touched));
    });
  });

  describe('The CLI writes nothing unless asked', () => {
    it('Should leave the workspace, the working folder and the cache folder untouched for check and export', () => {
      const root = folder('marginalia-cli-');
      const cwd = folder('marginalia-cwd-');
      const cache = folder('marginalia-cache-');
      for (const [relative, text] of Object.entries({ ...reliabilityGlossary, 'essays/a.md': 'In the Kronstadt rebellion 1,000 sailors died.\n', 'essays/b.txt': 'In the Kronstadt rebellion some 5,000 sailors died.\n' })) {
        mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
        writeFileSync(path.join(root, relative), text);
      }
      const before = tree(root);
      const cli = path.resolve('bin/marginalia.js');
      const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cache, HOME: cache };
      delete env.MARGINALIA_CACHE_DIR;
      // The bundled glossary once (the default); without it the other runs take a fraction of the time.
      const runs = [['check', root], ['check', root, '--format', 'sarif', '--no-bundled-glossary'], ['check', root, '--format', 'json', '--no-bundled-glossary'],
        ['export', root, '--no-bundled-glossary'], ['check', path.join(root, 'essays/a.md'), '--format', 'json', '--no-bundled-glossary']];
      for (const args of runs) {
        const run = spawnSync(process.execPath, [cli, ...args], { cwd, env, encoding: 'utf8' });
        assert.ok(run.status === 0 || run.status === 1, `${args.join(' ')}: exit ${run.status} ${run.stderr}`);
        assert.ok(run.stdout.length > 0, `${args.join(' ')} printed its report`);
      }
      assert.deepEqual(tree(root), before);
      assert.deepEqual(readdirSync(cwd), []);
      assert.deepEqual(readdirSync(cache), []);
    });
  });

  it('Should declare untrusted workspaces supported, and say what it does there', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { capabilities: { untrustedWorkspaces: { supported: boolean | string; description: string } } };
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /runs no code/);
  });

  it('Should not read files outside the workspace folder, whatever the globs say', async () => {
    const outer = folder('marginalia-outer-');
    writeFileSync(path.join(outer, 'secret.md'), entryText('id: secret\ntype: person\nlabel: Secret Person'));
    const root = path.join(outer, 'ws');
    mkdirSync(path.join(root, 'essays'), { recursive: true });
    writeFileSync(path.join(root, 'essays/a.md'), 'Secret Person.\n');
    const server = new ServerProcess();
    try {
      await server.initialize([root], { bundledGlossary: false, glossary: ['../**/*.md', '/**/*.md', '**/../../*.md'], include: ['../*.md', '**/*.md'] });
      const status = await server.request<{ files: number; entities: number }>('marginalia/status', null);
      assert.deepEqual([status.files, status.entities], [1, 0]);
    } finally {
      await server.stop();
    }
  });
});
