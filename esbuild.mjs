// Bundles the three entry points (VS Code client, language server, CLI) to CommonJS for Node 20.
// `vscode` is provided by the extension host and is never bundled.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const entries = [
  { in: 'client/src/extension.ts', out: 'client' },
  { in: 'server/src/lsp/main.ts', out: 'server' },
  // dist/cli.js is the small launcher; the command line itself is dist/cli-main.js (see launcher.ts).
  { in: 'server/src/cli/launcher.ts', out: 'cli' },
  { in: 'server/src/cli/main.ts', out: 'cli-main' },
  { in: 'server/src/lsp/evaluation/worker.ts', out: 'eval-worker' },
  // CSV byte ranges parsed and scored on worker threads (core/eval/range-scoring.ts), found beside each bundle.
  { in: 'server/src/core/eval/csv-score-worker.ts', out: 'csv-score-worker' },
].filter((e) => existsSync(e.in));

const options = {
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // `xent --version` and the server's serverInfo.version: the package version, fixed at build time.
  define: { XENT_VERSION: JSON.stringify(JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version) },
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}

/** Bundles a TypeScript module of the server and loads it here (for the files generated from the server's data). */
async function loadModule(entry) {
  const { outputFiles } = await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', write: false });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(module, module.exports, () => ({}));
  return module.exports;
}

/** Writes a generated file only when its text changes (a build leaves an up-to-date tree untouched). */
function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
}

if (!watch) {
  // V8's code cache for the command line (server/src/cli/launcher.ts): one run over an example that reads
  // a CSV and .npy files, parses, checks, evaluates and reports; the code it compiled is kept.
  const cache = 'dist/cli-main.js.cache';
  rmSync(cache, { force: true });
  const warm = spawnSync(process.execPath, ['dist/cli.js', 'eval', 'examples/cats_dogs_horses.xent', '--json'], {
    env: { ...process.env, XENT_WRITE_CODE_CACHE: cache },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (!existsSync(cache)) console.warn(`esbuild.mjs: no code cache for the CLI (${String(warm.stderr).trim() || `exit ${warm.status}`}); it starts without one`);

  // The VS Code snippets are generated from the server's experiment templates (one source for both).
  const { EXPERIMENT_TEMPLATES } = await loadModule('server/src/lsp/features/catalogue-text/templates.ts');
  const snippets = {};
  for (const t of EXPERIMENT_TEMPLATES) {
    snippets[`Experiment (${t.task})`] = { prefix: `experiment ${t.task}`, description: t.description, body: t.snippet.split('\n') };
  }
  mkdirSync('snippets', { recursive: true });
  writeIfChanged('snippets/xent.code-snippets', JSON.stringify(snippets, null, 2) + '\n');

  // The TextMate grammar's name lists (keys, tasks, losses, activations, optimizers, metrics...) come from the
  // catalogue: a name added there is highlighted with no edit of the grammar.
  const { withCatalogueNames } = await loadModule('server/src/lsp/features/catalogue-text/grammar-names.ts');
  const grammarFile = 'syntaxes/xent.tmLanguage.json';
  writeIfChanged(grammarFile, withCatalogueNames(readFileSync(grammarFile, 'utf8')));
}
