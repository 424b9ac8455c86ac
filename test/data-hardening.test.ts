// The readers under attack and under change (issue 10 items 1-3, issue 8 case 13): special files refused at
// once, a symlink swapped during reads never makes a reader read outside the root, a file rewritten during
// the read is 'data-changed' (never a partial result), a cancelled parallel read leaves no worker behind.
// Every test has a timeout: a hang fails the test instead of blocking the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { analyze } from '../server/src/core/check';
import { scanCsv } from '../server/src/core/data/csv';
import { liveCsvWorkers, scanCsvParallel } from '../server/src/core/data/csv-parallel';
import { scanNpyData } from '../server/src/core/data/npy';
import type { DataChunk, DataResult } from '../server/src/core/data/types';
import { openSource } from '../server/src/core/eval/sources';

const dir = mkdtempSync(join(tmpdir(), 'xent-hardening-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const S = { yTrue: 'label', yPred: 'p' };

function model(text: string) {
  const { models } = analyze(text);
  return models[0];
}

test('a FIFO and /dev/zero named as data are refused at once: "not a regular file"', { timeout: 10000 }, async () => {
  const ws = join(dir, 'special');
  mkdirSync(ws);
  execFileSync('mkfifo', [join(ws, 'pipe.csv')]);
  execFileSync('mkfifo', [join(ws, 'pipe.npy')]);
  symlinkSync('/dev/zero', join(ws, 'zero.csv'));
  symlinkSync(join(ws, 'pipe.csv'), join(ws, 'link-to-pipe.csv'));
  const started = Date.now();
  for (const name of ['pipe.csv', 'zero.csv', 'link-to-pipe.csv']) {
    const seq = await scanCsv(join(ws, name), S, { displayPath: name, onChunk: () => {} });
    const par = await scanCsvParallel(join(ws, name), S, { displayPath: name, minParallelBytes: 0, onChunk: () => {} });
    for (const r of [seq, par]) {
      assert.ok(!r.ok);
      if (!r.ok) {
        assert.equal(r.error.code, 'data-unreadable');
        assert.match(r.error.message, new RegExp(`^${name.replace('.', '\\.')}: is not a regular file \\((a FIFO|a character device)\\)$`));
      }
    }
  }
  const npy = await scanNpyData({ yTrue: join(ws, 'pipe.npy'), yPred: '/dev/zero' }, { displayPaths: { yTrue: 'pipe.npy' }, onChunk: () => {} });
  assert.ok(!npy.ok && npy.error.message === 'pipe.npy: is not a regular file (a FIFO)');
  // Through the experiment's source, with the workspace as root (the server's case).
  const m = model('experiment f { task: binary data: csv("pipe.csv", y_true: "label", y_pred: "p") }');
  await assert.rejects(openSource(m, 'indices', { baseDir: ws, root: ws }), /pipe\.csv: is not a regular file \(a FIFO\)/);
  const z = model('experiment z { task: binary data: npy(y_true: "/dev/zero", y_pred: "/dev/zero") }');
  await assert.rejects(openSource(z, 'indices', { baseDir: ws }), /\/dev\/zero: is not a regular file \(a character device\)/);
  // With a root, /dev/zero is refused before it is even opened.
  await assert.rejects(openSource(z, 'indices', { baseDir: ws, root: ws }), /\/dev\/zero: is outside the workspace/);
  assert.ok(Date.now() - started < 5000, 'refused at once');
});

/** Starts a child process that swaps `link` between `a` and `b` as fast as it can (atomic renames). */
function swapper(script: string, args: string[]) {
  const child = spawn(process.execPath, ['-e', script, ...args], { stdio: 'ignore' });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

const SWAP_LINK = `
const fs = require('fs');
const [link, a, b] = process.argv.slice(1);
const tmp = link + '.tmp';
for (let i = 0; ; i++) {
  try { fs.unlinkSync(tmp); } catch {}
  fs.symlinkSync(i % 2 ? a : b, tmp);
  fs.renameSync(tmp, link);
}`;

// A real directory on the resolved path replaced by a symlink to the outside and back: O_NOFOLLOW guards
// only the last component, so this is caught by the check of what the descriptor really is.
const SWAP_DIR = `
const fs = require('fs');
const [d, outside] = process.argv.slice(1);
for (;;) {
  try { fs.renameSync(d, d + '.real'); fs.symlinkSync(outside, d); } catch {}
  try { fs.unlinkSync(d); fs.renameSync(d + '.real', d); } catch {}
}`;

/** Reads y_pred of `path` (relative to root) one of three ways: a worker thread, the calling thread, or
 *  the experiment's source (the server's and the CLI's path: header read, then the scan, each opened and
 *  verified). */
async function readValues(path: string, root: string, i: number): Promise<DataResult<number[]>> {
  const got: number[] = [];
  const onChunk = (c: DataChunk) => void got.push(...c.yPred);
  if (i % 3 === 2) {
    const rel = relative(root, path);
    const m = model(`experiment r { task: binary data: csv("${rel}", y_true: "label", y_pred: "p") }`);
    try {
      const source = await openSource(m, 'indices', { baseDir: root, root, workers: 0 });
      assert.ok(typeof source !== 'string');
      if (typeof source !== 'string') await source.read((c) => void got.push(...c.yPred));
      return { ok: true, value: got };
    } catch (e) {
      const err = e as { code: string; message: string };
      return { ok: false, error: { code: err.code as never, file: rel, message: err.message, reason: err.message } };
    }
  }
  const r =
    i % 3 === 0
      ? await scanCsvParallel(path, S, { root, displayPath: 'data.csv', workers: 1, minParallelBytes: 0, onChunk })
      : await scanCsv(path, S, { root, displayPath: 'data.csv', onChunk });
  return r.ok ? { ok: true, value: got } : r;
}

test('a symlink swapped between a file inside the root and one outside: 300 reads, nothing outside read', { timeout: 120000 }, async () => {
  const root = join(dir, 'race-root');
  const out = join(dir, 'race-outside');
  mkdirSync(root);
  mkdirSync(out);
  // Same columns, so a read of the outside file would succeed: it is told by its values (0.75) and by the
  // marker in its header.
  writeFileSync(join(root, 'inside.csv'), 'label,p\n0,0.25\n1,0.25\n');
  writeFileSync(join(out, 'outside.csv'), 'label,p,OUTSIDE_MARKER\n1,0.75,0\n0,0.75,0\n');
  const link = join(root, 'data.csv');
  symlinkSync(join(root, 'inside.csv'), link);
  const s = swapper(SWAP_LINK, [link, join(root, 'inside.csv'), join(out, 'outside.csv')]);
  let ok = 0;
  let refused = 0;
  try {
    for (let i = 0; i < 300; i++) {
      const r = await readValues(link, root, i);
      if (r.ok) {
        ok++;
        assert.deepEqual(r.value, [0.25, 0.25], `iteration ${i}: read values that are not the inside file's`);
      } else {
        refused++;
        assert.ok(!r.error.message.includes('OUTSIDE_MARKER') && !r.error.message.includes('0.75'), r.error.message);
        assert.ok(['data-outside-root', 'data-not-found', 'data-unreadable', 'data-changed'].includes(r.error.code), r.error.message);
      }
    }
  } finally {
    await s.stop();
  }
  assert.equal(ok + refused, 300);
  // The swapper ran: some reads met the outside target (and were refused).
  assert.ok(refused > 0, `all ${ok} reads found the inside file: the swap was not exercised`);
});

test('a directory on the resolved path swapped for a symlink to the outside: 300 reads, nothing outside read', { timeout: 120000 }, async () => {
  const root = join(dir, 'race2-root');
  const out = join(dir, 'race2-outside');
  mkdirSync(join(root, 'd'), { recursive: true });
  mkdirSync(out);
  writeFileSync(join(root, 'd', 'data.csv'), 'label,p\n0,0.25\n1,0.25\n');
  writeFileSync(join(out, 'data.csv'), 'label,p,OUTSIDE_MARKER\n1,0.75,0\n0,0.75,0\n');
  const s = swapper(SWAP_DIR, [join(root, 'd'), out]);
  try {
    for (let i = 0; i < 300; i++) {
      const r = await readValues(join(root, 'd', 'data.csv'), root, i);
      if (r.ok) assert.deepEqual(r.value, [0.25, 0.25], `iteration ${i}: read values that are not the inside file's`);
      else assert.ok(!r.error.message.includes('OUTSIDE_MARKER') && !r.error.message.includes('0.75'), r.error.message);
    }
  } finally {
    await s.stop();
  }
});

/** A CSV of `rows` rows (label, p): 11 bytes a row. 2,018,000 rows is 22 MB, over the parallel threshold. */
function bigCsv(path: string, rows: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, 'label,p\n');
  const block = '1,0.1234567\n'.repeat(10000);
  for (let i = 0; i < rows; i += 10000) writeSync(fd, i + 10000 <= rows ? block : '1,0.1234567\n'.repeat(rows - i));
  closeSync(fd);
}

const REWRITES: Array<[string, (path: string) => void]> = [
  ['truncated and rewritten shorter', (p) => writeFileSync(p, 'label,p\n1,0.5\n'.repeat(1) + '0,0.5\n'.repeat(1000))],
  ['truncated', (p) => truncateSync(p, 5 << 20)],
  ['appended to', (p) => appendFileSync(p, '0,0.5\n'.repeat(100))],
  ['touched (mtime only)', (p) => utimesSync(p, new Date(2000, 0, 1), new Date(2000, 0, 1))],
  [
    'replaced (renamed over)',
    (p) => {
      writeFileSync(p + '.new', 'label,p\n0,0.5\n');
      renameSync(p + '.new', p);
    },
  ],
];

for (const [how, change] of REWRITES) {
  for (const mode of ['parallel', 'sequential'] as const) {
    test(`csv ${mode}: a file ${how} during the read (from a timer) is 'data-changed', never a partial result`, { timeout: 60000 }, async () => {
      const path = join(dir, `big-${mode}-${how.replace(/\W+/g, '-')}.csv`);
      bigCsv(path, 2_018_000);
      let rows = 0;
      let timer: NodeJS.Timeout | undefined;
      const r = await scanCsvParallel(path, S, {
        displayPath: 'big.csv',
        workers: mode === 'parallel' ? 2 : 0,
        chunkRows: 16384,
        onChunk: async (c) => {
          rows += c.n;
          // The first chunk arms a timer; later chunks wait a little so the change lands mid-read.
          timer ??= setTimeout(() => change(path), 1);
          if (rows > 16384) await new Promise((res) => setTimeout(res, 2));
        },
      });
      clearTimeout(timer);
      assert.ok(!r.ok, `read ${rows} rows and returned ok`);
      if (!r.ok) {
        assert.equal(r.error.code, 'data-changed', r.error.message);
        assert.match(r.error.message, /^big\.csv: changed while reading \(/);
      }
      assert.ok(rows < 2_018_000, 'stopped before the end');
      assert.equal(liveCsvWorkers(), 0);
    });
  }
}

test("npy: a file rewritten during the read is 'data-changed'", { timeout: 60000 }, async () => {
  // A 1-D float64 array of 1,000,000 values, written as numpy's format 1.0 does.
  const rows = 1_000_000;
  const header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows},), }`;
  const padded = header + ' '.repeat(128 - 10 - header.length - 1) + '\n';
  const make = (p: string) =>
    writeFileSync(p, Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, padded.length, 0]), Buffer.from(padded, 'latin1'), Buffer.from(new Float64Array(rows).fill(0.5).buffer)]));
  const yt = join(dir, 'big-true.npy');
  const yp = join(dir, 'big-pred.npy');
  make(yt);
  make(yp);
  let seen = 0;
  const r = await scanNpyData(
    { yTrue: yt, yPred: yp },
    {
      displayPaths: { yTrue: 'y.npy', yPred: 'p.npy' },
      chunkRows: 10000,
      onChunk: async (c) => {
        seen += c.n;
        if (c.rowStart === 0) truncateSync(yp, 4096);
      },
    },
  );
  assert.ok(!r.ok);
  if (!r.ok) {
    assert.equal(r.error.code, 'data-changed');
    assert.match(r.error.message, /^p\.npy: changed while reading/);
  }
  assert.ok(seen < rows);
});

test('a source whose file changes during the read fails with data-changed (the experiment gets no numbers)', { timeout: 60000 }, async () => {
  const ws = join(dir, 'src-change');
  mkdirSync(ws);
  bigCsv(join(ws, 'val.csv'), 300_000);
  const m = model('experiment c { task: binary data: csv("val.csv", y_true: "label", y_pred: "p") }');
  const source = await openSource(m, 'indices', { baseDir: ws, root: ws, workers: 0 });
  assert.ok(typeof source !== 'string');
  if (typeof source === 'string') return;
  let n = 0;
  await assert.rejects(
    source.read((c) => {
      if (n === 0) appendFileSync(join(ws, 'val.csv'), '0,0.5\n');
      n += c.n;
    }),
    (e: Error & { code?: string }) => e.code === 'data-changed' && /^val\.csv: changed while reading/.test(e.message),
  );
});

test('a cancelled parallel read stops its workers (none left running)', { timeout: 60000 }, async () => {
  const path = join(dir, 'cancel.csv');
  bigCsv(path, 1_000_000);
  const ac = new AbortController();
  const r = await scanCsvParallel(path, S, {
    workers: 3,
    minParallelBytes: 0,
    rangeBytes: 1 << 20,
    signal: ac.signal,
    onChunk: () => ac.abort(),
  });
  assert.ok(!r.ok && r.error.code === 'cancelled');
  assert.equal(liveCsvWorkers(), 0);
});

test('a file without line breaks is refused at 64 MiB, not read whole into one buffer', { timeout: 60000 }, async () => {
  const path = join(dir, 'one-line.csv');
  const fd = openSync(path, 'w');
  writeSync(fd, 'label,p\n0,');
  const block = Buffer.alloc(1 << 20, 0x35); // '5'
  for (let i = 0; i < 65; i++) writeSync(fd, block);
  closeSync(fd);
  for (const workers of [0, 2]) {
    const r = await scanCsvParallel(path, S, { displayPath: 'one-line.csv', workers, minParallelBytes: 0, onChunk: () => {} });
    assert.ok(!r.ok);
    if (!r.ok) assert.equal(r.error.message, 'one-line.csv:2: a row longer than 64 MiB starts here (a file without line breaks, or a quote that never closes?)');
  }
  rmSync(path);
});
