// Ranking, agreement and threshold metrics (server/src/core/metrics/scores/) against golden fixtures made by
// scikit-learn 1.9.x and Keras 3 (test/fixtures/scores/cases.json, written by generate.py beside it; this test
// never runs Python). Table-driven: each case feeds its arrays to the TypeScript function in three chunks
// (merged in both orders for the accumulators) and compares the value (relative 1e-12 for scikit-learn's
// float64; Keras's float32 exactly or within one float32 ulp), the error message, and the warnings.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfusionAccumulator, confusionMatrix, MetricError, MultilabelAccumulator, type Counts } from '../server/src/core/metrics/classification';
import {
  averagePrecisionScore,
  balancedAccuracyScore,
  cohenKappaScore,
  createBrier,
  createKerasAccuracy,
  createTopK,
  finalizeBrier,
  finalizeKerasAccuracy,
  finalizeTopK,
  hammingLoss,
  jaccardScore,
  matthewsCorrcoef,
  mergeBrier,
  mergeKerasAccuracy,
  mergeTopK,
  normalizeConfusionMatrix,
  RankingStore,
  rocAucScore,
  updateBrier,
  updateKerasAccuracy,
  updateTopK,
  type KerasAccuracyKind,
  type RankingAverage,
  type ScoreChunk,
  type ScoreResult,
} from '../server/src/core/metrics/scores';

// ---------------------------------------------------------------------------------------------------------
// fixtures

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Expected {
  value: Json;
  error: { type: string; message: string } | null;
  warnings: { category: string; message: string }[];
}
interface Case {
  id: string;
  metric: string;
  input: Record<string, Json>;
  params: Record<string, Json>;
  expected: Expected;
  note?: string;
}
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'scores', 'cases.json'), 'utf8')) as {
  meta: Record<string, string>;
  arrays: Record<string, Json>;
  cases: Case[];
};

/** "NaN" / "Infinity" / "-Infinity" → numbers; {"$ref": name} → the shared array. */
function decode(x: Json): unknown {
  if (x === 'NaN') return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  if (Array.isArray(x)) return x.map(decode);
  if (x !== null && typeof x === 'object') {
    if (typeof x.$ref === 'string') return decode(fixture.arrays[x.$ref]);
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, decode(v)]));
  }
  return x;
}

type Matrix = number[][];
const isMatrix = (a: unknown): a is Matrix => Array.isArray(a) && Array.isArray(a[0]);
const flat = (a: number[] | Matrix): number[] => (isMatrix(a) ? a.flat() : a);
const width = (a: number[] | Matrix): number => (isMatrix(a) ? a[0].length : 1);

/** Rows split into three chunks (some empty for tiny inputs), as the engine's reader would hand them over. */
function chunks(n: number): [number, number][] {
  const a = Math.floor(n / 3);
  const b = Math.floor((2 * n) / 3);
  return [
    [0, a],
    [a, b],
    [b, n],
  ];
}

function sliceRows(values: number[], w: number, start: number, end: number): Float64Array {
  return Float64Array.from(values.slice(start * w, end * w));
}

// ---------------------------------------------------------------------------------------------------------
// running a case

function rankingStore(input: Record<string, unknown>): RankingStore {
  const y = input.y_true as number[] | Matrix;
  const s = input.y_score as number[] | Matrix;
  const cols = width(s);
  const layout = input.layout === 'indicator' ? 'indicator' : 'indices';
  const store = new RankingStore({ cols, yTrue: layout, initialCapacity: 4 });
  const n = isMatrix(s) ? s.length : s.length;
  const tw = layout === 'indicator' ? cols : 1;
  for (const [a, b] of chunks(n)) {
    const part = new RankingStore({ cols, yTrue: layout, initialCapacity: 1 });
    part.append(sliceRows(flat(y), tw, a, b), sliceRows(flat(s), cols, a, b));
    // the parts travel as plain data (postMessage), then merge
    store.merge(structuredClone(part.state()));
  }
  return store;
}

