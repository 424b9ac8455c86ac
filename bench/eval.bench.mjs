#!/usr/bin/env node
// Benchmark of `xent eval` against the tools a data scientist would pick instead (issue 9), on the same files,
// in the same script run: for each data set and each peer, xent and the peer alternate (xent, peer, xent,
// peer, … RUNS times each, median), each run a fresh process, wall time and peak RSS from GNU time (%M).
//
//   node bench/gen-data.mjs                      # once: bench/data/*-1m.{csv,npy}
//   npm run build && node bench/eval.bench.mjs   # prints the table; --write updates docs/benchmarks.md
//   RUNS=1 node bench/eval.bench.mjs             # a quick check of the script itself
//
// Peers (scripts beside this one):
//   CSV   pandas.read_csv + scikit-learn (reference.py), polars + vectorised numpy (vectorised.py),
//         DuckDB, one SQL pass (duckdb-peer.mjs, @duckdb/node-api, a devDependency of the benchmark only)
//   .npy  np.load + scikit-learn (reference.py), np.load + vectorised numpy (vectorised.py)
// Python: XENT_REF_PYTHON when set, else /opt/xent-ref/bin/python when it exists, else a virtual environment
// this script makes under .cache/bench-venv. Missing modules (numpy, pandas, scikit-learn, polars) are
// pip-installed into it; a peer whose modules still cannot be imported is skipped with a printed note.
//
// Every peer prints `RESULT {log_loss, accuracy, f1_macro}`; each run's numbers must agree with xent's (from
// one untimed `xent eval --json`) to 1e-9, or the script stops: a fast wrong peer cannot win.
// Nothing here runs in `npm test`: speed is measured, never asserted.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const data = join(root, 'bench', 'data');
const RUNS = Number(process.env.RUNS ?? 5);
const TOLERANCE = 1e-9;
const node = process.execPath;
const cli = join(root, 'dist', 'cli.js');

if (!existsSync(join(data, 'multiclass-1m.csv'))) {
  console.error('bench/data is empty: run `node bench/gen-data.mjs` first');
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}
if (!existsSync('/usr/bin/time')) {
  console.error('GNU time (/usr/bin/time) is needed for peak RSS: apt-get install -y time');
  process.exit(2);
}

// ---- Python for the Python peers -------------------------------------------------------------------------
const PIP_MODULES = { numpy: 'numpy', pandas: 'pandas', sklearn: 'scikit-learn', polars: 'polars' };
const LOCAL_INDEX = ['--index-url', 'file:///opt/pypi/simple', '--extra-index-url', 'file:///opt/pypi-more/simple'];

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, ...options });
}

function importable(python, module) {
  return run(python, ['-c', `import ${module}`]).status === 0;
}

function pipInstall(python, packages) {
  // The configured index first (briefly), then the machine's local mirrors when it is unreachable.
  for (const extra of [['--timeout', '15', '--retries', '0'], LOCAL_INDEX]) {
    const r = run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...extra, ...packages], { stdio: ['ignore', 'inherit', 'pipe'] });
    if (r.status === 0) return true;
  }
  return false;
}

function findPython() {
  if (process.env.XENT_REF_PYTHON) return process.env.XENT_REF_PYTHON;
  if (existsSync('/opt/xent-ref/bin/python')) return '/opt/xent-ref/bin/python';
  const venv = join(root, '.cache', 'bench-venv');
  const python = join(venv, 'bin', 'python');
  if (!existsSync(python)) {
    console.log(`making a Python virtual environment in ${venv}`);
    const r = run('python3', ['-m', 'venv', venv]);
    if (r.status !== 0) {
      console.log(`note: python3 -m venv failed (${(r.stderr ?? '').trim().split('\n').pop()}): the Python peers are skipped`);
      return null;
    }
  }
  return python;
}

const python = findPython();
const pythonModules = new Set();
if (python) {
  const missing = Object.keys(PIP_MODULES).filter((m) => !importable(python, m));
  if (missing.length > 0) {
    console.log(`installing ${missing.map((m) => PIP_MODULES[m]).join(', ')} into ${python}`);
    pipInstall(python, missing.map((m) => PIP_MODULES[m]));
  }
  for (const m of Object.keys(PIP_MODULES)) if (importable(python, m)) pythonModules.add(m);
}
const duckdbAvailable = run(node, ['-e', "require('@duckdb/node-api')"]).status === 0;

