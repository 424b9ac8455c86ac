#!/usr/bin/env node
// Past one machine, measured (docs/scale.md): the 1M × 10-class CSV of bench/gen-data.mjs scored whole, and
// split into 8 parts scored apart (`xent eval --data PART --partial`, as 8 machines would) then merged
// (`xent merge`); one part through stdin (`--data -`); the same statistics computed by DuckDB with the query
// `xent sql` prints, finished by `xent merge --sql-result`. Every route must print what `xent eval` prints
// (the SQL route: the same counts and log_loss to 1e-12), or the script stops.
//
//   npm run build && node bench/gen-data.mjs && node bench/scale.bench.mjs [--write]
//   (--write replaces the table between the scale-bench markers of docs/scale.md; with the 10M files of
//   `node bench/gen-data.mjs --rows 10000000`, the 10M rows are measured too)
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, createWriteStream, existsSync, mkdtempSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DuckDBInstance } from '@duckdb/node-api';

const root = join(new URL('.', import.meta.url).pathname, '..');
const cli = join(root, 'dist/cli.js');
const node = process.execPath;
const RUNS = 3;
const PARTS = 8;
if (!existsSync(cli)) throw new Error('build first: npm run build');

/** One fresh process under GNU time: wall seconds, peak RSS in MiB, stdout. */
function timed(args, input) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', node, cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, ...(input ? { input } : {}) });
  const [sec, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  if (!Number.isFinite(sec) || (r.status !== 0 && r.status !== 1)) throw new Error(`xent ${args.join(' ')} failed (exit ${r.status}): ${r.stderr.slice(-600)}`);
  return { sec, mib: kb / 1024, stdout: r.stdout };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The CSV cut into `parts` files of whole rows, each with the header. */
async function split(csv, parts, dir) {
  const lines = Number(spawnSync('wc', ['-l', csv], { encoding: 'utf8' }).stdout.trim().split(' ')[0]) - 1;
  const per = Math.ceil(lines / parts);
  const files = Array.from({ length: parts }, (_, i) => join(dir, `part-${i}.csv`));
  const rl = createInterface({ input: createReadStream(csv), crlfDelay: Infinity });
  let header;
  let i = -1;
  let out;
  let row = 0;
  for await (const line of rl) {
    if (header === undefined) {
      header = line;
      continue;
    }
    if (row % per === 0) {
      if (out) await new Promise((r) => out.end(r));
      out = createWriteStream(files[++i]);
      out.write(header + '\n');
    }
    if (!out.write(line + '\n')) await new Promise((r) => out.once('drain', r));
    row++;
  }
  await new Promise((r) => out.end(r));
  return files.slice(0, i + 1);
}

async function measure(label, xent, csv) {
  const dir = mkdtempSync(join(tmpdir(), 'xent-scale-bench-'));
  const parts = await split(csv, PARTS, dir);
  const rows = [];
  const whole = [];
  const partRuns = [];
  const merges = [];
  let partials;
  for (let run = 0; run < RUNS; run++) {
    whole.push(timed(['eval', xent]));
    const times = parts.map((p, i) => {
      const t = timed(['eval', xent, '--data', p, '--partial']);
      writeFileSync(join(dir, `part-${i}.json`), t.stdout);
      return t;
    });
    partRuns.push(times);
    partials = parts.map((_, i) => join(dir, `part-${i}.json`));
    merges.push(timed(['merge', xent, ...partials]));
  }
  // The same text, but for where findings are: the data file's line there, a part's line here.
  const unplaced = (text) => text.replace(/\S+\.csv:\d+/g, 'FILE:LINE');
  if (unplaced(merges[0].stdout) !== unplaced(whole[0].stdout)) throw new Error(`${label}: xent merge does not print what xent eval prints`);
  const stdin = timed(['eval', xent, '--data', '-', '--partial'], readFileSync(parts[0]));
  const fileOne = timed(['eval', xent, '--data', parts[0], '--partial']);
  const size = partials.reduce((s, p) => s + statSync(p).size, 0) / partials.length;
  const wholeSec = median(whole.map((w) => w.sec));
  const partMax = median(partRuns.map((ts) => Math.max(...ts.map((t) => t.sec))));
  const partSum = median(partRuns.map((ts) => ts.reduce((s, t) => s + t.sec, 0)));
  const mergeSec = median(merges.map((m) => m.sec));
  rows.push(
    [`${label}: \`xent eval\`, one process`, `${wholeSec.toFixed(2)} s`, `${Math.max(...whole.map((w) => w.mib)).toFixed(0)} MiB`],
    [`${label}: ${parts.length} parts, \`--partial\` each (slowest part; all parts one after another)`, `${partMax.toFixed(2)} s; ${partSum.toFixed(2)} s`, `${Math.max(...partRuns.flat().map((t) => t.mib)).toFixed(0)} MiB`],
    [`${label}: \`xent merge\` of the ${parts.length} partial documents (${(size / 1024).toFixed(1)} KiB each)`, `${mergeSec.toFixed(2)} s`, `${Math.max(...merges.map((m) => m.mib)).toFixed(0)} MiB`],
    [`${label}: slowest part + merge (8 machines)`, `${(partMax + mergeSec).toFixed(2)} s (${(wholeSec / (partMax + mergeSec)).toFixed(1)}× one process)`, ''],
    [`${label}: one part from a file / through stdin (\`--data -\`)`, `${fileOne.sec.toFixed(2)} s / ${stdin.sec.toFixed(2)} s`, `${fileOne.mib.toFixed(0)} / ${stdin.mib.toFixed(0)} MiB`],
  );
  // The SQL route: DuckDB runs xent sql's query over a table of the same rows.
  const q = timed(['sql', xent, '--dialect', 'duckdb', '--table', 'preds']).stdout;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const head = Buffer.alloc(4096);
  const fd = openSync(csv, 'r');
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const header = head.toString('utf8').split('\n')[0].split(',');
  const types = `{${header.map((h, i) => `'${h}': '${i === 0 ? 'BIGINT' : 'DOUBLE'}'`).join(', ')}}`;
  await con.run(`CREATE TABLE preds AS SELECT * FROM read_csv('${csv}', header = true, columns = ${types})`);
  const out = join(dir, 'result.csv');
  const sqlTimes = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    await con.run(`COPY (${q}) TO '${out}' (HEADER)`);
    sqlTimes.push((performance.now() - t0) / 1000);
  }
  con.closeSync();
  const sqlMerge = timed(['merge', xent, '--sql-result', out, '--json']);
  const evalJson = JSON.parse(timed(['eval', xent, '--json']).stdout).experiments[0];
  const m = JSON.parse(sqlMerge.stdout).experiments[0];
  if (JSON.stringify(m.metrics.confusion_matrix) !== JSON.stringify(evalJson.metrics.confusion_matrix)) throw new Error('the SQL route gives other counts');
  if (Math.abs(m.metrics.log_loss - evalJson.metrics.log_loss) > 1e-12 * evalJson.metrics.log_loss) throw new Error('the SQL route gives another log_loss');
  rows.push(
    [`${label}: DuckDB runs \`xent sql\`'s query (table in memory, all cores)`, `${median(sqlTimes).toFixed(2)} s`, ''],
    [`${label}: \`xent merge --sql-result\` (${statSync(out).size} bytes of result)`, `${sqlMerge.sec.toFixed(2)} s`, `${sqlMerge.mib.toFixed(0)} MiB`],
  );
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  return rows;
}

