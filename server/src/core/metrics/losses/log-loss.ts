/**
 * scikit-learn's log_loss (sklearn.metrics.log_loss, semantics of scikit-learn ≥ 1.6; fixtures made
 * with 1.9.1), as a streaming, mergeable accumulator.
 *
 *   log_loss = −(1/n) Σᵢ Σₖ tᵢₖ · log clip(qᵢₖ, ε, 1 − ε)
 *
 * tᵢ is the one-hot (single-label) or indicator (multilabel) row of sample i, qᵢ its predicted row;
 * ε is the machine epsilon of the prediction dtype (float64: 2.220446049250313e-16; float32: 2⁻²³).
 * Terms with tᵢₖ = 0 contribute exactly 0 (scikit-learn's xlogy).
 *
 * API
 *   interface LogLossOptions {
 *     nClasses: number;                        K ≥ 2 (multilabel: the number of labels L)
 *     yTrue: 'indices' | 'indicator';          a class index per row (0..K−1, in the declared / sorted
 *                                              class order) | n × K 0/1 rows (one-hot or multilabel)
 *     yPred: 'positive-column' | 'matrix';     one column = P(classes[1]) (binary only) | K columns
 *     dtype?: 'float64' | 'float32';           the prediction array's dtype as scikit-learn would get
 *                                              it (default float64; see below)
 *   }
 *   createLogLoss(options): LogLossState      an empty accumulator (plain data: postMessage-safe)
 *   updateLogLoss(state, chunk): LogLossState feed a chunk (LossChunk: yTrue, yPred row-major,
 *                                              rowStart); mutates and returns state
 *   mergeLogLoss(a, b): LogLossState          a new state = a and b together (any order, any split)
 *   finalizeLogLoss(state): LossResult        { value (null on error), rows, records }
 *   logLoss(yTrue, yPred, options): LossResult   one-shot convenience
 *
 * Semantics, as sklearn/metrics/_classification.py (log_loss → _validate_multiclass_probabilistic_
 * prediction → _log_loss) does it:
 *   - yPred 'positive-column' is expanded to [1 − p, p] before anything else (so the clip applies to
 *     1 − p, not to p).
 *   - A value < 0 or > 1 anywhere is an error ('probability-out-of-range'; scikit-learn raises
 *     "y_prob contains values greater than 1" / "lower than 0"); NaN/±∞ is 'non-finite-value'
 *     (check_array raises). Either makes value null.
 *   - Rows are NOT renormalised. A row whose sum s fails numpy.isclose(s, 1, rtol=√ε) — i.e.
 *     |s − 1| > 1e-8 + √ε (float64: 2.4901161193847656e-8; float32: 3.4527699e-4) — gives one
 *     'rows-not-normalized' warning naming the first such row (scikit-learn warns once: "The y_prob
 *     values do not sum to one"). Multilabel rows usually do not sum to 1, so multilabel data warns
 *     too, as in scikit-learn.
 *   - Multilabel: only the positive labels count, −Σ_{k: tₖ=1} log qₖ (scikit-learn does NOT add the
 *     (1 − t)·log(1 − q) terms; that would be binary_crossentropy).
 *   - dtype 'float32' reproduces scikit-learn on np.float32 arrays: check_array keeps float32, ε is
 *     float32's (1.1920929e-7), and the clip, 1 − p, the logs, the row sums and the mean are float32
 *     (emulated with Math.fround after each operation; numpy's float32 log may differ by an ulp, so
 *     expect agreement to ~1e-6 relative, not bit for bit).
 *   - The mean is an exact sum over rows (exact-sum.ts) divided by n (np.average uses pairwise summation; both
 *     are within ~1e-16 relative of the exact sum, so chunked, merged and one-shot results agree).
 *   - Sample weights and normalize=False are not supported (not needed).
 *   - Class bookkeeping (which labels exist, their order, labels= validation) is the caller's: it
 *     passes indices in scikit-learn's order (LabelBinarizer: sorted unique labels, or the sorted
 *     labels= list). An index outside 0..K−1 is 'label-out-of-range'; K < 2 is 'too-few-classes'.
 */

