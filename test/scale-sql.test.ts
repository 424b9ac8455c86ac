// xent sql (issue 13 item 3): the query computing an experiment's sufficient statistics inside a SQL engine.
//
// - Executed on DuckDB (@duckdb/node-api, embedded) and PostgreSQL 15 (a throwaway server on a Unix socket,
//   test/support/postgres.ts): the result, saved as CSV and read by readSqlResult, must give xent eval's
//   confusion counts exactly and its log_loss to 1e-12 relative, and scikit-learn's numbers on the Parquet
//   fixtures (test/fixtures/parquet/expected.json, made by generate.py there).
// - The Spark, Trino and BigQuery texts are parsed by real grammars (test/support/sql-grammars.ts), which
//   must also reject a broken query.
// - readSqlResult on good and bad CSV; the command's usage errors, refusals and exit codes.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { analyze } from '../server/src/core/check';
import { parseNumberText } from '../server/src/core/data/number';
import { evaluateExperiment } from '../server/src/core/eval/evaluate';
import type { ExperimentResult } from '../server/src/core/eval/types';
import { buildSqlQuery, type SqlDialect } from '../server/src/core/scale/sql';
import { readSqlResult, type SqlResultGroup } from '../server/src/core/scale/sql-result';
import { resolveSqlSpec } from '../server/src/core/scale/sql-spec';
import { mergeSqlResult, SQL_COUNTS_ONLY } from '../server/src/core/scale/sql-merge';
import { runCli } from '../server/src/cli/run';
import { startPostgres, type Postgres } from './support/postgres';
import { loadSqlGrammars } from './support/sql-grammars';
import { mulberry32 } from './support/random.cjs';

const ROOT = resolve(__dirname, '..');
const EXAMPLE = join(ROOT, 'examples', 'cats_dogs_horses.xent');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'parquet');
const GOLDEN = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  { log_loss: number; log_loss_float64?: number; confusion_matrix: number[][]; rows: number }
>;

