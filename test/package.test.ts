// The .vsix: `npm run package` (production bundles, then vsce) must build xent-VERSION.vsix with no warning and
// without reaching the network, holding only what the installed extension uses (no node_modules, no sources,
// no source maps, no CLI), within 1 MB; and the packaged server must work from the installed layout.
//
// It runs in a copy of the project under .cache/package-test/ (the files git knows, untracked ones included),
// never in the tree itself: the production build rewrites dist/, which the other test files, running at the
// same time, use. The copy resolves node_modules (esbuild, vsce, the bundled dependencies) from the project's
// own node_modules, its ancestor. The .vsix is a zip: its central directory is read here, and the files the
// extension needs are inflated to check what they say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import { stdioConnection } from './support/stdio-connection';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { FromWorker, ToWorker } from '../server/src/lsp/evaluation/protocol';

const ROOT = join(__dirname, '..');
const WORK = join(ROOT, '.cache', 'package-test');
const STAGE = join(WORK, 'xent');
const INSTALLED = join(WORK, 'installed');
const MAX_BYTES = 1024 * 1024;

/** VS Code 1.100's extension categories (the list its workbench validates `categories` against). */
const VSCODE_CATEGORIES = [
  'AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Extension Packs', 'Education', 'Formatters', 'Keymaps',
  'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers',
  'Snippets', 'Testing', 'Themes', 'Visualization', 'Other',
];

/** What the installed extension needs, and why (paths inside the .vsix). */
const REQUIRED = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/client.js', // main
  'extension/dist/server.js', // the client starts it: context.asAbsolutePath('dist/server.js')
  'extension/dist/eval-worker.js', // the server runs evaluations on it: join(__dirname, 'eval-worker.js')
  'extension/dist/csv-score-worker.js', // large CSVs are scored on it: join(__dirname, 'csv-score-worker.js')
  'extension/docs/rules.md', // diagnostic code links: join(__dirname, '..', 'docs', 'rules.md')
  'extension/language-configuration.json',
  'extension/syntaxes/xent.tmLanguage.json',
  'extension/syntaxes/xent.markdown.tmLanguage.json',
  'extension/snippets/xent.code-snippets',
  'extension/images/icon.png',
];

// ------------------------------------------------------------------------------------------ the zip reader

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** The entries of a zip's central directory (no ZIP64: a .vsix this size never needs it). */
function centralDirectory(zip: Buffer): ZipEntry[] {
  // The end-of-central-directory record is the last 22 bytes, unless a comment (≤ 65,535 bytes) follows it.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  assert.ok(end >= 0, 'not a zip file: no end-of-central-directory record');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50, `central directory entry ${k}: bad signature`);
    const nameLength = zip.readUInt16LE(p + 28);
    entries.push({
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      offset: zip.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}

function contents(zip: Buffer, entry: ZipEntry): Buffer {
  assert.equal(zip.readUInt32LE(entry.offset), 0x04034b50, `${entry.name}: bad local header signature`);
  const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  assert.ok(entry.method === 0 || entry.method === 8, `${entry.name}: compression method ${entry.method}`);
  const out = entry.method === 8 ? inflateRawSync(data) : data;
  assert.equal(out.length, entry.size, `${entry.name}: size`);
  return out;
}

// ------------------------------------------------------------------------------------------ the copy

/** The project's files as a fresh checkout has them (tracked, and untracked but not ignored). */
function projectFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (git.status === 0) return git.stdout.split('\0').filter((f) => f && existsSync(join(ROOT, f)) && statSync(join(ROOT, f)).isFile());
  // No git (an exported tree): everything but what .gitignore lists.
  const skip = new Set(['.git', 'node_modules', 'dist', 'snippets', '.cache', 'tmp', join('bench', 'data')]);
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
      const rel = join(dir, d.name);
      if (skip.has(rel) || d.name.endsWith('.vsix')) return [];
      return d.isDirectory() ? walk(rel) : d.isFile() ? [rel] : [];
    });
  return walk('');
}

