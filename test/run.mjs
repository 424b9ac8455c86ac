// Runs every test file under test/ with node's test runner (TypeScript through esbuild-register).
// Node 20's `--test` does not expand globs or pick up .ts files, so the list is built here.
// esbuild-register (not tsx) because it leaves node_modules alone: chevrotain is ESM-only and loads through
// Node's own require(esm), which tsx's CommonJS transform breaks.
// A run that finds no test file fails: an empty run is not a pass.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = new URL('.', import.meta.url).pathname;
// Resolved here so the runner works from any working directory.
const register = createRequire(import.meta.url).resolve('esbuild-register');
const filter = process.argv.slice(2);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules') continue;
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const files = walk(root)
  .filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)))
  .sort();
if (files.length === 0) {
  console.error('test/run.mjs: no test files found' + (filter.length ? ` matching ${filter.join(' ')}` : ''));
  process.exit(1);
}
console.log(`running ${files.length} test files: ${files.map((f) => relative(root, f)).join(', ')}`);
const result = spawnSync(process.execPath, ['--require', register, '--test', '--test-reporter', 'spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
