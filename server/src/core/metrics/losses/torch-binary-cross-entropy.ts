/**
 * torch.nn.BCELoss (F.binary_cross_entropy) and torch.nn.BCEWithLogitsLoss (F.binary_cross_entropy_with_logits),
 * in float32 as ATen's CPU kernels compute them (aten/src/ATen/native/Loss.cpp; PyTorch 2.x).
 *
 * API
 *   createTorchBce(options) / createTorchBceWithLogits(options): TorchBinaryState
 *   updateTorchBinary(state, chunk)      y_true and y_pred: n × width (width 1: one value per row), same shape
 *   mergeTorchBinary(a, b), finalizeTorchBinary(state): LossResult at options.reduction
 *
 * Semantics (element-wise, then reduced over every element: mean = Σ / (n·width))
 *   BCELoss:            ℓ = (t − 1)·max(log1p(−p), −100) − t·max(log p, −100)   (the log is clamped at −100)
 *                       p or t outside [0, 1] (NaN included): RuntimeError "all elements of input should be
 *                       between 0 and 1" ("… of target …")
 *   BCEWithLogitsLoss:  log σ(x) = min(x, 0) − log1p(e^(−|x|));  with pos_weight: log σ(x)·((pw − 1)·t + 1)
 *                       ℓ = (1 − t)·x − that
 *   weight (both):      ℓ·w, w broadcast over the last dimension (one per column, or one for all)
 *   reduction 'none':   one loss per element; xent reports their mean (the value equals 'mean').
 */

import { SumBatch } from './exact-sum';
import { nonFiniteMessage } from './keras-common';
import { beginChunk, createTorchState, endChunk, float32s, mergeTorchStates, torchSum, type TorchLossState, type TorchReduction } from './torch-common';
import { addRecord, hasError, rowName, rowsOf, sortRecords, type LossChunk, type LossResult } from './types';

/** float32 rounding, local: a call through an imported binding costs a property read per operation. */
const f = Math.fround;

export interface TorchBinaryOptions {
  /** Columns per row: 1 for a binary task's one value per sample, L for L labels. */
  readonly width: number;
  /** One per column, or a single value for all. */
  readonly weight?: readonly number[] | null;
  /** BCEWithLogitsLoss only: one per column, or a single value for all. */
  readonly posWeight?: readonly number[] | null;
  readonly reduction?: TorchReduction;
}

interface Resolved {
  readonly width: number;
  readonly input: 'probabilities' | 'logits';
  readonly weight: number[] | null;
  readonly posWeight: number[] | null;
  readonly reduction: TorchReduction;
}

export type TorchBinaryState = TorchLossState<Resolved>;

export function createTorchBce(o: TorchBinaryOptions): TorchBinaryState {
  return createTorchState('torch_bce', resolve({ ...o, posWeight: null }, 'probabilities'));
}

export function createTorchBceWithLogits(o: TorchBinaryOptions): TorchBinaryState {
  return createTorchState('torch_bce_with_logits', resolve(o, 'logits'));
}

function resolve(o: TorchBinaryOptions, input: Resolved['input']): Resolved {
  if (!Number.isInteger(o.width) || o.width < 1) throw new Error(`width must be a positive integer, not ${o.width}`);
  return {
    width: o.width,
    input,
    weight: float32s(o.weight ?? undefined) ?? null,
    posWeight: float32s(o.posWeight ?? undefined) ?? null,
    reduction: o.reduction ?? 'mean',
  };
}

/** The value a per-column parameter gives column c (a single value broadcasts). */
function column(values: number[], c: number): number {
  return values.length === 1 ? values[0] : values[c];
}

