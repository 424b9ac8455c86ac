// Golden tests of the loss modules against test/fixtures/losses/cases.json (made by generate.py with
// scikit-learn, Keras/TensorFlow, numpy and scipy; see the JSON's "versions"). Tests never run Python.
//
// Tolerances: float64 references 1e-12 relative; float32 references (Keras at floatx float32,
// scikit-learn on float32 arrays) 1e-6 relative; chunked + merged against one-shot 1e-15 relative.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  createEntropy,
  createKerasLoss,
  createLogLoss,
  entropyMetrics,
  finalizeEntropy,
  finalizeKerasLoss,
  finalizeLogLoss,
  kerasLoss,
  logLoss,
  mergeEntropy,
  mergeKerasLoss,
  mergeLogLoss,
  updateEntropy,
  updateKerasLoss,
  updateLogLoss,
  type KerasAccumulator,
  type KerasFloatx,
  type KerasLossSpec,
  type LogLossOptions,
  type LossChunk,
  type LossResult,
} from '../server/src/core/metrics/losses';

// ------------------------------------------------------------------------------------------------
// fixtures

type Num = number | string; // "Infinity", "-Infinity", "NaN" for non-finite values

interface LogLossCase {
  id: string;
  kind: 'log_loss';
  dtype: 'float64' | 'float32';
  note: string;
  labels: (string | number)[] | null;
  classes: (string | number)[];
  y_true?: (string | number)[];
  y_true_index?: number[];
  y_true_indicator?: number[][];
  y_pred: number[] | number[][];
  pred_layout: 'positive-column' | 'matrix';
  first_unnormalized_row: number | null;
  unnormalized_rows: number;
  expected: number | null;
  error: string | null;
  warnings: string[];
}

interface KerasCase {
  id: string;
  kind: 'keras';
  backend: string;
  loss: KerasLossSpec['loss'];
  options: { from_logits?: boolean; label_smoothing?: number; ignore_class?: number };
  note: string;
  y_true: number[] | number[][];
  y_pred: number[] | number[][];
  expected: { float32: number; float64: number };
}

interface EntropyCase {
  id: string;
  kind: 'entropy';
  note: string;
  p: number[][];
  q: number[][];
  expected: { entropy: Num; cross_entropy: Num; kl_divergence: Num };
}

type Case = LogLossCase | KerasCase | EntropyCase;

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'losses', 'cases.json'), 'utf8')) as {
  versions: Record<string, string>;
  counts: Record<string, number>;
  cases: Case[];
};
const logLossCases = fixture.cases.filter((c): c is LogLossCase => c.kind === 'log_loss');
const kerasCases = fixture.cases.filter((c): c is KerasCase => c.kind === 'keras');
const entropyCases = fixture.cases.filter((c): c is EntropyCase => c.kind === 'entropy');

function num(x: Num): number {
  if (typeof x === 'number') return x;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  if (x === 'NaN') return NaN;
  throw new Error(`not a number: ${x}`);
}

function flat(a: number[] | number[][]): Float64Array {
  const out: number[] = [];
  for (const v of a) {
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return Float64Array.from(out);
}

function width(a: number[] | number[][]): number {
  return Array.isArray(a[0]) ? (a[0] as number[]).length : 1;
}

function assertClose(actual: number | null, expected: number, rel: number, what: string): void {
  assert.ok(actual !== null, `${what}: got null, expected ${expected}`);
  if (!Number.isFinite(expected)) {
    assert.equal(actual, expected, what);
    return;
  }
  const err = Math.abs(actual - expected);
  const tol = rel * Math.abs(expected);
  assert.ok(
    err <= tol,
    `${what}: got ${actual}, expected ${expected} (relative error ${(err / Math.abs(expected)).toExponential(3)} > ${rel})`,
  );
}

function logLossInput(c: LogLossCase): { options: LogLossOptions; yTrue: Float64Array; yPred: Float64Array } {
  const indicator = c.y_true_indicator !== undefined;
  return {
    options: {
      nClasses: indicator ? c.y_true_indicator![0].length : c.classes.length,
      yTrue: indicator ? 'indicator' : 'indices',
      yPred: c.pred_layout,
      dtype: c.dtype,
    },
    yTrue: indicator ? flat(c.y_true_indicator!) : Float64Array.from(c.y_true_index!),
    yPred: flat(c.y_pred),
  };
}

function kerasSpec(c: KerasCase, floatx: KerasFloatx): KerasLossSpec {
  const o = c.options;
  switch (c.loss) {
    case 'binary_crossentropy':
      return {
        loss: c.loss,
        options: { width: width(c.y_pred), fromLogits: o.from_logits ?? false, labelSmoothing: o.label_smoothing ?? 0, floatx },
      };
    case 'categorical_crossentropy':
      return {
        loss: c.loss,
        options: { nClasses: width(c.y_pred), fromLogits: o.from_logits ?? false, labelSmoothing: o.label_smoothing ?? 0, floatx },
      };
    case 'sparse_categorical_crossentropy':
      return {
        loss: c.loss,
        options: { nClasses: width(c.y_pred), fromLogits: o.from_logits ?? false, ignoreClass: o.ignore_class ?? null, floatx },
      };
    case 'kl_divergence':
      return { loss: c.loss, options: { nClasses: width(c.y_pred), floatx } };
  }
}

/** Split n rows into chunks of pseudo-random sizes (deterministic). */
function chunkBounds(n: number, seed: number): [number, number][] {
  const out: [number, number][] = [];
  let x = seed >>> 0 || 1;
  let start = 0;
  while (start < n) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const size = 1 + (x % Math.max(1, Math.ceil(n / 5)));
    out.push([start, Math.min(n, start + size)]);
    start += size;
  }
  return out;
}

