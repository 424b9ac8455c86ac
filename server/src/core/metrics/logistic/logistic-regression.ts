/**
 * logistic_regression(C, fit_intercept, max_iter, tol): scikit-learn's LogisticRegression with its
 * defaults — L2 penalty, C = 1.0, intercept not penalised, solver "lbfgs", tol 1e-4, max_iter 100 —
 * for binary and multinomial targets.
 *
 * API
 *   interface LogisticRegressionOptions {
 *     C?: number;                 inverse regularisation strength, default 1.0 (> 0)
 *     fitIntercept?: boolean;     default true
 *     maxIter?: number;           default 100
 *     tol?: number;               default 1e-4 (L-BFGS-B pgtol: max |∇F| ≤ tol)
 *     objectiveScaling?: 'mean' | 'sum';
 *                                 'mean' (default): scikit-learn ≥ 1.4, F = mean loss + ‖W‖²/(2Cn);
 *                                 'sum': scikit-learn < 1.4, F = Σ loss + ‖W‖²/(2C) (same optimum, a
 *                                 different early stop: this is what reproduces numbers printed by
 *                                 older scikit-learn, such as the seed's coef 1.00926)
 *   }
 *   fitLogisticRegression(X, y, nFeatures, options?): LogisticFitResult
 *       X: n × nFeatures row-major; y: a class index per row (any non-negative integers; as in
 *       scikit-learn, the classes are the distinct values present, ascending — `model.classes`).
 *       Returns { model | null, records }: records hold errors (model null) and the ConvergenceWarning.
 *   interface LogisticRegressionModel {
 *     classes: number[];          the class indices present in y, ascending (scikit-learn's classes_)
 *     nFeatures: number;
 *     coef: number[][];           coef_: 1 × p for two classes, K × p for K > 2 (multinomial)
 *     intercept: number[];        intercept_: length 1 or K (zeros when fitIntercept is false)
 *     nIter: number;              n_iter_[0]
 *     converged: boolean;         false when scipy stopped at max_iter (status 1) or abnormally (2)
 *     status: 0 | 1 | 2; message: string;      scipy's status and message
 *     objective: number;          the objective F at the solution (in the chosen scaling)
 *   }
 *   decisionFunction(model, X): Float64Array     n (binary) or n × K scores X·Wᵀ + b
 *   predictProba(model, X): Float64Array         n × nClasses, row-major: binary [1 − σ(s), σ(s)],
 *                                                multinomial softmax(s) (predict_proba)
 *
 * How it matches scikit-learn 1.9 (_logistic.py _logistic_regression_path): zero start; the objective
 * of objective.ts; minimizeLbfgs with m = 10, maxls = 50, pgtol = tol, ftol = 64·ε, maxiter = max_iter;
 * n_iter = min(nit, max_iter); a ConvergenceWarning (status ≠ 0) with scikit-learn's text. Because the
 * L-BFGS path is reproduced step for step, coef_ agrees with scikit-learn's far closer than the 1e-4
 * the tests require, although scikit-learn's early stop leaves both up to ~1e-4 from the exact optimum.
 */

import { minimizeLbfgs } from './lbfgs';
import { makeObjective, parameterCount } from './objective';

export interface LogisticRegressionOptions {
  readonly C?: number;
  readonly fitIntercept?: boolean;
  readonly maxIter?: number;
  readonly tol?: number;
  readonly objectiveScaling?: 'mean' | 'sum';
}

export type LogisticRecordCode =
  | 'convergence'
  | 'too-few-classes'
  | 'length-mismatch'
  | 'non-finite-value'
  | 'label-out-of-range'
  | 'invalid-parameter';

export interface LogisticRecord {
  readonly severity: 'error' | 'warning';
  readonly code: LogisticRecordCode;
  readonly message: string;
  /** 0-based row of the first offending sample, when the record is about one. */
  readonly row?: number;
}

export interface LogisticRegressionModel {
  readonly classes: number[];
  readonly nFeatures: number;
  readonly fitIntercept: boolean;
  readonly coef: number[][];
  readonly intercept: number[];
  readonly nIter: number;
  readonly converged: boolean;
  readonly status: 0 | 1 | 2;
  readonly message: string;
  readonly objective: number;
}

export interface LogisticFitResult {
  readonly model: LogisticRegressionModel | null;
  readonly records: LogisticRecord[];
}

const EPS = 2.220446049250313e-16;