import { addMany, emptySum, mergeSums, termBuffer, sumValue, type ExactSum } from './exact-sum';
import {
  addRecord,
  fmt,
  hasError,
  mergeRecords,
  rowName,
  rowsOf,
  sortRecords,
  type FloatDtype,
  type LossChunk,
  type LossRecord,
  type LossResult,
} from './types';

export interface LogLossOptions {
  readonly nClasses: number;
  readonly yTrue: 'indices' | 'indicator';
  readonly yPred: 'positive-column' | 'matrix';
  readonly dtype?: FloatDtype;
}

export interface LogLossState {
  readonly kind: 'log_loss';
  readonly options: Required<LogLossOptions>;
  rows: number;
  sum: ExactSum;
  records: LossRecord[];
}

const EPS64 = 2.220446049250313e-16;
const EPS32 = 1.1920928955078125e-7;

/** numpy.isclose(s, 1, rtol=sqrt(eps)) with the default atol 1e-8: |s − 1| ≤ atol + rtol·1. */
const SUM_TOL64 = 1e-8 + Math.sqrt(EPS64);
/** The same evaluated as numpy does for float32 sums (NEP 50: the Python floats become float32). */
const SUM_TOL32 = Math.fround(Math.fround(1e-8) + Math.fround(Math.sqrt(EPS32)));

export function createLogLoss(options: LogLossOptions): LogLossState {
  const opts: Required<LogLossOptions> = { dtype: 'float64', ...options };
  const state: LogLossState = { kind: 'log_loss', options: opts, rows: 0, sum: emptySum(), records: [] };
  if (!Number.isInteger(opts.nClasses) || opts.nClasses < 2) {
    addRecord(state.records, {
      severity: 'error',
      code: 'too-few-classes',
      message: `log_loss needs at least 2 classes, got ${opts.nClasses}`,
      row: -1,
      count: 1,
    });
  } else if (opts.yPred === 'positive-column' && opts.nClasses !== 2) {
    addRecord(state.records, {
      severity: 'error',
      code: 'length-mismatch',
      message: `a single probability column means a binary task, but ${opts.nClasses} classes are declared`,
      row: -1,
      count: 1,
    });
  }
  return state;
}

