#!/usr/bin/env node
// Benchmark of `xent eval` against pandas + scikit-learn and np.load + scikit-learn on the same files.
// Median of 5 runs, wall time and peak RSS (GNU time's %M), each command a fresh process, side by side.
//
//   node bench/gen-data.mjs                      # once: bench/data/*-1m.{csv,npy}
//   npm run build && node bench/eval.bench.mjs   # prints the table; --write updates docs/benchmarks.md
//
// The reference side needs a Python with numpy, pandas and scikit-learn: set XENT_REF_PYTHON (default
// /opt/xent-ref/bin/python). Nothing here runs in `npm test`: speed is measured, never asserted.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const data = join(root, 'bench', 'data');
const python = process.env.XENT_REF_PYTHON ?? '/opt/xent-ref/bin/python';
const RUNS = Number(process.env.RUNS ?? 5);

if (!existsSync(join(data, 'multiclass-1m.csv'))) {
  console.error('bench/data is empty: run `node bench/gen-data.mjs` first');
  process.exit(2);
}

const cases = [
  { name: '1M × 10 classes CSV (100 MB)', xent: ['eval', 'bench/multiclass-csv.xent'], ref: ['bench/reference.py', 'csv', data], refName: 'pandas.read_csv + scikit-learn' },
  { name: '1M binary CSV (11 MB)', xent: ['eval', 'bench/binary-csv.xent'], ref: ['bench/reference.py', 'binary-csv', data], refName: 'pandas.read_csv + scikit-learn' },
  { name: '1M × 10 classes .npy (88 MB)', xent: ['eval', 'bench/multiclass-npy.xent'], ref: ['bench/reference.py', 'npy', data], refName: 'np.load + scikit-learn' },
];
// Flat memory from 1M to 10M rows: run when the 10M files exist (`node bench/gen-data.mjs --rows 10000000`).
// One run each: they take seconds, and the point is peak RSS, not the median time.
if (existsSync(join(data, 'multiclass-10m.csv'))) {
  cases.push(
    { name: '10M × 10 classes CSV (1 GB)', xent: ['eval', 'bench/multiclass-csv-10m.xent'], ref: null, refName: '—', runs: 1 },
    { name: '10M × 10 classes .npy (880 MB)', xent: ['eval', 'bench/multiclass-npy-10m.xent'], ref: null, refName: '—', runs: 1 },
  );
}

function measure(cmd, args, runs = RUNS) {
  const times = [];
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    const last = r.stderr.trim().split('\n').pop() ?? '';
    const [sec, kb] = last.split(' ').map(Number);
    if (!Number.isFinite(sec) || r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${(r.stdout + r.stderr).slice(-800)}`);
    times.push(sec);
    rss.push(kb / 1024);
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { sec: median(times), mib: median(rss) };
}

const rows = [];
for (const c of cases) {
  const ref = c.ref ? measure(python, c.ref) : null;
  const xent = c.xent ? measure(process.execPath, [join(root, 'dist', 'cli.js'), ...c.xent], c.runs ?? RUNS) : null;
  rows.push({ c, ref, xent });
  console.log(`${c.name}: xent ${xent ? `${xent.sec.toFixed(2)} s ${xent.mib.toFixed(0)} MiB` : 'n/a'} | ${c.refName} ${ref ? `${ref.sec.toFixed(2)} s ${ref.mib.toFixed(0)} MiB` : ''}`);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; median of ${RUNS} runs (10M rows: one run); peak RSS from GNU time.`,
  '',
  '| data | xent eval | peak RSS | reference | reference time | peak RSS | speed-up |',
  '|---|---|---|---|---|---|---|',
  ...rows.map(({ c, ref, xent }) =>
    `| ${c.name} | ${xent ? `${xent.sec.toFixed(2)} s` : '—'} | ${xent ? `${xent.mib.toFixed(0)} MiB` : '—'} | ${c.refName} | ${ref ? `${ref.sec.toFixed(2)} s` : '—'} | ${ref ? `${ref.mib.toFixed(0)} MiB` : '—'} | ${xent && ref ? `${(ref.sec / xent.sec).toFixed(1)}×` : '—'} |`,
  ),
].join('\n');
console.log('\n' + table);
if (process.argv.includes('--write')) {
  const file = join(root, 'docs', 'benchmarks.md');
  const doc = readFileSync(file, 'utf8');
  const start = doc.indexOf('<!-- eval-bench:start -->');
  const end = doc.indexOf('<!-- eval-bench:end -->');
  if (start < 0 || end < 0) throw new Error('docs/benchmarks.md lacks the eval-bench markers');
  writeFileSync(file, doc.slice(0, start) + '<!-- eval-bench:start -->\n' + table + '\n' + doc.slice(end));
}
