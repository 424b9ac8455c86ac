#!/usr/bin/env node
// The DuckDB peer of bench/parquet.bench.mjs: one SQL pass over multiclass-1m.parquet computing the same
// sufficient statistics xent needs (the log-loss sum and the confusion counts, GROUP BY true class and
// predicted class), then log loss, accuracy and macro F1 from those few rows here.
//
//   node bench/parquet-duckdb-peer.mjs FILE.parquet
//
// @duckdb/node-api is a devDependency (benchmark only). DuckDB runs on every core (its default).
// The last line is `RESULT {json}` (log_loss, accuracy, f1_macro), checked against xent's numbers.
import { DuckDBInstance } from '@duckdb/node-api';

const [file] = process.argv.slice(2);
const K = 10;
const EPS = 2.220446049250313e-16; // numpy's float64 eps: scikit-learn's log_loss clips to [eps, 1 - eps]
const clip = (x) => `greatest(least(${x}, ${1 - EPS}), ${EPS})`;
const cols = Array.from({ length: K }, (_, j) => `p${j}`);
// argmax as numpy takes it: the first column equal to the row's maximum.
const argmax = `CASE ${cols.map((c, j) => `WHEN ${c} = m THEN ${j}`).join(' ')} END`;
const pTrue = `CASE label ${cols.map((c, j) => `WHEN ${j} THEN ${c}`).join(' ')} END`;
const sql = `
  SELECT label AS y, ${argmax} AS pred, count(*) AS n, sum(-ln(${clip(pTrue)})) AS loss
  FROM (SELECT *, greatest(${cols.join(', ')}) AS m FROM read_parquet('${file.replaceAll("'", "''")}'))
  GROUP BY ALL`;

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
let correct = 0;
const f1 = [];
for (let k = 0; k < K; k++) {
  const tp = cm[k][k];
  const predicted = cm.reduce((s, r) => s + r[k], 0);
  const actual = cm[k].reduce((s, v) => s + v, 0);
  correct += tp;
  const denom = predicted + actual;
  f1.push(denom > 0 ? (2 * tp) / denom : 0);
}
console.log('RESULT ' + JSON.stringify({ log_loss: lossSum / n, accuracy: correct / n, f1_macro: f1.reduce((s, v) => s + v, 0) / K }));
