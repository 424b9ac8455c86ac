#!/usr/bin/env node
// The DuckDB peer of bench/eval.bench.mjs and bench/parquet.bench.mjs: one SQL pass over the file computing
// the sufficient statistics (the log-loss sum and the confusion counts, GROUP BY true class and predicted
// class), then the metrics from those few rows here: log loss, accuracy, precision / recall / F1 per class,
// macro and weighted.
//
//   node bench/duckdb-peer.mjs csv|binary-csv DATA_DIR
//   node bench/duckdb-peer.mjs parquet FILE.parquet
//
// @duckdb/node-api is a devDependency used by the benchmark only. DuckDB runs on every core (its default).
// The last line is `RESULT {json}` (log_loss, accuracy, f1_macro) for the benchmark to check against xent.
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';

const [mode, data] = process.argv.slice(2);
const EPS = 2.220446049250313e-16; // numpy's float64 eps: scikit-learn's log_loss clips to [eps, 1 - eps]
const clip = (x) => `greatest(least(${x}, ${1 - EPS}), ${EPS})`;
const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

/** The multiclass query (label, p0..p9) over a table expression: read_csv(...) or read_parquet(...). */
function multiclass(k, table) {
  const cols = Array.from({ length: k }, (_, j) => `p${j}`);
  // argmax as numpy takes it: the first column equal to the row's maximum.
  const argmax = `CASE ${cols.map((c, j) => `WHEN ${c} = m THEN ${j}`).join(' ')} END`;
  const pTrue = `CASE label ${cols.map((c, j) => `WHEN ${j} THEN ${c}`).join(' ')} END`;
  return `
    SELECT label AS y, ${argmax} AS pred, count(*) AS n, sum(-ln(${clip(pTrue)})) AS loss
    FROM (SELECT *, greatest(${cols.join(', ')}) AS m FROM ${table})
    GROUP BY ALL`;
}

let K;
let sql;
if (mode === 'csv') {
  K = 10;
  const types = `{'label': 'BIGINT', ${Array.from({ length: K }, (_, j) => `'p${j}': 'DOUBLE'`).join(', ')}}`;
  sql = multiclass(K, `read_csv(${sqlString(join(data, 'multiclass-1m.csv'))}, header = true, columns = ${types})`);
} else if (mode === 'parquet') {
  K = 10;
  sql = multiclass(K, `read_parquet(${sqlString(data)})`);
} else if (mode === 'binary-csv') {
  K = 2;
  // One column p = P(class 1): scikit-learn scores the columns [1 - p, p], each clipped.
  sql = `
    SELECT label AS y, (p1 > 0.5)::BIGINT AS pred, count(*) AS n,
           sum(-ln(CASE WHEN label = 1 THEN ${clip('p1')} ELSE ${clip('1 - p1')} END)) AS loss
    FROM read_csv(${sqlString(join(data, 'binary-1m.csv'))}, header = true,
                  columns = {'label': 'BIGINT', 'p1': 'DOUBLE'})
    GROUP BY ALL`;
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const cm = Array.from({ length: K }, () => new Array(K).fill(0));
let n = 0;
let lossSum = 0;
for (const row of reader.getRowObjectsJS()) {
  const count = Number(row.n);
  cm[Number(row.y)][Number(row.pred)] += count;
  n += count;
  lossSum += row.loss;
}
const precision = [];
const recall = [];
const f1 = [];
const support = [];
let correct = 0;
for (let k = 0; k < K; k++) {
  const tp = cm[k][k];
  const predicted = cm.reduce((s, r) => s + r[k], 0);
  const actual = cm[k].reduce((s, v) => s + v, 0);
  correct += tp;
  support.push(actual);
  precision.push(predicted > 0 ? tp / predicted : 0);
  recall.push(actual > 0 ? tp / actual : 0);
  const denom = 2 * tp + (predicted - tp) + (actual - tp);
  f1.push(denom > 0 ? (2 * tp) / denom : 0);
}
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
const weighted = (a) => a.reduce((s, v, k) => s + (v * support[k]) / n, 0);
const result = { log_loss: lossSum / n, accuracy: correct / n, f1_macro: mean(f1) };
console.log('confusion matrix', JSON.stringify(cm));
console.log('precision', precision, mean(precision), weighted(precision));
console.log('recall', recall, mean(recall), weighted(recall));
console.log('f1', f1, mean(f1), weighted(f1));
console.log('RESULT ' + JSON.stringify(result));
