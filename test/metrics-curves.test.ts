// The report's curves against scikit-learn 1.9 (test/fixtures/curves/generate.py → cases.json): roc_curve and
// precision_recall_curve point for point (both drop_intermediate settings), the AUC and AP per class, micro and
// macro, calibration_curve('uniform') with the expected calibration error and the Brier score, and the histogram
// of the probability given to the true class. Exact equality unless a comment says why not.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrationCurve, histogram, precisionRecallCurve, reportCurves, rocCurve, type ClassCurves } from '../server/src/core/metrics/scores/curves';
import { RankingStore } from '../server/src/core/metrics/scores/ranking-store';

interface Curve {
  [key: string]: (number | null)[];
}
interface FixtureClass {
  roc: Curve;
  roc_all: Curve;
  pr: Curve;
  pr_dropped: Curve;
  auc: number | null;
  ap: number;
}
interface Case {
  name: string;
  task: 'binary' | 'multiclass' | 'multilabel';
  k: number;
  y_true: number[] | number[][];
  y_score: number[] | number[][];
  per_class: FixtureClass[];
  micro?: FixtureClass;
  macro?: { fpr: number[]; tpr: number[]; auc: number | null; ap: number };
  calibration: { prob_true: number[]; prob_pred: number[]; counts: number[]; ece: number; brier: number | null };
  true_class_probability: { counts: number[]; edges: number[] };
}

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'curves', 'cases.json'), 'utf8')) as { sklearn: string; cases: Case[] };

/** JSON has no NaN or infinity: the fixture writes null for both (the first ROC threshold is +∞). */
const asJson = (values: readonly number[]) => values.map((v) => (Number.isFinite(v) ? v : null));

function storeOf(c: Case): RankingStore {
  const multi = c.task !== 'binary';
  const store = new RankingStore({ cols: multi ? c.k : 1, yTrue: c.task === 'multilabel' ? 'indicator' : 'indices' });
  store.append((c.y_true as (number | number[])[]).flat(), (c.y_score as (number | number[])[]).flat());
  return store;
}

function sameClass(actual: ClassCurves, expected: FixtureClass, what: string) {
  assert.deepEqual(asJson(actual.roc.fpr), expected.roc.fpr, `${what}: roc fpr`);
  assert.deepEqual(asJson(actual.roc.tpr), expected.roc.tpr, `${what}: roc tpr`);
  assert.deepEqual(asJson(actual.roc.thresholds), expected.roc.thresholds, `${what}: roc thresholds`);
  assert.deepEqual(asJson(actual.pr.precision), expected.pr.precision, `${what}: precision`);
  assert.deepEqual(asJson(actual.pr.recall), expected.pr.recall, `${what}: recall`);
  assert.deepEqual(asJson(actual.pr.thresholds), expected.pr.thresholds, `${what}: pr thresholds`);
  assert.equal(actual.auc, expected.auc, `${what}: auc`);
  assert.equal(actual.ap, expected.ap, `${what}: ap`);
}

describe(`curves against scikit-learn ${fixture.sklearn}`, () => {
  for (const c of fixture.cases) {
    test(c.name, () => {
      const r = reportCurves(storeOf(c), { k: c.k, task: c.task });
      assert.ok(typeof r === 'object', String(r));
      assert.equal(r.per_class.length, c.per_class.length);
      r.per_class.forEach((pc, i) => sameClass(pc, c.per_class[i], `class ${i}`));
      if (c.micro) sameClass(r.micro!, c.micro, 'micro');
      else assert.equal(r.micro, null);
      if (c.macro) {
        assert.deepEqual(r.macro!.fpr, c.macro.fpr, 'macro grid');
        // np.interp then a running sum in class order and one division: the same operations, exactly
        assert.deepEqual(r.macro!.tpr, c.macro.tpr, 'macro tpr');
        assert.equal(r.macro!.auc, c.macro.auc, 'macro auc');
        assert.equal(r.macro!.ap, c.macro.ap, 'macro ap');
      }
      assert.deepEqual(r.calibration.prob_true, c.calibration.prob_true, 'prob_true');
      assert.deepEqual(r.calibration.prob_pred, c.calibration.prob_pred, 'prob_pred');
      assert.deepEqual(r.calibration.counts, c.calibration.counts, 'bin counts');
      assert.equal(r.calibration.ece, c.calibration.ece, 'ece');
      assert.equal(r.calibration.brier, c.calibration.brier, 'brier');
      assert.deepEqual(r.true_class_probability.counts, c.true_class_probability.counts, 'histogram counts');
      assert.deepEqual(r.true_class_probability.edges, c.true_class_probability.edges, 'histogram edges');
    });
  }

  test('roc_curve(drop_intermediate=False) and precision_recall_curve(drop_intermediate=True), every class of every case', () => {
    for (const c of fixture.cases) {
      const n = c.y_true.length;
      c.per_class.forEach((expected, cls) => {
        const pos = new Uint8Array(n);
        const score = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const t = c.y_true[i];
          pos[i] = c.task === 'binary' ? Number(t === 1) : c.task === 'multilabel' ? Number((t as number[])[cls] === 1) : Number(t === cls);
          score[i] = c.task === 'binary' ? (c.y_score[i] as number) : (c.y_score[i] as number[])[cls];
        }
        const all = rocCurve(pos, score, false);
        assert.deepEqual(asJson(all.fpr), expected.roc_all.fpr, `${c.name} ${cls}`);
        assert.deepEqual(asJson(all.thresholds), expected.roc_all.thresholds, `${c.name} ${cls}`);
        const dropped = precisionRecallCurve(pos, score, true);
        assert.deepEqual(asJson(dropped.precision), expected.pr_dropped.precision, `${c.name} ${cls}`);
        assert.deepEqual(asJson(dropped.recall), expected.pr_dropped.recall, `${c.name} ${cls}`);
        assert.deepEqual(asJson(dropped.thresholds), expected.pr_dropped.thresholds, `${c.name} ${cls}`);
      });
    }
  });
});

describe('curves: edges and refusals', () => {
  test('a probability on a bin edge goes to the lower bin (np.searchsorted left); 1.0 to the last; 0 to the first', () => {
    const cal = calibrationCurve([0, 1, 1, 0], [0.1, 0.5, 1.0, 0.0], 10);
    assert.deepEqual(cal.bins, [0, 4, 9]);
    assert.deepEqual(cal.counts, [2, 1, 1]);
  });

  test('np.histogram puts 1.0 in the last bin and leaves values outside [0, 1] out', () => {
    assert.deepEqual(histogram([0, 0.05, 1, 1.5, -0.1], 20).counts, [1, 1, ...new Array(17).fill(0), 1]);
  });

  test('scores that are not probabilities give a reason instead of curves', () => {
    const store = new RankingStore({ cols: 1, yTrue: 'indices' });
    store.append([0, 1], [0.2, 1.7]);
    assert.match(String(reportCurves(store, { k: 2, task: 'binary' })), /outside \[0, 1\]/);
    const nan = new RankingStore({ cols: 1, yTrue: 'indices' });
    nan.append([0, 1], [0.2, NaN]);
    assert.match(String(reportCurves(nan, { k: 2, task: 'binary' })), /not a finite number/);
  });
});