export function updateTorchBinary(state: TorchBinaryState, chunk: LossChunk): TorchBinaryState {
  const o = state.options;
  const w = o.width;
  const rowStart = chunk.rowStart ?? 0;
  const n = rowsOf(chunk, w);
  if (n < 0 || chunk.yTrue.length !== n * w) {
    addRecord(state.records, {
      severity: 'error',
      code: 'length-mismatch',
      message: `${state.kind}, chunk at ${rowName(rowStart)}: y_true has ${chunk.yTrue.length} values and y_pred ${chunk.yPred.length}, which do not make whole rows of ${w}`,
      row: rowStart,
      count: 1,
    });
    return state;
  }
  beginChunk(state, rowStart);
  const total = new SumBatch(state.total);
  // Parameters that cannot broadcast are refused at the end (the message names the shapes); skip the sums.
  const usable = shapeError(o, 1) === undefined;
  for (let i = 0; i < n; i++) {
    const row = rowStart + i;
    for (let c = 0; c < w; c++) {
      const x = f(chunk.yPred[i * w + c]);
      const t = f(chunk.yTrue[i * w + c]);
      let loss: number;
      if (o.input === 'probabilities') {
        if (!(x >= 0 && x <= 1)) {
          addRecord(state.records, { severity: 'error', code: 'probability-out-of-range', message: `${rowName(row)}: y_pred holds ${chunk.yPred[i * w + c]}: all elements of input should be between 0 and 1`, row, count: 1, value: x });
          break;
        }
        if (!(t >= 0 && t <= 1)) {
          addRecord(state.records, { severity: 'error', code: 'label-out-of-range', message: `${rowName(row)}: y_true holds ${chunk.yTrue[i * w + c]}: all elements of target should be between 0 and 1`, row, count: 1, value: t });
          break;
        }
        loss = f(f(f(t - 1) * Math.max(f(Math.log1p(-x)), -100)) - f(t * Math.max(f(Math.log(x)), -100)));
      } else {
        if (!Number.isFinite(x) || !Number.isFinite(t)) {
          const what = Number.isFinite(x) ? 'y_true' : 'y_pred';
          const v = what === 'y_pred' ? x : t;
          addRecord(state.records, { severity: 'error', code: 'non-finite-value', message: nonFiniteMessage(row, what, v), row, count: 1, value: v });
          break;
        }
        let logSigmoid = f(Math.min(x, 0) - f(Math.log1p(f(Math.exp(-Math.abs(x))))));
        if (o.posWeight && usable) logSigmoid = f(logSigmoid * f(f(f(column(o.posWeight, c) - 1) * t) + 1));
        loss = f(f(f(1 - t) * x) - logSigmoid);
      }
      if (o.weight && usable) loss = f(loss * column(o.weight, c));
      total.push(loss);
    }
  }
  total.done();
  state.elements += n * w;
  endChunk(state, rowStart, n);
  return state;
}

/** PyTorch's broadcasting error for a weight or pos_weight of the wrong length, if any. */
function shapeError(o: Resolved, rows: number): string | undefined {
  const shape = o.width === 1 ? `[${rows}]` : `[${rows}, ${o.width}]`;
  const dim = o.width === 1 ? 0 : 1;
  // A one-column y_pred is the tensor (n,): its last dimension is the rows.
  const last = o.width === 1 ? rows : o.width;
  const fits = (v: number[] | null) => !v || v.length === 1 || v.length === last;
  if (o.posWeight && !fits(o.posWeight)) {
    return `The size of tensor a (${o.posWeight.length}) must match the size of tensor b (${last}) at non-singleton dimension ${dim}`;
  }
  if (o.weight && !fits(o.weight)) {
    return o.input === 'logits'
      ? `The size of tensor a (${last}) must match the size of tensor b (${o.weight.length}) at non-singleton dimension ${dim}`
      : `Attempting to broadcast a dimension of length ${o.weight.length} at -1! Mismatching argument at index 1 had torch.Size([${o.weight.length}]); but expected shape should be broadcastable to ${shape}`;
  }
  // One value per row of a one-column y_pred would broadcast in PyTorch; xent reads these lists per column.
  if (o.width === 1 && ((o.posWeight && o.posWeight.length > 1) || (o.weight && o.weight.length > 1))) {
    return `a one-column y_pred takes a single ${o.posWeight && o.posWeight.length > 1 ? 'pos_weight' : 'weight'} (xent does not apply one per sample)`;
  }
  return undefined;
}

export function mergeTorchBinary(a: TorchBinaryState, b: TorchBinaryState): TorchBinaryState {
  return mergeTorchStates(a, b);
}

export function finalizeTorchBinary(state: TorchBinaryState): LossResult {
  const records = [...state.records];
  const shape = shapeError(state.options, state.rows);
  if (shape && !hasError(records)) addRecord(records, { severity: 'error', code: 'length-mismatch', message: shape, row: -1, count: 1 });
  if (state.rows === 0 && !hasError(records)) {
    addRecord(records, { severity: 'error', code: 'empty-input', message: `${state.kind} of no samples is undefined`, row: -1, count: 1 });
  }
  const sorted = sortRecords(records);
  if (hasError(sorted)) return { value: null, rows: state.rows, records: sorted };
  const total = torchSum(state.total);
  const value = state.options.reduction === 'sum' ? total : f(total / state.elements);
  return { value, rows: state.rows, records: sorted };
}