function counts(input: Record<string, unknown>): Counts {
  const y = input.y_true as number[] | Matrix;
  const p = input.y_pred as number[] | Matrix;
  const k = input.k as number;
  if (input.layout === 'indicator') {
    const acc = new MultilabelAccumulator(k);
    for (const [a, b] of chunks((y as Matrix).length)) {
      const part = new MultilabelAccumulator(k, { firstRow: a });
      part.addBatch(sliceRows(flat(y), k, a, b), sliceRows(flat(p), k, a, b), b - a, a);
      acc.merge(part.state());
    }
    return acc;
  }
  const acc = new ConfusionAccumulator(k);
  for (const [a, b] of chunks(y.length)) {
    const part = new ConfusionAccumulator(k);
    part.addBatch(y as number[], p as number[], a, b);
    acc.merge(part.state());
  }
  return acc;
}

interface Accumulator<S> {
  create(): S;
  update(s: S, c: ScoreChunk): S;
  merge(a: S, b: S): S;
  finalize(s: S): ScoreResult;
}

/** Streams the three chunks into three states and merges them in two orders; both must agree. */
function streamed<S>(acc: Accumulator<S>, yTrue: number[] | Matrix, yPred: number[] | Matrix): ScoreResult {
  const tw = width(yTrue);
  const pw = width(yPred);
  const n = isMatrix(yPred) ? yPred.length : yPred.length;
  const states = chunks(n).map(([a, b]) => {
    const s = acc.create();
    acc.update(s, { yTrue: sliceRows(flat(yTrue), tw, a, b), yPred: sliceRows(flat(yPred), pw, a, b), rowStart: a, n: b - a });
    return structuredClone(s);
  });
  const forward = acc.finalize(acc.merge(acc.merge(states[0], states[1]), states[2]));
  const backward = acc.finalize(acc.merge(states[2], acc.merge(states[1], states[0])));
  assertClose(backward.value, forward.value, 1e-15, 'merge order');
  return forward;
}

const opt = <T>(params: Record<string, unknown>, key: string): T | undefined => (key in params ? (params[key] as T) : undefined);

/** ScoreResult, or a normalised confusion matrix (number[][]) with the confusion matrix's warnings */
interface CaseResult {
  readonly value: unknown;
  readonly warnings: readonly { category: string; message: string }[];
}

