#!/usr/bin/env node
// Generates the benchmark data sets under bench/data/ (git-ignored). Deterministic (seeded PRNG).
//
//   node bench/gen-data.mjs                 1,000,000 rows (files named *-1m.*)
//   node bench/gen-data.mjs --rows 10000000 10,000,000 rows (*-10m.*), for the flat-memory check
//   options: --out DIR (default bench/data), --seed N (default 20240601)
//
// Files (N = 1m, 10m, or the row count):
//   multiclass-N.csv          label,p0,...,p9   label in 0..9, probabilities printed with 6 significant
//                             digits as Python's '%.6g' does (about 100 MB for 1M rows)
//   binary-N.csv              label,p1          label in 0..1, p1 = P(class 1), '%.6g'
//   multiclass-N.y_true.npy   int64, shape (rows,)       the same labels
//   multiclass-N.y_pred.npy   float64, shape (rows, 10)  the same probabilities: each is the double the
//                             CSV text denotes, so CSV and .npy runs must give identical metrics
//   binary-N.y_true.npy, binary-N.y_pred.npy (int64 (rows,), float64 (rows,))
//
// Probabilities are a softmax of random logits with the true class boosted (accuracy about 70 %), so
// rows sum to 1 only up to the 6-digit rounding (about 1e-6), as files written with '%.6g' do.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../test/support/random.cjs';

const args = process.argv.slice(2);
function opt(name, dflt) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
}
const rows = Number(opt('--rows', '1000000'));
const outDir = opt('--out', join(new URL('.', import.meta.url).pathname, 'data'));
const seed = Number(opt('--seed', '20240601'));
const K = 10;
const tag = rows % 1_000_000 === 0 ? `${rows / 1_000_000}m` : String(rows);

const rand = mulberry32(seed);
function normal() {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Python's '%.6g'. */
function g6(x) {
  if (x === 0) return '0';
  const [m, e] = x.toExponential(5).split('e');
  const X = Number(e);
  const strip = (s) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (X < -4 || X >= 6) {
    const ee = Math.abs(X) < 10 ? `0${Math.abs(X)}` : String(Math.abs(X));
    return `${strip(m)}e${X < 0 ? '-' : '+'}${ee}`;
  }
  return strip(x.toFixed(5 - X));
}

function npyHeader(descr, shape) {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(dict.length, 8);
  return Buffer.concat([head, Buffer.from(dict, 'latin1')]);
}

mkdirSync(outDir, { recursive: true });
const paths = {
  mcCsv: join(outDir, `multiclass-${tag}.csv`),
  binCsv: join(outDir, `binary-${tag}.csv`),
  mcTrue: join(outDir, `multiclass-${tag}.y_true.npy`),
  mcPred: join(outDir, `multiclass-${tag}.y_pred.npy`),
  binTrue: join(outDir, `binary-${tag}.y_true.npy`),
  binPred: join(outDir, `binary-${tag}.y_pred.npy`),
};
const fd = Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, openSync(p, 'w')]));
writeSync(fd.mcCsv, 'label,' + Array.from({ length: K }, (_, j) => `p${j}`).join(',') + '\n');
writeSync(fd.binCsv, 'label,p1\n');
writeSync(fd.mcTrue, npyHeader('<i8', [rows]));
writeSync(fd.mcPred, npyHeader('<f8', [rows, K]));
writeSync(fd.binTrue, npyHeader('<i8', [rows]));
writeSync(fd.binPred, npyHeader('<f8', [rows]));

const BLOCK = 20000;
const logits = new Float64Array(K);
for (let r0 = 0; r0 < rows; r0 += BLOCK) {
  const n = Math.min(BLOCK, rows - r0);
  let mc = '';
  let bin = '';
  const mcTrue = new BigInt64Array(n);
  const mcPred = new Float64Array(n * K);
  const binTrue = new BigInt64Array(n);
  const binPred = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = Math.floor(rand() * K);
    let max = -Infinity;
    for (let j = 0; j < K; j++) {
      logits[j] = 1.3 * normal() + (j === y ? 2.2 : 0);
      if (logits[j] > max) max = logits[j];
    }
    let sum = 0;
    for (let j = 0; j < K; j++) {
      logits[j] = Math.exp(logits[j] - max);
      sum += logits[j];
    }
    mc += y;
    for (let j = 0; j < K; j++) {
      const s = g6(logits[j] / sum);
      mc += ',' + s;
      mcPred[i * K + j] = Number(s);
    }
    mc += '\n';
    mcTrue[i] = BigInt(y);

    const yb = rand() < 0.4 ? 1 : 0;
    const z = 1.6 * normal() + (yb === 1 ? 1.2 : -1.2);
    const pb = g6(1 / (1 + Math.exp(-z)));
    bin += `${yb},${pb}\n`;
    binTrue[i] = BigInt(yb);
    binPred[i] = Number(pb);
  }
  writeSync(fd.mcCsv, mc);
  writeSync(fd.binCsv, bin);
  writeSync(fd.mcTrue, new Uint8Array(mcTrue.buffer));
  writeSync(fd.mcPred, new Uint8Array(mcPred.buffer));
  writeSync(fd.binTrue, new Uint8Array(binTrue.buffer));
  writeSync(fd.binPred, new Uint8Array(binPred.buffer));
}
for (const f of Object.values(fd)) closeSync(f);
for (const p of Object.values(paths)) console.log(p);
