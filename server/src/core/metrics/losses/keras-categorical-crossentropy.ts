/**
 * keras.losses.CategoricalCrossentropy (Keras 3, TensorFlow backend), as a streaming, mergeable
 * accumulator.
 *
 *   t = y·(1 − s) + s/K                                   (label_smoothing s)
 *   probabilities: oₖ = clip(pₖ / Σⱼ pⱼ, 1e-7, 1 − 1e-7);  ℓ = −Σₖ tₖ·log oₖ
 *   from_logits:   ℓ = Σₖ tₖ·(log Σⱼ e^(xⱼ − m) − (xₖ − m)),  m = maxⱼ xⱼ   (= −Σₖ tₖ·log_softmax(x)ₖ)
 *   loss = (1/n) Σᵢ ℓᵢ
 *
 * API
 *   interface CategoricalCrossentropyOptions {
 *     nClasses: number;          K, the columns of y_true and y_pred
 *     fromLogits?: boolean;      default false
 *     labelSmoothing?: number;   default 0
 *     floatx?: KerasFloatx;      default 'float32'
 *   }
 *   createCategoricalCrossentropy(options): CategoricalCrossentropyState
 *   updateCategoricalCrossentropy(state, chunk): state   chunk.yTrue, chunk.yPred: n × K row-major
 *                                                        (y_true one-hot or any target distribution)
 *   mergeCategoricalCrossentropy(a, b): state
 *   finalizeCategoricalCrossentropy(state): LossResult
 *   categoricalCrossentropy(yTrue, yPred, options): LossResult     one-shot
 *
 * Exactly as keras/src/losses/losses.py categorical_crossentropy + keras/src/backend/tensorflow/nn.py
 * categorical_crossentropy (probabilities: divide each row by its sum, then clip, then log) and
 * tf.nn.softmax_cross_entropy_with_logits (logits). Unlike log_loss, rows that do not sum to 1 are
 * rescaled, so no rows-not-normalized record here. A row summing to 0 (or with negative values) gives
 * NaN in Keras: reported as a 'non-finite-loss' warning, and the value is NaN as in Keras.
 * NaN/±∞ inputs: 'non-finite-value' error.
 */

import { addMany, termBuffer } from './exact-sum';
import {
  addRowsRecord,
  clipBounds,
  commitChunk,
  createKerasState,
  finalizeKeras,
  kerasRounder,
  lengthMismatchMessage,
  mergeKerasStates,
  type KerasFloatx,
  type KerasLossState,
} from './keras-common';
import { addRecord, rowName, rowsOf, type LossChunk, type LossResult } from './types';

export interface CategoricalCrossentropyOptions {
  readonly nClasses: number;
  readonly fromLogits?: boolean;
  readonly labelSmoothing?: number;
  readonly floatx?: KerasFloatx;
}

export type CategoricalCrossentropyState = KerasLossState<Required<CategoricalCrossentropyOptions>>;

export function createCategoricalCrossentropy(options: CategoricalCrossentropyOptions): CategoricalCrossentropyState {
  const opts: Required<CategoricalCrossentropyOptions> = {
    fromLogits: false,
    labelSmoothing: 0,
    floatx: 'float32',
    ...options,
  };
  return createKerasState('categorical_crossentropy', opts);
}