function stageProject(): void {
  rmSync(WORK, { recursive: true, force: true });
  for (const file of projectFiles()) {
    mkdirSync(dirname(join(STAGE, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(STAGE, file));
  }
  // Strays the package must leave out: an installed dependency, and a development build's source map.
  mkdirSync(join(STAGE, 'node_modules', 'stray'), { recursive: true });
  writeFileSync(join(STAGE, 'node_modules', 'stray', 'index.js'), 'module.exports = 1;\n');
  mkdirSync(join(STAGE, 'dist'), { recursive: true });
  writeFileSync(join(STAGE, 'dist', 'client.js.map'), '{}\n');
}

/**
 * `npm run package` in the copy, offline: every Node process it starts (npm, esbuild.mjs, vsce) gets a hook
 * that refuses outgoing connections and says so on stderr. The environment is the parent's minus npm's own
 * variables (a `npm test` run passes its configuration down; a nested npm would warn about some of it).
 */
function runPackage(): { status: number | null; output: string } {
  const hook = join(WORK, 'no-network.cjs');
  writeFileSync(
    hook,
    `const net = require('node:net');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const a = Array.isArray(args[0]) ? args[0][0] : args[0];
  const local = typeof a === 'string' ? Number.isNaN(Number(a)) : !!(a && typeof a === 'object' && a.path); // as net decides
  if (local) return connect.apply(this, args); // a pipe or a Unix socket, not the network
  const where = a && typeof a === 'object' ? \`\${a.host ?? 'localhost'}:\${a.port}\` : String(a);
  process.stderr.write(\`NETWORK ACCESS ATTEMPTED: \${where} (process \${process.argv.slice(1).join(' ')})\\n\`);
  throw new Error('no network while packaging');
};
`,
  );
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(hook)}`.trim();
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  const npmCli = process.env.npm_execpath;
  const [cmd, args] = npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli, 'run', 'package']] : ['npm', ['run', 'package']];
  const run = spawnSync(cmd, args, { cwd: STAGE, env, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}` };
}

// ------------------------------------------------------------------------------------------ the packaged server

const MISTAKE = `experiment m {
  task: multiclass
  classes: [cat, dog, horse]
  labels: onehot
  model {
    dense(3, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}
`;
/** scikit-learn: log_loss([1, 0, 0], [0.7, 0.2, 0.1]) = 0.2284. */
const SEED = 'experiment c { task: binary loss: binary_crossentropy metrics: [log_loss] data { y_true: [1, 0, 0] y_pred: [0.7, 0.2, 0.1] } }\n';

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Starts the installed dist/server.js over stdio; returns the diagnostics of MISTAKE and the evaluation of SEED. */
async function askInstalledServer(): Promise<{ diagnostics: Diagnostic[]; logLoss: unknown; stderr: string }> {
  const child = spawn(process.execPath, [join(INSTALLED, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += String(b)));
  const connection = stdioConnection(child);
  const mistakeUri = pathToFileURL(join(INSTALLED, 'mistake.xent')).href;
  const diagnostics = new Promise<Diagnostic[]>((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.uri === mistakeUri) resolve(p.diagnostics);
    }),
  );
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onNotification('window/logMessage', () => {});
  connection.listen();
  try {
    await within(15_000, 'initialize', connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } }));
    await connection.sendNotification('initialized', {});
    const open = (uri: string, text: string) =>
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version: 1, text } });
    await open(mistakeUri, MISTAKE);
    const seedUri = pathToFileURL(join(INSTALLED, 'seed.xent')).href;
    await open(seedUri, SEED);
    const answer = await within(
      15_000,
      'xent.server.evaluate',
      connection.sendRequest<{ results: { metrics: { log_loss?: unknown } }[] }>('workspace/executeCommand', { command: 'xent.server.evaluate', arguments: [seedUri, 'c'] }),
    );
    return { diagnostics: await within(15_000, 'diagnostics', diagnostics), logLoss: answer.results[0]?.metrics.log_loss, stderr };
  } finally {
    await within(5_000, 'shutdown', connection.sendRequest('shutdown')).catch(() => {});
    await connection.sendNotification('exit').catch(() => {});
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
}

