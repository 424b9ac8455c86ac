#!/usr/bin/env node
// Runs the extension's tests in a real VS Code (code-server's extension host, the workbench in headless
// Chromium) and the UI test. test/vscode.test.ts calls it once per part; by hand:
//
//   node test/vscode/run.mjs setup        install code-server into .cache/code-server (and Debian packages)
//   node test/vscode/run.mjs trusted      the extension-host suite in a trusted folder
//   node test/vscode/run.mjs restricted   the Restricted Mode suite (the folder opened untrusted)
//   node test/vscode/run.mjs ui           the UI test (clicks the workbench, saves docs/images/*.png)
//   node test/vscode/run.mjs all          all of the above
//
// The suites are written the standard way (mocha, `run(): Promise<void>`) and started with
// @vscode/test-electron's runTests, whose `vscodeExecutablePath` is test/vscode/code.mjs, a stand-in for VS Code
// that drives code-server. Each part works in .cache/vscode-test/PART/ (git-ignored): a scratch copy of
// examples/ (the folder opened), the profile, the bundled suite, screenshots of failures. A part holds a lock
// there, so two runs of the same part (two `npm test` in one tree) take turns instead of colliding.
// Needs the bundles of `npm run build` (dist/).

import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { ROOT, ensureCodeServer } from './setup.mjs';

export const WORK = join(ROOT, '.cache', 'vscode-test');
const HERE = join(ROOT, 'test', 'vscode');
export const CODE = join(HERE, 'code.mjs');
const PARTS = ['setup', 'trusted', 'restricted', 'ui'];

/** Bundles one extension-host suite (mocha included) to a plain CommonJS file the extension host can load. */
export async function buildSuite(kind, outdir) {
  await build({
    entryPoints: { [kind]: join(HERE, 'suite', `${kind}.ts`) },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // mocha's parallel mode (unused here) resolves worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return join(outdir, `${kind}.js`);
}

/** A fresh .cache/vscode-test/PART/ with a scratch copy of examples/ (tests edit and save files there). */
export function preparePart(part) {
  const dir = join(WORK, part);
  for (const sub of ['examples', 'profile', 'suite']) rmSync(join(dir, sub), { recursive: true, force: true });
  const workspace = join(dir, 'examples');
  mkdirSync(workspace, { recursive: true });
  cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
  return { dir, workspace, profile: join(dir, 'profile'), suite: join(dir, 'suite') };
}

function checkBuilt() {
  for (const f of ['client.js', 'server.js', 'cli.js']) {
    if (!existsSync(join(ROOT, 'dist', f))) throw new Error(`dist/${f} is missing: run npm run build first`);
  }
}

/** Runs one extension-host suite through runTests; resolves to its exit code. */
export async function runSuite(kind) {
  const { dir, workspace, profile, suite } = preparePart(kind);
  const testsPath = await buildSuite(kind, suite);
  chmodSync(CODE, 0o755);
  try {
    return await runTests({
      vscodeExecutablePath: CODE,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, `--user-data-dir=${join(profile, 'user-data')}`, `--extensions-dir=${join(profile, 'extensions')}`],
      extensionTestsEnv: {
        VSCODE_WEB_TEST_TIMEOUT: '240',
        VSCODE_WEB_SCREENSHOT: join(dir, 'end.png'),
        ...(kind === 'restricted' ? { VSCODE_WEB_WORKSPACE_TRUST: 'enabled' } : {}),
      },
    });
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return typeof err?.code === 'number' ? err.code : 1;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** A lock file per part: waits (up to 10 minutes) while another live process runs the same part. */
async function withLock(part, fn) {
  const lock = join(WORK, `${part}.lock`);
  mkdirSync(WORK, { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lock, 'utf8')) || 0;
      if (!holder || !alive(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${part}: another run (pid ${holder}) has held ${lock} for 10 minutes`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  const release = () => rmSync(lock, { force: true });
  process.on('exit', release);
  try {
    return await fn();
  } finally {
    release();
    process.off('exit', release);
  }
}

async function runPart(part) {
  if (part === 'setup') {
    console.log(ensureCodeServer());
    return 0;
  }
  checkBuilt();
  ensureCodeServer({ debianPackages: false });
  return withLock(part, async () => {
    if (part === 'ui') {
      const { runUiTest } = await import('./ui.mjs');
      return runUiTest(preparePart('ui'));
    }
    return runSuite(part);
  });
}

async function main(what) {
  const parts = what === 'all' ? PARTS : [what];
  if (!parts.every((p) => PARTS.includes(p))) {
    console.error(`usage: node test/vscode/run.mjs ${PARTS.join('|')}|all (got ${what})`);
    return 2;
  }
  let failed = 0;
  for (const part of parts) {
    const started = Date.now();
    let code;
    try {
      code = await runPart(part);
    } catch (err) {
      console.error(err instanceof Error ? err.message : String(err));
      code = 1;
    }
    console.log(`[vscode-test] ${part}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (code !== 0) failed++;
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // A stop from outside (Ctrl+C, the test's timeout) exits through the 'exit' handlers, which kill code-server
  // and Chromium (driver.mjs, playwright).
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
  main(process.argv[2] ?? 'all').then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
}