export function updateLogLoss(state: LogLossState, chunk: LossChunk): LogLossState {
  const { nClasses: K, yTrue: trueLayout, yPred: predLayout, dtype } = state.options;
  if (K < 2 || (predLayout === 'positive-column' && K !== 2)) return state; // already an error
  const width = predLayout === 'positive-column' ? 1 : K;
  const n = rowsOf(chunk, width);
  const rowStart = chunk.rowStart ?? 0;
  const trueWidth = trueLayout === 'indices' ? 1 : K;
  if (n < 0 || chunk.yTrue.length !== n * trueWidth) {
    addRecord(state.records, {
      severity: 'error',
      code: 'length-mismatch',
      message:
        `chunk at ${rowName(rowStart)}: y_true has ${chunk.yTrue.length} values and y_pred ${chunk.yPred.length}, ` +
        `which do not make whole rows of ${trueWidth} and ${width} columns`,
      row: rowStart,
      count: 1,
    });
    return state;
  }
  const f32 = dtype === 'float32';
  const eps = f32 ? EPS32 : EPS64;
  const lo = eps;
  const hi = 1 - eps; // exact in both dtypes
  const tol = f32 ? SUM_TOL32 : SUM_TOL64;
  const yt = chunk.yTrue;
  const yp = chunk.yPred;

  // The rows' terms, summed exactly at the end of the chunk (addMany).
  const terms = termBuffer(n);
  let nt = 0;
  // First offenders in this chunk, recorded once after the loop (cheap loop, one record per code).
  let badLabelRow = -1;
  let badLabelValue = 0;
  let badLabelCount = 0;
  let nonFiniteRow = -1;
  let nonFiniteValue = 0;
  let nonFiniteCount = 0;
  let rangeRow = -1;
  let rangeValue = 0;
  let rangeCount = 0;
  let sumRow = -1;
  let sumValueAt = 0;
  let sumCount = 0;

  for (let i = 0; i < n; i++) {
    // ---- validate the row, compute its sum and loss
    let rowBadValue = false;
    let rowSum = 0;
    let loss = 0;
    if (predLayout === 'positive-column') {
      let p = yp[i];
      if (f32) p = Math.fround(p);
      if (!Number.isFinite(p)) {
        rowBadValue = true;
        if (nonFiniteCount++ === 0) (nonFiniteRow = i), (nonFiniteValue = p);
      } else if (p < 0 || p > 1) {
        rowBadValue = true;
        if (rangeCount++ === 0) (rangeRow = i), (rangeValue = p);
      }
      let q0 = 1 - p;
      if (f32) q0 = Math.fround(q0);
      rowSum = f32 ? Math.fround(q0 + p) : q0 + p;
      // the targets are [1 − y, y] (indices) or the indicator row [a, b]
      let t0: number;
      let t1: number;
      if (trueLayout === 'indices') {
        const y = yt[i];
        if (y !== 0 && y !== 1) {
          if (badLabelCount++ === 0) (badLabelRow = i), (badLabelValue = y);
          continue;
        }
        t0 = 1 - y;
        t1 = y;
      } else {
        t0 = yt[2 * i];
        t1 = yt[2 * i + 1];
        if ((t0 !== 0 && t0 !== 1) || (t1 !== 0 && t1 !== 1)) {
          if (badLabelCount++ === 0) (badLabelRow = i), (badLabelValue = t0 !== 0 && t0 !== 1 ? t0 : t1);
          continue;
        }
      }
      if (!rowBadValue) {
        const l0 = t0 === 1 ? logClip(q0, lo, hi, f32) : 0;
        const l1 = t1 === 1 ? logClip(p, lo, hi, f32) : 0;
        loss = -(f32 ? Math.fround(l0 + l1) : l0 + l1);
      }
    } else {
      const base = i * K;
      let rowNonFinite = false;
      let rowRange = false;
      for (let k = 0; k < K; k++) {
        let q = yp[base + k];
        if (f32) q = Math.fround(q);
        if (!Number.isFinite(q)) {
          if (!rowNonFinite && nonFiniteCount === 0) (nonFiniteRow = i), (nonFiniteValue = q);
          rowNonFinite = true;
        } else if (q < 0 || q > 1) {
          if (!rowRange && rangeCount === 0) (rangeRow = i), (rangeValue = q);
          rowRange = true;
        }
        rowSum = f32 ? Math.fround(rowSum + q) : rowSum + q;
      }
      if (rowNonFinite) nonFiniteCount++;
      if (rowRange) rangeCount++;
      rowBadValue = rowNonFinite || rowRange;
      if (trueLayout === 'indices') {
        const y = yt[i];
        if (!(Number.isInteger(y) && y >= 0 && y < K)) {
          if (badLabelCount++ === 0) (badLabelRow = i), (badLabelValue = y);
          continue;
        }
        if (!rowBadValue) loss = -logClip(yp[base + y], lo, hi, f32);
      } else {
        let acc = 0;
        let bad = false;
        for (let k = 0; k < K; k++) {
          const t = yt[base + k];
          if (t === 0) continue;
          if (t !== 1) {
            bad = true;
            if (badLabelCount++ === 0) (badLabelRow = i), (badLabelValue = t);
            break;
          }
          if (!rowBadValue) {
            const l = logClip(yp[base + k], lo, hi, f32);
            acc = f32 ? Math.fround(acc + l) : acc + l;
          }
        }
        if (bad) continue;
        loss = -acc;
      }
    }
    if (!rowBadValue && !(Math.abs(rowSum - 1) <= tol)) {
      if (sumCount++ === 0) (sumRow = i), (sumValueAt = rowSum);
    }
    if (rowBadValue) continue;
    terms[nt++] = loss;
  }
  addMany(state.sum, terms, nt);
  state.rows += n;

  const recs = state.records;
  if (badLabelCount > 0) {
    addRecord(recs, {
      severity: 'error',
      code: 'label-out-of-range',
      message:
        trueLayout === 'indices'
          ? `${rowName(rowStart + badLabelRow)}: y_true is ${fmt(badLabelValue)}, not a class index in 0..${K - 1}`
          : `${rowName(rowStart + badLabelRow)}: y_true has ${fmt(badLabelValue)} where an indicator row holds only 0 and 1`,
      row: rowStart + badLabelRow,
      count: badLabelCount,
      value: badLabelValue,
    });
  }
  if (nonFiniteCount > 0) {
    addRecord(recs, {
      severity: 'error',
      code: 'non-finite-value',
      message: `${rowName(rowStart + nonFiniteRow)}: y_pred contains ${fmt(nonFiniteValue)} (scikit-learn rejects NaN and infinity)`,
      row: rowStart + nonFiniteRow,
      count: nonFiniteCount,
      value: nonFiniteValue,
    });
  }
  if (rangeCount > 0) {
    addRecord(recs, {
      severity: 'error',
      code: 'probability-out-of-range',
      message:
        `${rowName(rowStart + rangeRow)}: the probability ${fmt(rangeValue)} is outside [0, 1] ` +
        `(scikit-learn: "y_prob contains values ${rangeValue > 1 ? 'greater than 1' : 'lower than 0'}")`,
      row: rowStart + rangeRow,
      count: rangeCount,
      value: rangeValue,
    });
  }
  if (sumCount > 0) {
    addRecord(recs, {
      severity: 'warning',
      code: 'rows-not-normalized',
      message:
        `${rowName(rowStart + sumRow)}: the predicted probabilities sum to ${fmt(sumValueAt)}, not 1; ` +
        `log_loss uses them as they are, without ` +
        `renormalising (scikit-learn: "The y_prob values do not sum to one")`,
      row: rowStart + sumRow,
      count: sumCount,
      value: sumValueAt,
    });
  }
  return state;
}

