#!/usr/bin/env node
// End to end in a real VS Code: code-server 4.100.3 (VS Code 1.100) driven by headless Debian
// Chromium through playwright-core. Installs the packaged .vsix, opens a copy of corpus/, hovers an
// entity mention and (when the server reports one) a conflicting figure, and takes screenshots
// into images/screenshots/. Facts this follows: shared notes "real-editors.md".
//
//   node scripts/e2e-vscode.mjs [--no-package] [--vsix FILE] [--keep] [--install-only]
//
// --no-package  use the existing marginalia-<version>.vsix instead of running `npm run package`
// --keep        keep the temporary workspace and profiles (their folder is printed)
// Needs (Debian): chromium, libkrb5-dev (code-server's kerberos module compiles). Installed with
// apt-get when missing and running as root. code-server is cached in .e2e/ (about 300 MB).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_BINARY_PACKAGE = '@vscode/ripgrep-linux-x64@1.18.0';
const CHROMIUM = '/usr/bin/chromium';
const cache = path.join(root, '.e2e');
const shots = path.join(root, 'images', 'screenshots');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);

// ---------------------------------------------------------------------------------------------
// timings and checks

const started = performance.now();
const timings = [];
const checks = [];
async function phase(name, work) {
  const t = performance.now();
  process.stdout.write(`e2e: ${name}…\n`);
  try {
    return await work();
  } finally {
    const ms = performance.now() - t;
    timings.push([name, ms]);
    process.stdout.write(`e2e: ${name}: ${(ms / 1000).toFixed(1)} s\n`);
  }
}
function check(ok, what) {
  checks.push([ok ? 'ok' : 'FAILED', what]);
  process.stdout.write(`e2e: ${ok ? 'ok' : 'FAILED'}: ${what}\n`);
  if (!ok) throw new Error(`check failed: ${what}`);
}
function note(what) {
  checks.push(['note', what]);
  process.stdout.write(`e2e: note: ${what}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

// ---------------------------------------------------------------------------------------------
// installation

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let aptUpdated = false;
function aptEnsure(packages) {
  const missing = packages.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return;
  if (!isRoot) throw new Error(`missing Debian packages: ${missing.join(' ')} (apt-get install -y ${missing.join(' ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) run('apt-get', ['update', '-qq'], { env });
  aptUpdated = true;
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
}

/** `npm pack` into a folder and return the tarball's path (the registry's ordinary client). */
function npmPack(spec, into) {
  mkdirSync(into, { recursive: true });
  const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', into], { encoding: 'utf8', cwd: into });
  return path.join(into, out.trim().split('\n').pop());
}

/** Extracts one member of a .tgz to stdout. */
const tarCat = (tgz, member) => execFileSync('tar', ['-xzOf', tgz, member], { encoding: 'utf8', maxBuffer: 64 << 20 });

async function ensureCodeServer() {
  const prefix = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  const bin = path.join(prefix, 'node_modules', '.bin', 'code-server');
  if (existsSync(path.join(prefix, '.installed')) && existsSync(bin)) {
    console.log(`e2e: code-server ${CODE_SERVER_VERSION} cached in ${path.relative(root, prefix)}`);
    return bin;
  }
  aptEnsure(['libkrb5-dev']);
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  const downloads = path.join(cache, 'downloads');
  const tmp = path.join(cache, 'tmp');
  mkdirSync(tmp, { recursive: true });

  // code-server's postinstall installs VS Code's own dependencies, among them @vscode/ripgrep,
  // whose postinstall downloads a ripgrep build from GitHub — unreachable here. It first looks in
  // $TMPDIR/vscode-ripgrep-cache-<its version>/ for the tarball: put one there, made from the rg
  // binary of the npm package @vscode/ripgrep-linux-x64.
  const codeServerTgz = npmPack(`code-server@${CODE_SERVER_VERSION}`, downloads);
  const shrinkwrap = JSON.parse(tarCat(codeServerTgz, 'package/lib/vscode/npm-shrinkwrap.json'));
  const ripgrepVersion = shrinkwrap.packages['node_modules/@vscode/ripgrep'].version;
  const ripgrepTgz = npmPack(`@vscode/ripgrep@${ripgrepVersion}`, downloads);
  const tag = /const VERSION = '([^']+)'/.exec(tarCat(ripgrepTgz, 'package/lib/postinstall.js'))[1];
  const binaryTgz = npmPack(RIPGREP_BINARY_PACKAGE, downloads);
  const staging = mkdtempSync(path.join(tmp, 'rg-'));
  execFileSync('tar', ['-xzf', binaryTgz, '-C', staging, 'package/bin/rg']);
  const ripgrepCache = path.join(tmp, `vscode-ripgrep-cache-${ripgrepVersion}`);
  mkdirSync(ripgrepCache, { recursive: true });
  execFileSync('tar', ['-czf', path.join(ripgrepCache, `ripgrep-${tag}-x86_64-unknown-linux-musl.tar.gz`), '-C', path.join(staging, 'package', 'bin'), 'rg']);
  console.log(`e2e: ripgrep ${tag} for @vscode/ripgrep@${ripgrepVersion} placed in ${path.relative(root, ripgrepCache)}`);

  writeFileSync(path.join(prefix, 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', codeServerTgz], {
    cwd: prefix,
    env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', TMPDIR: tmp },
  });
  writeFileSync(path.join(prefix, '.installed'), `${new Date().toISOString()}\n`);
  return bin;
}

// ---------------------------------------------------------------------------------------------
// the oracle: what the bundled server itself says about the workspace, over stdio

async function serverDiagnostics(serverPath, workspace) {
  const rpc = (await import('vscode-jsonrpc/node')).default ?? (await import('vscode-jsonrpc/node'));
  const child = spawn(process.execPath, [serverPath, '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const diagnostics = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => diagnostics.set(p.uri, p.diagnostics));
  connection.onNotification('window/logMessage', () => {});
  const indexed = new Promise((resolve) => connection.onNotification('marginalia/indexed', resolve));
  connection.listen();
  const uri = pathToFileURL(workspace).href;
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'corpus' }], capabilities: {} });
    await connection.sendNotification('initialized', {});
    const counts = await Promise.race([indexed, sleep(60000).then(() => { throw new Error('the server never sent marginalia/indexed'); })]);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    return { counts, diagnostics };
  } finally {
    connection.dispose();
    child.kill();
  }
}