export function fitLogisticRegression(
  X: ArrayLike<number>,
  y: ArrayLike<number>,
  nFeatures: number,
  options: LogisticRegressionOptions = {},
): LogisticFitResult {
  const C = options.C ?? 1.0;
  const fitIntercept = options.fitIntercept ?? true;
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-4;
  const scaling = options.objectiveScaling ?? 'mean';
  const records: LogisticRecord[] = [];
  const fail = (code: LogisticRecordCode, message: string, row?: number): LogisticFitResult => {
    records.push({ severity: 'error', code, message, ...(row === undefined ? {} : { row }) });
    return { model: null, records };
  };

  if (!(C > 0) || !Number.isFinite(C)) return fail('invalid-parameter', `C must be a positive number, got ${C}`);
  if (!(tol >= 0)) return fail('invalid-parameter', `tol must be >= 0, got ${tol}`);
  if (!Number.isInteger(maxIter) || maxIter < 0) return fail('invalid-parameter', `max_iter must be an integer >= 0, got ${maxIter}`);
  const p = nFeatures;
  const n = y.length;
  if (!Number.isInteger(p) || p < 1 || X.length !== n * p) {
    return fail('length-mismatch', `X has ${X.length} values, not ${n} rows of ${p} features`);
  }
  if (n === 0) return fail('length-mismatch', 'no samples to fit');
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i])) return fail('non-finite-value', `row ${Math.floor(i / p) + 1}: a feature is ${X[i]}`, Math.floor(i / p));
  }
  // classes_ = the distinct labels present, ascending; y re-encoded as 0..K−1 (LabelEncoder)
  const present = new Set<number>();
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 0) return fail('label-out-of-range', `row ${i + 1}: the label ${v} is not a class index`, i);
    present.add(v);
  }
  const classes = [...present].sort((a, b) => a - b);
  if (classes.length < 2) {
    return fail(
      'too-few-classes',
      'This solver needs samples of at least 2 classes in the data, but the data contains only one class: ' +
        `${classes[0] ?? 'none'}`,
    );
  }
  const K = classes.length;
  const index = new Map(classes.map((c, i) => [c, i]));
  const yEnc = new Int32Array(n);
  for (let i = 0; i < n; i++) yEnc[i] = index.get(y[i])!;

  const problem = { X, n, p, y: yEnc, nClasses: K, fitIntercept, C, scaling } as const;
  const w0 = new Float64Array(parameterCount(problem));
  const res = minimizeLbfgs(makeObjective(problem), w0, {
    maxIter,
    pgtol: tol,
    ftol: 64 * EPS,
    m: 10,
    maxls: 50,
  });
  const nIter = Math.min(res.nIter, maxIter);
  const w = res.x;
  let coef: number[][];
  let intercept: number[];
  if (K === 2) {
    coef = [Array.from(w.subarray(0, p))];
    intercept = [fitIntercept ? w[p] : 0];
  } else {
    coef = [];
    intercept = [];
    for (let k = 0; k < K; k++) {
      const row: number[] = [];
      for (let j = 0; j < p; j++) row.push(w[j * K + k]);
      coef.push(row);
      intercept.push(fitIntercept ? w[p * K + k] : 0);
    }
  }
  if (res.status !== 0) {
    let msg = `lbfgs failed to converge after ${nIter} iteration(s) (status=${res.status}):\n${res.message}\n`;
    if (nIter === maxIter) msg += `\nIncrease the number of iterations to improve the convergence (max_iter=${maxIter}).`;
    msg +=
      '\nYou might also want to scale the data as shown in:\n    https://scikit-learn.org/stable/modules/preprocessing.html' +
      '\nPlease also refer to the documentation for alternative solver options:\n' +
      '    https://scikit-learn.org/stable/modules/linear_model.html#logistic-regression';
    records.push({ severity: 'warning', code: 'convergence', message: msg });
  }
  return {
    model: {
      classes,
      nFeatures: p,
      fitIntercept,
      coef,
      intercept,
      nIter,
      converged: res.status === 0,
      status: res.status,
      message: res.message,
      objective: res.f,
    },
    records,
  };
}

export function decisionFunction(model: LogisticRegressionModel, X: ArrayLike<number>): Float64Array {
  const p = model.nFeatures;
  const n = X.length / p;
  const rows = model.coef.length;
  const out = new Float64Array(n * rows);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < rows; k++) {
      const w = model.coef[k];
      let s = 0;
      for (let j = 0; j < p; j++) s += X[i * p + j] * w[j];
      out[i * rows + k] = s + model.intercept[k];
    }
  }
  return out;
}

export function predictProba(model: LogisticRegressionModel, X: ArrayLike<number>): Float64Array {
  const scores = decisionFunction(model, X);
  const K = model.classes.length;
  if (K === 2) {
    const n = scores.length;
    const out = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const pr = 1 / (1 + Math.exp(-scores[i])); // scipy.special.expit
      out[2 * i] = 1 - pr;
      out[2 * i + 1] = pr;
    }
    return out;
  }
  const n = scores.length / K;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, scores[i * K + k]);
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(scores[i * K + k] - max);
      scores[i * K + k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) scores[i * K + k] /= sum;
  }
  return scores;
}