function sliceChunk(yTrue: Float64Array, tw: number, yPred: Float64Array, pw: number, a: number, b: number): LossChunk {
  return { rowStart: a, n: b - a, yTrue: yTrue.subarray(a * tw, b * tw), yPred: yPred.subarray(a * pw, b * pw) };
}

/** Merge a list of states in a scrambled tree order (as worker results might arrive). */
function mergeScrambled<S>(states: S[], merge: (a: S, b: S) => S): S {
  let list = states.map((s) => structuredClone(s)); // as if posted from a worker thread
  while (list.length > 1) {
    const next: S[] = [];
    for (let i = list.length - 1; i >= 1; i -= 2) next.push(merge(list[i], list[i - 1]));
    if (list.length % 2 === 1) next.push(list[0]);
    list = next;
  }
  return list[0];
}

// ------------------------------------------------------------------------------------------------

describe('fixtures', () => {
  it('cover what the brief asks for', () => {
    assert.ok(fixture.cases.length >= 80, `${fixture.cases.length} cases`);
    assert.ok(fixture.versions['scikit-learn'] && fixture.versions.keras && fixture.versions.tensorflow);
    for (const k of ['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence']) {
      assert.ok(kerasCases.some((c) => c.loss === k), k);
    }
    assert.ok(kerasCases.every((c) => c.backend === 'tensorflow'));
    const classesSeen = new Set(logLossCases.map((c) => c.classes.length));
    for (let k = 2; k <= 12; k++) assert.ok(classesSeen.has(k), `log_loss with ${k} classes`);
    const sizes = logLossCases.map((c) => (Array.isArray(c.y_pred) ? c.y_pred.length : 0));
    assert.ok(Math.min(...sizes) === 1 && Math.max(...sizes) === 2000);
  });
});

