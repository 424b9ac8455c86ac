/**
 * Keras 3's accuracy metrics as streaming, mergeable accumulators: what keras.metrics.BinaryAccuracy(threshold),
 * CategoricalAccuracy() and SparseCategoricalAccuracy() return after update_state(y_true, y_pred) on the whole
 * arrays and result().
 *
 *   binary_accuracy:  per entry  y_true == (y_pred > threshold ? 1 : 0)   (strictly greater; y_true must be
 *                     exactly 0 or 1 to match); per sample the float32 mean over the last axis
 *   categorical_accuracy:         argmax(y_true) == argmax(y_pred)         (argmax: the FIRST maximal index)
 *   sparse_categorical_accuracy:  y_true == argmax(y_pred)                 (y_true compared as a number)
 *   result = float32(total) / float32(n),  total = Σ per-sample values     (keras.metrics.Mean)
 *
 * Keras compares binary predictions with the threshold converted to a float32 tensor (then promoted to the
 * prediction's dtype), so the threshold is fround(threshold): 0.3 acts as 0.30000001192092896. dtype 'float32'
 * also rounds the predictions to float32 first, as a float32 array would be. The per-sample values are
 * float32 numbers (k/c); their sum is exact in a double, then rounded to float32 once, where TensorFlow's
 * float32 reduce_sum may round on the way (for one column, or for the categorical metrics, both are exact; for
 * several columns the result can differ from Keras's by an ulp of float32).
 *
 * API
 *   interface KerasAccuracyOptions {
 *     kind: 'binary_accuracy' | 'categorical_accuracy' | 'sparse_categorical_accuracy'
 *     cols: number                y_pred columns (and y_true columns for binary / categorical)
 *     threshold?: number          binary_accuracy only; default 0.5
 *     dtype?: 'float64' | 'float32'   the prediction array's dtype (default float64)
 *   }
 *   createKerasAccuracy / updateKerasAccuracy(state, chunk) / mergeKerasAccuracy(a, b) /
 *   finalizeKerasAccuracy(state): ScoreResult     (value: a float32 number; 0 for no rows, as divide_no_nan)
 *       chunk.yTrue: n × cols rows (binary, categorical) or one class index per row (sparse); chunk.yPred: n × cols
 */
import { MetricError } from '../classification/errors';
import type { ScoreChunk, ScoreResult, StoredError } from './types';
import { keepFirstError, raise } from './types';

export type KerasAccuracyKind = 'binary_accuracy' | 'categorical_accuracy' | 'sparse_categorical_accuracy';

export interface KerasAccuracyOptions {
  readonly kind: KerasAccuracyKind;
  /** columns of y_pred (and of y_true for binary / categorical) */
  readonly cols: number;
  /** binary_accuracy only; default 0.5 */
  readonly threshold?: number;
  /** the prediction array's dtype; default 'float64' */
  readonly dtype?: 'float64' | 'float32';
}

export interface KerasAccuracyState {
  readonly kind: 'keras_accuracy';
  readonly options: KerasAccuracyOptions;
  rows: number;
  /** Σ of the per-sample float32 values, exact in a double */
  total: number;
  error: StoredError | null;
}

const KINDS: readonly KerasAccuracyKind[] = ['binary_accuracy', 'categorical_accuracy', 'sparse_categorical_accuracy'];

export function createKerasAccuracy(options: KerasAccuracyOptions): KerasAccuracyState {
  const state: KerasAccuracyState = { kind: 'keras_accuracy', options: { ...options }, rows: 0, total: 0, error: null };
  if (!KINDS.includes(options.kind)) {
    state.error = { code: 'invalid-argument', message: `unknown Keras accuracy metric ${String(options.kind)}`, pythonType: 'ValueError', row: -1 };
  } else if (!Number.isInteger(options.cols) || options.cols < 1) {
    state.error = { code: 'invalid-argument', message: `${options.kind}: cols must be a positive integer, got ${options.cols}`, pythonType: 'ValueError', row: -1 };
  }
  return state;
}

/** The first index of the maximum of row[o .. o+c) (NaN never wins). */
function argmax(row: ArrayLike<number>, o: number, c: number, round: (x: number) => number): number {
  let best = 0;
  let bestValue = round(row[o]);
  for (let j = 1; j < c; j++) {
    const v = round(row[o + j]);
    if (v > bestValue || (Number.isNaN(bestValue) && !Number.isNaN(v))) {
      best = j;
      bestValue = v;
    }
  }
  return best;
}

const identity = (x: number): number => x;

export function updateKerasAccuracy(state: KerasAccuracyState, chunk: ScoreChunk): KerasAccuracyState {
  if (state.error) return state;
  const { kind, cols } = state.options;
  const n = chunk.n ?? chunk.yPred.length / cols;
  const trueWidth = kind === 'sparse_categorical_accuracy' ? 1 : cols;
  if (!Number.isInteger(n) || chunk.yPred.length < n * cols || chunk.yTrue.length < n * trueWidth) {
    state.error = keepFirstError(state.error, {
      code: 'invalid-argument',
      message: `${kind}: y_true (${chunk.yTrue.length} values) and y_pred (${chunk.yPred.length} values) do not hold rows of ${trueWidth} and ${cols}`,
      pythonType: 'ValueError',
      row: chunk.rowStart ?? 0,
    });
    return state;
  }
  const round = state.options.dtype === 'float32' ? Math.fround : identity;
  const yt = chunk.yTrue;
  const yp = chunk.yPred;
  let total = 0;
  if (kind === 'binary_accuracy') {
    const threshold = Math.fround(state.options.threshold ?? 0.5);
    for (let i = 0; i < n; i++) {
      let matches = 0;
      for (let j = 0; j < cols; j++) {
        const predicted = round(yp[i * cols + j]) > threshold ? 1 : 0;
        if (yt[i * cols + j] === predicted) matches++;
      }
      // float32 mean over the last axis: the float32 sum of 0/1 is exact, then one float32 division
      total += Math.fround(matches / cols);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const predicted = argmax(yp, i * cols, cols, round);
      const truth = kind === 'categorical_accuracy' ? argmax(yt, i * cols, cols, identity) : yt[i];
      if (truth === predicted) total += 1;
    }
  }
  state.total += total;
  state.rows += n;
  return state;
}

export function mergeKerasAccuracy(a: KerasAccuracyState, b: KerasAccuracyState): KerasAccuracyState {
  if (a.options.kind !== b.options.kind || a.options.cols !== b.options.cols) {
    throw new MetricError('incompatible-accumulators', 'cannot merge Keras accuracy states of different metrics or widths');
  }
  return { kind: 'keras_accuracy', options: a.options, rows: a.rows + b.rows, total: a.total + b.total, error: keepFirstError(a.error, b.error) };
}

export function finalizeKerasAccuracy(state: KerasAccuracyState): ScoreResult {
  if (state.error) raise(state.error);
  if (state.rows === 0) return { value: 0, warnings: [] };
  const total = Math.fround(state.total);
  const count = Math.fround(state.rows);
  return { value: Math.fround(total / count), warnings: [] };
}
