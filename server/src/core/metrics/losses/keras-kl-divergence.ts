/**
 * keras.losses.KLDivergence (Keras 3, TensorFlow backend), as a streaming, mergeable accumulator.
 *
 *   t = clip(y, 1e-7, 1),  o = clip(p, 1e-7, 1);   ℓ = Σₖ tₖ·log(tₖ / oₖ);   loss = (1/n) Σᵢ ℓᵢ
 *
 * API
 *   interface KlDivergenceOptions { nClasses: number; floatx?: KerasFloatx }   floatx default 'float32'
 *   createKlDivergence(options): KlDivergenceState
 *   updateKlDivergence(state, chunk): state      chunk.yTrue, chunk.yPred: n × K row-major
 *   mergeKlDivergence(a, b): state
 *   finalizeKlDivergence(state): LossResult
 *   klDivergence(yTrue, yPred, options): LossResult     one-shot
 *
 * As keras/src/losses/losses.py kl_divergence: both sides are clipped to [1e-7, 1] — so a 0 in y_true
 * contributes 1e-7·log(1e-7 / o), not 0 (this is NOT the 0·log 0 = 0 convention; see entropy.ts for
 * the exact KL(p‖q)) — and nothing is renormalised. No from_logits, no label_smoothing.
 * NaN/±∞ inputs: 'non-finite-value' error.
 */

import { addMany, termBuffer } from './exact-sum';
import {
  commitChunk,
  createKerasState,
  finalizeKeras,
  KERAS_EPSILON,
  kerasRounder,
  lengthMismatchMessage,
  mergeKerasStates,
  type KerasFloatx,
  type KerasLossState,
} from './keras-common';
import { addRecord, rowsOf, type LossChunk, type LossResult } from './types';

export interface KlDivergenceOptions {
  readonly nClasses: number;
  readonly floatx?: KerasFloatx;
}

export type KlDivergenceState = KerasLossState<Required<KlDivergenceOptions>>;

export function createKlDivergence(options: KlDivergenceOptions): KlDivergenceState {
  return createKerasState('kl_divergence', { floatx: 'float32', ...options } as Required<KlDivergenceOptions>);
}

export function updateKlDivergence(state: KlDivergenceState, chunk: LossChunk): KlDivergenceState {
  const { nClasses: K, floatx } = state.options;
  const rowStart = chunk.rowStart ?? 0;
  const n = rowsOf(chunk, K);
  if (K < 1 || n < 0 || chunk.yTrue.length !== n * K) {
    addRecord(state.records, {
      severity: 'error',
      code: 'length-mismatch',
      message: lengthMismatchMessage('kl_divergence', rowStart, chunk.yTrue.length, chunk.yPred.length, `${K} columns`),
      row: rowStart,
      count: 1,
    });
    return state;
  }
  const r = kerasRounder(floatx);
  const lo = r(KERAS_EPSILON);
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
    const base = i * K;
    let acc = 0;
    let bad = false;
    for (let k = 0; k < K; k++) {
      const y = yt[base + k];
      const p = yp[base + k];
      if (!Number.isFinite(y) || !Number.isFinite(p)) {
        if (badCount === 0) {
          badRow = i;
          badWhat = Number.isFinite(y) ? 'y_pred' : 'y_true';
          badValue = Number.isFinite(y) ? p : y;
        }
        bad = true;
        break;
      }
      let t = r(y);
      t = t < lo ? lo : t > 1 ? 1 : t;
      let o = r(p);
      o = o < lo ? lo : o > 1 ? 1 : o;
      acc = r(acc + r(t * r(Math.log(r(t / o)))));
    }
    if (bad) {
      badCount++;
      continue;
    }
    terms[nt++] = acc;
  }
  addMany(state.sum, terms, nt);
  commitChunk(state, { rowStart, rows: n, valid: n }, { row: badRow, count: badCount, what: badWhat, value: badValue });
  return state;
}

export function mergeKlDivergence(a: KlDivergenceState, b: KlDivergenceState): KlDivergenceState {
  return mergeKerasStates(a, b);
}

export function finalizeKlDivergence(state: KlDivergenceState): LossResult {
  return finalizeKeras(state, false);
}

export function klDivergence(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: KlDivergenceOptions): LossResult {
  const state = createKlDivergence(options);
  updateKlDivergence(state, { yTrue, yPred });
  return finalizeKlDivergence(state);
}
