// Bundles the three entry points (VS Code client, language server, CLI) to CommonJS for Node 20.
// `vscode` is provided by the extension host and is never bundled.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const entries = [
  { in: 'client/src/extension.ts', out: 'client' },
  { in: 'server/src/lsp/main.ts', out: 'server' },
  { in: 'server/src/cli/main.ts', out: 'cli' },
  { in: 'server/src/lsp/evaluation/worker.ts', out: 'eval-worker' },
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

// The VS Code snippets are generated from the server's experiment templates (one source for both).
if (!watch) {
  const { outputFiles } = await esbuild.build({
    entryPoints: ['server/src/lsp/features/catalogue-text/templates.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(module, module.exports, () => ({}));
  const snippets = {};
  for (const t of module.exports.EXPERIMENT_TEMPLATES) {
    snippets[`Experiment (${t.task})`] = { prefix: `experiment ${t.task}`, description: t.description, body: t.snippet.split('\n') };
  }
  mkdirSync('snippets', { recursive: true });
  writeFileSync('snippets/xent.code-snippets', JSON.stringify(snippets, null, 2) + '\n');
}