export function updateCategoricalCrossentropy(
  state: CategoricalCrossentropyState,
  chunk: LossChunk,
): CategoricalCrossentropyState {
  const { nClasses: K, fromLogits, labelSmoothing: s, floatx } = state.options;
  const rowStart = chunk.rowStart ?? 0;
  const n = rowsOf(chunk, K);
  if (K < 1 || n < 0 || chunk.yTrue.length !== n * K) {
    addRecord(state.records, {
      severity: 'error',
      code: 'length-mismatch',
      message: lengthMismatchMessage('categorical_crossentropy', rowStart, chunk.yTrue.length, chunk.yPred.length, `${K} columns`),
      row: rowStart,
      count: 1,
    });
    return state;
  }
  const r = kerasRounder(floatx);
  const { lo, hi } = clipBounds(floatx);
  // y_true * (1.0 - s) + (s / num_classes): 1 − s is a Python float cast to floatx; s / K divides the
  // cast s by K as a floatx tensor.
  const smooth = s !== 0;
  const keep = r(1 - s);
  const add = r(r(s) / r(K));
  const yt = chunk.yTrue;
  const yp = chunk.yPred;
  const t = new Float64Array(K);
  const x = new Float64Array(K);
  // The rows' terms, summed exactly at the end of the chunk (addMany).
  const terms = termBuffer(n);
  let nt = 0;
  let badRow = -1;
  let badCount = 0;
  let badValue = 0;
  let badWhat: 'y_true' | 'y_pred' = 'y_pred';
  let nanRow = -1;
  let nanCount = 0;

  for (let i = 0; i < n; i++) {
    const base = i * K;
    let bad = false;
    for (let k = 0; k < K; k++) {
      const y = yt[base + k];
      const p = yp[base + k];
      if (!bad && (!Number.isFinite(y) || !Number.isFinite(p))) {
        bad = true;
        if (badCount === 0) {
          badRow = i;
          badWhat = Number.isFinite(y) ? 'y_pred' : 'y_true';
          badValue = Number.isFinite(y) ? p : y;
        }
      }
      let tk = r(y);
      if (smooth) tk = r(r(tk * keep) + add);
      t[k] = tk;
      x[k] = r(p);
    }
    if (bad) {
      badCount++;
      continue;
    }
    let acc = 0;
    if (fromLogits) {
      let m = -Infinity;
      for (let k = 0; k < K; k++) if (x[k] > m) m = x[k];
      let se = 0;
      for (let k = 0; k < K; k++) {
        x[k] = r(x[k] - m);
        se = r(se + r(Math.exp(x[k])));
      }
      const lse = r(Math.log(se));
      // a zero target adds 0·(finite) = 0: skipped (exact)
      for (let k = 0; k < K; k++) if (t[k] !== 0) acc = r(acc + r(t[k] * r(lse - x[k])));
    } else {
      let rs = 0;
      for (let k = 0; k < K; k++) rs = r(rs + x[k]);
      // With a finite positive row sum every log below is finite, so a zero target adds exactly 0 and
      // can be skipped (one-hot rows: one log instead of K). Otherwise keep Keras's NaN propagation.
      const skipZeros = rs > 0 && rs < Infinity;
      for (let k = 0; k < K; k++) {
        if (skipZeros && t[k] === 0) continue;
        let o = r(x[k] / rs);
        o = o < lo ? lo : o > hi ? hi : o; // NaN (0/0) passes through, as in tf.clip_by_value
        acc = r(acc + r(t[k] * r(Math.log(o))));
      }
      acc = -acc;
    }
    if (!Number.isFinite(acc) && nanCount++ === 0) nanRow = i;
    terms[nt++] = acc;
  }
  addMany(state.sum, terms, nt);
  commitChunk(state, { rowStart, rows: n, valid: n }, { row: badRow, count: badCount, what: badWhat, value: badValue });
  addRowsRecord(
    state.records,
    'warning',
    'non-finite-loss',
    rowStart + nanRow,
    nanCount,
    `${rowName(rowStart + nanRow)}: the loss is NaN (a predicted row that sums to 0, or holds negative values); Keras returns NaN`,
  );
  return state;
}

export function mergeCategoricalCrossentropy(
  a: CategoricalCrossentropyState,
  b: CategoricalCrossentropyState,
): CategoricalCrossentropyState {
  return mergeKerasStates(a, b);
}

export function finalizeCategoricalCrossentropy(state: CategoricalCrossentropyState): LossResult {
  return finalizeKeras(state, false);
}

export function categoricalCrossentropy(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: CategoricalCrossentropyOptions,
): LossResult {
  const state = createCategoricalCrossentropy(options);
  updateCategoricalCrossentropy(state, { yTrue, yPred });
  return finalizeCategoricalCrossentropy(state);
}
