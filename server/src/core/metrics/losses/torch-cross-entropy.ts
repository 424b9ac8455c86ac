/**
 * torch.nn.CrossEntropyLoss (F.cross_entropy) and torch.nn.NLLLoss (F.nll_loss), in float32 as ATen's CPU
 * kernels compute them (aten/src/ATen/native/LossNLL.cpp, Loss.cpp; PyTorch 2.x).
 *
 * API
 *   createTorchCrossEntropy(options) / createTorchNllLoss(options): TorchCrossEntropyState
 *   updateTorchCrossEntropy(state, chunk)    y_true: n class indices (targets 'indices') or n × K rows
 *                                            (targets 'probabilities'); y_pred: n × K logits (cross_entropy)
 *                                            or log-probabilities (nll_loss)
 *   mergeTorchCrossEntropy(a, b), finalizeTorchCrossEntropy(state): LossResult at options.reduction
 *
 * Semantics
 *   log_softmax (cross_entropy only): m = max x; s = Σ exp(x − m); log p_c = (x_c − m) − log s.
 *   Index targets, nll: ℓᵢ = −w[yᵢ]·log p_{i,yᵢ}; rows with yᵢ = ignore_index count nothing.
 *     mean = Σ ℓᵢ / Σ_{i valid} w[yᵢ] (the number of valid rows without weight): all rows ignored → 0/0 = nan.
 *     A target outside [0, K) that is not ignore_index: IndexError "Target 5 is out of bounds.".
 *   Label smoothing s (index targets): (1 − s)·nll + (s/K)·smooth, smooth = Σᵢ −Σ_c w_c·log p_{i,c} over the
 *     valid rows, reduced as nll (mean: divided by Σ w[yᵢ] of the valid rows, or their count).
 *   Probability targets t (rows): t' = t·(1 − s) + s/K; ℓᵢ = −Σ_c log p_{i,c}·t'_c·w_c;
 *     mean = Σ ℓᵢ / N (N, not the weights: PyTorch's prob-target path).
 */

import { nonFiniteMessage } from './keras-common';
import {
  beginChunk,
  cascadeAdd,
  torchSums,
  createTorchState,
  endChunk,
  float32s,
  mergeTorchStates,
  nllTotals,
  torchSum,
  type TorchLossState,
  type TorchReduction,
} from './torch-common';
import { addRecord, hasError, rowName, rowsOf, sortRecords, type LossChunk, type LossResult } from './types';

/** float32 rounding, local: a call through an imported binding costs a property read per operation. */
const f = Math.fround;

export interface TorchCrossEntropyOptions {
  readonly nClasses: number;
  /** 'indices': one class index per row; 'probabilities': rows of K class probabilities. */
  readonly targets: 'indices' | 'probabilities';
  readonly weight?: readonly number[] | null;
  readonly ignoreIndex?: number;
  readonly labelSmoothing?: number;
  readonly reduction?: TorchReduction;
}

export interface TorchNllLossOptions {
  readonly nClasses: number;
  readonly weight?: readonly number[] | null;
  readonly ignoreIndex?: number;
  readonly reduction?: TorchReduction;
}

interface Resolved {
  readonly nClasses: number;
  readonly targets: 'indices' | 'probabilities';
  /** y_pred holds logits (cross_entropy applies log_softmax) or log-probabilities (nll_loss). */
  readonly input: 'logits' | 'log-probabilities';
  readonly weight: number[] | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;
  readonly reduction: TorchReduction;
}

export type TorchCrossEntropyState = TorchLossState<Resolved>;

export function createTorchCrossEntropy(o: TorchCrossEntropyOptions): TorchCrossEntropyState {
  return createTorchState('torch_cross_entropy', resolve(o, 'logits'));
}

export function createTorchNllLoss(o: TorchNllLossOptions): TorchCrossEntropyState {
  return createTorchState('torch_nll_loss', resolve({ ...o, targets: 'indices' }, 'log-probabilities'));
}

function resolve(o: TorchCrossEntropyOptions, input: Resolved['input']): Resolved {
  if (!Number.isInteger(o.nClasses) || o.nClasses < 1) throw new Error(`nClasses must be a positive integer, not ${o.nClasses}`);
  if (o.weight && o.weight.length !== o.nClasses) {
    throw new Error(`weight tensor should be defined either for all ${o.nClasses} classes or no classes but got weight tensor of shape: [${o.weight.length}]`);
  }
  return {
    nClasses: o.nClasses,
    targets: o.targets,
    input,
    weight: float32s(o.weight ?? undefined) ?? null,
    ignoreIndex: o.ignoreIndex ?? -100,
    // PyTorch smooths only when label_smoothing > 0 (a negative value is no smoothing).
    labelSmoothing: o.labelSmoothing !== undefined && o.labelSmoothing > 0 ? o.labelSmoothing : 0,
    reduction: o.reduction ?? 'mean',
  };
}

/** Row i's log-probabilities, in float32 (log_softmax of logits, or the log-probabilities as given). */
function logProbs(o: Resolved, yPred: ArrayLike<number>, offset: number, out: Float64Array): void {
  const k = o.nClasses;
  if (o.input === 'log-probabilities') {
    for (let c = 0; c < k; c++) out[c] = f(yPred[offset + c]);
    return;
  }
  let m = -Infinity;
  for (let c = 0; c < k; c++) {
    const x = f(yPred[offset + c]);
    out[c] = x;
    if (x > m || Number.isNaN(x)) m = x;
  }
  let s = 0;
  for (let c = 0; c < k; c++) s = f(s + f(Math.exp(f(out[c] - m))));
  const lse = f(Math.log(s));
  for (let c = 0; c < k; c++) out[c] = f(f(out[c] - m) - lse);
}

