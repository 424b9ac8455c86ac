// Issue 10, the command line on hostile or careless input (the bundled dist/cli.js, as CI runs it):
// devices, FIFOs and directories are refused at once with "not a regular file" (exit 2) instead of eating
// memory or blocking; --max-size refuses large inputs unread; --root confines data files; a closed stdout
// ends the CLI quietly with 0; --version prints the package version. Every spawn has its own deadline, so a
// hang fails the test instead of stalling the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI; a run that outlives `deadlineMs` is killed and fails the test. */
function cli(args: string[], options: { deadlineMs?: number; closeStdoutAfterFirstChunk?: boolean } = {}): Promise<Run> {
  const deadlineMs = options.deadlineMs ?? 10_000;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => {
      stdout += String(b);
      // The reader goes away after the first chunk, as `| head -1` does.
      if (options.closeStdoutAfterFirstChunk) child.stdout.destroy();
    });
    child.stderr.on('data', (b) => (stderr += String(b)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`xent ${args.join(' ')} did not end within ${deadlineMs} ms (stderr: ${stderr})`));
    }, deadlineMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function workspace(name: string): string {
  return mkdtempSync(join(tmpdir(), `xent-hardening-${name}-`));
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

const NOT_REGULAR = /not a regular file/;
const STACK_TRACE = /\n\s+at .+:\d+:\d+|node:internal|Unhandled 'error'/;

test('xent check /dev/urandom, /dev/zero, a FIFO and a directory: refused at once, "not a regular file", exit 2', { timeout: 30_000 }, async () => {
  const ws = workspace('special');
  const fifo = join(ws, 'input.xent');
  mkfifo(fifo);
  for (const target of ['/dev/urandom', '/dev/zero', fifo, ws]) {
    const r = await cli(['check', target], { deadlineMs: 5_000 });
    assert.equal(r.code, 2, `${target}: ${r.stderr}`);
    assert.match(r.stderr, NOT_REGULAR, target);
    assert.ok(r.stderr.includes(target), `the message names ${target}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, STACK_TRACE);
  }
  // eval reads its input the same way.
  const r = await cli(['eval', fifo], { deadlineMs: 5_000 });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot read .*input\.xent: it is not a regular file \(a FIFO\)/);
});

test('--max-size refuses a larger input unread, for check and eval; a bad value is a usage error', { timeout: 30_000 }, async () => {
  const ws = workspace('size');
  const file = join(ws, 'big.xent');
  writeFileSync(file, `experiment a {\n  loss: log_loss\n}\n${'# padding\n'.repeat(200)}`);
  const small = await cli(['check', '--max-size', '1K', file]);
  assert.equal(small.code, 2);
  assert.match(small.stderr, /cannot read .*big\.xent: it is \d+ bytes, over the limit of 1 KiB \(--max-size\)/);
  const evaluated = await cli(['eval', `--max-size=100`, file]);
  assert.equal(evaluated.code, 2);
  assert.match(evaluated.stderr, /over the limit of 100 bytes \(--max-size\)/);
  // Under the limit the file is read as usual.
  assert.equal((await cli(['check', '--max-size', '1M', file])).code, 0);
  for (const bad of ['0', '-5', 'lots', '12Q']) {
    const r = await cli(['check', '--max-size', bad, file]);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /--max-size takes a size in bytes/);
  }
});

test('the default --max-size is 64 MiB: a sparse 65 MiB file is refused without being read', { timeout: 30_000 }, async () => {
  const ws = workspace('default-size');
  const file = join(ws, 'huge.xent');
  execFileSync('truncate', ['-s', String(65 * 1024 * 1024), file]);
  const r = await cli(['check', file], { deadlineMs: 5_000 });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /it is 65 MiB, over the limit of 64 MiB \(--max-size\)/);
});

test('--root confines data files: a csv outside DIR is refused and none of its content is echoed; inside DIR it is scored', { timeout: 30_000 }, async () => {
  const ws = workspace('root');
  const inside = join(ws, 'project');
  mkdirSync(inside);
  const secret = join(ws, 'secret.csv');
  writeFileSync(secret, 'label,p_a,p_b\nTOPSECRET_root:x:0:0,0.5,0.5\n');
  writeFileSync(join(inside, 'val.csv'), 'label,p_a,p_b\na,0.9,0.1\nb,0.2,0.8\n');
  const exp = (path: string) => `experiment x {\n  classes: [a, b]\n  loss: sparse_categorical_crossentropy\n  data: csv("${path}", y_true: "label", y_pred: ["p_a", "p_b"])\n}\n`;
  writeFileSync(join(inside, 'out.xent'), exp('../secret.csv'));
  writeFileSync(join(inside, 'in.xent'), exp('val.csv'));
  const out = await cli(['eval', '--root', inside, join(inside, 'out.xent')]);
  assert.equal(out.code, 1);
  assert.match(out.stdout, /secret\.csv.*outside --root|outside --root.*secret\.csv|secret\.csv: is outside/);
  assert.doesNotMatch(out.stdout + out.stderr, /TOPSECRET/);
  const json = await cli(['eval', '--json', `--root=${inside}`, join(inside, 'out.xent')]);
  assert.doesNotMatch(json.stdout + json.stderr, /TOPSECRET/);
  assert.ok((JSON.parse(json.stdout) as { experiments: { error: string | null }[] }).experiments[0].error);
  const ok = await cli(['eval', '--json', '--root', inside, join(inside, 'in.xent')]);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.equal((JSON.parse(ok.stdout) as { experiments: { samples: number }[] }).experiments[0].samples, 2);
  assert.equal((await cli(['eval', '--root'])).code, 2);
});

test('xent eval on a .xent whose data is a FIFO or /dev/zero ends at once with "not a regular file"', { timeout: 30_000 }, async () => {
  const ws = workspace('eval-fifo');
  mkfifo(join(ws, 'pipe.csv'));
  const exp = (path: string) => `experiment x {\n  classes: [a, b]\n  data: csv("${path}", y_true: "label", y_pred: ["p_a", "p_b"])\n}\n`;
  writeFileSync(join(ws, 'fifo.xent'), exp('pipe.csv'));
  writeFileSync(join(ws, 'zero.xent'), exp('/dev/zero'));
  for (const file of ['fifo.xent', 'zero.xent']) {
    const r = await cli(['eval', join(ws, file)], { deadlineMs: 5_000 });
    assert.equal(r.code, 1, `${file}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, NOT_REGULAR, file);
    assert.doesNotMatch(r.stderr, STACK_TRACE);
  }
});

test('a closed stdout (xent eval FILE | head -1) ends the CLI quietly: exit 0, no stack trace', { timeout: 60_000 }, async () => {
  // 150 experiments print ~100 KB, more than a pipe holds: once the reader has gone, a write fails with EPIPE.
  const ws = workspace('epipe');
  const one = readFileSync(join(ROOT, 'examples', 'codecademy_report.xent'), 'utf8');
  const many = Array.from({ length: 150 }, (_, i) => one.replace('experiment codecademy_report', `experiment report_${i}`)).join('\n');
  writeFileSync(join(ws, 'many.xent'), many);
  const whole = await cli(['eval', join(ws, 'many.xent')], { deadlineMs: 30_000 });
  assert.equal(whole.code, 0);
  assert.ok(whole.stdout.length > 100_000, `${whole.stdout.length} bytes: not enough to fill a pipe`);
  const r = await cli(['eval', join(ws, 'many.xent')], { closeStdoutAfterFirstChunk: true, deadlineMs: 30_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
});

test('xent --version prints the version of package.json', { timeout: 15_000 }, async () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-v']) {
    const r = await cli([flag]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${version}\n`);
  }
});