const dir = mkdtempSync(join(tmpdir(), 'xent-sql-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------- generated data

/** A probability row for true class y: random weights with y favoured, normalised; some rows are ties or one-hot. */
function probabilityRow(k: number, y: number, i: number, rnd: () => number): number[] {
  if (i % 17 === 5) {
    // a tie for the maximum between two columns (numpy's argmax takes the first)
    const a = Math.floor(rnd() * k);
    const b = (a + 1 + Math.floor(rnd() * (k - 1))) % k;
    const row = new Array<number>(k).fill(k === 2 ? 0 : 0.2 / (k - 2));
    row[a] = row[b] = k === 2 ? 0.5 : 0.4;
    return row;
  }
  if (i % 23 === 7) {
    // one-hot predictions: a 1 (clipped to 1 − ε) and zeros (clipped to ε, the true class's when wrong)
    const row = new Array<number>(k).fill(0);
    row[rnd() < 0.5 ? y : (y + 1) % k] = 1;
    return row;
  }
  const w = Array.from({ length: k }, (_, c) => rnd() * rnd() + (c === y ? 0.6 * rnd() : 0) + 1e-3);
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
}

function multiclassCsv(opts: { k: number; n: number; seed: number; labelText: (y: number) => string; pred: string[]; extra?: (i: number) => string | undefined }): { csv: string; pMin: number; pMax: number } {
  const rnd = mulberry32(opts.seed);
  const lines = [['id', 'label', ...opts.pred].join(',')];
  let pMin = Infinity;
  let pMax = -Infinity;
  for (let i = 0; i < opts.n; i++) {
    const y = i < opts.k ? i : Math.floor(rnd() * opts.k); // every class occurs
    const row = probabilityRow(opts.k, y, i, rnd);
    for (const v of row) (pMin = Math.min(pMin, v)), (pMax = Math.max(pMax, v));
    const label = opts.extra?.(i) ?? opts.labelText(y);
    lines.push([`r${i}`, label, ...row.map(String)].join(','));
  }
  return { csv: lines.join('\n') + '\n', pMin, pMax };
}

function binaryCsv(n: number, seed: number): { csv: string; pMin: number; pMax: number } {
  const rnd = mulberry32(seed);
  const special = [0, 1, 0.5, 1e-20, 1 - 1e-17, 0.5000000000000001, 2.220446049250313e-16];
  const lines = ['label,p'];
  let pMin = Infinity;
  let pMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const y = i % 2 === 0 ? 1 : rnd() < 0.5 ? 1 : 0;
    const p = i < special.length * 2 ? special[i >> 1] : Math.min(1, Math.max(0, (y === 1 ? 0.35 : 0) + 0.65 * rnd()));
    pMin = Math.min(pMin, p);
    pMax = Math.max(pMax, p);
    lines.push(`${y},${p}`);
  }
  return { csv: lines.join('\n') + '\n', pMin, pMax };
}

// ---------------------------------------------------------------- the cases

interface Case {
  readonly name: string;
  readonly xent: string;
  readonly experiment: string;
  /** The table for DuckDB: read_csv / read_parquet (with forced column types where the case needs them). */
  readonly duckdb: string;
  /** The CSV PostgreSQL loads with \copy, and column types other than the default (y_pred DOUBLE PRECISION, others TEXT). */
  readonly postgres?: { csv: string; types?: Record<string, string> };
  /** Compare with xent eval of the experiment (counts; log_loss unless `logLoss` says otherwise). */
  readonly againstEval: boolean;
  /** scikit-learn's numbers (expected.json): confusion matrix and log_loss (or its float64 variant). */
  readonly golden?: { key: string; logLoss: 'log_loss' | 'log_loss_float64' };
  /** y_true values that are not classes: their row counts by value; their log_loss_sum must be NULL. */
  readonly outside?: Record<string, number>;
  /** The experiment over the class rows only (xent's log_loss is undefined with other values in y_true). */
  readonly classRowsExperiment?: { xent: string; experiment: string };
  /** The smallest and largest probability in the data. */
  readonly pRange?: [number, number];
}

const cases: Case[] = [];

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function writeCase(name: string, xentText: string, csvName: string, csv: string): string {
  writeFileSync(join(dir, csvName), csv);
  const xent = join(dir, `${name}.xent`);
  writeFileSync(xent, xentText);
  return xent;
}

before(() => {
  {
    const { csv, pMin, pMax } = binaryCsv(240, 11);
    const xent = writeCase('bin1', 'experiment bin1 {\n  task: binary\n  data: csv("bin1.csv", y_true: "label", y_pred: "p")\n}\n', 'bin1.csv', csv);
    cases.push({
      name: 'binary, one probability column (0, 1, 0.5 and ε among them), labels stored as DOUBLE',
      xent,
      experiment: 'bin1',
      duckdb: `read_csv(${sqlString(join(dir, 'bin1.csv'))}, header = true, types = {'label': 'DOUBLE', 'p': 'DOUBLE'})`,
      postgres: { csv: join(dir, 'bin1.csv'), types: { label: 'DOUBLE PRECISION' } },
      againstEval: true,
      pRange: [pMin, pMax],
    });
  }
  {
    const names = ['ham', 'spam'];
    const { csv, pMin, pMax } = multiclassCsv({ k: 2, n: 230, seed: 12, labelText: (y) => names[y], pred: ['p_ham', 'p_spam'] });
    const xent = writeCase('bin2', 'experiment bin2 {\n  task: binary\n  classes: [ham, spam]\n  data: csv("bin2.csv", y_true: "label", y_pred: ["p_ham", "p_spam"])\n}\n', 'bin2.csv', csv);
    cases.push({
      name: 'binary, two columns, class names, ties at 0.5',
      xent,
      experiment: 'bin2',
      duckdb: `read_csv(${sqlString(join(dir, 'bin2.csv'))}, header = true)`,
      postgres: { csv: join(dir, 'bin2.csv') },
      againstEval: true,
      pRange: [pMin, pMax],
    });
  }
  {
    const names = ['cat', 'dog', 'horse', "o'neil"];
    const { csv, pMin, pMax } = multiclassCsv({ k: 4, n: 400, seed: 13, labelText: (y) => names[y], pred: ['p_cat', 'p_dog', 'p_horse', 'p_oneil'] });
    const xent = writeCase(
      'names',
      'experiment names {\n  task: multiclass\n  classes: [cat, dog, horse, "o\'neil"]\n  data: csv("names.csv", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse", "p_oneil"])\n}\n',
      'names.csv',
      csv,
    );
    cases.push({
      name: 'multiclass, class names (one with a quote), ties, zeros and ones',
      xent,
      experiment: 'names',
      duckdb: `read_csv(${sqlString(join(dir, 'names.csv'))}, header = true)`,
      postgres: { csv: join(dir, 'names.csv') },
      againstEval: true,
      pRange: [pMin, pMax],
    });
  }
  {
    const pred = ['p_0', 'p_1', 'p_2', 'p_3', 'p_4'];
    const { csv, pMin, pMax } = multiclassCsv({ k: 5, n: 350, seed: 14, labelText: String, pred });
    const xent = writeCase('numeric', 'experiment numeric {\n  data: csv("numeric.csv", y_true: "label", y_pred: "p_*")\n}\n', 'numeric.csv', csv);
    cases.push({
      name: 'numeric labels, no task or classes declared, y_pred "p_*" expanded from the header',
      xent,
      experiment: 'numeric',
      duckdb: `read_csv(${sqlString(join(dir, 'numeric.csv'))}, header = true)`,
      postgres: { csv: join(dir, 'numeric.csv'), types: { label: 'BIGINT' } },
      againstEval: true,
      pRange: [pMin, pMax],
    });
  }
  {
    const { csv, pMin, pMax } = multiclassCsv({ k: 3, n: 300, seed: 15, labelText: (y) => String(y + 1), pred: ['a', 'b', 'c'] });
    const xent = writeCase('numnames', 'experiment numnames {\n  task: multiclass\n  classes: [1, 2, 3]\n  data: csv("numnames.csv", y_true: "label", y_pred: ["a", "b", "c"])\n}\n', 'numnames.csv', csv);
    cases.push({
      name: 'numeric class names (classes: [1, 2, 3]): a label reads by name first',
      xent,
      experiment: 'numnames',
      duckdb: `read_csv(${sqlString(join(dir, 'numnames.csv'))}, header = true)`,
      postgres: { csv: join(dir, 'numnames.csv') },
      againstEval: true,
      pRange: [pMin, pMax],
    });
  }
  {
    // y_true values that are not classes: 7, -1 and 2.5 among 0..2 (classes: 3). The same rows without them
    // give the log_loss of the class rows.
    const others = ['7', '-1', '2.5'];
    const extra = (i: number) => (i >= 3 && i % 11 === 4 ? others[i % 3] : undefined);
    const spec = { k: 3, n: 330, seed: 16, labelText: String, pred: ['p0', 'p1', 'p2'], extra };
    const { csv, pMin, pMax } = multiclassCsv(spec);
    const outside: Record<string, number> = {};
    const lines = csv.trimEnd().split('\n');
    const classLines = [lines[0]];
    for (const line of lines.slice(1)) {
      const label = line.split(',')[1];
      if (others.includes(label)) outside[label] = (outside[label] ?? 0) + 1;
      else classLines.push(line);
    }
    const text = (file: string) => `experiment outside {\n  task: multiclass\n  classes: 3\n  data: csv("${file}", y_true: "label", y_pred: ["p0", "p1", "p2"])\n}\n`;
    const xent = writeCase('outside', text('outside.csv'), 'outside.csv', csv);
    const classOnly = writeCase('outside-classes', text('outside-classes.csv'), 'outside-classes.csv', classLines.join('\n') + '\n');
    cases.push({
      name: 'y_true values that are not classes (7, -1, 2.5): their own groups, log_loss_sum NULL',
      xent,
      experiment: 'outside',
      duckdb: `read_csv(${sqlString(join(dir, 'outside.csv'))}, header = true)`,
      postgres: { csv: join(dir, 'outside.csv') },
      againstEval: true,
      outside,
      classRowsExperiment: { xent: classOnly, experiment: 'outside' },
      pRange: [pMin, pMax],
    });
  }
  cases.push({
    name: 'example cats_dogs_horses.xent val_run_7 (CSV, class names)',
    xent: EXAMPLE,
    experiment: 'val_run_7',
    duckdb: `read_csv(${sqlString(join(ROOT, 'examples', 'runs', 'val.csv'))}, header = true)`,
    postgres: { csv: join(ROOT, 'examples', 'runs', 'val.csv') },
    againstEval: true,
  });
  cases.push({
    name: 'example cats_dogs_horses.xent val_run_9 (Parquet, "p_*" expanded from the footer)',
    xent: EXAMPLE,
    experiment: 'val_run_9',
    duckdb: `read_parquet(${sqlString(join(ROOT, 'examples', 'runs', 'val.parquet'))})`,
    againstEval: true,
  });
  const fixture = (name: string, text: string) => {
    const xent = join(dir, `${name}.xent`);
    writeFileSync(xent, text);
    return xent;
  };
  cases.push({
    name: 'Parquet fixture multiclass_int (5 row groups): scikit-learn numbers',
    xent: fixture('mc', `experiment mc {\n  data: parquet("${join(FIXTURES, 'multiclass_int.parquet')}", y_true: "label", y_pred: "p_*")\n}\n`),
    experiment: 'mc',
    duckdb: `read_parquet(${sqlString(join(FIXTURES, 'multiclass_int.parquet'))})`,
    postgres: { csv: join(FIXTURES, 'multiclass_int.csv'), types: { label: 'BIGINT' } },
    againstEval: true,
    golden: { key: 'multiclass_int', logLoss: 'log_loss' },
  });
  cases.push({
    name: 'Parquet fixture strings_dict (dictionary-encoded class names): scikit-learn numbers',
    xent: fixture('st', `experiment st {\n  task: multiclass\n  classes: [cat, dog, horse]\n  data: parquet("${join(FIXTURES, 'strings_dict.parquet')}", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse"])\n}\n`),
    experiment: 'st',
    duckdb: `read_parquet(${sqlString(join(FIXTURES, 'strings_dict.parquet'))})`,
    postgres: { csv: join(FIXTURES, 'strings.csv') },
    againstEval: true,
    golden: { key: 'strings', logLoss: 'log_loss' },
  });
  cases.push({
    name: 'Parquet fixture binary (one column p_1, int32 labels): scikit-learn numbers',
    xent: fixture('bi', `experiment bi {\n  task: binary\n  data: parquet("${join(FIXTURES, 'binary.parquet')}", y_true: "label", y_pred: "p_1")\n}\n`),
    experiment: 'bi',
    duckdb: `read_parquet(${sqlString(join(FIXTURES, 'binary.parquet'))})`,
    againstEval: true,
    golden: { key: 'binary', logLoss: 'log_loss' },
  });
  cases.push({
    name: 'Parquet fixture float32: counts as xent, log_loss as scikit-learn on the float64 upcast',
    xent: fixture('f32', `experiment f32 {\n  task: multiclass\n  classes: 3\n  data: parquet("${join(FIXTURES, 'float32.parquet')}", y_true: "label", y_pred: "p_*")\n}\n`),
    experiment: 'f32',
    duckdb: `read_parquet(${sqlString(join(FIXTURES, 'float32.parquet'))})`,
    againstEval: false,
    golden: { key: 'float32', logLoss: 'log_loss_float64' },
  });
});

// ---------------------------------------------------------------- helpers

function modelOf(xent: string, experiment: string) {
  const m = analyze(readFileSync(xent, 'utf8')).models.find((x) => x.name === experiment);
  assert.ok(m, `no experiment ${experiment} in ${xent}`);
  return m;
}

async function queryFor(c: { xent: string; experiment: string }, dialect: SqlDialect, table: string): Promise<{ sql: string; yPred: readonly string[]; classNames?: readonly string[]; k: number; warnings: string[] }> {
  const spec = await resolveSqlSpec(modelOf(c.xent, c.experiment), { dialect, table, baseDir: dirname(c.xent) });
  assert.ok(spec.ok, spec.ok ? '' : spec.error);
  const built = buildSqlQuery(spec.value);
  assert.ok(built.ok, built.ok ? '' : built.error);
  return { sql: built.value, yPred: spec.value.yPred, classNames: spec.value.classNames, k: spec.value.k, warnings: spec.warnings };
}

async function evalOf(xent: string, experiment: string): Promise<ExperimentResult> {
  return (await evaluateExperiment(modelOf(xent, experiment), { baseDir: dirname(xent) })).result;
}

/** The groups mapped to classes as the CSV reader maps a cell: a declared name first, else a class index. */
function tally(groups: readonly SqlResultGroup[], k: number, classNames: readonly string[] | undefined) {
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const outside: Record<string, number> = {};
  let n = 0;
  let classRows = 0;
  let logLossSum = 0;
  let pMin = Infinity;
  let pMax = -Infinity;
  for (const g of groups) {
    const text = g.trueText.trim();
    let cls = classNames ? classNames.indexOf(text) : -1;
    const v = parseNumberText(text);
    if (cls < 0 && v !== undefined && Number.isInteger(v) && v >= 0 && v < k) cls = v;
    n += g.n;
    pMin = Math.min(pMin, g.pMin);
    pMax = Math.max(pMax, g.pMax);
    if (cls < 0) {
      const key = v === undefined ? text : String(v);
      outside[key] = (outside[key] ?? 0) + g.n;
      assert.equal(g.logLossSum, null, `y_true '${g.trueText}' is not a class: its log_loss_sum must be NULL`);
      continue;
    }
    assert.ok(g.pred >= 0 && g.pred < k, `predicted class ${g.pred} of ${k}`);
    matrix[cls][g.pred] += g.n;
    classRows += g.n;
    assert.notEqual(g.logLossSum, null, `y_true '${g.trueText}' is a class: its log_loss_sum is a number`);
    logLossSum += g.logLossSum!;
  }
  return { matrix, outside, n, classRows, logLossSum, pMin, pMax };
}

function assertClose(actual: number, expected: number, what: string): void {
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(rel <= 1e-12, `${what}: ${actual} vs ${expected} (relative difference ${rel})`);
}

/** Every check of a case on one engine's groups. */
async function checkGroups(c: Case, groups: readonly SqlResultGroup[], q: { k: number; classNames?: readonly string[] }): Promise<void> {
  const t = tally(groups, q.k, q.classNames);
  assert.deepEqual(t.outside, c.outside ?? {}, 'the y_true values that are not classes and their counts');
  if (c.againstEval) {
    const r = await evalOf(c.xent, c.experiment);
    assert.equal(r.error, null, `xent eval: ${r.error}`);
    assert.equal(t.n, r.samples, 'Σ n = the rows xent eval scored');
    assert.deepEqual(t.matrix, r.metrics.confusion_matrix, 'the counts are xent eval\'s confusion matrix');
    if (!c.outside) {
      assert.equal(typeof r.metrics.log_loss, 'number', 'xent eval computes log_loss');
      assertClose(t.logLossSum / t.n, r.metrics.log_loss as number, 'Σ log_loss_sum / Σ n against xent eval');
    }
  }
  if (c.classRowsExperiment) {
    const r = await evalOf(c.classRowsExperiment.xent, c.classRowsExperiment.experiment);
    assert.equal(r.samples, t.classRows);
    assertClose(t.logLossSum / t.classRows, r.metrics.log_loss as number, 'log_loss of the class rows against xent eval of those rows');
  }
  if (c.golden) {
    const g = GOLDEN[c.golden.key];
    assert.equal(t.n, g.rows);
    assert.deepEqual(t.matrix, g.confusion_matrix, "scikit-learn's confusion matrix");
    assertClose(t.logLossSum / t.n, g[c.golden.logLoss]!, `scikit-learn's ${c.golden.logLoss}`);
  }
  if (c.pRange) {
    assert.equal(t.pMin, c.pRange[0], 'p_min');
    assert.equal(t.pMax, c.pRange[1], 'p_max');
  }
}


/** The declared metrics xent merge --sql-result computes from the counts and log_loss's sums. */
const FROM_COUNTS = new Set(['accuracy', 'precision', 'recall', 'f1', 'fbeta', 'jaccard', 'log_loss', 'confusion_matrix', 'classification_report', 'balanced_accuracy', 'matthews_corrcoef', 'cohen_kappa', 'hamming_loss']);

/**
 * xent merge --sql-result on the engine's output: the numbers of xent eval (counts exactly, log_loss to
 * 1e-12), and every other number not computed, with the reason in its place.
 */
async function checkMerge(c: Case, resultText: string, name: string): Promise<void> {
  if (!c.againstEval || c.outside) return;
  const expected = await evalOf(c.xent, c.experiment);
  const { result: got } = await mergeSqlResult(modelOf(c.xent, c.experiment), resultText, name, { baseDir: dirname(c.xent) });
  assert.equal(got.error, null, `xent merge --sql-result: ${got.error}`);
  assert.equal(got.samples, expected.samples);
  assert.deepEqual(got.metrics.confusion_matrix, expected.metrics.confusion_matrix);
  assert.equal(got.metrics.report_text, expected.metrics.report_text, 'the classification report, character for character');
  assert.deepEqual([got.metrics.accuracy, got.metrics.f1, got.metrics.precision, got.metrics.recall], [expected.metrics.accuracy, expected.metrics.f1, expected.metrics.precision, expected.metrics.recall]);
  assertClose(got.metrics.log_loss as number, expected.metrics.log_loss as number, 'merged log_loss');
  for (const [i, d] of got.declared.entries()) {
    const e = expected.declared[i];
    assert.equal(d.metric, e.metric);
    if (!FROM_COUNTS.has(d.metric)) assert.equal(d.error, SQL_COUNTS_ONLY, `${d.metric} says why it is not computed`);
    else if (d.metric === 'log_loss') assertClose(d.value as number, e.value as number, 'declared log_loss');
    else assert.deepEqual(d.value, e.value, d.metric);
  }
  if (got.loss && expected.loss && expected.loss.library !== 'scikit-learn') assert.equal(got.loss.error, SQL_COUNTS_ONLY);
}

// ---------------------------------------------------------------- DuckDB

describe('xent sql on DuckDB (executed)', () => {
  let connection: DuckDBConnection;
  before(async () => {
    const instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  after(() => connection?.closeSync());

  test('every case: counts as xent eval, log_loss to 1e-12, results read from COPY ... TO (HEADER)', async (t) => {
    assert.ok(cases.length >= 11);
    for (const [i, c] of cases.entries()) {
      await t.test(c.name, async () => {
        const q = await queryFor(c, 'duckdb', 'preds');
        await connection.run(`CREATE OR REPLACE TABLE preds AS SELECT * FROM ${c.duckdb}`);
        const out = join(dir, `duckdb-${i}.csv`);
        await connection.run(`COPY (${q.sql}) TO ${sqlString(out)} (HEADER, DELIMITER ',')`);
        const read = readSqlResult(readFileSync(out, 'utf8'), `duckdb-${i}.csv`);
        assert.ok(read.ok, read.ok ? '' : read.error.message);
        assert.ok(read.value.groups.length > 1);
        await checkGroups(c, read.value.groups, q);
        await checkMerge(c, readFileSync(out, 'utf8'), `duckdb-${i}.csv`);
      });
    }
  });

  test('a dotted table name (schema.table) is quoted part by part', async () => {
    await connection.run('CREATE SCHEMA IF NOT EXISTS "my schema"');
    await connection.run(`CREATE OR REPLACE TABLE "my schema"."val preds" AS SELECT * FROM read_csv(${sqlString(join(ROOT, 'examples', 'runs', 'val.csv'))}, header = true)`);
    const q = await queryFor({ xent: EXAMPLE, experiment: 'val_run_7' }, 'duckdb', 'my schema.val preds');
    assert.match(q.sql, /FROM "my schema"\."val preds"/);
    const rows = (await connection.runAndReadAll(q.sql)).getRowObjects();
    assert.equal(rows.reduce((s, r) => s + Number(r.n), 0), 30);
  });
});

// ---------------------------------------------------------------- PostgreSQL

describe('xent sql on PostgreSQL 15 (executed)', () => {
  let pg: Postgres | undefined;
  before(() => {
    pg = startPostgres(); // fails (never skips) with what to install when PostgreSQL 15 is missing
  });
  after(() => pg?.stop());

  test('every case with a CSV: \\copy, psql --csv, readSqlResult; counts as xent eval, log_loss to 1e-12', async (t) => {
    const withCsv = cases.filter((c) => c.postgres);
    assert.ok(withCsv.length >= 9);
    for (const c of withCsv) {
      await t.test(c.name, async () => {
        const q = await queryFor(c, 'postgres', 'xent_test.preds');
        const { csv, types = {} } = c.postgres!;
        const header = readFileSync(csv, 'utf8').split(/\r?\n/, 1)[0].split(',');
        const columns = header.map((h) => `"${h}" ${types[h] ?? (q.yPred.includes(h) ? 'DOUBLE PRECISION' : 'TEXT')}`);
        pg!.psql(['-c', 'DROP SCHEMA IF EXISTS xent_test CASCADE', '-c', 'CREATE SCHEMA xent_test', '-c', `CREATE TABLE xent_test.preds (${columns.join(', ')})`]);
        pg!.psql(['-c', `\\copy xent_test.preds FROM ${sqlString(csv)} WITH (FORMAT csv, HEADER true)`]);
        const out = pg!.psql(['--csv', '-c', q.sql]);
        const read = readSqlResult(out, 'psql.csv');
        assert.ok(read.ok, read.ok ? '' : read.error.message);
        await checkGroups(c, read.value.groups, q);
        await checkMerge(c, out, 'psql.csv');
      });
    }
  });
});

// ---------------------------------------------------------------- Spark, Trino, BigQuery: parsed

describe('xent sql for Spark, Trino and BigQuery (parsed by real grammars)', () => {
  let grammars: ReturnType<typeof loadSqlGrammars>;
  before(() => {
    grammars = loadSqlGrammars(dir);
  });

  for (const dialect of ['spark', 'trino', 'bigquery'] as const) {
    test(`${dialect}: every case's query parses; a broken one does not`, async () => {
      const grammar = grammars[dialect];
      const table = dialect === 'bigquery' ? 'my-project.analytics.preds' : 'analytics.preds';
      for (const c of cases) {
        const q = await queryFor(c, dialect, table);
        assert.deepEqual(grammar.parse(q.sql), [], `${grammar.name} on ${c.name}:\n${q.sql}`);
        const quote = dialect === 'trino' ? '"' : '`';
        assert.ok(q.sql.includes(`${quote}y_true${quote}`), 'identifiers are quoted in the dialect\'s way');
        const broken = q.sql.replace(/\) AS /, ' AS ');
        assert.notDeepEqual(grammar.parse(broken), [], `${grammar.name} must reject a query with a parenthesis missing`);
      }
      assert.notDeepEqual(grammar.parse('SELECT FROM WHERE GROUP'), []);
    });
  }

  test('string literals follow each dialect: a quote doubled (standard) or escaped with a backslash (Spark, BigQuery)', () => {
    const spec = { table: 't', yTrue: 'label', yPred: ['a', 'b'], k: 2, classNames: ["o'neil", 'back\\slash'] };
    const pg = buildSqlQuery({ ...spec, dialect: 'postgres' });
    const spark = buildSqlQuery({ ...spec, dialect: 'spark' });
    assert.ok(pg.ok && spark.ok);
    assert.match(pg.value, /= 'o''neil' THEN 0 WHEN "xent_text" = 'back\\slash' THEN 1/);
    assert.match(spark.value, /= 'o\\'neil' THEN 0 WHEN `xent_text` = 'back\\\\slash' THEN 1/);
    const bigquery = buildSqlQuery({ ...spec, dialect: 'bigquery' });
    assert.ok(bigquery.ok);
    assert.deepEqual(grammars.spark.parse(spark.value), []);
    assert.deepEqual(grammars.bigquery.parse(bigquery.value), []);
  });
});

// ---------------------------------------------------------------- the pure builder's refusals

describe('buildSqlQuery refuses what it cannot quote or count', () => {
  const base = { dialect: 'duckdb' as const, table: 't', yTrue: 'label', yPred: ['a', 'b', 'c'], k: 3 };
  const table: Array<[string, Parameters<typeof buildSqlQuery>[0], RegExp]> = [
    ['columns for another number of classes', { ...base, k: 4 }, /3 y_pred columns for 4 classes/],
    ['one column with more than 2 classes', { ...base, yPred: ['p'] }, /1 y_pred column for 3 classes/],
    ['an empty part of the table name', { ...base, table: 'a..b' }, /a part of the table name 'a\.\.b' is empty/],
    ['a backtick in a Spark identifier', { ...base, dialect: 'spark', yTrue: 'la`bel' }, /the y_true column 'la`bel' holds a backtick/],
    ['a control character', { ...base, yPred: ['a', 'b\n', 'c'] }, /a y_pred column 'b\\n' holds a control character/],
    ['fewer than 2 classes', { ...base, yPred: ['a'], k: 1 }, /at least 2 classes/],
  ];
  for (const [name, spec, message] of table) {
    test(name, () => {
      const r = buildSqlQuery(spec);
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.error, message);
    });
  }
  test('a double quote in a column name is doubled, for the standard dialects', () => {
    const r = buildSqlQuery({ ...base, yTrue: 'my "label"' });
    assert.ok(r.ok);
    assert.match(r.value, /CAST\("my ""label""" AS VARCHAR\)/);
  });
});

// ---------------------------------------------------------------- readSqlResult

describe('readSqlResult', () => {
  const H = 'y_true,y_pred,n,log_loss_sum,p_min,p_max';
  const good: Array<[string, string, SqlResultGroup[]]> = [
    ['psql --csv', `${H}\ncat,0,7,2.7799985422093374,0.051,0.88\ndog,1,10,3.4682660160285175,0.033,0.896\n`, [
      { trueText: 'cat', pred: 0, n: 7, logLossSum: 2.7799985422093374, pMin: 0.051, pMax: 0.88 },
      { trueText: 'dog', pred: 1, n: 10, logLossSum: 3.4682660160285175, pMin: 0.033, pMax: 0.896 },
    ]],
    ['doubles for whole numbers, CRLF, a BOM, no final line break', `\uFEFF${H}\r\n1.0,1.0,3.0,0.5,0,1`, [{ trueText: '1.0', pred: 1, n: 3, logLossSum: 0.5, pMin: 0, pMax: 1 }]],
    ['an empty log_loss_sum is NULL (not a class); an empty y_true is kept as text', `${H}\n7,2,4,,0.1,0.7\n,0,1,,0.2,0.3\n`, [
      { trueText: '7', pred: 2, n: 4, logLossSum: null, pMin: 0.1, pMax: 0.7 },
      { trueText: '', pred: 0, n: 1, logLossSum: null, pMin: 0.2, pMax: 0.3 },
    ]],
    ['quoted cells: a comma, a quote and a line break inside', `${H}\n"a, ""b""\nc",1,"2","1e-3",0.25,"0.75"\n\n`, [{ trueText: 'a, "b"\nc', pred: 1, n: 2, logLossSum: 0.001, pMin: 0.25, pMax: 0.75 }]],
    ['NaN and infinities as engines print them (the merge reports them)', `${H}\nx,0,1,NaN,-Infinity,inf\n`, [{ trueText: 'x', pred: 0, n: 1, logLossSum: NaN, pMin: -Infinity, pMax: Infinity }]],
    ['a header only: no groups', `${H}\n`, []],
  ];
  for (const [name, text, groups] of good) {
    test(`reads ${name}`, () => {
      const r = readSqlResult(text, 'result.csv');
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.deepEqual(r.value.groups, groups);
    });
  }
  const bad: Array<[string, string, string, number]> = [
    ['an empty file', '', 'result.csv:1: the file is empty; it should start with the header y_true,y_pred,n,log_loss_sum,p_min,p_max', 1],
    ['columns in another order', 'y_pred,y_true,n,log_loss_sum,p_min,p_max\n', "result.csv:1: the header is y_pred,y_true,n,log_loss_sum,p_min,p_max; xent sql's result has the columns y_true,y_pred,n,log_loss_sum,p_min,p_max, in this order", 1],
    ['a missing column', `y_true,y_pred,n\ncat,0,1\n`, "result.csv:1: the header is y_true,y_pred,n; xent sql's result has the columns y_true,y_pred,n,log_loss_sum,p_min,p_max, in this order", 1],
    ['a short row', `${H}\ncat,0,7,1.5,0.1\n`, 'result.csv:2: the row has 5 fields, the header has 6', 2],
    ['n not whole', `${H}\ncat,0,7,1,0,1\n\ndog,1,2.5,1,0,1\n`, "result.csv:4: n is not a whole number of rows ('2.5')", 4],
    ['n zero', `${H}\ncat,0,0,1,0,1\n`, "result.csv:2: n is not a whole number of rows ('0')", 2],
    ['y_pred NULL', `${H}\ncat,,3,1,0,1\n`, 'result.csv:2: y_pred is empty (NULL): a y_pred cell of these rows is NULL, which xent does not score (its readers refuse a missing probability)', 2],
    ['y_pred not an index', `${H}\ncat,-1,3,1,0,1\n`, "result.csv:2: y_pred is not a class index ('-1')", 2],
    ['log_loss_sum not a number', `${H}\ncat,0,3,abc,0,1\n`, "result.csv:2: log_loss_sum is not a number ('abc')", 2],
    ['p_min empty', `${H}\ncat,0,3,1,,1\n`, "result.csv:2: p_min is not a number ('')", 2],
    ['p_max not a number', `${H}\ncat,0,3,1,0,x\n`, "result.csv:2: p_max is not a number ('x')", 2],
    ['an unclosed quote, after a quoted line break', `${H}\n"a\nb",0,1,1,0,1\n"cat,0,3,1,0,1\n`, 'result.csv:4: a quoted cell that starts here never ends', 4],
    ['text after a closing quote', `${H}\n"cat"x,0,3,1,0,1\n`, 'result.csv:2: text after the closing quote of a quoted cell', 2],
  ];
  for (const [name, text, message, line] of bad) {
    test(`refuses ${name}`, () => {
      const r = readSqlResult(text, 'result.csv');
      assert.equal(r.ok, false);
      assert.deepEqual(r.ok ? undefined : r.error, { message, line });
    });
  }
});

// ---------------------------------------------------------------- the command

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['sql', ...args], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe('xent sql (the command)', () => {
  const file = (name: string, text: string) => {
    const p = join(dir, `${name}.xent`);
    writeFileSync(p, text);
    return p;
  };
  const usage: Array<[string, string[], RegExp]> = [
    ['no file', ['--dialect', 'duckdb', '--table', 't'], /^xent sql: no file given\nusage: xent sql FILE/],
    ['no dialect', [EXAMPLE, '-e', 'val_run_7', '--table', 't'], /--dialect is required \(duckdb, postgres, spark, trino, bigquery\)/],
    ['an unknown dialect', [EXAMPLE, '--dialect', 'mysql', '--table', 't'], /unknown dialect 'mysql' \(duckdb, postgres, spark, trino, bigquery\)/],
    ['no table', [EXAMPLE, '-e', 'val_run_7', '--dialect', 'duckdb'], /--table is required/],
    ['--table without a value', [EXAMPLE, '--dialect', 'duckdb', '--table'], /--table needs the name/],
    ['an empty part of the table name', [EXAMPLE, '--dialect', 'trino', '--table', 'cat..t'], /--table: a part of the table name 'cat\.\.t' is empty/],
    ['a backtick in a BigQuery table name', [EXAMPLE, '--dialect', 'bigquery', '--table', 'a`b'], /--table: the table name 'a`b' holds a backtick/],
    ['an unknown option', [EXAMPLE, '--dialect', 'duckdb', '--table', 't', '--json'], /unknown option '--json'/],
    ['two files', [EXAMPLE, EXAMPLE, '--dialect', 'duckdb', '--table', 't'], /sql takes one file/],
    ['several experiments and no --experiment', [EXAMPLE, '--dialect', 'duckdb', '--table', 't'], /has 6 experiments \(cats_dogs_horses, .*\); choose one with --experiment NAME/],
    ['an unknown experiment', [EXAMPLE, '-e', 'nope', '--dialect', 'duckdb', '--table', 't'], /no experiment 'nope' in .* \(it has cats_dogs_horses, /],
    ['a missing .xent file', [join(dir, 'missing.xent'), '--dialect', 'duckdb', '--table', 't'], /cannot read .*missing\.xent: no such file/],
  ];
  for (const [name, args, message] of usage) {
    test(`usage error (exit 2): ${name}`, async () => {
      const r = await cli(args);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    });
  }

  test('prints the query (exit 0), with --dialect=X --table=Y forms too', async () => {
    const r = await cli([EXAMPLE, '--experiment=val_run_7', '--dialect=postgres', '--table=public.preds']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^SELECT\n {2}"y_true",\n {2}"y_pred",\n {2}COUNT\(\*\) AS "n",/);
    assert.match(r.stdout, /FROM "public"\."preds"/);
    assert.match(r.stdout, /CAST\("p_horse" AS DOUBLE PRECISION\)/);
  });

  test('a data file that is not here: the columns as written (no pattern)', async () => {
    const p = file('absent', 'experiment absent {\n  task: multiclass\n  classes: [a, b, c]\n  data: parquet("s3-export/part-*.parquet", y_true: "y", y_pred: ["pa", "pb", "pc"])\n}\n');
    const r = await cli([p, '--dialect', 'trino', '--table', 'hive.ml.preds']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /CAST\("pc" AS DOUBLE\) AS "xent_p2"/);
    assert.match(r.stdout, /FROM "hive"\."ml"\."preds"/);
  });

  test('float32 Parquet: the query, and a warning that log_loss is computed in float64', async () => {
    const p = file('f32cli', `experiment f32cli {\n  task: multiclass\n  classes: 3\n  data: parquet("${join(FIXTURES, 'float32.parquet')}", y_true: "label", y_pred: "p_*")\n}\n`);
    const r = await cli([p, '--dialect', 'duckdb', '--table', 't']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /f32cli\.xent:4:3: experiment 'f32cli': warning: the y_pred columns of .*float32\.parquet are float32/);
    assert.match(r.stdout, /^SELECT/);
  });

  const refusals: Array<[string, string, string, RegExp]> = [
    ['inline data', EXAMPLE, 'cats_dogs_horses', /cats_dogs_horses\.xent:18:3: experiment 'cats_dogs_horses': no SQL query: its data is inline/],
    ['npy() data', EXAMPLE, 'val_run_8', /cats_dogs_horses\.xent:57:3: experiment 'val_run_8': no SQL query: its data is npy\(\) arrays/],
  ];
  for (const [name, p, experiment, message] of refusals) {
    test(`refused (exit 1): ${name}`, async () => {
      const r = await cli([p, '-e', experiment, '--dialect', 'spark', '--table', 't']);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    });
  }
  const written: Array<[string, string, RegExp]> = [
    ['multilabel', 'task: multilabel\n  classes: [a, b, c]\n  data: csv("numeric.csv", y_true: ["p_0", "p_1", "p_2"], y_pred: ["p_3", "p_4", "id"])', /:4:3: experiment 'x': no SQL query: it is multilabel; xent sql computes the statistics of single-label experiments/],
    ['features', 'task: binary\n  model: logistic_regression()\n  data: csv("bin1.csv", y_true: "label", features: ["p"])', /:4:3: experiment 'x': no SQL query: its data has features:/],
    ['an unresolvable pattern', 'task: multiclass\n  classes: 3\n  data: csv("not-here.csv", y_true: "label", y_pred: "p_*")', /:4:3: experiment 'x': no SQL query: the column pattern 'p_\*' can only be expanded from the data file's header, and not-here\.csv is not here to read; list the columns instead/],
    ['a column the header lacks', 'task: binary\n  data: csv("bin1.csv", y_true: "label", y_pred: "q")', /no SQL query: bin1\.csv: no column 'q'; the header has label, p/],
    ['logits', 'task: multiclass\n  classes: 3\n  loss: sparse_categorical_crossentropy(from_logits: true)\n  data: csv("outside.csv", y_true: "label", y_pred: ["p0", "p1", "p2"])', /no SQL query: its loss sparse_categorical_crossentropy reads y_pred as logits/],
    ['y_pred columns that are not the classes', 'task: multiclass\n  classes: [a, b, c, d]\n  data: csv("outside.csv", y_true: "label", y_pred: ["p0", "p1", "p2"])', /no SQL query: y_pred has 3 columns \(p0, p1, p2\) but there are 4 classes \(a, b, c, d\)/],
  ];
  for (const [name, body, message] of written) {
    test(`refused (exit 1): ${name}`, async () => {
      const p = file(`refuse-${name.replace(/\W+/g, '-')}`, `experiment x {\n  ${body}\n}\n`);
      const r = await cli([p, '--dialect', 'duckdb', '--table', 't']);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    });
  }

  test('one-hot y_true in separate columns is refused with its reason', async () => {
    const csv = 'y0,y1,y2,p0,p1,p2\n1,0,0,0.7,0.2,0.1\n0,1,0,0.2,0.7,0.1\n';
    writeFileSync(join(dir, 'onehot.csv'), csv);
    const p = file('onehot', 'experiment onehot {\n  task: multiclass\n  classes: 3\n  data: csv("onehot.csv", y_true: "y*", y_pred: "p*")\n}\n');
    const r = await cli([p, '--dialect', 'duckdb', '--table', 't']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /onehot\.xent:4:3: experiment 'onehot': no SQL query: its y_true is 3 columns \(y0, y1, y2\), one-hot rows; xent sql reads one column of labels/);
  });

  test('--help prints the usage (exit 0)', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^usage: xent sql FILE \[--experiment NAME\] --dialect duckdb\|postgres\|spark\|trino\|bigquery --table NAME/);
  });
});