/** Runs one job on the installed dist/eval-worker.js, as the server does. */
async function askInstalledWorker(): Promise<unknown> {
  const worker = new Worker(join(INSTALLED, 'dist', 'eval-worker.js'));
  try {
    const done = new Promise<FromWorker>((resolve, reject) => {
      worker.on('message', (m: FromWorker) => m.type === 'done' && resolve(m));
      worker.on('error', reject);
    });
    const run: ToWorker = { type: 'run', job: { id: 1, text: SEED, baseDir: INSTALLED, experiment: 'c', digits: 2 } };
    worker.postMessage(run);
    const m = await within(15_000, 'eval-worker', done);
    return m.type === 'done' ? m.reply.result.metrics?.log_loss : undefined;
  } finally {
    await worker.terminate();
  }
}

// ------------------------------------------------------------------------------------------ the test

test('npm run package: a .vsix with no warning, offline, only what the extension uses, ≤ 1 MB, and it works installed', async (t) => {
  stageProject();
  const manifest = JSON.parse(readFileSync(join(STAGE, 'package.json'), 'utf8'));
  const { status, output } = runPackage();
  assert.equal(status, 0, `npm run package failed:\n${output}`);
  assert.doesNotMatch(output, /NETWORK ACCESS ATTEMPTED/, `packaging tried to reach the network:\n${output}`);
  // npm's own lines about the machine's npm configuration (e.g. a ~/.npmrc key it does not know) are not the
  // package's business; anything else that warns (esbuild, vsce) is.
  const own = output.split('\n').filter((l) => !/^npm warn /i.test(l)).join('\n');
  assert.doesNotMatch(own, /warn/i, `npm run package printed a warning:\n${output}`);
  assert.match(output, /DONE\s+Packaged:/);

  const vsix = join(STAGE, `${manifest.name}-${manifest.version}.vsix`);
  assert.ok(existsSync(vsix), `${relative(ROOT, vsix)} was not written:\n${output}`);
  const zip = readFileSync(vsix);
  const entries = centralDirectory(zip);
  const names = entries.map((e) => e.name);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const text = (name: string) => contents(zip, byName.get(name)!).toString('utf8');
  t.diagnostic(`${relative(ROOT, vsix)}: ${zip.length} bytes, ${entries.length} entries`);
  for (const e of entries) t.diagnostic(`  ${String(e.compressedSize).padStart(8)} ${String(e.size).padStart(8)}  ${e.name}`);

  await t.test('size ≤ 1 MB', () => {
    assert.ok(zip.length <= MAX_BYTES, `${zip.length} bytes > ${MAX_BYTES}`);
  });

  await t.test('the files the extension needs are there', () => {
    assert.deepEqual(REQUIRED.filter((f) => !names.includes(f)), []);
  });

  await t.test('nothing else: no node_modules, sources, tests, examples, source maps or CLI', () => {
    const unwanted = names.filter((n) => /(^|\/)node_modules\/|\.map$|\.ts$|\/(client|server|test|examples|bench|scripts)\/|\/dist\/cli\.js$|\.vsix$/.test(n));
    assert.deepEqual(unwanted, []);
    assert.deepEqual(names.filter((n) => !REQUIRED.includes(n)), [], 'a file not in REQUIRED: add it there (and to .vscodeignore) if the extension needs it');
  });

  await t.test('every path the manifest names is packaged', () => {
    const packaged = JSON.parse(text('extension/package.json'));
    const c = packaged.contributes ?? {};
    const paths: string[] = [
      packaged.main,
      packaged.icon,
      ...(c.languages ?? []).map((l: { configuration?: string }) => l.configuration),
      ...(c.grammars ?? []).map((g: { path: string }) => g.path),
      ...(c.snippets ?? []).map((s: { path: string }) => s.path),
    ].filter((p): p is string => typeof p === 'string');
    assert.ok(paths.length >= 6, `paths: ${paths.join(', ')}`);
    for (const p of paths) assert.ok(names.includes(posix.join('extension', posix.normalize(p))), `${p} is not in the package`);
  });

  await t.test('the manifest: engines, activation on the xent language only, categories VS Code knows, keywords', () => {
    const packaged = JSON.parse(text('extension/package.json'));
    assert.equal(packaged.engines.vscode, '^1.100.0');
    assert.deepEqual(packaged.activationEvents, ['onLanguage:xent']);
    assert.ok(packaged.categories.length > 0);
    assert.deepEqual(packaged.categories.filter((c: string) => !VSCODE_CATEGORIES.includes(c)), []);
    assert.ok(packaged.keywords.length > 0 && packaged.keywords.length <= 30, 'the marketplace takes at most 30 keywords');
    assert.equal(packaged.license, 'MIT');
    assert.match(text('extension/LICENSE.txt'), /^MIT License[\s\S]*xent contributors/);
    assert.match(text('extension.vsixmanifest'), /<Icon>extension\/images\/icon\.png<\/Icon>/);
  });

  await t.test('the icon is a square PNG of 128 or 256 pixels', () => {
    const png = contents(zip, byName.get('extension/images/icon.png')!);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.ok(w === h && (w === 128 || w === 256), `${w}×${h}`);
  });

  await t.test('production bundles: minified, no reference to a source map', () => {
    for (const b of ['client', 'server', 'eval-worker', 'csv-score-worker']) {
      const js = text(`extension/dist/${b}.js`);
      assert.doesNotMatch(js, /sourceMappingURL/, `${b}.js`);
      const perLine = js.length / js.split('\n').length; // a development bundle: ~40 characters a line
      assert.ok(perLine > 500, `${b}.js is not minified (${Math.round(perLine)} characters a line)`);
    }
  });

  await t.test('the README is packaged as written: relative links kept, not rewritten to a guessed URL', () => {
    assert.equal(text('extension/readme.md'), readFileSync(join(STAGE, 'README.md'), 'utf8'));
    assert.equal(text('extension/changelog.md'), readFileSync(join(STAGE, 'CHANGELOG.md'), 'utf8'));
  });

  await t.test('the snippets were generated by the production build', () => {
    const snippets = JSON.parse(text('extension/snippets/xent.code-snippets'));
    assert.ok(Object.keys(snippets).length >= 3, Object.keys(snippets).join(', '));
  });

  // Unpacked as VS Code installs it (the extension/ folder), the packaged server and worker must work.
  rmSync(INSTALLED, { recursive: true, force: true });
  for (const e of entries) {
    if (!e.name.startsWith('extension/') || e.name.endsWith('/')) continue;
    const to = join(INSTALLED, e.name.slice('extension/'.length));
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, contents(zip, e));
  }

  await t.test('installed: the server reports the mistake, its code links to a section of the packaged docs/rules.md, and it evaluates', async () => {
    const { diagnostics, logLoss, stderr } = await askInstalledServer();
    const d = diagnostics.find((x) => x.code === 'sparse-loss-onehot-labels');
    assert.ok(d, `no sparse-loss-onehot-labels diagnostic in ${JSON.stringify(diagnostics)}\n${stderr}`);
    const href = new URL(d.codeDescription!.href);
    assert.equal(href.protocol, 'file:');
    assert.equal(fileURLToPath(new URL(href.pathname, 'file:')), join(INSTALLED, 'docs', 'rules.md'));
    assert.ok(existsSync(join(INSTALLED, 'docs', 'rules.md')));
    assert.equal(href.hash, '#sparse-loss-onehot-labels');
    assert.match(readFileSync(join(INSTALLED, 'docs', 'rules.md'), 'utf8'), /^## sparse-loss-onehot-labels$/m);
    assert.equal(typeof logLoss, 'number');
    assert.ok(Math.abs((logLoss as number) - 0.2284) < 5e-5, `log_loss ${logLoss}`);
  });

  await t.test('installed: dist/eval-worker.js runs a job on a worker thread', async () => {
    const logLoss = await askInstalledWorker();
    assert.equal(typeof logLoss, 'number');
    assert.ok(Math.abs((logLoss as number) - 0.2284) < 5e-5, `log_loss ${logLoss}`);
  });
});