// ---------------------------------------------------------------------------------------------
// the workbench

/** Starts code-server; resolves with its port once it listens. */
function startCodeServer(bin, dirs, workspace, log) {
  const child = spawn(bin, ['--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions, '--config', dirs.config, workspace], { env: dirs.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const port = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log.push(chunk.toString());
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log.join(''));
      if (match) resolve(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server exited with ${code}:\n${log.join('')}`)));
  });
  return { child, port };
}

/** Position (1-based line and column) of the first whole-word occurrence of `word` in `text`. */
function positionOf(text, word) {
  const lines = text.split('\n');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
  for (let i = 0; i < lines.length; i++) {
    const m = pattern.exec(lines[i]);
    if (m) return { line: i + 1, column: m.index + 1 };
  }
  throw new Error(`"${word}" does not occur`);
}

async function quickInput(page, key, text) {
  await page.keyboard.press(key);
  const box = page.locator('.quick-input-widget input');
  await box.waitFor({ state: 'visible', timeout: 10000 });
  await box.fill(text);
}

/** Opens a workspace file by its relative path with Quick Open (Ctrl+P). */
async function openFile(page, relative) {
  const name = path.basename(relative);
  for (let attempt = 1; ; attempt++) {
    await quickInput(page, 'Control+P', relative);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15000 });
    await sleep(400); // let the list settle on the query's results
    await page.keyboard.press('Enter');
    try {
      await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 5000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15000 });
}

async function goTo(page, line, column) {
  await quickInput(page, 'Control+G', `:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 });
  await sleep(150);
}

/** Hovers `characters` to the right of the cursor until a hover containing `expect` shows. */
async function hoverAtCursor(page, expect, { characters = 2, timeoutMs = 40000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const cursor = await page.locator('.monaco-editor.focused .cursors-layer .cursor').first().boundingBox()
      ?? await page.locator('.monaco-editor .cursors-layer .cursor').first().boundingBox();
    if (!cursor) throw new Error('no editor cursor found');
    const charWidth = await page.evaluate(() => {
      const span = document.querySelector('.monaco-editor .view-line span span');
      return span && span.textContent ? span.getBoundingClientRect().width / span.textContent.length : 8;
    });
    await page.mouse.move(5, 5);
    await sleep(100);
    await page.mouse.move(cursor.x + charWidth * characters + 1, cursor.y + cursor.height / 2, { steps: 3 });
    try {
      const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: expect }).first();
      await hover.waitFor({ state: 'visible', timeout: 3000 });
      return await hover.innerText();
    } catch {
      last = await page.locator('.monaco-hover:not(.hidden)').first().innerText({ timeout: 200 }).catch(() => '(no hover)');
    }
  }
  throw new Error(`no hover containing "${expect}" within ${timeoutMs / 1000} s; last hover: ${last}`);
}