// ---- the data sets and their peers ------------------------------------------------------------------------
const pandasSklearn = (mode) => ({ name: 'pandas.read_csv + scikit-learn', cmd: python, args: ['bench/reference.py', mode, data], python: ['numpy', 'pandas', 'sklearn'] });
const polarsNumpy = (mode) => ({ name: 'polars + vectorised numpy', cmd: python, args: ['bench/vectorised.py', mode, data], python: ['numpy', 'polars'] });
const duckdb = (mode) => ({ name: 'DuckDB, one SQL pass', cmd: node, args: ['bench/duckdb-peer.mjs', mode, data], duckdb: true });
// Issue 9's targets: xent at least this many times faster than the peer.
const CSV_TARGETS = { 'pandas.read_csv + scikit-learn': 10, 'polars + vectorised numpy': 1.5, 'DuckDB, one SQL pass': 1.5 };
const NPY_TARGETS = { 'np.load + scikit-learn': 20, 'np.load + vectorised numpy': 1.5 };

const cases = [
  {
    name: '1M × 10 classes CSV (100 MB)', xent: ['eval', 'bench/multiclass-csv.xent'], targets: CSV_TARGETS,
    peers: [pandasSklearn('csv'), polarsNumpy('polars-csv'), duckdb('csv')],
  },
  {
    name: '1M × 10 classes .npy (88 MB)', xent: ['eval', 'bench/multiclass-npy.xent'], targets: NPY_TARGETS,
    peers: [
      { name: 'np.load + scikit-learn', cmd: python, args: ['bench/reference.py', 'npy', data], python: ['numpy', 'sklearn'] },
      { name: 'np.load + vectorised numpy', cmd: python, args: ['bench/vectorised.py', 'npy', data], python: ['numpy'] },
    ],
  },
  {
    name: '1M binary CSV (11 MB)', xent: ['eval', 'bench/binary-csv.xent'], targets: CSV_TARGETS,
    peers: [pandasSklearn('binary-csv'), polarsNumpy('polars-binary-csv'), duckdb('binary-csv')],
  },
];
// Flat memory from 1M to 10M rows: run when the 10M files exist (`node bench/gen-data.mjs --rows 10000000`).
// xent alone, one run each: they take seconds, and the point is peak RSS, not the median time.
if (existsSync(join(data, 'multiclass-10m.csv'))) {
  cases.push(
    { name: '10M × 10 classes CSV (1 GB)', xent: ['eval', 'bench/multiclass-csv-10m.xent'], peers: [], runs: 1, flatOf: '1M × 10 classes CSV (100 MB)' },
    { name: '10M × 10 classes .npy (880 MB)', xent: ['eval', 'bench/multiclass-npy-10m.xent'], peers: [], runs: 1, flatOf: '1M × 10 classes .npy (88 MB)' },
  );
}

function unavailable(peer) {
  if (peer.duckdb && !duckdbAvailable) return '@duckdb/node-api is not installed (npm ci)';
  if (peer.python) {
    if (!python) return 'no Python';
    const missing = peer.python.filter((m) => !pythonModules.has(m));
    if (missing.length > 0) return `${python} cannot import ${missing.join(', ')}`;
  }
  return null;
}

