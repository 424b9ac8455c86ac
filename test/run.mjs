// Runs every test file under test/ with node's test runner (TypeScript through esbuild-register).
// Node 20's `--test` does not expand globs or pick up .ts files, so the list is built here.
// esbuild-register (not tsx) because it leaves node_modules alone: chevrotain is ESM-only and loads through
// Node's own require(esm), which tsx's CommonJS transform breaks.
// A run that finds no test file fails: an empty run is not a pass.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';
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

// A hang must fail fast and say where, not run into CI's own limit:
// - each test has at most TEST_TIMEOUT_MS unless it sets its own `timeout` (the longest any sets is 4 min);
// - the whole run has at most XENT_TEST_LIMIT_MIN minutes (default 40; a full run takes about 8), after
//   which the runner and everything it started are stopped and the run fails with that message.
// No --test-force-exit: a test file whose process does not end after its tests is a leak to fix
// (test/support/stdio-connection.ts was one), and the overall limit bounds what it can cost.
const TEST_TIMEOUT_MS = 10 * 60_000;
const limitMin = Number(process.env.XENT_TEST_LIMIT_MIN ?? 40);
const child = spawn(
  process.execPath,
  ['--require', register, '--test', `--test-timeout=${TEST_TIMEOUT_MS}`, '--test-reporter', 'spec', ...files],
  { stdio: 'inherit', detached: true },
);
const forward = (signal) => () => killGroup(signal);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward(signal));
const watchdog = setTimeout(() => {
  console.error(`\ntest/run.mjs: the test run exceeded ${limitMin} minutes (XENT_TEST_LIMIT_MIN); stopping it. ` +
    'The last file the spec reporter names without a result is the one that hung.');
  killGroup('SIGKILL');
  process.exit(1);
}, limitMin * 60_000);
child.on('exit', (code) => {
  clearTimeout(watchdog);
  process.exit(code ?? 1);
});

function killGroup(signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