function runCase(c: Case): CaseResult {
  const input = decode(c.input) as Record<string, unknown>;
  const params = decode(c.params) as Record<string, unknown>;
  switch (c.metric) {
    case 'roc_auc':
      return rocAucScore(rankingStore(input), {
        average: opt<RankingAverage | null>(params, 'average'),
        multiClass: opt<'raise' | 'ovr' | 'ovo'>(params, 'multi_class'),
        maxFpr: opt<number | null>(params, 'max_fpr'),
        labels: opt<number>(params, 'labels'),
      });
    case 'average_precision':
      return averagePrecisionScore(rankingStore(input), {
        average: opt<RankingAverage | null>(params, 'average'),
        posLabel: opt<number>(params, 'pos_label'),
      });
    case 'balanced_accuracy':
      return balancedAccuracyScore(counts(input), { adjusted: opt<boolean>(params, 'adjusted') });
    case 'matthews_corrcoef':
      return matthewsCorrcoef(counts(input));
    case 'cohen_kappa':
      return cohenKappaScore(counts(input), { weights: opt(params, 'weights'), labels: opt<number[]>(params, 'labels') });
    case 'hamming_loss':
      return hammingLoss(counts(input));
    case 'jaccard':
      return jaccardScore(counts(input), {
        average: opt(params, 'average'),
        labels: opt<number[]>(params, 'labels'),
        posLabel: opt<number>(params, 'pos_label'),
        zeroDivision: opt(params, 'zero_division'),
      });
    case 'confusion_matrix_normalized': {
      const labels = params.labels as number[] | null;
      const cm = confusionMatrix(counts(input), labels ?? undefined);
      return { value: normalizeConfusionMatrix(cm.matrix, params.normalize as 'true' | 'pred' | 'all' | null), warnings: cm.warnings };
    }
    case 'brier_score_loss': {
      const yProb = input.y_prob as number[] | Matrix;
      return streamed(
        {
          create: () =>
            createBrier({
              cols: width(yProb),
              nClasses: (opt<number | null>(params, 'labels') ?? undefined) as number | undefined,
              posLabel: opt<number>(params, 'pos_label'),
              scaleByHalf: opt<boolean>(params, 'scale_by_half'),
              indicator: opt<boolean>(params, 'indicator'),
            }),
          update: updateBrier,
          merge: mergeBrier,
          finalize: finalizeBrier,
        },
        input.y_true as number[] | Matrix,
        yProb,
      );
    }
    case 'top_k_accuracy': {
      const yScore = input.y_score as number[] | Matrix;
      return streamed(
        {
          create: () =>
            createTopK({
              cols: width(yScore),
              k: opt<number>(params, 'k'),
              normalize: opt<boolean>(params, 'normalize'),
              labels: (opt<number | null>(params, 'labels') ?? undefined) as number | undefined,
            }),
          update: updateTopK,
          merge: mergeTopK,
          finalize: finalizeTopK,
        },
        input.y_true as number[],
        yScore,
      );
    }
    case 'keras_accuracy': {
      const yPred = input.y_pred as Matrix;
      return streamed(
        {
          create: () =>
            createKerasAccuracy({
              kind: params.kind as KerasAccuracyKind,
              cols: width(yPred),
              threshold: opt<number>(params, 'threshold'),
              dtype: params.dtype as 'float64' | 'float32',
            }),
          update: updateKerasAccuracy,
          merge: mergeKerasAccuracy,
          finalize: finalizeKerasAccuracy,
        },
        input.y_true as number[] | Matrix,
        yPred,
      );
    }
    default:
      throw new Error(`unknown metric in fixture: ${c.metric}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// comparison

function assertClose(actual: unknown, expected: unknown, rel: number, where: string): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array, got ${String(actual)}`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => assertClose((actual as unknown[])[i], e, rel, `${where}[${i}]`));
    return;
  }
  assert.equal(typeof actual, 'number', `${where}: expected a number, got ${String(actual)}`);
  const a = actual as number;
  const e = expected as number;
  if (Number.isNaN(e) || !Number.isFinite(e)) {
    assert.ok(Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)), `${where}: ${a} !== ${e}`);
    return;
  }
  assert.ok(Math.abs(a - e) <= rel * Math.max(Math.abs(a), Math.abs(e)), `${where}: ${a} differs from ${e} (relative ${rel})`);
}

/** float32 values: equal, or one float32 ulp apart. */
function assertFloat32(actual: unknown, expected: number, where: string): void {
  assert.equal(typeof actual, 'number', where);
  const a = actual as number;
  assert.equal(Math.fround(a), a, `${where}: ${a} is not a float32 value`);
  if (a === expected) return;
  const ulp = (x: number): number => {
    const buf = new Float32Array([Math.abs(x)]);
    const bits = new Uint32Array(buf.buffer);
    bits[0] += 1;
    return buf[0] - Math.abs(x);
  };
  assert.ok(Math.abs(a - expected) <= ulp(expected), `${where}: ${a} is more than one float32 ulp from ${expected}`);
}

// ---------------------------------------------------------------------------------------------------------
// the table

