// Measures the data readers on the files bench/gen-data.mjs writes: wall time (median of N runs), MB/s
// and peak RSS, each run in a fresh `node` process running an esbuild bundle of the readers (as
// dist/cli.js would), so tsx is not in the numbers.
//
//   node bench/gen-data.mjs                       # 1M-row files (and --rows 10000000 for the 10M ones)
//   node --import tsx bench/gen-data.measure.ts   # options: --runs 5, --tag 1m (repeatable: --tag 10m)
//
// Every run also scores the rows as it reads them (sum of -log p[y], argmax accuracy: the work an
// evaluation does per row), so the time is "read and score", and checks the row count.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = Number(opt('--runs', '5'));
// On a shared machine, wait (up to --max-wait seconds) until the CPUs have been idle for a moment before
// each run, so other processes do not end up in the numbers. Linux only (/proc/stat).
const maxWait = Number(opt('--max-wait', '120'));

function cpuTimes(): { idle: number; total: number } | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: f[3] + (f[4] ?? 0), total: f.reduce((x, y) => x + y, 0) };
  } catch {
    return null;
  }
}
function sleepMs(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
function waitForIdle(): void {
  const t0 = Date.now();
  while (Date.now() - t0 < maxWait * 1000) {
    const a = cpuTimes();
    if (a === null) return;
    sleepMs(400);
    const b = cpuTimes()!;
    if ((b.idle - a.idle) / Math.max(1, b.total - a.total) >= 0.95) return;
  }
}
const tags = args.flatMap((a, i) => (a === '--tag' ? [args[i + 1]] : []));
if (tags.length === 0) tags.push('1m');
const dataDir = resolve(__dirname, 'data');
const src = resolve(__dirname, '../server/src/core/data').replace(/\\/g, '/');

const child = `
import { scanCsvParallel } from ${JSON.stringify(src + '/csv-parallel.ts')};
import { scanNpyData } from ${JSON.stringify(src + '/npy.ts')};
const [kind, a, b, workersText] = process.argv.slice(2);
const workers = Number(workersText);
let rows = 0, loss = 0, correct = 0;
function score(c: { n: number; yTrue: Float64Array; yPred: Float64Array }) {
  const k = c.yPred.length / c.n;
  for (let i = 0; i < c.n; i++) {
    const y = c.yTrue[i];
    if (k === 1) {
      const p = c.yPred[i];
      loss -= Math.log(y === 1 ? p : 1 - p);
      if ((p > 0.5 ? 1 : 0) === y) correct++;
    } else {
      let best = 0;
      for (let j = 1; j < k; j++) if (c.yPred[i * k + j] > c.yPred[i * k + best]) best = j;
      loss -= Math.log(c.yPred[i * k + y]);
      if (best === y) correct++;
    }
  }
  rows += c.n;
}
(async () => {
  const t0 = performance.now();
  const r = kind === 'csv'
    ? await scanCsvParallel(a, { yTrue: 'label', yPred: 'p*' }, { workers, reuseChunks: true, onChunk: score })
    : await scanNpyData({ yTrue: a, yPred: b }, { reuseChunks: true, onChunk: score });
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(r.error.message);
  console.log(JSON.stringify({ ms, rows, loss: loss / rows, acc: correct / rows, maxRssKiB: process.resourceUsage().maxRSS }));
})();
`;

const tmp = mkdtempSync(join(tmpdir(), 'xent-bench-'));
try {
  const entry = join(tmp, 'child.ts');
  writeFileSync(entry, child);
  const bundle = join(tmp, 'child.js');
  buildSync({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });

  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`runs per row: ${runs} (median wall time of the whole process; scan time in brackets)\n`);
  console.log('| file | size | reader | wall (median) | scan | MB/s (scan) | peak RSS |');
  console.log('|---|---:|---|---:|---:|---:|---:|');
  for (const tag of tags) {
    const jobs: Array<{ file: string; bytes: number; label: string; argv: string[] }> = [];
    const csvs = [`multiclass-${tag}.csv`, `binary-${tag}.csv`];
    for (const f of csvs) {
      const p = join(dataDir, f);
      if (!existsSync(p)) continue;
      const bytes = statSync(p).size;
      for (const w of [0, 1, 2]) {
        jobs.push({ file: f, bytes, label: w === 0 ? 'CSV, 1 thread (main)' : `CSV, ${w} worker${w > 1 ? 's' : ''}`, argv: ['csv', p, '', String(w)] });
      }
    }
    for (const base of [`multiclass-${tag}`, `binary-${tag}`]) {
      const t = join(dataDir, `${base}.y_true.npy`);
      const p = join(dataDir, `${base}.y_pred.npy`);
      if (!existsSync(t) || !existsSync(p)) continue;
      jobs.push({ file: `${base}.{y_true,y_pred}.npy`, bytes: statSync(t).size + statSync(p).size, label: '.npy, 1 thread', argv: ['npy', t, p, '0'] });
    }
    if (jobs.length === 0) console.error(`no data for ${tag}: run node bench/gen-data.mjs first`);
    for (const job of jobs) {
      const results: Array<{ wall: number; ms: number; rows: number; maxRssKiB: number }> = [];
      for (let i = 0; i < runs; i++) {
        waitForIdle();
        const t0 = performance.now();
        const p = spawnSync(process.execPath, [bundle, ...job.argv], { encoding: 'utf8' });
        const wall = performance.now() - t0;
        if (p.status !== 0) throw new Error(p.stderr);
        results.push({ wall, ...JSON.parse(p.stdout) });
      }
      const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
      const wall = med(results.map((r) => r.wall));
      const ms = med(results.map((r) => r.ms));
      const rss = Math.max(...results.map((r) => r.maxRssKiB)) / 1024;
      const mb = job.bytes / 1e6;
      console.log(
        `| ${job.file} | ${mb.toFixed(0)} MB | ${job.label} | ${(wall / 1000).toFixed(3)} s | ${(ms / 1000).toFixed(3)} s | ${(mb / (ms / 1000)).toFixed(0)} | ${rss.toFixed(0)} MiB |`,
      );
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
