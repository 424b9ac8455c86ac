// Golden tests of logistic regression against test/fixtures/logistic/cases.json (scikit-learn's
// LogisticRegression fits, made by generate.py). Tests never run Python.
//
// coef_, intercept_, predict_proba and the resulting log_loss must agree to 1e-4 (absolute); n_iter_
// and the ConvergenceWarning must be scikit-learn's.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  fitLogisticRegression,
  minimizeLbfgs,
  predictProba,
  type LogisticRegressionModel,
} from '../server/src/core/metrics/logistic';
import { binaryCrossentropy, logLoss } from '../server/src/core/metrics/losses';

interface FitCase {
  id: string;
  note: string;
  params: { C: number; fit_intercept: boolean; max_iter: number; tol: number };
  X: number[][];
  y: (number | string)[];
  classes: (number | string)[];
  coef: number[][];
  intercept: number[];
  predict_proba: number[][];
  log_loss: number;
  n_iter: number;
  converged: boolean;
  convergence_warnings: string[];
  exact_optimum: { coef: number[][]; intercept: number[] };
}

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'logistic', 'cases.json'), 'utf8')) as {
  versions: Record<string, string>;
  cases: FitCase[];
  legacy: { id: string; X: number[][]; y: number[]; coef: number[][]; intercept: number[]; n_iter: number }[];
};

const TOL = 1e-4;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, 'lengths');
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function fit(c: FitCase) {
  const X = Float64Array.from(c.X.flat());
  const index = new Map(c.classes.map((v, i) => [v, i]));
  const y = Float64Array.from(c.y.map((v) => index.get(v)!));
  const res = fitLogisticRegression(X, y, c.X[0].length, {
    C: c.params.C,
    fitIntercept: c.params.fit_intercept,
    maxIter: c.params.max_iter,
    tol: c.params.tol,
  });
  return { X, y, res };
}

function modelLogLoss(model: LogisticRegressionModel, X: Float64Array, y: Float64Array): number {
  const proba = predictProba(model, X);
  const K = model.classes.length;
  return logLoss(y, proba, { nClasses: K, yTrue: 'indices', yPred: 'matrix' }).value!;
}

describe('logistic regression against scikit-learn', () => {
  it('fixtures: at least 10 fits, binary and multinomial 3–5 classes', () => {
    assert.ok(fixture.cases.length >= 10);
    const ks = new Set(fixture.cases.map((c) => c.classes.length));
    for (const k of [2, 3, 4, 5]) assert.ok(ks.has(k), `${k} classes`);
    assert.ok(fixture.cases.some((c) => !c.params.fit_intercept));
    assert.ok(fixture.cases.some((c) => !c.converged));
  });

  for (const c of fixture.cases) {
    it(`${c.id} (C=${c.params.C}, fit_intercept=${c.params.fit_intercept}, max_iter=${c.params.max_iter}, tol=${c.params.tol})`, () => {
      const { X, y, res } = fit(c);
      const m = res.model!;
      assert.ok(m, JSON.stringify(res.records));
      assert.equal(m.coef.length, c.coef.length, 'coef_ rows: 1 for binary, K for multinomial');
      const dCoef = maxAbsDiff(m.coef.flat(), c.coef.flat());
      const dIntercept = maxAbsDiff(m.intercept, c.intercept);
      const dProba = maxAbsDiff(predictProba(m, X), c.predict_proba.flat());
      const dLoss = Math.abs(modelLogLoss(m, X, y) - c.log_loss);
      assert.ok(dCoef <= TOL, `coef_ differs by ${dCoef}`);
      assert.ok(dIntercept <= TOL, `intercept_ differs by ${dIntercept}`);
      assert.ok(dProba <= TOL, `predict_proba differs by ${dProba}`);
      assert.ok(dLoss <= TOL, `log_loss differs by ${dLoss}`);
      assert.equal(m.nIter, c.n_iter, 'n_iter_');
      assert.equal(m.converged, c.converged, 'converged');
      const warnings = res.records.filter((r) => r.code === 'convergence').map((r) => r.message);
      assert.deepEqual(warnings, c.convergence_warnings, 'ConvergenceWarning text');
    });
  }

  it('follows scikit-learn\'s L-BFGS path far closer than 1e-4', () => {
    let worst = 0;
    for (const c of fixture.cases) {
      const { res } = fit(c);
      worst = Math.max(worst, maxAbsDiff(res.model!.coef.flat(), c.coef.flat()), maxAbsDiff(res.model!.intercept, c.intercept));
    }
    assert.ok(worst < 1e-8, `worst coefficient difference ${worst}`);
  });
});

