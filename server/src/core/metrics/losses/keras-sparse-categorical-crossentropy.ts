/**
 * keras.losses.SparseCategoricalCrossentropy (Keras 3, TensorFlow backend), as a streaming, mergeable
 * accumulator.
 *
 *   probabilities: zₖ = log clip(pₖ, 1e-7, 1 − 1e-7)        (TensorFlow backend; see below)
 *   from_logits:   zₖ = xₖ
 *   ℓ = log Σⱼ e^(zⱼ − m) − (z_y − m),  m = maxⱼ zⱼ          (tf.nn.sparse_softmax_cross_entropy_with_logits)
 *   loss = (1/n) Σᵢ ℓᵢ;  with ignore_class c: (1/|V|) Σ_{i∈V} ℓᵢ over V = {i : yᵢ ≠ c}, 0 when V = ∅
 *
 * API
 *   interface SparseCategoricalCrossentropyOptions {
 *     nClasses: number;              K, the columns of y_pred
 *     fromLogits?: boolean;          default false
 *     ignoreClass?: number | null;   a label value whose samples are left out (−1, 255, or a class);
 *                                    default null. There is no label_smoothing (Keras has none here).
 *     floatx?: KerasFloatx;          default 'float32'
 *   }
 *   createSparseCategoricalCrossentropy(options): SparseCategoricalCrossentropyState
 *   updateSparseCategoricalCrossentropy(state, chunk): state   chunk.yTrue: n class indices;
 *                                                              chunk.yPred: n × K row-major
 *   mergeSparseCategoricalCrossentropy(a, b): state
 *   finalizeSparseCategoricalCrossentropy(state): LossResult
 *   sparseCategoricalCrossentropy(yTrue, yPred, options): LossResult     one-shot
 *
 * Semantics (keras/src/losses/losses.py sparse_categorical_crossentropy, keras/src/backend/tensorflow/
 * nn.py sparse_categorical_crossentropy, keras/src/losses/loss.py apply_mask):
 *   - With probabilities the TensorFlow backend clips and takes the log, then applies a softmax
 *     cross-entropy to those log-probabilities, i.e. ℓ = −log clip(p_y) + log Σⱼ clip(pⱼ): rows are
 *     renormalised AFTER clipping. The JAX, torch and numpy backends instead divide by the row sum
 *     first, then clip (−log clip(p_y / Σ p)). The two agree on normalised rows to about K·1e-7
 *     absolute (they differ only through the clip), and exactly in exact arithmetic when nothing is
 *     clipped. This module follows the TensorFlow backend, Keras's default.
 *   - ignore_class: rows whose label equals it get loss 0 and a mask; the default reduction
 *     (sum_over_batch_size) then weights the other rows by n / |V| and divides by n — the mean over the
 *     valid rows. With every row ignored the loss is 0 (divide_no_nan), not NaN.
 *   - A label (not ignored) outside 0..K−1 or not an integer is a 'label-out-of-range' error (the
 *     TensorFlow kernel raises "Received a label value of … which is outside the valid range").
 *   - NaN/±∞ in y_true or in a valid row of y_pred: 'non-finite-value' error (ignored rows' predictions
 *     are replaced by zeros in Keras, so they are not checked).
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
import { addRecord, fmt, rowName, rowsOf, type LossChunk, type LossResult } from './types';

export interface SparseCategoricalCrossentropyOptions {
  readonly nClasses: number;
  readonly fromLogits?: boolean;
  readonly ignoreClass?: number | null;
  readonly floatx?: KerasFloatx;
}

export type SparseCategoricalCrossentropyState = KerasLossState<Required<SparseCategoricalCrossentropyOptions>>;

export function createSparseCategoricalCrossentropy(
  options: SparseCategoricalCrossentropyOptions,
): SparseCategoricalCrossentropyState {
  const opts: Required<SparseCategoricalCrossentropyOptions> = {
    fromLogits: false,
    ignoreClass: null,
    floatx: 'float32',
    ...options,
  };
  return createKerasState('sparse_categorical_crossentropy', opts);
}

export function updateSparseCategoricalCrossentropy(
  state: SparseCategoricalCrossentropyState,
  chunk: LossChunk,
): SparseCategoricalCrossentropyState {
  const { nClasses: K, fromLogits, ignoreClass, floatx } = state.options;
  const rowStart = chunk.rowStart ?? 0;
  const n = rowsOf(chunk, K);
  if (K < 1 || n < 0 || chunk.yTrue.length !== n) {
    addRecord(state.records, {
      severity: 'error',
      code: 'length-mismatch',
      message: lengthMismatchMessage(
        'sparse_categorical_crossentropy',
        rowStart,
        chunk.yTrue.length,
        chunk.yPred.length,
        `1 and ${K} columns`,
      ),
      row: rowStart,
      count: 1,
    });
    return state;
  }
  const r = kerasRounder(floatx);
  const { lo, hi } = clipBounds(floatx);
  // valid_mask = y_true != cast(ignore_class, floatx)
  const ignore = ignoreClass === null ? NaN : r(ignoreClass);
  const yt = chunk.yTrue;
  const yp = chunk.yPred;
  const z = new Float64Array(K);
  // The rows' terms, summed exactly at the end of the chunk (addMany).
  const terms = termBuffer(n);
  let nt = 0;
  let valid = 0;
  let badRow = -1;
  let badCount = 0;
  let badValue = 0;
  let badWhat: 'y_true' | 'y_pred' = 'y_pred';
  let labelRow = -1;
  let labelCount = 0;
  let labelValue = 0;

  for (let i = 0; i < n; i++) {
    const y = r(yt[i]);
    if (y === ignore) continue; // masked: loss 0, weight 0
    valid++;
    if (!Number.isFinite(y)) {
      if (badCount++ === 0) (badRow = i), (badWhat = 'y_true'), (badValue = y);
      continue;
    }
    if (!(Number.isInteger(y) && y >= 0 && y < K)) {
      if (labelCount++ === 0) (labelRow = i), (labelValue = y);
      continue;
    }
    const base = i * K;
    let bad = false;
    if (!fromLogits) {
      // log_softmax(log clip(p))_y = log clip(p_y) − log Σₖ clip(pₖ): the same value with 2 logs instead of
      // K logs and K exps (TensorFlow's float32 evaluation order differs by a few float32 ulps, < 1e-6).
      let total = 0;
      for (let k = 0; k < K; k++) {
        const p = yp[base + k];
        if (!Number.isFinite(p)) {
          if (badCount === 0) (badRow = i), (badWhat = 'y_pred'), (badValue = p);
          bad = true;
          break;
        }
        const v = r(p);
        total = r(total + (v < lo ? lo : v > hi ? hi : v));
      }
      if (bad) {
        badCount++;
        continue;
      }
      const py = r(yp[base + y]);
      const loss = r(r(Math.log(total)) - r(Math.log(py < lo ? lo : py > hi ? hi : py)));
      terms[nt++] = loss;
      continue;
    }
    let m = -Infinity;
    for (let k = 0; k < K; k++) {
      const p = yp[base + k];
      if (!Number.isFinite(p)) {
        if (!bad && badCount === 0) (badRow = i), (badWhat = 'y_pred'), (badValue = p);
        bad = true;
        break;
      }
      const v = r(p);
      z[k] = v;
      if (v > m) m = v;
    }
    if (bad) {
      badCount++;
      continue;
    }
    let se = 0;
    for (let k = 0; k < K; k++) se = r(se + r(Math.exp(r(z[k] - m))));
    const loss = r(r(Math.log(se)) - r(z[y] - m));
    terms[nt++] = loss;
  }
  addMany(state.sum, terms, nt);
  commitChunk(state, { rowStart, rows: n, valid: valid }, { row: badRow, count: badCount, what: badWhat, value: badValue });
  addRowsRecord(
    state.records,
    'error',
    'label-out-of-range',
    rowStart + labelRow,
    labelCount,
    `${rowName(rowStart + labelRow)}: the label ${fmt(labelValue)} is not a class index in 0..${K - 1}` +
      (ignoreClass === null ? '' : ` (nor the ignore_class ${ignoreClass})`) +
      ` (Keras: "Received a label value of ${fmt(labelValue)} which is outside the valid range of [0, ${K})")`,
    labelValue,
  );
  return state;
}

export function mergeSparseCategoricalCrossentropy(
  a: SparseCategoricalCrossentropyState,
  b: SparseCategoricalCrossentropyState,
): SparseCategoricalCrossentropyState {
  return mergeKerasStates(a, b);
}

export function finalizeSparseCategoricalCrossentropy(state: SparseCategoricalCrossentropyState): LossResult {
  return finalizeKeras(state, state.options.ignoreClass !== null);
}

export function sparseCategoricalCrossentropy(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: SparseCategoricalCrossentropyOptions,
): LossResult {
  const state = createSparseCategoricalCrossentropy(options);
  updateSparseCategoricalCrossentropy(state, { yTrue, yPred });
  return finalizeSparseCategoricalCrossentropy(state);
}
