// The exact sum (metrics/losses/exact-sum.ts) against Python's math.fsum (test/fixtures/exact-sum/generate.py),
// and its promise: the same bits whatever the order and the split into merged parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addMany, addTo, emptySum, mergeSums, sumValue, termBuffer, type ExactSum } from '../server/src/core/metrics/losses/exact-sum';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mulberry32 } = require('./support/random.cjs') as { mulberry32: (seed: number) => () => number };

interface Case {
  name: string;
  values: number[];
  fsum: number;
  naive: number;
}
const golden = JSON.parse(readFileSync(join(__dirname, 'fixtures/exact-sum/golden.json'), 'utf8')) as { cases: Case[] };

function sumOf(values: readonly number[]): ExactSum {
  const acc = emptySum();
  for (const v of values) addTo(acc, v);
  return acc;
}

function shuffled<T>(a: readonly T[], rnd: () => number): T[] {
  const out = a.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

for (const c of golden.cases) {
  test(`exact sum = math.fsum: ${c.name}`, () => {
    assert.ok(Object.is(sumValue(sumOf(c.values)), c.fsum), `${sumValue(sumOf(c.values))} vs ${c.fsum}`);
  });
  test(`exact sum: same bits in any order and any split: ${c.name}`, () => {
    const rnd = mulberry32(c.values.length + 7);
    for (let trial = 0; trial < 12; trial++) {
      const values = trial === 0 ? c.values.slice().reverse() : shuffled(c.values, rnd);
      const parts = 1 + Math.floor(rnd() * 9);
      const cuts = Array.from({ length: parts - 1 }, () => Math.floor(rnd() * (values.length + 1))).sort((a, b) => a - b);
      const pieces: ExactSum[] = [];
      let from = 0;
      for (const cut of [...cuts, values.length]) {
        pieces.push(sumOf(values.slice(from, cut)));
        from = cut;
      }
      // merge in a random order, also through JSON (how partial results travel)
      const order = shuffled(pieces, rnd).map((p) => JSON.parse(JSON.stringify(p)) as ExactSum);
      const merged = order.reduce((a, b) => mergeSums(a, b), emptySum());
      assert.ok(Object.is(sumValue(merged), c.fsum), `trial ${trial}: ${sumValue(merged)} vs ${c.fsum}`);
    }
  });
}

/** The hot loops' way: terms collected per chunk (random chunk sizes) and added with addMany. */
function sumInBatches(values: readonly number[], rnd: () => number): ExactSum {
  const acc = emptySum();
  for (let at = 0; at < values.length; ) {
    const n = Math.min(values.length - at, 1 + Math.floor(rnd() * 3000));
    const terms = termBuffer(n);
    for (let i = 0; i < n; i++) terms[i] = values[at + i];
    addMany(acc, terms, n);
    at += n;
  }
  return acc;
}

for (const c of golden.cases) {
  test(`exact sum in batches (addMany) = math.fsum: ${c.name}`, () => {
    const rnd = mulberry32(c.values.length + 11);
    for (let trial = 0; trial < 6; trial++) {
      const values = trial === 0 ? c.values : shuffled(c.values, rnd);
      const got = sumValue(sumInBatches(values, rnd));
      assert.ok(Object.is(got, c.fsum), `trial ${trial}: ${got} vs ${c.fsum}`);
      // mixed with single adds and merges
      const half = Math.floor(values.length / 2);
      const a = sumInBatches(values.slice(0, half), rnd);
      const b = emptySum();
      for (const v of values.slice(half)) addTo(b, v);
      assert.ok(Object.is(sumValue(mergeSums(b, a)), c.fsum));
    }
  });
}

test('addMany: non-finite values, overflow and subnormals as addTo', () => {
  const batch = (xs: number[]) => {
    const acc = emptySum();
    const t = termBuffer(xs.length);
    xs.forEach((x, i) => (t[i] = x));
    addMany(acc, t, xs.length);
    return sumValue(acc);
  };
  assert.equal(batch([1, Infinity, 2]), Infinity);
  assert.ok(Number.isNaN(batch([Infinity, -Infinity, 1])));
  assert.ok(Number.isNaN(batch([NaN, 1])));
  assert.equal(batch([1.7e308, 1.7e308]), Infinity);
  assert.equal(batch([1.7e308, -1.7e308, 5e-324]), 5e-324);
  assert.equal(batch([5e-324, 5e-324, 1e-320]), 5e-324 * 2 + 1e-320);
  assert.equal(batch([1e308, 1, -1e308]), 1);
  assert.equal(batch([]), 0);
});

test('the golden cases include sums a plain sum gets wrong', () => {
  assert.ok(golden.cases.filter((c) => c.fsum !== c.naive).length >= 3);
});

test('exact sum: non-finite values as numpy sums them', () => {
  assert.equal(sumValue(sumOf([1, Infinity, 2])), Infinity);
  assert.equal(sumValue(sumOf([1, -Infinity])), -Infinity);
  assert.ok(Number.isNaN(sumValue(sumOf([Infinity, -Infinity]))));
  assert.ok(Number.isNaN(sumValue(sumOf([1, NaN]))));
  assert.equal(sumValue(sumOf([1.7e308, 1.7e308])), Infinity);
  assert.ok(Number.isNaN(sumValue(mergeSums(sumOf([Infinity]), sumOf([-Infinity])))));
});
