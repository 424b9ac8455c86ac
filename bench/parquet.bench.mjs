#!/usr/bin/env node
// Benchmark of `xent eval` on Parquet (issue 13, item 4): 1M rows × 10 classes from Parquet, against DuckDB
// reading the same file for the same statistics (log-loss sum and confusion counts in one SQL pass).
// xent and DuckDB alternate (xent, duckdb, xent, duckdb, … RUNS times each, median), each run a fresh
// process, wall time and peak RSS from GNU time (%M). DuckDB uses every core; xent reads on one thread.
//
//   node bench/gen-data.mjs && node bench/parquet-data.mjs   # once: bench/data/multiclass-1m.{csv,parquet}
//   npm run build && node bench/parquet.bench.mjs            # prints the table (RUNS=5 by default)
//
// Also runs xent on the same rows as CSV (bench/multiclass-csv.xent) for comparison, and checks that the
// three give the same log loss, accuracy and macro F1 (CSV and Parquet: identical; DuckDB: to 1e-9).
// Nothing here runs in `npm test`: speed is measured, never asserted.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const data = join(root, 'bench', 'data');
const RUNS = Number(process.env.RUNS ?? 5);
const node = process.execPath;
const cli = join(root, 'dist', 'cli.js');
const parquet = join(data, 'multiclass-1m.parquet');
for (const [path, how] of [
  [parquet, 'node bench/gen-data.mjs && node bench/parquet-data.mjs'],
  [cli, 'npm run build'],
  ['/usr/bin/time', 'apt-get install -y time'],
]) {
  if (!existsSync(path)) {
    console.error(`${path} is missing: ${how}`);
    process.exit(2);
  }
}

function timed(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const [sec, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  if (!Number.isFinite(sec) || r.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${r.status}): ${(r.stdout + r.stderr).slice(-800)}`);
  return { sec, mib: kb / 1024, stdout: r.stdout };
}
const numbersOf = (stdout) => {
  const m = JSON.parse(stdout).experiments[0].metrics;
  return { log_loss: m.log_loss, accuracy: m.accuracy, f1_macro: m.f1.macro };
};
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

const subjects = {
  'xent, Parquet': [node, cli, 'eval', 'bench/parquet-multiclass.xent', '--json'],
  'DuckDB, Parquet': [node, 'bench/duckdb-peer.mjs', 'parquet', parquet],
  'xent, CSV': [node, cli, 'eval', 'bench/multiclass-csv.xent', '--json'],
};
const runs = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
const load = [loadavg()[0]];
let reference;
for (let i = 0; i < RUNS; i++) {
  for (const [name, args] of Object.entries(subjects)) {
    const r = timed(args);
    const got = name.startsWith('xent') ? numbersOf(r.stdout) : JSON.parse(r.stdout.trim().split('\n').pop().slice('RESULT '.length));
    reference ??= got;
    for (const k of Object.keys(reference)) {
      const tol = name.startsWith('xent') ? 0 : 1e-9;
      if (!(Math.abs(got[k] - reference[k]) <= tol * Math.max(1, Math.abs(reference[k])))) throw new Error(`${name}: ${k} ${got[k]} ≠ ${reference[k]}`);
    }
    runs[name].push(r);
  }
  load.push(loadavg()[0]);
}
const xent = median(runs['xent, Parquet'].map((r) => r.sec));
console.log(`1M rows × 10 classes, ${RUNS} alternating runs each, median; ${cpus().length} cores; load average (1 min) ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} during the runs`);
console.log('| run | wall time (median) | peak RSS (median) | vs xent on Parquet |');
console.log('|---|---:|---:|---:|');
for (const [name, rs] of Object.entries(runs)) {
  const t = median(rs.map((r) => r.sec));
  console.log(`| ${name} | ${t.toFixed(2)} s | ${median(rs.map((r) => r.mib)).toFixed(0)} MiB | ${(t / xent).toFixed(2)}× |`);
}
console.log(`numbers (all runs agree): ${JSON.stringify(reference)}`);