/** log(clip(q, lo, hi)) in float64, or as numpy does it on float32 arrays. */
function logClip(q: number, lo: number, hi: number, f32: boolean): number {
  if (f32) {
    let v = Math.fround(q);
    v = v < lo ? lo : v > hi ? hi : v;
    return Math.fround(Math.log(v));
  }
  return Math.log(q < lo ? lo : q > hi ? hi : q);
}

export function mergeLogLoss(a: LogLossState, b: LogLossState): LogLossState {
  const oa = a.options;
  const ob = b.options;
  if (oa.nClasses !== ob.nClasses || oa.yTrue !== ob.yTrue || oa.yPred !== ob.yPred || oa.dtype !== ob.dtype) {
    throw new Error('mergeLogLoss: the two accumulators were created with different options');
  }
  return {
    kind: 'log_loss',
    options: { ...oa },
    rows: a.rows + b.rows,
    sum: mergeSums(a.sum, b.sum),
    records: mergeRecords(a.records, b.records),
  };
}

export function finalizeLogLoss(state: LogLossState): LossResult {
  const records = [...state.records];
  if (state.rows === 0 && !hasError(records)) {
    addRecord(records, {
      severity: 'error',
      code: 'empty-input',
      message: 'log_loss of no samples is undefined',
      row: -1,
      count: 1,
    });
  }
  const sorted = sortRecords(records);
  if (hasError(sorted)) return { value: null, rows: state.rows, records: sorted };
  const total = sumValue(state.sum);
  const value =
    state.options.dtype === 'float32' ? Math.fround(Math.fround(total) / state.rows) : total / state.rows;
  return { value, rows: state.rows, records: sorted };
}

export function logLoss(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: LogLossOptions): LossResult {
  const state = createLogLoss(options);
  updateLogLoss(state, { yTrue, yPred });
  return finalizeLogLoss(state);
}
