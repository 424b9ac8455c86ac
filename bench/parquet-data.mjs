#!/usr/bin/env node
// Writes bench/data/multiclass-N.parquet from bench/data/multiclass-N.csv (node bench/gen-data.mjs makes it)
// with DuckDB's COPY TO: the same rows, label BIGINT and p0..p9 DOUBLE (each the double the CSV text
// denotes, so xent must give the CSV run's numbers to the bit), snappy, DuckDB's default row groups of
// 122,880 rows.
//
//   node bench/parquet-data.mjs [--rows 1m|10m] [--out DIR]
//
// @duckdb/node-api is a devDependency: the benchmark's writer and peer, never part of the extension.
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const tag = opt('--rows', '1m');
const dir = opt('--out', join(new URL('.', import.meta.url).pathname, 'data'));
const csv = join(dir, `multiclass-${tag}.csv`);
const out = join(dir, `multiclass-${tag}.parquet`);
if (!existsSync(csv)) {
  console.error(`${csv} is missing: run \`node bench/gen-data.mjs\` first`);
  process.exit(2);
}
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const cols = Array.from({ length: 10 }, (_, j) => `'p${j}': 'DOUBLE'`).join(', ');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(
  `COPY (SELECT * FROM read_csv(${q(csv)}, header = true, columns = {'label': 'BIGINT', ${cols}})) TO ${q(out)} (FORMAT parquet, COMPRESSION snappy)`,
);
console.log(out);