describe(`scores fixtures (scikit-learn ${fixture.meta.sklearn}, Keras ${fixture.meta.keras})`, () => {
  test('the fixture file has enough cases of every metric', () => {
    assert.ok(fixture.cases.length >= 120, `${fixture.cases.length} cases`);
    const perMetric = new Map<string, number>();
    for (const c of fixture.cases) perMetric.set(c.metric, (perMetric.get(c.metric) ?? 0) + 1);
    for (const m of [
      'roc_auc',
      'average_precision',
      'balanced_accuracy',
      'matthews_corrcoef',
      'cohen_kappa',
      'jaccard',
      'hamming_loss',
      'confusion_matrix_normalized',
      'brier_score_loss',
      'top_k_accuracy',
      'keras_accuracy',
    ]) {
      assert.ok((perMetric.get(m) ?? 0) >= 3, `${m}: ${perMetric.get(m) ?? 0} cases`);
    }
  });

  for (const c of fixture.cases) {
    test(`${c.metric}: ${c.id}`, () => {
      const expected = decode(c.expected as unknown as Json) as Expected;
      if (expected.error) {
        assert.throws(
          () => runCase(c),
          (e: unknown) => {
            assert.ok(e instanceof MetricError, `expected a MetricError, got ${String(e)}`);
            assert.equal(e.message, expected.error!.message);
            return true;
          },
        );
        return;
      }
      const result = runCase(c);
      if (c.metric === 'keras_accuracy') assertFloat32(result.value, expected.value as number, c.id);
      else assertClose(result.value, expected.value, 1e-12, c.id);
      assert.deepEqual(
        result.warnings.map((w) => ({ category: w.category, message: w.message })),
        expected.warnings,
        `${c.id}: warnings`,
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// unit tests of the pieces the fixtures do not isolate

describe('RankingStore', () => {
  test('grows by doubling, keeps every row, and survives state() / fromState()', () => {
    const store = new RankingStore({ cols: 2, yTrue: 'indices', initialCapacity: 1 });
    for (let i = 0; i < 1000; i++) store.append([i % 2], [i, -i]);
    assert.equal(store.rows, 1000);
    assert.equal(store.scoreValues().length, 2000);
    assert.equal(store.scoreValues()[2 * 999 + 1], -999);
    const copy = RankingStore.fromState(structuredClone(store.state()));
    assert.deepEqual(Array.from(copy.trueValues()), Array.from(store.trueValues()));
  });

  test('rejects chunks whose lengths do not fit and stores of other shapes', () => {
    const store = new RankingStore({ cols: 3, yTrue: 'indicator' });
    assert.throws(() => store.append([1, 0], [0.1, 0.2, 0.3]), MetricError);
    assert.throws(() => store.merge(new RankingStore({ cols: 2, yTrue: 'indicator' })), MetricError);
  });

  test('the chunk order does not change the ranking metrics', () => {
    const y = [0, 1, 1, 0, 1, 0, 0, 1];
    const s = [0.3, 0.3, 0.9, 0.1, 0.5, 0.5, 0.7, 0.2];
    const a = new RankingStore({ cols: 1, yTrue: 'indices' });
    a.append(y, s);
    const b = new RankingStore({ cols: 1, yTrue: 'indices' });
    b.append(y.slice(4), s.slice(4));
    b.append(y.slice(0, 4), s.slice(0, 4));
    assert.equal(rocAucScore(a).value, rocAucScore(b).value);
    assert.equal(averagePrecisionScore(a).value, averagePrecisionScore(b).value);
  });
});

describe('accumulators', () => {
  test('an error in one chunk is kept through merges and thrown by finalize', () => {
    const a = createTopK({ cols: 3, k: 1 });
    updateTopK(a, { yTrue: [0, 1], yPred: [0.2, 0.3, 0.5, 0.1, 0.8, 0.1] });
    const b = createTopK({ cols: 3, k: 1 });
    updateTopK(b, { yTrue: [-1], yPred: [0.2, 0.3, 0.5], rowStart: 2 });
    assert.throws(() => finalizeTopK(mergeTopK(a, b)), /row 3/);
  });

  test('Keras accuracy of no rows is 0, as divide_no_nan', () => {
    const s = createKerasAccuracy({ kind: 'sparse_categorical_accuracy', cols: 3 });
    assert.equal(finalizeKerasAccuracy(s).value, 0);
  });

  test('brier_score_loss refuses a chunk whose y_prob does not hold whole rows', () => {
    const s = createBrier({ cols: 3 });
    updateBrier(s, { yTrue: [0, 1], yPred: [0.2, 0.3, 0.5, 0.1] });
    assert.throws(() => finalizeBrier(s), MetricError);
  });
});

describe('normalizeConfusionMatrix', () => {
  test('a row or column without samples becomes zeros (np.nan_to_num), null copies the counts', () => {
    const m = [
      [2, 0],
      [0, 0],
    ];
    assert.deepEqual(normalizeConfusionMatrix(m, 'true'), [
      [1, 0],
      [0, 0],
    ]);
    assert.deepEqual(normalizeConfusionMatrix(m, 'pred'), [
      [1, 0],
      [0, 0],
    ]);
    const copy = normalizeConfusionMatrix(m, null);
    assert.deepEqual(copy, m);
    assert.notEqual(copy, m);
  });
});
