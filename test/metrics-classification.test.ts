// Classification metrics against scikit-learn's golden fixtures (test/fixtures/classification/cases.json,
// made by generate.py next to it; this test never runs Python), plus unit tests of Python float formatting,
// hard predictions, reductions and chunked accumulation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  accuracy,
  argmaxPredictions,
  binaryPredictions,
  classificationReport,
  ConfusionAccumulator,
  confusionMatrix,
  Counts,
  describeLabels,
  exactSumOfMultiples,
  f1Score,
  formatFixed,
  Label,
  LabelDescription,
  MetricError,
  MetricWarning,
  MultilabelAccumulator,
  multilabelConfusionMatrix,
  multilabelPredictions,
  nanAverage,
  numpyArrayStr,
  pairwiseSum,
  precisionRecallFscoreSupport,
  pyRepr,
  pyStr,
  sortedUniqueLabels,
  alignRight,
  Average,
  ZeroDivision,
} from '../server/src/core/metrics/classification';
import { mulberry32 } from './support/random.cjs';

// ---------------------------------------------------------------------------------------------------------
// fixture types and decoding

type Num = number | 'nan' | 'inf' | '-inf';
interface PyWarning {
  category: string;
  message: string;
}
interface PyResult<T> {
  value: T | null;
  error: { type: string; message: string } | null;
  warnings: PyWarning[];
}
interface PrfEntry extends PyResult<{ precision: Num | Num[]; recall: Num | Num[]; fscore: Num | Num[]; support: number[] | null }> {
  average: 'none' | Average;
  zero_division: FixtureZd | FixtureZd[];
  beta: Num;
}
type FixtureZd = 'warn' | 0 | 1 | 'nan';
interface RowDict {
  precision: Num;
  recall: Num;
  'f1-score': Num;
  support: number;
}
interface FixtureCase {
  id: string;
  kind: 'binary1d' | 'binary2col' | 'multiclass' | 'multilabel';
  classes: Label[];
  y_true: Label[] | number[][];
  y_prob: Num[] | Num[][];
  y_pred: Label[] | number[][];
  labels: Label[] | null;
  target_names: string[] | null;
  digits: number;
  zero_division: FixtureZd;
  pos_label: Label;
  betas: Num[];
  results: {
    accuracy: PyResult<Num>;
    confusion_matrix: PyResult<number[][]>;
    multilabel_confusion_matrix: PyResult<number[][][]>;
    prf: PrfEntry[];
    f1: PyResult<Num>;
    report: PyResult<string>;
    report_dict: PyResult<[string, RowDict | Num][]>;
  };
}
interface Fixture {
  meta: { 'scikit-learn': string; numpy: string; cases: number };
  pyformat: [Num, number, string][];
  pyrepr: [Num, string][];
  cases: FixtureCase[];
}

const fixture: Fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'classification', 'cases.json'), 'utf8'));

function num(v: Num): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v;
}

function assertClose(actual: number, expected: Num, where: string): void {
  const e = num(expected);
  if (Number.isNaN(e)) {
    assert.ok(Number.isNaN(actual), `${where}: expected nan, got ${actual}`);
    return;
  }
  if (actual === e) return;
  const tol = 1e-12 * Math.abs(e);
  assert.ok(Math.abs(actual - e) <= tol, `${where}: expected ${e}, got ${actual} (relative tolerance 1e-12)`);
}

function assertCloseArray(actual: ArrayLike<number>, expected: Num[], where: string): void {
  assert.equal(actual.length, expected.length, `${where}: length`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], `${where}[${i}]`);
}

function warningsOf(ws: readonly MetricWarning[]): PyWarning[] {
  return ws.map((w) => ({ category: w.category, message: w.message }));
}

/** Run `compute`; if scikit-learn raised, expect the same error; else compare with `check`. */
function expectResult<T, R extends { warnings: readonly MetricWarning[] }>(
  expected: PyResult<T>,
  compute: () => R,
  check: (actual: R, value: T) => void,
  where: string,
): void {
  if (expected.error) {
    assert.throws(
      compute,
      (e: unknown) => {
        assert.ok(e instanceof MetricError, `${where}: expected a MetricError, got ${String(e)}`);
        assert.equal(e.pythonType, expected.error!.type, `${where}: error type`);
        assert.equal(e.message, expected.error!.message, `${where}: error message`);
        return true;
      },
      `${where}: scikit-learn raised ${expected.error.type}: ${expected.error.message}`,
    );
    return;
  }
  const actual = compute();
  check(actual, expected.value as T);
  assert.deepEqual(warningsOf(actual.warnings), expected.warnings, `${where}: warnings`);
}

