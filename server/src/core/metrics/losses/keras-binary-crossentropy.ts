/**
 * keras.losses.BinaryCrossentropy (Keras 3, TensorFlow backend), as a streaming, mergeable accumulator.
 *
 *   t = y·(1 − s) + 0.5·s                                     (label_smoothing s; t = y when s = 0)
 *   probabilities: o = clip(p, 1e-7, 1 − 1e-7);  ℓ = −(t·log o + (1 − t)·log(1 − o))
 *   from_logits:   ℓ = max(x, 0) − x·t + log(1 + e^(−|x|))     (tf.nn.sigmoid_cross_entropy_with_logits)
 *   per sample:    ℓᵢ = (1/L) Σₗ ℓᵢₗ  (mean over the last axis);  loss = (1/n) Σᵢ ℓᵢ
 *
 * API
 *   interface BinaryCrossentropyOptions {
 *     width?: number;            L, the values per sample (1 for a binary task, the number of labels for
 *                                multilabel; a 1-D y_pred is width 1). Default 1.
 *     fromLogits?: boolean;      default false
 *     labelSmoothing?: number;   s in [0, 1], default 0
 *     floatx?: KerasFloatx;      'float32' (Keras's default floatx) | 'float64'; default 'float32'
 *   }
 *   createBinaryCrossentropy(options?): BinaryCrossentropyState
 *   updateBinaryCrossentropy(state, chunk): state       chunk.yTrue and chunk.yPred: n × L row-major
 *                                                       (targets may be soft, in [0, 1])
 *   mergeBinaryCrossentropy(a, b): state
 *   finalizeBinaryCrossentropy(state): LossResult
 *   binaryCrossentropy(yTrue, yPred, options?): LossResult     one-shot
 *
 * Exactly as keras/src/losses/losses.py binary_crossentropy + keras/src/backend/tensorflow/nn.py
 * binary_crossentropy: label smoothing before anything; probabilities clipped (so a confident wrong
 * prediction costs at most −log(1e-7) ≈ 16.118, in float32 −log(1.1920929e-7) ≈ 15.942 for p = 1
 * against y = 0, because 1 − 1e-7 rounds to 1 − 2⁻²³ in float32); logits NOT clipped (the stable form
 * above grows linearly: logit −40 for a positive costs 40). The numpy backend differs here (it applies
 * a sigmoid, then clips); the JAX and torch backends use stable forms equal to this one up to rounding.
 * Records: 'non-finite-value' (NaN/±∞ in y_true or y_pred: Keras would return NaN) is an error; no range
 * checks on probabilities (Keras has none; log_loss reports them).
 */

import { addMany, termBuffer } from './exact-sum';
import {
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
import { addRecord, rowsOf, type LossChunk, type LossResult } from './types';

export interface BinaryCrossentropyOptions {
  readonly width?: number;
  readonly fromLogits?: boolean;
  readonly labelSmoothing?: number;
  readonly floatx?: KerasFloatx;
}

export type BinaryCrossentropyState = KerasLossState<Required<BinaryCrossentropyOptions>>;

export function createBinaryCrossentropy(options: BinaryCrossentropyOptions = {}): BinaryCrossentropyState {
  const opts: Required<BinaryCrossentropyOptions> = {
    width: 1,
    fromLogits: false,
    labelSmoothing: 0,
    floatx: 'float32',
    ...options,
  };
  return createKerasState('binary_crossentropy', opts);
}

export function updateBinaryCrossentropy(state: BinaryCrossentropyState, chunk: LossChunk): BinaryCrossentropyState {
  const { width: L, fromLogits, labelSmoothing: s, floatx } = state.options;
  const rowStart = chunk.rowStart ?? 0;
  const n = rowsOf(chunk, L);
  if (n < 0 || chunk.yTrue.length !== n * L) {
    addRecord(state.records, {
      severity: 'error',
      code: 'length-mismatch',
      message: lengthMismatchMessage('binary_crossentropy', rowStart, chunk.yTrue.length, chunk.yPred.length, `${L} column(s)`),
      row: rowStart,
      count: 1,
    });
    return state;
  }
  const r = kerasRounder(floatx);
  const { lo, hi } = clipBounds(floatx);
  // label_smoothing: y_true * (1.0 - s) + 0.5 * s, the Python floats cast to floatx
  const keep = r(1 - s);
  const add = r(0.5 * s);
  const smooth = s !== 0;
  const yt = chunk.yTrue;
  const yp = chunk.yPred;
  // The rows' terms, summed exactly at the end of the chunk (addMany).
  const terms = termBuffer(n);
  let nt = 0;
  let badRow = -1;
  let badCount = 0;
  let badValue = 0;
  let badWhat: 'y_true' | 'y_pred' = 'y_pred';

  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    let bad = false;
    for (let l = 0; l < L; l++) {
      const j = i * L + l;
      const y = yt[j];
      const p = yp[j];
      if (!Number.isFinite(y) || !Number.isFinite(p)) {
        if (!bad && badCount === 0) {
          badRow = i;
          badWhat = Number.isFinite(y) ? 'y_pred' : 'y_true';
          badValue = Number.isFinite(y) ? p : y;
        }
        bad = true;
        continue;
      }
      let t = r(y);
      if (smooth) t = r(r(t * keep) + add);
      let e: number;
      if (fromLogits) {
        // relu(x) − x·t + log1p(exp(−|x|))
        const x = r(p);
        const relu = x >= 0 ? x : 0;
        const negAbs = x >= 0 ? -x : x;
        e = r(r(relu - r(x * t)) + r(Math.log1p(r(Math.exp(negAbs)))));
      } else {
        let o = r(p);
        o = o < lo ? lo : o > hi ? hi : o;
        // o and 1 − o lie in [1e-7, 1]: the logs are finite, so a term whose factor is 0 is exactly 0
        const a = t === 0 ? 0 : r(t * r(Math.log(o)));
        const b = t === 1 ? 0 : r(r(1 - t) * r(Math.log(r(1 - o))));
        e = -r(a + b);
      }
      rowSum = r(rowSum + e);
    }
    if (bad) {
      badCount++;
      continue;
    }
    const loss = L === 1 ? rowSum : r(rowSum / L);
    terms[nt++] = loss;
  }
  addMany(state.sum, terms, nt);
  commitChunk(state, { rowStart, rows: n, valid: n }, { row: badRow, count: badCount, what: badWhat, value: badValue });
  return state;
}

export function mergeBinaryCrossentropy(a: BinaryCrossentropyState, b: BinaryCrossentropyState): BinaryCrossentropyState {
  return mergeKerasStates(a, b);
}

export function finalizeBinaryCrossentropy(state: BinaryCrossentropyState): LossResult {
  return finalizeKeras(state, false);
}

export function binaryCrossentropy(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: BinaryCrossentropyOptions = {},
): LossResult {
  const state = createBinaryCrossentropy(options);
  updateBinaryCrossentropy(state, { yTrue, yPred });
  return finalizeBinaryCrossentropy(state);
}
