// dist/cli.js starts the command line from V8's code cache that `npm run build` leaves beside the bundle
// (server/src/cli/launcher.ts). The cache may only ever change how fast xent starts, never what it prints:
// a fresh cache is used; a cache of other bytes is ignored; data V8 cannot use is refused by V8; in every
// case the output is the same as without a cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const EXAMPLE = join(ROOT, 'examples', 'cats_dogs_horses.xent');

/** A copy of the CLI's three files in a temporary folder, so each case can spoil its own cache. */
function copyCli(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xent-launcher-'));
  for (const f of ['cli.js', 'cli-main.js', 'cli-main.js.cache']) copyFileSync(join(DIST, f), join(dir, f));
  return dir;
}

function run(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(dir, 'cli.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, XENT_CODE_CACHE_REPORT: '1' },
  });
  const report = /xent: code cache (.*)\n/.exec(r.stderr)?.[1];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.replace(/xent: code cache .*\n/, ''), report };
}

test('the build leaves a code cache stamped with the bundle it was made from', () => {
  assert.ok(existsSync(join(DIST, 'cli-main.js.cache')), 'dist/cli-main.js.cache (npm run build makes it)');
  const head = readFileSync(join(DIST, 'cli-main.js.cache')).toString('latin1').split('\n')[0];
  const stamp = JSON.parse(head) as { sha1: string; node: string };
  assert.match(stamp.sha1, /^[0-9a-f]{40}$/);
  assert.equal(stamp.node, process.version);
});

test('the code cache changes nothing the CLI prints: used, ignored when stale, refused by V8 when spoilt', () => {
  const dir = copyCli();
  try {
    const used = run(dir, 'eval', EXAMPLE, '--json');
    assert.equal(used.report, 'used');
    assert.ok(used.status === 0 || used.status === 1, used.stderr); // 1: the example has findings on purpose
    const result = (out: string) => JSON.parse(out).experiments.map((e: { name: string; samples: number; metrics: unknown; declared: unknown }) => [e.name, e.samples, e.metrics, e.declared]);

    // No cache at all: the bundle loads as a module.
    const cache = readFileSync(join(dir, 'cli-main.js.cache'));
    rmSync(join(dir, 'cli-main.js.cache'));
    const none = run(dir, 'eval', EXAMPLE, '--json');
    assert.equal(none.report, 'none');
    assert.deepEqual(result(none.stdout), result(used.stdout));
    assert.equal(none.stderr, used.stderr);
    assert.equal(none.status, used.status);

    // A payload V8 cannot use under a valid stamp: V8 refuses it and compiles the bundle.
    const newline = cache.indexOf(10);
    const spoilt = Buffer.concat([cache.subarray(0, newline + 1), Buffer.alloc(cache.length - newline - 1, 7)]);
    writeFileSync(join(dir, 'cli-main.js.cache'), spoilt);
    const refused = run(dir, 'eval', EXAMPLE, '--json');
    assert.equal(refused.report, 'rejected by V8');
    assert.deepEqual(result(refused.stdout), result(used.stdout));
    assert.equal(refused.status, used.status);

    // The bundle changed after the cache was made: the stamp no longer matches and the cache is not read.
    writeFileSync(join(dir, 'cli-main.js.cache'), cache);
    appendFileSync(join(dir, 'cli-main.js'), '\n// edited\n');
    const stale = run(dir, 'check', EXAMPLE);
    assert.equal(stale.report, 'none');
    const fresh = run(DIST, 'check', EXAMPLE);
    assert.equal(stale.stdout, fresh.stdout);
    assert.equal(stale.status, fresh.status);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