describe('the seed (bnsreenu, seed 002)', () => {
  const seed = fixture.cases.find((c) => c.id === 'seed-bnsreenu')!;
  const X = Float64Array.from([-1.8, -0.8, -0.5, -0.1, 0.5, 0.6, 0.9, 1.1, 1.5, 1.9]);
  const y = Float64Array.from([0, 0, 1, 0, 1, 0, 1, 1, 1, 1]);

  it('scikit-learn ≥ 1.4 (the fixture, 1.9.1): coef 1.00947, intercept 0.14316, log_loss 0.4594, Keras BCE 0.4594', () => {
    const m = fitLogisticRegression(X, y, 1).model!;
    assert.equal(m.coef[0][0].toFixed(5), seed.coef[0][0].toFixed(5));
    assert.equal(m.coef[0][0].toFixed(5), '1.00947');
    assert.equal(m.intercept[0].toFixed(5), '0.14316');
    assert.equal(m.nIter, 4);
    const proba = predictProba(m, X);
    const p1 = Float64Array.from({ length: 10 }, (_, i) => proba[2 * i + 1]);
    assert.equal(logLoss(y, p1, { nClasses: 2, yTrue: 'indices', yPred: 'positive-column' }).value!.toFixed(4), '0.4594');
    assert.equal(binaryCrossentropy(y, p1).value!.toFixed(4), '0.4594');
  });

  it('as the issue prints it (coef 1.00926, intercept 0.14308): scikit-learn < 1.4\'s objective scaling', () => {
    const m = fitLogisticRegression(X, y, 1, { objectiveScaling: 'sum' }).model!;
    assert.equal(m.coef[0][0].toFixed(5), '1.00926');
    assert.equal(m.intercept[0].toFixed(5), '0.14308');
    const legacy = fixture.legacy.find((l) => l.id === 'seed-bnsreenu-legacy')!;
    assert.ok(Math.abs(m.coef[0][0] - legacy.coef[0][0]) < 1e-8);
    assert.ok(Math.abs(m.intercept[0] - legacy.intercept[0]) < 1e-8);
    assert.equal(m.nIter, legacy.n_iter);
    const proba = predictProba(m, X);
    const p1 = Float64Array.from({ length: 10 }, (_, i) => proba[2 * i + 1]);
    assert.equal(logLoss(y, p1, { nClasses: 2, yTrue: 'indices', yPred: 'positive-column' }).value!.toFixed(4), '0.4594');
    assert.equal(binaryCrossentropy(y, p1).value!.toFixed(4), '0.4594');
  });

  it('both scalings stop within ~2.5e-4 of the exact optimum', () => {
    const exact = seed.exact_optimum;
    for (const scaling of ['mean', 'sum'] as const) {
      const m = fitLogisticRegression(X, y, 1, { objectiveScaling: scaling }).model!;
      assert.ok(Math.abs(m.coef[0][0] - exact.coef[0][0]) < 2.5e-4, scaling);
      assert.ok(Math.abs(m.intercept[0] - exact.intercept[0]) < 2.5e-4, scaling);
    }
  });
});

describe('inputs and L-BFGS', () => {
  it('one class is an error; a non-finite feature is an error', () => {
    const a = fitLogisticRegression([1, 2, 3], [1, 1, 1], 1);
    assert.equal(a.model, null);
    assert.equal(a.records[0].code, 'too-few-classes');
    const b = fitLogisticRegression([1, NaN, 3], [0, 1, 1], 1);
    assert.equal(b.records[0].code, 'non-finite-value');
    assert.equal(b.records[0].row, 1);
  });

  it('classes are the labels present, ascending (scikit-learn classes_)', () => {
    const r = fitLogisticRegression([0, 1, 2, 3, 4, 5], [7, 7, 3, 7, 3, 3], 1);
    assert.deepEqual(r.model!.classes, [3, 7]);
  });

  it('takes scipy\'s L-BFGS-B path on the Rosenbrock function', () => {
    // scipy 1.17.1: minimize(f, [-1.2, 1], method="L-BFGS-B", jac=True, options={gtol: 1e-10, maxiter: 1000})
    //   ftol default → nit 36, nfev 44, "CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH", x = [0.99999895, 0.99999802]
    //   ftol 0       → nit 39, nfev 47, "CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL", x = [1, 1]
    const rosen = (x: Float64Array, g: Float64Array) => {
      const a = 1 - x[0];
      const b = x[1] - x[0] * x[0];
      g[0] = -2 * a - 400 * x[0] * b;
      g[1] = 200 * b;
      return a * a + 100 * b * b;
    };
    const r1 = minimizeLbfgs(rosen, [-1.2, 1], { maxIter: 1000, pgtol: 1e-10 });
    assert.deepEqual([r1.nIter, r1.nFev, r1.message], [36, 44, 'CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH']);
    assert.ok(Math.abs(r1.x[0] - 0.99999895) < 1e-8 && Math.abs(r1.x[1] - 0.99999802) < 1e-8);
    const r2 = minimizeLbfgs(rosen, [-1.2, 1], { maxIter: 1000, pgtol: 1e-10, ftol: 0 });
    assert.deepEqual([r2.nIter, r2.nFev, r2.message], [39, 47, 'CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL']);
    assert.ok(Math.abs(r2.x[0] - 1) < 1e-12 && Math.abs(r2.x[1] - 1) < 1e-12);
  });
});