describe('log_loss against scikit-learn', () => {
  for (const c of logLossCases) {
    it(`${c.id} (${c.dtype})`, () => {
      const { options, yTrue, yPred } = logLossInput(c);
      const res = logLoss(yTrue, yPred, options);
      const rel = c.dtype === 'float32' ? 1e-6 : 1e-12;
      if (c.error !== null) {
        assert.equal(res.value, null, `scikit-learn raised: ${c.error}`);
        const codes = res.records.filter((r) => r.severity === 'error').map((r) => r.code);
        if (/greater than 1|lower than 0/.test(c.error)) assert.deepEqual(codes, ['probability-out-of-range']);
        else if (/only one label/.test(c.error)) assert.deepEqual(codes, ['too-few-classes']);
        else assert.fail(`unexpected scikit-learn error ${c.error}`);
      } else {
        assertClose(res.value, c.expected!, rel, c.id);
      }
      // rows-not-normalized exactly when scikit-learn warned, naming the first offending row
      const warned = c.warnings.some((w) => w.includes('do not sum to one'));
      const rec = res.records.find((r) => r.code === 'rows-not-normalized');
      if (c.error === null) {
        assert.equal(rec !== undefined, warned, `warning: scikit-learn ${warned ? 'warned' : 'did not warn'}`);
        if (rec) {
          assert.equal(rec.severity, 'warning');
          assert.equal(rec.row, c.first_unnormalized_row);
          assert.equal(rec.count, c.unnormalized_rows);
        }
      }
    });
  }

  it('the seeds, as printed', () => {
    const byId = (id: string) => logLossCases.find((c) => c.id === id)!;
    const run = (id: string) => {
      const { options, yTrue, yPred } = logLossInput(byId(id));
      return logLoss(yTrue, yPred, options).value!;
    };
    assert.equal(run('seed-codecademy').toFixed(4), '0.2284');
    assert.equal(run('seed-codecademy').toFixed(8), '0.22839300');
    assert.equal(run('seed-flowhunt-onehot').toFixed(4), '0.9163');
    assert.equal(run('seed-bnsreenu-1d').toFixed(4), '0.4594');
    assert.equal(run('sklearn-docstring-spam-ham').toFixed(5), '0.21616');
    // straight from the seed texts, no fixture involved
    assert.equal(logLoss([1, 0, 0], [0.7, 0.2, 0.1], { nClasses: 2, yTrue: 'indices', yPred: 'positive-column' }).value!.toFixed(4), '0.2284');
    assert.equal(logLoss([0, 1, 0], [0.4, 0.4, 0.2], { nClasses: 3, yTrue: 'indicator', yPred: 'matrix' }).value!.toFixed(4), '0.9163');
  });

  it('clips with float64 eps: p = 0 for the true class costs −log(2.22e-16) = 36.04', () => {
    const r = logLoss([1], [0], { nClasses: 2, yTrue: 'indices', yPred: 'positive-column' });
    assert.equal(r.value, -Math.log(2.220446049250313e-16));
  });

  it('reports NaN and a bad label as errors with their row', () => {
    const a = logLoss([0, 1, 1], [0.2, NaN, 0.4], { nClasses: 2, yTrue: 'indices', yPred: 'positive-column' });
    assert.equal(a.value, null);
    assert.deepEqual(
      a.records.map((r) => [r.code, r.row]),
      [['non-finite-value', 1]],
    );
    const b = logLoss([0, 3, 1], [0.2, 0.5, 0.3, 0.1, 0.1, 0.8, 0.3, 0.3, 0.4], { nClasses: 3, yTrue: 'indices', yPred: 'matrix' });
    assert.equal(b.value, null);
    assert.deepEqual(
      b.records.map((r) => [r.code, r.row, r.value]),
      [['label-out-of-range', 1, 3]],
    );
    const c = logLoss([], [], { nClasses: 2, yTrue: 'indices', yPred: 'positive-column' });
    assert.equal(c.records[0].code, 'empty-input');
  });

  it('chunked on several "threads" and merged = one-shot (1e-15)', () => {
    for (const c of logLossCases.filter((x) => x.error === null && (Array.isArray(x.y_pred) ? x.y_pred.length : 0) >= 50)) {
      const { options, yTrue, yPred } = logLossInput(c);
      const one = logLoss(yTrue, yPred, options);
      const tw = options.yTrue === 'indices' ? 1 : options.nClasses;
      const pw = options.yPred === 'positive-column' ? 1 : options.nClasses;
      const n = yPred.length / pw;
      const states = chunkBounds(n, n * 7919).map(([a, b]) => {
        const s = createLogLoss(options);
        updateLogLoss(s, sliceChunk(yTrue, tw, yPred, pw, a, b));
        return s;
      });
      const merged = finalizeLogLoss(mergeScrambled(states, mergeLogLoss));
      assert.equal(merged.rows, one.rows);
      assertClose(merged.value, one.value!, 1e-15, `${c.id} chunked`);
      assert.deepEqual(
        merged.records.map((r) => [r.code, r.row, r.count]),
        one.records.map((r) => [r.code, r.row, r.count]),
        `${c.id}: records do not depend on chunking`,
      );
    }
  });
});