// ---------------------------------------------------------------------------------------------------------
// building the engine's inputs from a case, as an orchestrator would

interface Prepared {
  space: Label[];
  info: LabelDescription;
  index: (l: Label) => number;
  labels: number[] | undefined;
  posLabel: number;
  yTrue: Int32Array | Uint8Array;
  yPred: Int32Array | Uint8Array;
  L: number;
}

const keyOf = (l: Label) => `${typeof l}:${l}`;

function prepare(c: FixtureCase): Prepared {
  const space: Label[] = [...c.classes];
  const pos = new Map(space.map((l, i) => [keyOf(l), i]));
  const ensure = (l: Label) => {
    if (!pos.has(keyOf(l))) {
      pos.set(keyOf(l), space.length);
      space.push(l);
    }
    return pos.get(keyOf(l))!;
  };
  const multilabel = c.kind === 'multilabel';
  let labels: number[] | undefined;
  if (c.labels) labels = multilabel ? (c.labels as number[]) : c.labels.map(ensure);
  const posLabel = multilabel ? 1 : ensure(c.pos_label);
  const index = (l: Label) => {
    const i = pos.get(keyOf(l));
    assert.ok(i !== undefined, `label ${String(l)} not in the class space`);
    return i;
  };
  const n = c.y_true.length;
  let yTrue: Int32Array | Uint8Array;
  let yPred: Int32Array | Uint8Array;
  let L = 0;
  if (multilabel) {
    L = c.classes.length;
    yTrue = Uint8Array.from((c.y_true as number[][]).flat());
    const probs = Float64Array.from((c.y_prob as Num[][]).flat().map(num));
    yPred = multilabelPredictions(probs);
    assert.deepEqual(Array.from(yPred), (c.y_pred as number[][]).flat(), `${c.id}: multilabel hard predictions`);
  } else {
    yTrue = Int32Array.from((c.y_true as Label[]).map(index));
    if (c.kind === 'binary1d') {
      yPred = binaryPredictions(Float64Array.from((c.y_prob as Num[]).map(num)));
    } else {
      const rows = c.y_prob as Num[][];
      const cols = c.classes.length;
      yPred = argmaxPredictions(Float64Array.from(rows.flat().map(num)), cols);
    }
    assert.equal(yPred.length, n);
    assert.deepEqual(Array.from(yPred), (c.y_pred as Label[]).map(index), `${c.id}: hard predictions`);
  }
  return { space, info: describeLabels(space), index, labels, posLabel, yTrue, yPred, L };
}

function accumulate(c: FixtureCase, p: Prepared, samplesLabels?: readonly number[]): Counts {
  if (c.kind === 'multilabel') {
    const acc = new MultilabelAccumulator(p.L, samplesLabels ? { samplesLabels } : undefined);
    acc.addBatch(p.yTrue, p.yPred);
    return acc;
  }
  const acc = new ConfusionAccumulator(p.space.length);
  acc.addBatch(p.yTrue, p.yPred);
  return acc;
}

function zdOf(z: FixtureZd): ZeroDivision {
  return z;
}

// ---------------------------------------------------------------------------------------------------------