async function runCommand(page, title) {
  await quickInput(page, 'F1', `>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = path.resolve(option('--vsix') ?? path.join(root, `${manifest.name}-${manifest.version}.vsix`));
  const codeServer = await phase('install code-server (cached after the first run)', () => ensureCodeServer());
  if (flag('--install-only')) return;
  await phase('install chromium and unzip if missing', () => aptEnsure(['chromium', 'unzip']));
  if (!flag('--no-package') && !option('--vsix')) await phase('npm run package', () => run('npm', ['run', '--silent', 'package'], { cwd: root }));
  check(existsSync(vsix), `the package ${path.relative(root, vsix)} exists (${existsSync(vsix) ? Math.round(statSync(vsix).size / 1024) : 0} KB)`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'marginalia-e2e-'));
  const workspace = path.join(tmp, 'corpus');
  cpSync(path.join(root, 'corpus'), workspace, { recursive: true });
  const home = path.join(tmp, 'home');
  const dirs = {
    userData: path.join(tmp, 'user-data'), extensions: path.join(tmp, 'extensions'), config: path.join(tmp, 'config.yaml'),
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(tmp, 'xdg', 'config'), XDG_DATA_HOME: path.join(tmp, 'xdg', 'data'),
      XDG_CACHE_HOME: path.join(tmp, 'xdg', 'cache'), XDG_STATE_HOME: path.join(tmp, 'xdg', 'state'), TMPDIR: path.join(tmp, 'tmp') },
  };
  for (const d of [home, dirs.userData, dirs.extensions, dirs.env.TMPDIR, path.join(dirs.userData, 'User')]) mkdirSync(d, { recursive: true });
  writeFileSync(dirs.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
    'editor.hover.delay': 150, 'editor.minimap.enabled': false, 'editor.cursorBlinking': 'solid', 'workbench.colorTheme': 'Default Dark Modern',
    'chat.commandCenter.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'editor.wordWrap': 'on',
  }, null, 2));

  let codeServerProcess;
  let browser;
  const log = [];
  try {
    const { counts, diagnostics } = await phase('oracle: the bundled server over stdio', async () => {
      const dir = mkdtempSync(path.join(tmp, 'vsix-'));
      execFileSync('unzip', ['-q', vsix, 'extension/dist/*', 'extension/corpus/glossary/*', '-d', dir]);
      return serverDiagnostics(path.join(dir, 'extension', 'dist', 'server.cjs'), workspace);
    });
    check(counts.entities > 0, `the packaged server finds its bundled glossary: ${counts.files} files, ${counts.entities} entries`);

    await phase('install the .vsix into code-server', () => run(codeServer, ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
      '--install-extension', vsix], { env: dirs.env, stdio: ['ignore', 'pipe', 'inherit'] }));
    const installed = readdirSync(dirs.extensions).filter((d) => d.startsWith(`${manifest.publisher}.${manifest.name}-`));
    check(installed.length === 1, `extension installed as ${installed.join(', ')}`);

    const server = startCodeServer(codeServer, dirs, workspace, log);
    codeServerProcess = server.child;
    const port = await phase('start code-server', () => server.port);

    const { chromium } = await import('playwright-core');
    browser = await phase('start chromium', () => chromium.launch({
      executablePath: CHROMIUM, headless: true, env: { ...process.env, HOME: home },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }));
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    mkdirSync(shots, { recursive: true });

    await phase('load the workbench', async () => {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
      await page.locator('.statusbar').waitFor({ timeout: 60000 });
    });

    const status = await phase('activation: status item counts', async () => {
      const item = page.locator('.statusbar-item', { hasText: /Marginalia: \d+ entries/ });
      await item.waitFor({ timeout: 60000 });
      return item.innerText();
    });
    check(/Marginalia: \d+ entries · \d+ essays/.test(status), `status bar shows "${status.trim()}"`);

    // 1. hover an entity mention
    const essay = 'famine-1932-33.md';
    const essayText = readFileSync(path.join(workspace, 'essays', essay), 'utf8');
    const word = 'Bukharin';
    const { parse } = await import('yaml');
    const entry = readFileSync(path.join(workspace, 'glossary', 'people', 'nikolai-bukharin.md'), 'utf8');
    const label = parse(entry.split(/^---\s*$/m)[1]).label;
    await phase(`hover "${word}" in ${essay}`, async () => {
      await openFile(page, `essays/${essay}`);
      const at = positionOf(essayText, word);
      await goTo(page, at.line, at.column);
      const text = await hoverAtCursor(page, label);
      check(text.includes(label) && /Mentioned in \d+ essays?/.test(text), `hover on "${word}" shows the card of ${label}: ${JSON.stringify(text.split('\n').slice(0, 2).join(' | '))}`);
      await page.screenshot({ path: path.join(shots, 'hover.png') });
    });

    // 2. a conflicting figure, when the server reports one
    const warnings = [...diagnostics].flatMap(([uri, list]) => list.filter((d) => d.severity === 2).map((d) => ({ uri, ...d })))
      .filter((d) => d.uri.includes('/essays/'))
      .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line));
    const conflicts = warnings.filter((d) => /conflict/i.test(String(d.code)));
    // A conflicting figure first (the point of the check), else a conflicting date, else any warning.
    const chosen = conflicts.find((d) => d.code === 'conflicting-figure') ?? conflicts[0] ?? warnings[0];
    if (!chosen) {
      note(`the server reports no warning for any essay of the corpus (${[...diagnostics.values()].flat().length} diagnostics in all): conflict hover and squiggle NOT checked`);
    } else {
      await phase(`hover the warning ${chosen.code} in ${path.basename(chosen.uri)}`, async () => {
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        const name = path.basename(fileURLToPath(chosen.uri));
        await openFile(page, path.relative(workspace, fileURLToPath(chosen.uri)));
        await goTo(page, chosen.range.start.line + 1, chosen.range.start.character + 1);
        const message = chosen.message.split('\n')[0].slice(0, 40);
        const text = await hoverAtCursor(page, message, { characters: 1 });
        check(text.includes(message), `hover on the figure shows the diagnostic "${message}…" (${conflicts.length} conflict warnings, ${warnings.length} warnings in essays)`);
        const squiggles = await page.locator('.monaco-editor .squiggly-warning').count();
        check(squiggles > 0, `the editor draws ${squiggles} warning squiggle(s) in ${name}`);
        await page.screenshot({ path: path.join(shots, 'conflict.png') });
      });
    }

    // 3. the injection grammar, in Markdown and in plain text (VS Code's token inspector)
    for (const [file, word, scope, host] of [['famine-1932-33.md', '1,803,392', 'constant.numeric.figure.marginalia', 'text.html.markdown'],
      ['great-terror.txt', '1,575,259', 'constant.numeric.figure.marginalia', 'text.plain']]) {
      await phase(`grammar: scopes of "${word}" in ${file}`, async () => {
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        await openFile(page, `essays/${file}`);
        const at = positionOf(readFileSync(path.join(workspace, 'essays', file), 'utf8'), word);
        await goTo(page, at.line, at.column + 1);
        await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
        const widget = page.locator('.token-inspect-widget');
        await widget.filter({ hasText: 'textmate scopes' }).waitFor({ timeout: 10000 });
        await sleep(300);
        const text = await widget.innerText();
        check(text.includes(scope) && text.includes(host), `"${word}" in ${file} has the scopes ${scope} in ${host}`);
        await page.keyboard.press('Escape');
      });
    }

    // 4. the views
    await phase('the Glossary and Figures views', async () => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await runCommand(page, 'Marginalia: Focus on Glossary View');
      const group = page.locator('.pane-body .monaco-list-row', { hasText: /^People/ }).first();
      await group.waitFor({ timeout: 20000 });
      await group.click();
      const person = page.locator('.pane-body .monaco-list-row', { hasText: /\d+ mentions? · \d+ essays?/ }).first();
      await person.waitFor({ timeout: 10000 });
      const row = await person.innerText();
      check(true, `the Glossary view lists people with their counts, first: ${JSON.stringify(row.replace(/\s+/g, ' '))}`);
      // Widen the side bar so the screenshot shows whole labels.
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      if (sidebar) {
        const x = sidebar.x + sidebar.width;
        await page.mouse.move(x, sidebar.y + 200);
        await page.mouse.down();
        await page.mouse.move(x + 220, sidebar.y + 200, { steps: 8 });
        await page.mouse.up();
      }
      await runCommand(page, 'Marginalia: Focus on Figures View');
      await page.locator('.pane-header', { hasText: 'Figures' }).first().waitFor({ timeout: 10000 });
      await sleep(1500);
      const figures = page.locator('.pane-header', { hasText: 'Figures' }).first();
      const description = (await figures.innerText()).replace(/\s+/g, ' ');
      check(/\d+ conflicts? · \d+ quantit/.test(description), `the Figures view header reads ${JSON.stringify(description)}`);
      await page.screenshot({ path: path.join(shots, 'figures-view.png') });
    });

    // 5. the code lens on a glossary label runs marginalia.showReferences (implemented by the client)
    await phase('code lens "N mentions in M essays" on a glossary entry', async () => {
      await page.keyboard.press('Escape');
      await openFile(page, 'glossary/people/nikolai-bukharin.md');
      const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: /mentions? in \d+ essays?/ }).first();
      await lens.waitFor({ timeout: 20000 });
      const title = await lens.innerText();
      await lens.click();
      const peek = page.locator('.monaco-editor .reference-zone-widget');
      await peek.waitFor({ timeout: 15000 });
      await sleep(500);
      const heading = (await peek.locator('.peekview-title').innerText().catch(() => '')).replace(/\s+/g, ' ');
      check(/\d+ references?/.test(heading) || (await peek.locator('.monaco-list-row').count()) > 0,
        `clicking the code lens "${title}" peeks at the mentions (${JSON.stringify(heading)})`);
      await page.keyboard.press('Escape');
    });

    await phase('command: Rebuild index', async () => {
      await runCommand(page, 'Marginalia: Rebuild index');
      const rebuilt = () => findFiles(dirs.userData, /Marginalia\.log$/).flatMap((f) => readFileSync(f, 'utf8').split('\n')).find((l) => l.includes('Rebuilt the index'));
      for (let i = 0; i < 60 && !rebuilt(); i++) await sleep(500);
      const item = page.locator('.statusbar-item', { hasText: /Marginalia: \d+ entries/ });
      await item.waitFor({ timeout: 30000 });
      check(Boolean(rebuilt()), `Rebuild index answered (${JSON.stringify(rebuilt()?.replace(/^.*\] /, ''))}); the status item reads ${JSON.stringify((await item.innerText()).trim())}`);
    });

    await phase('commands: Open glossary entry, Show figures for…', async () => {
      await runCommand(page, 'Marginalia: Open glossary entry');
      const box = page.locator('.quick-input-widget input');
      await box.fill('Kronstadt rebellion');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Kronstadt rebellion' }).first().waitFor({ timeout: 10000 });
      await sleep(300);
      await page.keyboard.press('Enter');
      await page.locator('.tab.active[data-resource-name="kronstadt-rebellion.md"]').waitFor({ timeout: 10000 });
      check(true, 'Open glossary entry: "Kronstadt rebellion" opens glossary/events/kronstadt-rebellion.md');
      await runCommand(page, 'Marginalia: Show figures for');
      const first = page.locator('.quick-input-list .monaco-list-row').first();
      await first.waitFor({ timeout: 10000 });
      const key = (await first.innerText()).split('\n')[0];
      await page.keyboard.press('Enter');
      const claim = page.locator('.quick-input-list .monaco-list-row').first();
      await claim.waitFor({ timeout: 10000 });
      await sleep(300);
      const figure = (await claim.innerText()).split('\n')[0];
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
      const active = () => document.querySelector('.editor-group-container.active .tab.active')?.getAttribute('data-resource-name');
      await page.waitForFunction(active.toString().replace(/^\(\) => /, '') + " !== 'kronstadt-rebellion.md'", null, { timeout: 10000 }).catch(() => {});
      const selected = await page.evaluate(active);
      check(Boolean(selected?.match(/\.(md|txt)$/)) && selected !== 'kronstadt-rebellion.md', `Show figures for… "${key}" → "${figure}" opens ${selected}`);
    });

    // 6. a command: the conflicts report, from the Figures table
    await phase('command: Export conflicts report as Markdown', async () => {
      await runCommand(page, 'Marginalia: Export conflicts report');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Markdown' }).first().waitFor({ timeout: 10000 });
      await sleep(200);
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor({ timeout: 15000 });
      const text = (await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
      check(text.includes('# Conflicting figures') && /\d+ conflicts? and/.test(text), `the report opens in an untitled editor: ${JSON.stringify(text.split('\n').slice(0, 3).join(' | ').slice(0, 160))}`);
    });

    // 7. a code project's README: the server must not start
    await phase('a folder with no glossary: Marginalia stays off', async () => {
      const project = path.join(tmp, 'code-project');
      mkdirSync(path.join(project, 'src'), { recursive: true });
      writeFileSync(path.join(project, 'package.json'), '{ "name": "unrelated", "version": "1.0.0" }\n');
      writeFileSync(path.join(project, 'README.md'), '# Unrelated\n\nStalin and Trotsky appear here; Zinovyev too. About 7 million rows in 1937.\n');
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(project)}`);
      await page.locator('.monaco-workbench .statusbar').waitFor({ timeout: 60000 });
      await openFile(page, 'README.md');
      await sleep(8000);
      const items = await page.locator('.statusbar-item', { hasText: 'Marginalia' }).count();
      const squiggles = await page.locator('.monaco-editor .squiggly-info, .monaco-editor .squiggly-warning').count();
      const starts = findFiles(dirs.userData, /Marginalia\.log$/).map((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.includes('Starting the language server')).length);
      check(items === 0 && squiggles === 0 && starts.reduce((a, b) => a + b, 0) === 1,
        `README.md of a code project: no Marginalia status item (${items}), no diagnostics drawn (${squiggles}), the server started once in all (in the corpus window; logs: ${JSON.stringify(starts)})`);
    });

    await phase('marginalia.enable set in that folder: Marginalia starts without a reload', async () => {
      const project = path.join(tmp, 'code-project');
      mkdirSync(path.join(project, '.vscode'), { recursive: true });
      writeFileSync(path.join(project, '.vscode', 'settings.json'), '{ "marginalia.enable": true }\n');
      const item = page.locator('.statusbar-item', { hasText: /Marginalia: \d+ entries · 1 essay/ });
      await item.waitFor({ timeout: 45000 });
      const squiggles = page.locator('.monaco-editor .squiggly-info');
      await squiggles.first().waitFor({ timeout: 20000 });
      check(true, `the status item reads ${JSON.stringify((await item.innerText()).trim())} and README.md shows ${await squiggles.count()} information squiggle(s) (the variant "Zinovyev")`);
    });
  } catch (error) {
    if (browser) {
      const pages = browser.contexts().flatMap((c) => c.pages());
      if (pages[0]) await pages[0].screenshot({ path: path.join(cache, 'failure.png') }).catch(() => {});
      console.error(`e2e: screenshot of the failure: ${path.relative(root, path.join(cache, 'failure.png'))}`);
    }
    console.error(`e2e: code-server log (tail):\n${log.join('').split('\n').slice(-30).join('\n')}`);
    for (const file of findFiles(dirs.userData, /Marginalia\.log$|exthost\.log$/)) {
      console.error(`e2e: ${path.relative(tmp, file)} (tail):\n${readFileSync(file, 'utf8').split('\n').slice(-30).join('\n')}`);
    }
    throw error;
  } finally {
    await browser?.close().catch(() => {});
    if (codeServerProcess?.pid) {
      try { process.kill(-codeServerProcess.pid, 'SIGTERM'); } catch { /* already gone */ }
    }
    if (flag('--keep')) console.log(`e2e: kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

function findFiles(dir, pattern) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map((f) => path.join(dir, String(f))).filter((f) => pattern.test(f));
}

const watchdog = setTimeout(() => {
  console.error('e2e: gave up after 15 minutes');
  process.exit(1);
}, 15 * 60 * 1000);

main().then(() => {
  clearTimeout(watchdog);
  if (flag('--install-only')) process.exit(0);
  console.log('\ne2e: timings');
  for (const [name, ms] of timings) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
  console.log(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  total`);
  const failed = checks.filter(([s]) => s === 'FAILED').length;
  if (existsSync(shots)) console.log(`e2e: screenshots in ${path.relative(root, shots)}/: ${readdirSync(shots).join(', ')}`);
  console.log(`\ne2e: ${checks.filter(([s]) => s === 'ok').length} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}, (error) => {
  clearTimeout(watchdog);
  console.error(`e2e: ${error.stack ?? error}`);
  console.log(`\ne2e: ${checks.filter(([s]) => s === 'ok').length} passed, 1 failed`);
  process.exit(1);
});