describe('Keras losses against Keras (TensorFlow backend)', () => {
  for (const c of kerasCases) {
    for (const floatx of ['float32', 'float64'] as const) {
      it(`${c.id} [${floatx}]`, () => {
        const res = kerasLoss(kerasSpec(c, floatx), flat(c.y_true), flat(c.y_pred));
        assert.deepEqual(
          res.records.filter((r) => r.severity === 'error'),
          [],
        );
        assertClose(res.value, c.expected[floatx], floatx === 'float32' ? 1e-6 : 1e-12, `${c.id} ${floatx}`);
        if (floatx === 'float32') assert.equal(res.value, Math.fround(res.value!), 'a float32 result');
      });
    }
  }

  it('the seeds, as printed', () => {
    const c = kerasCases.find((x) => x.id === 'seed-bnsreenu-bce')!;
    assert.equal(kerasLoss(kerasSpec(c, 'float32'), flat(c.y_true), flat(c.y_pred)).value!.toFixed(4), '0.4594');
    const f = kerasCases.find((x) => x.id === 'seed-flowhunt-cce')!;
    assert.equal(kerasLoss(kerasSpec(f, 'float32'), flat(f.y_true), flat(f.y_pred)).value!.toFixed(4), '0.9163');
    const cc = kerasCases.find((x) => x.id === 'seed-codecademy-bce')!;
    assert.equal(kerasLoss(kerasSpec(cc, 'float32'), flat(cc.y_true), flat(cc.y_pred)).value!.toFixed(4), '0.2284');
  });

  it('sparse: a label outside the classes is an error; ignore_class removes rows from the mean', () => {
    const bad = kerasLoss(
      { loss: 'sparse_categorical_crossentropy', options: { nClasses: 2 } },
      [0, 2],
      [0.5, 0.5, 0.5, 0.5],
    );
    assert.equal(bad.value, null);
    assert.equal(bad.records[0].code, 'label-out-of-range');
    assert.equal(bad.records[0].row, 1);
    const a = kerasLoss(
      { loss: 'sparse_categorical_crossentropy', options: { nClasses: 2, ignoreClass: -1, floatx: 'float64' } },
      [0, -1, 1],
      [0.8, 0.2, NaN, NaN, 0.3, 0.7],
    );
    const b = kerasLoss(
      { loss: 'sparse_categorical_crossentropy', options: { nClasses: 2, floatx: 'float64' } },
      [0, 1],
      [0.8, 0.2, 0.3, 0.7],
    );
    assertClose(a.value, b.value!, 1e-15, 'ignored rows leave the mean');
  });

  it('chunked on several "threads" and merged = one-shot (1e-15)', () => {
    for (const c of kerasCases.filter((x) => x.y_true.length >= 40)) {
      for (const floatx of ['float32', 'float64'] as const) {
        const spec = kerasSpec(c, floatx);
        const yTrue = flat(c.y_true);
        const yPred = flat(c.y_pred);
        const one = kerasLoss(spec, yTrue, yPred);
        const pw = width(c.y_pred);
        const tw = width(c.y_true);
        const n = yPred.length / pw;
        const states: KerasAccumulator[] = chunkBounds(n, n * 31 + 7).map(([a, b]) => {
          const s = createKerasLoss(spec);
          updateKerasLoss(s, sliceChunk(yTrue, tw, yPred, pw, a, b));
          return s;
        });
        const merged: LossResult = finalizeKerasLoss(mergeScrambled(states, mergeKerasLoss));
        assert.equal(merged.rows, one.rows);
        // float32 results are rounded to float32 at the end; chunking moves the exact sum by ~1e-16,
        // which can only flip that final rounding by one float32 ulp.
        if (floatx === 'float64') assertClose(merged.value, one.value!, 1e-15, `${c.id} chunked`);
        else assertClose(merged.value, one.value!, 1.2e-7, `${c.id} chunked`);
      }
    }
  });
});

describe('entropy, cross-entropy and KL against numpy/scipy', () => {
  for (const c of entropyCases) {
    it(c.id, () => {
      const K = c.p[0].length;
      const res = entropyMetrics(flat(c.p), flat(c.q), { nClasses: K });
      assertClose(res.entropy, num(c.expected.entropy), 1e-12, 'H(p)');
      assertClose(res.crossEntropy, num(c.expected.cross_entropy), 1e-12, 'H(p, q)');
      assertClose(res.klDivergence, num(c.expected.kl_divergence), 1e-12, 'KL(p‖q)');
      // H(p, q) = H(p) + KL(p‖q) on the data
      if (Number.isFinite(res.crossEntropy!)) {
        assert.ok(Math.abs(res.crossEntropy! - (res.entropy! + res.klDivergence!)) <= 1e-14 * Math.max(1, res.crossEntropy!));
      } else {
        assert.equal(res.records.find((r) => r.code === 'zero-probability')?.row, 0);
      }
    });
  }

  it('seed 004 as printed: H(p) = 0, H(p, q) = KL(p‖q) = 0.9163', () => {
    const r = entropyMetrics([0, 1, 0], [0.4, 0.4, 0.2], { nClasses: 3 });
    assert.equal(r.entropy, 0);
    assert.equal(r.crossEntropy!.toFixed(4), '0.9163');
    assert.equal(r.klDivergence!.toFixed(4), '0.9163');
    assert.deepEqual(r.records, []);
  });

  it('chunked and merged = one-shot', () => {
    for (const c of entropyCases.filter((x) => x.p.length >= 50)) {
      const K = c.p[0].length;
      const p = flat(c.p);
      const q = flat(c.q);
      const one = entropyMetrics(p, q, { nClasses: K });
      const states = chunkBounds(c.p.length, 99).map(([a, b]) => {
        const s = createEntropy({ nClasses: K });
        updateEntropy(s, sliceChunk(p, K, q, K, a, b));
        return s;
      });
      const m = finalizeEntropy(mergeScrambled(states, mergeEntropy));
      assertClose(m.entropy, one.entropy!, 1e-15, 'H');
      assertClose(m.crossEntropy, one.crossEntropy!, 1e-15, 'CE');
      assertClose(m.klDivergence, one.klDivergence!, 1e-15, 'KL');
    }
  });
});