describe(`scikit-learn ${fixture.meta['scikit-learn']} / numpy ${fixture.meta.numpy} golden cases`, () => {
  test('the fixture holds at least 120 cases', () => {
    assert.ok(fixture.cases.length >= 120, `${fixture.cases.length} cases`);
    assert.equal(fixture.cases.length, fixture.meta.cases);
  });

  for (const c of fixture.cases) {
    test(c.id, () => {
      const p = prepare(c);
      const r = c.results;
      const multilabel = c.kind === 'multilabel';
      // the accumulator for multilabel average='samples' tracks the given labels per sample
      let counts: Counts;
      let samplesLabelsError: MetricError | null = null;
      try {
        counts = accumulate(c, p, multilabel ? p.labels : undefined);
      } catch (e) {
        assert.ok(e instanceof MetricError);
        samplesLabelsError = e;
        counts = accumulate(c, p);
      }
      if (samplesLabelsError) {
        // the accumulator refuses labels outside [0, L) with scikit-learn's own error
        assert.equal(r.multilabel_confusion_matrix.error?.message, samplesLabelsError.message, `${c.id}: accumulator error`);
      }

      expectResult(
        r.accuracy,
        () => ({ value: accuracy(counts), warnings: [] }),
        (a, v) => assertClose(a.value, v, `${c.id} accuracy`),
        `${c.id} accuracy`,
      );
      expectResult(
        r.confusion_matrix,
        () => confusionMatrix(counts, p.labels),
        (a, v) => assert.deepEqual(a.matrix, v, `${c.id}: confusion_matrix`),
        `${c.id} confusion_matrix`,
      );
      expectResult(
        r.multilabel_confusion_matrix,
        () => ({ ...multilabelConfusionMatrix(counts, p.labels), warnings: [] }),
        (a, v) => assert.deepEqual(a.matrices, v, `${c.id}: multilabel_confusion_matrix`),
        `${c.id} multilabel_confusion_matrix`,
      );

      for (const entry of r.prf) {
        const zds = Array.isArray(entry.zero_division) ? entry.zero_division : [entry.zero_division];
        for (const z of zds) {
          const average = entry.average === 'none' ? null : entry.average;
          const where = `${c.id} prf(average=${entry.average}, zero_division=${z}, beta=${entry.beta})`;
          expectResult(
            entry,
            () =>
              precisionRecallFscoreSupport(counts, {
                average,
                labels: p.labels,
                posLabel: p.posLabel,
                beta: num(entry.beta),
                zeroDivision: zdOf(z),
                labelInfo: p.info,
              }),
            (a, v) => {
              if (a.average === null) {
                assertCloseArray(a.precision, v.precision as Num[], `${where} precision`);
                assertCloseArray(a.recall, v.recall as Num[], `${where} recall`);
                assertCloseArray(a.fscore, v.fscore as Num[], `${where} fscore`);
                assert.deepEqual(a.support, v.support, `${where} support`);
              } else {
                assertClose(a.precision, v.precision as Num, `${where} precision`);
                assertClose(a.recall, v.recall as Num, `${where} recall`);
                assertClose(a.fscore, v.fscore as Num, `${where} fscore`);
                assert.equal(v.support, null);
              }
            },
            where,
          );
        }
      }

      expectResult(
        r.f1,
        () => f1Score(counts, { average: 'macro', labels: p.labels, zeroDivision: zdOf(c.zero_division) }),
        (a, v) => assertClose(a.value as number, v, `${c.id} f1_score`),
        `${c.id} f1_score`,
      );

      const reportOptions = {
        labels: p.labels,
        targetNames: c.target_names ?? undefined,
        labelInfo: p.info,
        digits: c.digits,
        zeroDivision: zdOf(c.zero_division),
      };
      expectResult(
        r.report,
        () => classificationReport(counts, reportOptions),
        (a, v) => assert.equal(a.text, v, `${c.id}: classification_report text`),
        `${c.id} classification_report`,
      );
      expectResult(
        r.report_dict,
        () => classificationReport(counts, reportOptions),
        (a, v) => {
          assert.deepEqual(
            a.entries.map(([k]) => k),
            v.map(([k]) => k),
            `${c.id}: output_dict keys`,
          );
          v.forEach(([k, ev], i) => {
            const av = a.entries[i][1];
            if (typeof ev === 'object') {
              assert.ok(typeof av === 'object', `${c.id} output_dict[${k}] is a row`);
              assert.deepEqual(Object.keys(av), ['precision', 'recall', 'f1-score', 'support']);
              assertClose(av.precision, ev.precision, `${c.id} output_dict[${k}].precision`);
              assertClose(av.recall, ev.recall, `${c.id} output_dict[${k}].recall`);
              assertClose(av['f1-score'], ev['f1-score'], `${c.id} output_dict[${k}].f1-score`);
              assert.equal(av.support, ev.support, `${c.id} output_dict[${k}].support`);
            } else {
              assert.equal(typeof av, 'number', `${c.id} output_dict[${k}] is a number`);
              assertClose(av as number, ev, `${c.id} output_dict[${k}]`);
            }
          });
        },
        `${c.id} classification_report(output_dict=True)`,
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------------------

describe('chunked and merged accumulation equals one-shot accumulation', () => {
  const everything = (counts: Counts, labels?: number[]) => {
    const out: unknown[] = [accuracy(counts)];
    const averages: (Average | null)[] = counts.kind === 'multilabel' ? [null, 'micro', 'macro', 'weighted', 'samples'] : [null, 'micro', 'macro', 'weighted'];
    for (const average of averages) {
      for (const zeroDivision of ['warn', 0, 1, 'nan'] as const) {
        out.push(precisionRecallFscoreSupport(counts, { average, labels, zeroDivision }));
      }
    }
    out.push(classificationReport(counts, { labels, digits: 4 }));
    out.push(multilabelConfusionMatrix(counts, labels));
    if (counts.kind === 'single-label') out.push(confusionMatrix(counts, labels));
    return out;
  };

  const picked = fixture.cases.filter((c) => c.y_true.length >= 100);
  test(`${picked.length} fixture cases of 100+ rows, split at random into chunks on "threads"`, () => {
    const rand = mulberry32(42); // a seeded generator, so chunk boundaries are reproducible
    for (const c of picked) {
      const p = prepare(c);
      const samplesLabels = c.kind === 'multilabel' && p.labels && p.labels.every((l) => l >= 0 && l < p.L) ? p.labels : undefined;
      const oneShot = accumulate(c, p, samplesLabels);
      const n = c.y_true.length;
      // chunk boundaries
      const cuts = [0];
      while (cuts[cuts.length - 1] < n) cuts.push(Math.min(n, cuts[cuts.length - 1] + 1 + Math.floor(rand() * n * 0.3)));
      let merged: Counts;
      if (c.kind === 'multilabel') {
        const states = [];
        for (let i = 0; i + 1 < cuts.length; i++) {
          // each chunk knows its first row, so the merged counts keep numpy's order for average='samples'
          const acc = new MultilabelAccumulator(p.L, { samplesLabels, firstRow: cuts[i] });
          acc.addBatch(p.yTrue.subarray(cuts[i] * p.L, cuts[i + 1] * p.L), p.yPred.subarray(cuts[i] * p.L, cuts[i + 1] * p.L));
          states.push(structuredClone(acc.state())); // what postMessage does
        }
        // merged out of order, as results come back from threads
        const m = MultilabelAccumulator.fromState(states.pop()!);
        for (const s of states.reverse()) m.merge(s);
        merged = m;
        assert.deepEqual(m.state(), (oneShot as MultilabelAccumulator).state(), `${c.id}: merged state`);
        assert.ok(m.sampleSequence() !== null, `${c.id}: sample order kept`);
      } else {
        const states = [];
        for (let i = 0; i + 1 < cuts.length; i++) {
          const acc = new ConfusionAccumulator(p.space.length);
          acc.addBatch(p.yTrue, p.yPred, cuts[i], cuts[i + 1]);
          states.push(structuredClone(acc.state()));
        }
        const m = new ConfusionAccumulator(p.space.length);
        for (const s of states) m.merge(s);
        merged = m;
        assert.deepEqual(m.state(), (oneShot as ConfusionAccumulator).state(), `${c.id}: merged state`);
      }
      assert.deepEqual(everything(merged, samplesLabels ?? (c.kind === 'multilabel' ? undefined : p.labels)),
        everything(oneShot, samplesLabels ?? (c.kind === 'multilabel' ? undefined : p.labels)), `${c.id}: results`);
    }
  });

  test("without row offsets, average='samples' falls back to the exactly rounded histogram mean", () => {
    for (const c of fixture.cases.filter((k) => k.kind === 'multilabel' && k.y_true.length >= 40 && !k.labels)) {
      const p = prepare(c);
      const half = Math.floor(c.y_true.length / 2) * p.L;
      const a = new MultilabelAccumulator(p.L);
      const b = new MultilabelAccumulator(p.L);
      a.addBatch(p.yTrue.subarray(0, half), p.yPred.subarray(0, half));
      b.addBatch(p.yTrue.subarray(half), p.yPred.subarray(half)); // also claims to start at row 0
      a.merge(b);
      assert.equal(a.sampleSequence(), null);
      const capped = new MultilabelAccumulator(p.L, { sampleOrderLimit: 10 });
      capped.addBatch(p.yTrue, p.yPred);
      assert.equal(capped.sampleSequence(), null);
      const exact = accumulate(c, p);
      for (const counts of [a, capped]) {
        for (const zeroDivision of ['warn', 0, 1, 'nan'] as const) {
          const x = precisionRecallFscoreSupport(counts, { average: 'samples', zeroDivision });
          const y = precisionRecallFscoreSupport(exact, { average: 'samples', zeroDivision });
          for (const k of ['precision', 'recall', 'fscore'] as const) {
            assertClose(x[k], y[k], `${c.id} ${k}`);
            assert.ok(Math.abs(x[k] - y[k]) <= 4 * Number.EPSILON * Math.abs(y[k]) || (Number.isNaN(x[k]) && Number.isNaN(y[k])));
          }
          assert.deepEqual(x.warnings, y.warnings);
        }
      }
    }
  });

  test('merging accumulators of different shapes is an error', () => {
    assert.throws(() => new ConfusionAccumulator(3).merge(new ConfusionAccumulator(4)), /cannot merge/);
    assert.throws(() => new MultilabelAccumulator(3).merge(new MultilabelAccumulator(3, { samplesLabels: [0, 1] })), /cannot merge/);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('Python float formatting', () => {
  test("formatFixed: hand-written table ('%.Nf' % x)", () => {
    const table: [number, number, string][] = [
      [0.125, 2, '0.12'],
      [0.375, 2, '0.38'],
      [0.625, 2, '0.62'],
      [0.875, 2, '0.88'],
      [2.675, 2, '2.67'],
      [1.005, 2, '1.00'],
      [0.145, 2, '0.14'],
      [0.135, 2, '0.14'],
      [0.5, 0, '0'],
      [1.5, 0, '2'],
      [2.5, 0, '2'],
      [-2.5, 0, '-2'],
      [0.0625, 3, '0.062'],
      [0.3125, 3, '0.312'],
      [0.03125, 4, '0.0312'],
      [1 / 3, 2, '0.33'],
      [2 / 3, 6, '0.666667'],
      [0, 2, '0.00'],
      [-0, 2, '-0.00'],
      [-0.001, 2, '-0.00'],
      [1, 2, '1.00'],
      [NaN, 2, 'nan'],
      [Infinity, 2, 'inf'],
      [-Infinity, 3, '-inf'],
      [1e22, 2, '10000000000000000000000.00'],
      [1e23, 0, '99999999999999991611392'],
      [2 ** 60 + 2 ** 8, 1, '1152921504606847232.0'],
      [5e-324, 2, '0.00'],
      [1e-300, 3, '0.000'],
      [123456.785, 2, '123456.79'],
      [9.995, 2, '9.99'],
      [0.9995, 3, '1.000'],
      [0.99999999, 6, '1.000000'],
      [0.1, 20, '0.10000000000000000555'],
      [1.7976931348623157e308, 0, '179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368'],
    ];
    for (const [x, d, want] of table) assert.equal(formatFixed(x, d), want, `'%.${d}f' % ${x}`);
  });

  test("formatFixed differs from toFixed exactly on binary ties", () => {
    assert.equal((0.125).toFixed(2), '0.13');
    assert.equal(formatFixed(0.125, 2), '0.12');
  });

  test(`formatFixed: ${fixture.pyformat.length} values printed by Python`, () => {
    for (const [x, d, want] of fixture.pyformat) assert.equal(formatFixed(num(x), d), want, `'%.${d}f' % ${x}`);
  });

  test('pyRepr: hand-written table', () => {
    const table: [number, string][] = [
      [1, '1.0'],
      [0.5, '0.5'],
      [0.1, '0.1'],
      [1 / 3, '0.3333333333333333'],
      [1e16, '1e+16'],
      [1.5e16, '1.5e+16'],
      [1e15, '1000000000000000.0'],
      [1e-5, '1e-05'],
      [0.0001, '0.0001'],
      [123456789012345678, '1.2345678901234568e+17'],
      [-0, '-0.0'],
      [0, '0.0'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [NaN, 'nan'],
      [-Infinity, '-inf'],
      [-2.5, '-2.5'],
    ];
    for (const [x, want] of table) assert.equal(pyRepr(x), want, `repr(${x})`);
  });

  test(`pyRepr: ${fixture.pyrepr.length} values printed by Python`, () => {
    for (const [x, want] of fixture.pyrepr) assert.equal(pyRepr(num(x)), want, `repr(${x})`);
  });

  test('alignRight counts code points like Python', () => {
    assert.equal(alignRight('é😀', 4), '  é😀');
    assert.equal(alignRight('abcdef', 3), 'abcdef');
  });
});

describe('labels', () => {
  test('sortedUniqueLabels orders as numpy does (code points, not UTF-16 units)', () => {
    for (const c of fixture.cases) {
      const shuffled = [...c.classes].reverse();
      assert.deepEqual(sortedUniqueLabels([...shuffled, ...shuffled]), c.classes, c.id);
    }
    assert.deepEqual(sortedUniqueLabels(['ａ', 'é😀', 'Z', 'a']), ['Z', 'a', 'é😀', 'ａ']);
    assert.deepEqual(sortedUniqueLabels([10, 2, -1, 2]), [-1, 2, 10]);
    assert.throws(() => sortedUniqueLabels([1, 'a']), /Mix of label input types/);
  });
  test('pyStr and numpy array str', () => {
    assert.equal(pyStr(3), '3');
    assert.equal(pyStr(1, { float: true }), '1.0');
    assert.equal(pyStr('dog'), 'dog');
    assert.equal(numpyArrayStr([0, 10]), '[ 0 10]');
    assert.equal(numpyArrayStr(["it's", 'b']), `["it's" 'b']`);
  });
});

describe('hard predictions', () => {
  test('binary: p > 0.5, exactly 0.5 is class 0', () => {
    assert.deepEqual(Array.from(binaryPredictions([0, 0.5, 0.5000000000000001, 1, NaN])), [0, 0, 1, 1, 0]);
  });
  test('argmax: ties to the first column, NaN wins like np.argmax', () => {
    assert.deepEqual(Array.from(argmaxPredictions([0.5, 0.5, 0.2, 0.8], 2)), [0, 1]);
    assert.deepEqual(Array.from(argmaxPredictions([0.3, 0.3, 0.3, 0.1, 0.45, 0.45, 0.1, NaN, 0.9, NaN, 0.1, 0.2], 3)), [0, 1, 1, 0]);
    assert.throws(() => argmaxPredictions([0.1, 0.2, 0.3], 2), /whole number/);
  });
  test('multilabel: per column p > 0.5', () => {
    assert.deepEqual(Array.from(multilabelPredictions([0.5, 0.51, 0, 1])), [0, 1, 0, 1]);
  });
  test('buffers are reused', () => {
    const out = new Int32Array(4);
    assert.equal(binaryPredictions([0.9, 0.1], out), out);
  });
});

describe('reductions and accumulators', () => {
  test('pairwiseSum follows numpy (sum of 0.1 × 1000)', () => {
    // np.sum(np.full(1000, 0.1)) == 100.00000000000001 (pairwise); a naive loop gives 99.9999999999986
    const a = new Float64Array(1000).fill(0.1);
    assert.equal(pairwiseSum(a), 100.00000000000001);
  });
  test('nanAverage: NaN ignored; all-zero weights fall back to the plain mean', () => {
    assert.equal(nanAverage([1, NaN, 0]), 0.5);
    assert.equal(nanAverage([0.25, 0.75], [0, 0]), 0.5);
    assert.ok(Number.isNaN(nanAverage([NaN, NaN])));
    assert.ok(Number.isNaN(nanAverage([])));
  });
  test('exactSumOfMultiples rounds once', () => {
    assert.equal(exactSumOfMultiples([0.1], [10]), 1);
    assert.equal(exactSumOfMultiples([1 / 3, 2 / 3], [3, 3]), 3);
    assert.equal(exactSumOfMultiples([1e300, 1, -1e300], [1, 1, 1]), 1);
  });
  test('out-of-range indices are errors', () => {
    const acc = new ConfusionAccumulator(3);
    assert.throws(() => acc.add(3, 0), (e: unknown) => e instanceof MetricError && e.code === 'index-out-of-range');
    assert.throws(() => acc.addBatch([0, 1.5], [0, 0]), (e: unknown) => e instanceof MetricError && e.code === 'index-out-of-range');
  });
  test('empty input is an error, as in scikit-learn', () => {
    assert.throws(() => accuracy(new ConfusionAccumulator(2)), (e: unknown) => e instanceof MetricError && e.code === 'empty-input');
  });
  test("average='samples' needs the accumulator to track the same labels", () => {
    const acc = new MultilabelAccumulator(3);
    acc.addBatch([1, 0, 1, 0, 1, 0], [1, 1, 0, 0, 1, 1]);
    assert.throws(
      () => precisionRecallFscoreSupport(acc, { average: 'samples', labels: [0, 2] }),
      (e: unknown) => e instanceof MetricError && e.code === 'samples-labels-mismatch',
    );
    const sub = new MultilabelAccumulator(3, { samplesLabels: [0, 2] });
    sub.addBatch([1, 0, 1, 0, 1, 0], [1, 1, 0, 0, 1, 1]);
    const r = precisionRecallFscoreSupport(sub, { average: 'samples', labels: [0, 2] });
    // sample 1: T={0,2}, P={0} → P=1, R=0.5; sample 2: T={}, P={} → 0 (warn)
    assert.equal(r.precision, 0.5);
    assert.equal(r.recall, 0.25);
  });
});
