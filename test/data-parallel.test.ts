// Parallel CSV reading: the same values, lines and errors as the sequential reader; quote fallback;
// cancellation; progress; and the worker mechanism from an esbuild bundle (plain node, no tsx).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { scanCsv, type CsvScanOptions, type CsvSchema } from '../server/src/core/data/csv';
import { scanCsvParallel, type CsvParallelOptions } from '../server/src/core/data/csv-parallel';
import { setCsvWorkerSourceForTests } from '../server/src/core/data/csv-worker';
import { mulberry32 } from './support/random.cjs';

const dir = mkdtempSync(join(tmpdir(), 'xent-par-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** A CSV in every number style, LF and CRLF rows, blank lines, an unused text column. */
function makeCsv(rows: number, seed: number, extra: (i: number) => string | null = () => null): string {
  const rand = mulberry32(seed);
  const parts = ['id,label,p0,p1,p2,note,f0\n'];
  for (let i = 0; i < rows; i++) {
    const special = extra(i);
    if (special !== null) {
      parts.push(special);
      continue;
    }
    const x = () => {
      const v = rand();
      const r = rand();
      if (r < 0.5) return v.toPrecision(6);
      if (r < 0.7) return String(v);
      if (r < 0.8) return v.toExponential(3);
      if (r < 0.9) return (v * 1e-30).toPrecision(17);
      return '.' + Math.floor(v * 1000);
    };
    const eol = rand() < 0.2 ? '\r\n' : '\n';
    parts.push(`${i},${Math.floor(rand() * 3)},${x()},${x()},${x()},n${i},${(rand() * 200 - 100).toFixed(3)}${eol}`);
    if (rand() < 0.01) parts.push('\n');
  }
  return parts.join('');
}

const SCHEMA: CsvSchema = { yTrue: 'label', yPred: 'p*', features: ['f0', 'id'] };

interface Collected {
  yTrue: number[];
  yPred: number[];
  features: number[];
  lines: number[];
  progress: Array<[number, number]>;
}

async function collect(
  path: string,
  parallel: Partial<CsvParallelOptions> | null,
  extra: Partial<CsvScanOptions> = {},
  schema = SCHEMA,
) {
  const c: Collected = { yTrue: [], yPred: [], features: [], lines: [], progress: [] };
  const opts: CsvScanOptions = {
    displayPath: 'data.csv',
    ...extra,
    onProgress: (d, t) => c.progress.push([d, t]),
    onChunk: (ch) => {
      assert.equal(ch.rowStart, c.lines.length);
      for (const v of ch.yTrue) c.yTrue.push(v);
      for (const v of ch.yPred) c.yPred.push(v);
      for (const v of ch.features ?? []) c.features.push(v);
      for (const v of ch.lines!) c.lines.push(v);
    },
  };
  const r = parallel ? await scanCsvParallel(path, schema, { ...opts, minParallelBytes: 0, ...parallel }) : await scanCsv(path, schema, opts);
  return { r, c };
}

function assertSame(a: Collected, b: Collected, what: string) {
  for (const k of ['yTrue', 'yPred', 'features', 'lines'] as const) {
    assert.equal(a[k].length, b[k].length, `${what} ${k} length`);
    for (let i = 0; i < a[k].length; i++) {
      if (!Object.is(a[k][i], b[k][i])) assert.fail(`${what} ${k}[${i}]: ${a[k][i]} vs ${b[k][i]}`);
    }
  }
}

const big = join(dir, 'big.csv');
writeFileSync(big, makeCsv(60000, 1));
const bigSize = statSync(big).size;

test('parallel equals sequential: workers 1-3, many range sizes, chunk sizes', async () => {
  const seq = await collect(big, null);
  assert.ok(seq.r.ok);
  assert.equal(seq.c.lines.length, 60000);
  for (const p of [
    { workers: 2 },
    { workers: 1, rangeBytes: 100_000 },
    { workers: 2, rangeBytes: 4096, chunkRows: 777 },
    { workers: 3, rangeBytes: 333_333, bufferSize: 1000 },
    { workers: 2, rangeBytes: 1 << 30 },
  ]) {
    const par = await collect(big, p, { chunkRows: p.chunkRows, bufferSize: p.bufferSize });
    assert.ok(par.r.ok, JSON.stringify(par.r));
    if (par.r.ok) {
      assert.equal(par.r.value.mode, 'parallel');
      assert.equal(par.r.value.fallback, undefined);
      assert.equal(par.r.value.rows, 60000);
    }
    assertSame(seq.c, par.c, JSON.stringify(p));
  }
});

test('parallel with reuseChunks gives the same values', async () => {
  const seq = await collect(big, null);
  const par = await collect(big, { workers: 2, rangeBytes: 50_000 }, { chunkRows: 500, reuseChunks: true });
  assert.ok(par.r.ok);
  assertSame(seq.c, par.c, 'reuse');
});

test('progress is monotonic and ends at the file size', async () => {
  for (const p of [null, { workers: 2, rangeBytes: 100_000 }]) {
    const { r, c } = await collect(big, p, { chunkRows: 5000 });
    assert.ok(r.ok);
    assert.ok(c.progress.length >= 5, 'reported as chunks arrive');
    for (let i = 1; i < c.progress.length; i++) assert.ok(c.progress[i][0] >= c.progress[i - 1][0], 'monotonic');
    assert.deepEqual(c.progress.at(-1), [bigSize, bigSize]);
    assert.ok(c.progress.every(([d, t]) => t === bigSize && d <= t));
  }
});

test('quotes after the first ranges: the rest is read sequentially, same result', async () => {
  const path = join(dir, 'quoted.csv');
  writeFileSync(
    path,
    makeCsv(20000, 2, (i) => (i === 12000 ? `${i},1,0.1,0.2,0.7,"a ""multi""\nline, note",5\n` : i === 15000 ? `"${i}","2","0.5",".25",".25",x,"-1"\r\n` : null)),
  );
  const seq = await collect(path, null);
  assert.ok(seq.r.ok);
  const par = await collect(path, { workers: 2, rangeBytes: 20_000 });
  assert.ok(par.r.ok);
  if (par.r.ok) assert.match(par.r.value.fallback ?? '', /^quoted fields from line \d+: read sequentially from there$/);
  assertSame(seq.c, par.c, 'quoted');
});

test('a quoted line break right at a range boundary', async () => {
  // Every row holds a quoted line break: the fallback must start at the first row.
  const rows = ['label,p0,note\n'];
  for (let i = 0; i < 3000; i++) rows.push(`${i % 2},0.${i},"x\ny"\n`);
  const path = join(dir, 'allquoted.csv');
  writeFileSync(path, rows.join(''));
  const seq = await collect(path, null, {}, { yTrue: 'label', yPred: 'p0' });
  for (const rangeBytes of [1, 7, 1000]) {
    const par = await collect(path, { workers: 2, rangeBytes }, {}, { yTrue: 'label', yPred: 'p0' });
    assert.ok(par.r.ok);
    assertSame(seq.c, par.c, `rangeBytes ${rangeBytes}`);
    assert.equal(par.c.lines[2999], 2 + 2 * 2999);
  }
});

test('errors: the first in file order wins, with its line, as sequentially', async () => {
  const path = join(dir, 'errors.csv');
  // Errors at rows 30000 and 50000: with small ranges the later one is found by a worker first.
  writeFileSync(path, makeCsv(60000, 3, (i) => (i === 30000 ? `${i},1,0.1,oops,0.7,n,5\n` : i === 50000 ? `${i},1,nan,0.2,0.7,n,5\n` : null)));
  const seq = await collect(path, null);
  assert.ok(!seq.r.ok);
  for (const p of [{ workers: 2, rangeBytes: 65536 }, { workers: 3, rangeBytes: 4096 }, { workers: 2 }]) {
    const par = await collect(path, p);
    assert.ok(!par.r.ok);
    if (!par.r.ok && !seq.r.ok) {
      assert.equal(par.r.error.message, seq.r.error.message);
      assert.match(par.r.error.message, /^data\.csv:\d+: column p1 is 'oops', not a number$/);
    }
  }
});

test('cancellation: before the start, during a sequential scan, during a parallel scan', async () => {
  const pre = new AbortController();
  pre.abort();
  const r0 = await scanCsvParallel(big, SCHEMA, { signal: pre.signal, onChunk: () => {} });
  assert.deepEqual(r0.ok ? null : r0.error.code, 'cancelled');

  for (const parallel of [null, { workers: 2, rangeBytes: 50_000 }]) {
    const ac = new AbortController();
    let chunks = 0;
    const opts = {
      signal: ac.signal,
      chunkRows: 1000,
      minParallelBytes: 0,
      onChunk: () => {
        if (++chunks === 3) ac.abort();
      },
    };
    const r = parallel ? await scanCsvParallel(big, SCHEMA, { ...opts, ...parallel }) : await scanCsv(big, SCHEMA, opts);
    assert.ok(!r.ok);
    if (!r.ok) {
      assert.equal(r.error.code, 'cancelled');
      assert.equal(r.error.message, `${big}: cancelled`);
    }
    assert.equal(chunks, 3, 'no chunk after the abort');
  }

  // Abort from outside while the workers run (the signal fires between deliveries).
  const ac = new AbortController();
  const slow = scanCsvParallel(big, SCHEMA, {
    signal: ac.signal,
    workers: 2,
    minParallelBytes: 0,
    rangeBytes: 20_000,
    chunkRows: 100,
    onChunk: () => new Promise((res) => setTimeout(res, 1)),
  });
  setTimeout(() => ac.abort(), 30);
  const r = await slow;
  assert.deepEqual(r.ok ? null : r.error.code, 'cancelled');
});

test('an exception thrown by onChunk rejects the scan (after cleanup), sequential and parallel', async () => {
  for (const parallel of [false, true]) {
    const boom = new Error('consumer failed');
    const opts = { workers: 2, minParallelBytes: 0, rangeBytes: 50_000, onChunk: () => { throw boom; } };
    await assert.rejects(parallel ? scanCsvParallel(big, SCHEMA, opts) : scanCsv(big, SCHEMA, opts), boom);
  }
});

test('workers that fail to start: the file is read on the calling thread, and the summary says so', async () => {
  const seq = await collect(big, null);
  setCsvWorkerSourceForTests('throw new Error("no workers here")');
  try {
    const par = await collect(big, { workers: 2 });
    assert.ok(par.r.ok);
    if (par.r.ok) {
      assert.equal(par.r.value.mode, 'sequential');
      assert.match(par.r.value.fallback ?? '', /^worker threads unavailable \(no workers here\); read on one thread$/);
    }
    assertSame(seq.c, par.c, 'fallback');
  } finally {
    setCsvWorkerSourceForTests(undefined);
  }
});

test('small files and workers: 0 read on the calling thread', async () => {
  const small = join(dir, 'small.csv');
  writeFileSync(small, makeCsv(50, 4));
  const a = await collect(small, { minParallelBytes: 1 << 20 });
  const b = await collect(small, { workers: 0 });
  assert.ok(a.r.ok && b.r.ok);
  if (a.r.ok && b.r.ok) {
    assert.equal(a.r.value.mode, 'sequential');
    assert.equal(b.r.value.mode, 'sequential');
  }
  assertSame(a.c, b.c, 'small');
});

test('workers run from an esbuild bundle (plain node, CommonJS, minified or not)', async () => {
  const entry = join(dir, 'entry.ts');
  const src = resolve(__dirname, '../server/src/core/data/csv-parallel.ts').replace(/\\/g, '/');
  writeFileSync(
    entry,
    `import { scanCsvParallel } from ${JSON.stringify(src)};
     (async () => {
       let sum = 0, fsum = 0, rows = 0;
       const r = await scanCsvParallel(process.argv[2], { yTrue: 'label', yPred: 'p*', features: ['f0', 'id'] },
         { workers: 2, minParallelBytes: 0, rangeBytes: 100000, onChunk: (c) => {
           rows += c.n; for (const v of c.yPred) sum += v; for (const v of c.features) fsum += v; } });
       console.log(JSON.stringify(r.ok ? { rows, sum, fsum, mode: r.value.mode } : r.error));
     })();`,
  );
  const seq = await collect(big, null);
  let want = 0;
  let fwant = 0;
  for (const v of seq.c.yPred) want += v;
  for (const v of seq.c.features) fwant += v;
  for (const minify of [false, true]) {
    const out = join(dir, `bundle-${minify}.js`);
    await build({ entryPoints: [entry], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify, logLevel: 'silent' });
    const p = spawnSync(process.execPath, [out, big], { encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    const got = JSON.parse(p.stdout);
    assert.deepEqual(got, { rows: 60000, sum: want, fsum: fwant, mode: 'parallel' }, `minify ${minify}`);
  }
});