export function updateTorchCrossEntropy(state: TorchCrossEntropyState, chunk: LossChunk): TorchCrossEntropyState {
  const o = state.options;
  const k = o.nClasses;
  const rowStart = chunk.rowStart ?? 0;
  const n = rowsOf(chunk, k);
  const trueWidth = o.targets === 'indices' ? 1 : k;
  if (n < 0 || chunk.yTrue.length !== n * trueWidth) {
    addRecord(state.records, {
      severity: 'error',
      code: 'length-mismatch',
      message: `${state.kind}, chunk at ${rowName(rowStart)}: y_true has ${chunk.yTrue.length} values and y_pred ${chunk.yPred.length}, which do not make whole rows of ${trueWidth} and ${k}`,
      row: rowStart,
      count: 1,
    });
    return state;
  }
  beginChunk(state, rowStart);
  const lp = new Float64Array(k);
  const s = o.labelSmoothing;
  const keep = f(1 - s);
  const share = f(s / k);
  const sums = torchSums(state);
  for (let i = 0; i < n; i++) {
    const row = rowStart + i;
    const bad = firstNonFinite(chunk.yPred, i * k, k);
    if (bad !== undefined) {
      addRecord(state.records, { severity: 'error', code: 'non-finite-value', message: nonFiniteMessage(row, 'y_pred', bad), row, count: 1, value: bad });
      continue;
    }
    if (o.targets === 'probabilities') {
      logProbs(o, chunk.yPred, i * k, lp);
      let rowSum = 0;
      for (let c = 0; c < k; c++) {
        const t = f(chunk.yTrue[i * k + c]);
        const target = s > 0 ? f(f(t * keep) + share) : t;
        let p = f(lp[c] * target);
        if (o.weight) p = f(p * o.weight[c]);
        sums.total.push(p);
        rowSum = f(rowSum + p);
      }
      sums.perSample.push(f(-rowSum));
      state.valid++;
      continue;
    }
    const y = chunk.yTrue[i];
    if (y === o.ignoreIndex) continue; // nll: ignored rows add nothing (0 under reduction 'none')
    if (!Number.isInteger(y)) {
      addRecord(state.records, { severity: 'error', code: 'label-out-of-range', message: `${rowName(row)}: y_true holds ${y}: expected target dtype to be Long or Byte, but got Float`, row, count: 1, value: y });
      continue;
    }
    if (y < 0 || y >= k) {
      addRecord(state.records, { severity: 'error', code: 'label-out-of-range', message: `${rowName(row)}: Target ${y} is out of bounds.`, row, count: 1, value: y });
      continue;
    }
    logProbs(o, chunk.yPred, i * k, lp);
    const w = o.weight ? o.weight[y] : 1;
    const x = lp[y];
    cascadeAdd(state, sums, row, o.weight ? f(x * w) : x, o.weight ? w : 0);
    state.valid++;
    let perSample = f(-x * w);
    if (s > 0) {
      let smooth = 0;
      for (let c = 0; c < k; c++) smooth = f(smooth + (o.weight ? f(lp[c] * o.weight[c]) : lp[c]));
      smooth = f(-smooth);
      sums.total.push(smooth);
      if (o.weight) sums.smoothWeight.push(w);
      perSample = f(f(keep * perSample) + f(smooth * share));
    }
    sums.perSample.push(perSample);
  }
  sums.done();
  endChunk(state, rowStart, n);
  return state;
}

function firstNonFinite(a: ArrayLike<number>, offset: number, width: number): number | undefined {
  for (let c = 0; c < width; c++) if (!Number.isFinite(a[offset + c])) return a[offset + c];
  return undefined;
}

export function mergeTorchCrossEntropy(a: TorchCrossEntropyState, b: TorchCrossEntropyState): TorchCrossEntropyState {
  return mergeTorchStates(a, b);
}

export function finalizeTorchCrossEntropy(state: TorchCrossEntropyState): LossResult {
  const records = [...state.records];
  if (state.rows === 0 && !hasError(records)) {
    addRecord(records, { severity: 'error', code: 'empty-input', message: `${state.kind} of no samples is undefined`, row: -1, count: 1 });
  }
  const sorted = sortRecords(records);
  if (hasError(sorted)) return { value: null, rows: state.rows, records: sorted };
  return { value: reduceCrossEntropy(state), rows: state.rows, records: sorted };
}

function reduceCrossEntropy(state: TorchCrossEntropyState): number {
  const o = state.options;
  const n = state.rows;
  if (o.reduction === 'none') return f(torchSum(state.perSample) / n); // the mean of the per-sample losses
  if (o.targets === 'probabilities') {
    const total = f(-torchSum(state.total));
    return o.reduction === 'sum' ? total : f(total / n);
  }
  const nll = nllTotals(state);
  const divisor = o.weight ? nll.weight : f(state.valid);
  const nllReduced = o.reduction === 'sum' ? nll.loss : f(nll.loss / divisor);
  const s = o.labelSmoothing;
  if (s <= 0) return nllReduced;
  const smooth = torchSum(state.total);
  const smoothReduced = o.reduction === 'sum' ? smooth : f(smooth / (o.weight ? torchSum(state.smoothWeight) : f(state.valid)));
  return f(f(f(1 - s) * nllReduced) + f(smoothReduced * f(s / o.nClasses)));
}