const data = join(root, 'bench/data');
if (!existsSync(join(data, 'multiclass-1m.csv'))) throw new Error('make the data first: node bench/gen-data.mjs');
const load = loadavg()[0].toFixed(2);
const rows = await measure('1M × 10 classes CSV', 'bench/multiclass-csv.xent', join(data, 'multiclass-1m.csv'));
if (existsSync(join(data, 'multiclass-10m.csv'))) rows.push(...(await measure('10M × 10 classes CSV', 'bench/multiclass-csv-10m.xent', join(data, 'multiclass-10m.csv'))));
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`node bench/scale.bench.mjs\` (medians of ${RUNS}; load average ${load} at the start; 2 cores). Every route printed what \`xent eval\` prints (but for the place a finding names: a part's file and line).`,
  '',
  '| what | time | peak RSS |',
  '| --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
console.log(table);
if (process.argv.includes('--write')) {
  const file = join(root, 'docs/scale.md');
  const doc = readFileSync(file, 'utf8');
  const start = doc.indexOf('<!-- scale-bench:start -->');
  const end = doc.indexOf('<!-- scale-bench:end -->');
  if (start < 0 || end < 0) throw new Error('docs/scale.md lacks the scale-bench markers');
  writeFileSync(file, doc.slice(0, start) + '<!-- scale-bench:start -->\n' + table + '\n' + doc.slice(end));
}