// ---- measuring --------------------------------------------------------------------------------------------
/** One fresh process under GNU time: wall seconds, peak RSS in MiB, and its stdout. */
function timed(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [sec, kb] = last.split(' ').map(Number);
  if (!Number.isFinite(sec) || r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${(r.stdout + r.stderr).slice(-800)}`);
  return { sec, mib: kb / 1024, stdout: r.stdout };
}

/** xent's numbers, from one untimed --json run: what every peer must reproduce. */
function xentNumbers(args) {
  const r = run(node, [cli, ...args, '--json']);
  if (r.status !== 0) throw new Error(`xent ${args.join(' ')} --json failed (exit ${r.status}): ${r.stderr.slice(-800)}`);
  const m = JSON.parse(r.stdout).experiments[0].metrics;
  return { log_loss: m.log_loss, accuracy: m.accuracy, f1_macro: m.f1.macro };
}

function checkAgreement(peer, stdout, expected) {
  const line = stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('RESULT ')) throw new Error(`${peer.name} printed no RESULT line: ${stdout.slice(-400)}`);
  const got = JSON.parse(line.slice('RESULT '.length));
  for (const [key, want] of Object.entries(expected)) {
    if (!(Math.abs(got[key] - want) <= TOLERANCE)) {
      throw new Error(`${peer.name} disagrees with xent on ${key}: ${got[key]} against ${want} (tolerance ${TOLERANCE})`);
    }
  }
  return got;
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const summary = (runs) => ({ sec: median(runs.map((r) => r.sec)), mib: median(runs.map((r) => r.mib)) });
const fmtRun = (m) => `${m.sec.toFixed(2)} s, ${m.mib.toFixed(0)} MiB`;

const loadBefore = loadavg();
const results = [];
for (const c of cases) {
  const expected = xentNumbers(c.xent);
  console.log(`${c.name}: xent log_loss ${expected.log_loss}, accuracy ${expected.accuracy}, f1 macro ${expected.f1_macro}`);
  const xentAll = [];
  const pairs = [];
  if (c.peers.length === 0) {
    for (let i = 0; i < (c.runs ?? RUNS); i++) xentAll.push(timed(node, [cli, ...c.xent]));
  }
  for (const peer of c.peers) {
    const why = unavailable(peer);
    if (why) {
      console.log(`  note: ${peer.name} skipped: ${why}`);
      pairs.push({ peer, skipped: why });
      continue;
    }
    const xentRuns = [];
    const peerRuns = [];
    let got;
    for (let i = 0; i < RUNS; i++) {
      xentRuns.push(timed(node, [cli, ...c.xent]));
      const p = timed(peer.cmd, peer.args);
      got = checkAgreement(peer, p.stdout, expected);
      peerRuns.push(p);
    }
    xentAll.push(...xentRuns);
    const xent = summary(xentRuns);
    const other = summary(peerRuns);
    const ratio = other.sec / xent.sec;
    pairs.push({ peer, xent, other, ratio });
    console.log(`  xent ${fmtRun(xent)} | ${peer.name} ${fmtRun(other)} → ${ratio.toFixed(2)}× (log_loss ${got.log_loss}, f1 macro ${got.f1_macro})`);
  }
  results.push({ c, xent: xentAll.length > 0 ? summary(xentAll) : null, pairs });
}
const loadAfter = loadavg();

// ---- the table --------------------------------------------------------------------------------------------
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
const lines = [
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; load average (1 / 5 / 15 min) ${load(loadBefore)} before the run, ${load(loadAfter)} after.`,
  `Each peer alternated with xent in the same script run (xent, peer, xent, peer, …), median of ${RUNS} run${RUNS === 1 ? "" : "s"} of each${results.some((r) => r.c.runs) ? ' (10M rows: xent alone, one run)' : ''}; the ratio is the peer's median over xent's median of the same pairs; peak RSS from GNU time (median of the runs). Every peer run reproduced xent's log loss, accuracy and macro F1 to 1e-9.`,
  '',
  '| data | xent eval (all runs) | peer | peer time, peak RSS | xent in these pairs | xent faster by | target | met? |',
  '|---|---|---|---|---|---|---|---|',
];
for (const { c, xent, pairs } of results) {
  const xentCell = xent ? fmtRun(xent) : '—';
  if (pairs.length === 0) lines.push(`| ${c.name} | ${xentCell} | — | — | — | — | — | — |`);
  for (const p of pairs) {
    const target = c.targets?.[p.peer.name];
    const targetCell = target ? `≥ ${target}×` : '—';
    if (p.skipped) {
      lines.push(`| ${c.name} | ${xentCell} | ${p.peer.name} | skipped: ${p.skipped} | — | — | ${targetCell} | — |`);
      continue;
    }
    const met = target ? (p.ratio >= target ? 'yes' : 'no') : '—';
    lines.push(`| ${c.name} | ${xentCell} | ${p.peer.name} | ${fmtRun(p.other)} | ${p.xent.sec.toFixed(2)} s | ${p.ratio.toFixed(2)}× | ${targetCell} | ${met} |`);
  }
}
// Memory: peak RSS ≤ 150 MiB, and flat from 1M to 10M rows (here: the 10M run within 10 % of the 1M median).
const RSS_LIMIT = 150;
lines.push('', '| data | xent peak RSS | target | met? |', '|---|---|---|---|');
for (const { c, xent } of results) {
  if (!xent) continue;
  const base = c.flatOf ? results.find((r) => r.c.name === c.flatOf)?.xent : undefined;
  const flat = base ? xent.mib <= base.mib * 1.1 : true;
  const what = base ? `${base.mib.toFixed(0)} MiB at 1M → ${xent.mib.toFixed(0)} MiB (${c.runs ?? RUNS} run${(c.runs ?? RUNS) === 1 ? '' : 's'})` : `${xent.mib.toFixed(0)} MiB`;
  const target = base ? `≤ ${RSS_LIMIT} MiB, flat (≤ 1M + 10 %)` : `≤ ${RSS_LIMIT} MiB`;
  lines.push(`| ${c.name} | ${what} | ${target} | ${xent.mib <= RSS_LIMIT && flat ? 'yes' : 'no'} |`);
}
const table = lines.join('\n');
console.log('\n' + table);
if (process.argv.includes('--write')) {
  const file = join(root, 'docs', 'benchmarks.md');
  const doc = readFileSync(file, 'utf8');
  const start = doc.indexOf('<!-- eval-bench:start -->');
  const end = doc.indexOf('<!-- eval-bench:end -->');
  if (start < 0 || end < 0) throw new Error('docs/benchmarks.md lacks the eval-bench markers');
  writeFileSync(file, doc.slice(0, start) + '<!-- eval-bench:start -->\n' + table + '\n' + doc.slice(end));
}
