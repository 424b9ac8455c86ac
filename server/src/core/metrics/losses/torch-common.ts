/**
 * What the PyTorch losses share: float32 emulation, torch's cascade sum (nll_loss), reductions, and the
 * accumulator state (plain data, postMessage-safe).
 *
 * PyTorch computes a float32 tensor's loss in float32: every elementary operation rounds to float32. xent
 * emulates that by rounding after each operation (`f = Math.fround`), in the order ATen's CPU kernels
 * perform them. exp / log / log1p are computed in double and rounded once (correctly rounded float32),
 * where ATen's vectorised kernels (SLEEF, ≤ 1 ulp) may differ by an ulp: the agreement is within a few
 * float32 ulps, bit for bit most of the time (docs/metrics-losses.md, "PyTorch losses").
 *
 * API
 *   f(x)                          Math.fround
 *   type TorchReduction = 'mean' | 'sum' | 'none'
 *   interface TorchLossState      rows, valid, elements, the cascade and the exact sums, records
 *   createTorchState(kind, options), mergeTorchStates(a, b)
 *   torchSums(state): TorchSums   a chunk's batches of terms for the exact sums (done() at the chunk's end)
 *   cascadeAdd(state, sums, row, lossTerm, weightTerm)
 *       nll_loss_out_frame's cascade sum (aten/src/ATen/native/LossNLL.cpp): 8 levels of float32 partial
 *       sums, level j flushed into j + 1 after the rows whose index is a multiple of 16^(j+1) (level_power 4,
 *       which holds below 2^40 rows). Exact when the rows arrive in order (xent's scorer feeds them so);
 *       after a merge of states scored apart, the exact sum (correctly rounded) is used instead.
 *   cascadeTotal(c): number       std::accumulate of the 8 levels, in float32
 *   torchSum(s): number           Tensor.sum() of float32 values: the exact total rounded to float32
 *                                 (ATen's vectorised sum differs from it by a few ulps at most)
 */

import { emptySum, mergeSums, sumValue, SumBatch, type ExactSum } from './exact-sum';
import { mergeRecords, type LossRecord } from './types';

export const f = Math.fround;

export type TorchReduction = 'mean' | 'sum' | 'none';

export type TorchLossKind = 'torch_cross_entropy' | 'torch_nll_loss' | 'torch_bce' | 'torch_bce_with_logits';

const LEVELS = 8;
const LEVEL_STEP = 16;

export interface Cascade {
  readonly loss: number[];
  readonly weight: number[];
}

export interface TorchLossState<O> {
  readonly kind: TorchLossKind;
  readonly options: O;
  /** Samples (rows) seen. */
  rows: number;
  /** Rows whose target is not ignore_index. */
  valid: number;
  /** Loss elements (rows × columns for the binary losses): the divisor of Tensor.mean(). */
  elements: number;
  /** The global row the next in-order chunk starts at, and whether every chunk so far came in order. */
  nextRow: number;
  exact: boolean;
  /** nll_loss's float32 cascade over rows (index targets). */
  cascade: Cascade;
  /** The same sums, exact (used when the chunks did not come in order). */
  nllSum: ExactSum;
  weightSum: ExactSum;
  /** Σ of the per-element losses (probability targets, the binary losses) or of label smoothing's term. */
  total: ExactSum;
  /** Σ of weight[target] over the valid rows (label smoothing's weighted mean). */
  smoothWeight: ExactSum;
  /** Σ of the per-sample losses reduction 'none' returns, for their mean. */
  perSample: ExactSum;
  records: LossRecord[];
}

export function createTorchState<O>(kind: TorchLossKind, options: O): TorchLossState<O> {
  return {
    kind,
    options,
    rows: 0,
    valid: 0,
    elements: 0,
    nextRow: 0,
    exact: true,
    cascade: { loss: new Array<number>(LEVELS).fill(0), weight: new Array<number>(LEVELS).fill(0) },
    nllSum: emptySum(),
    weightSum: emptySum(),
    total: emptySum(),
    smoothWeight: emptySum(),
    perSample: emptySum(),
    records: [],
  };
}

/** A chunk's terms for the state's exact sums (SumBatch), added by done() at the end of the chunk. */
export interface TorchSums {
  readonly nll: SumBatch;
  readonly weight: SumBatch;
  readonly total: SumBatch;
  readonly smoothWeight: SumBatch;
  readonly perSample: SumBatch;
  done(): void;
}

export function torchSums<O>(state: TorchLossState<O>): TorchSums {
  const all = [state.nllSum, state.weightSum, state.total, state.smoothWeight, state.perSample].map((s) => new SumBatch(s));
  const [nll, weight, total, smoothWeight, perSample] = all;
  return { nll, weight, total, smoothWeight, perSample, done: () => all.forEach((b) => b.done()) };
}

/** A chunk continues the cascade only when it starts where the previous one ended. */
export function beginChunk<O>(state: TorchLossState<O>, rowStart: number): void {
  if (rowStart !== state.nextRow) state.exact = false;
}

export function endChunk<O>(state: TorchLossState<O>, rowStart: number, rows: number): void {
  state.nextRow = rowStart + rows;
  state.rows += rows;
}

export function mergeTorchStates<O>(a: TorchLossState<O>, b: TorchLossState<O>): TorchLossState<O> {
  if (a.kind !== b.kind || JSON.stringify(a.options) !== JSON.stringify(b.options)) {
    throw new Error(`merge ${a.kind}: the two accumulators were created with different options`);
  }
  const merged = createTorchState(a.kind, { ...a.options });
  merged.rows = a.rows + b.rows;
  merged.valid = a.valid + b.valid;
  merged.elements = a.elements + b.elements;
  merged.nextRow = Math.max(a.nextRow, b.nextRow);
  // One cascade cannot be continued by another one's partial sums: the merged total is the exact one.
  merged.exact = (a.rows === 0 && b.exact) || (b.rows === 0 && a.exact);
  const src = a.rows === 0 ? b : a;
  merged.cascade.loss.splice(0, LEVELS, ...src.cascade.loss);
  merged.cascade.weight.splice(0, LEVELS, ...src.cascade.weight);
  merged.nllSum = mergeSums(a.nllSum, b.nllSum);
  merged.weightSum = mergeSums(a.weightSum, b.weightSum);
  merged.total = mergeSums(a.total, b.total);
  merged.smoothWeight = mergeSums(a.smoothWeight, b.smoothWeight);
  merged.perSample = mergeSums(a.perSample, b.perSample);
  merged.records = mergeRecords(a.records, b.records);
  return merged;
}

/** One row of nll_loss: `loss_partial_sums[0] -= data * w; weight_partial_sums[0] += w`, then the cascade. */
export function cascadeAdd<O>(state: TorchLossState<O>, sums: TorchSums, row: number, term: number, weight: number): void {
  const c = state.cascade;
  c.loss[0] = f(c.loss[0] - term);
  c.weight[0] = f(c.weight[0] + weight);
  sums.nll.push(-term);
  sums.weight.push(weight);
  let block = row;
  for (let j = 0; j + 1 < LEVELS; j++) {
    if (block % LEVEL_STEP !== 0) break;
    block = Math.floor(block / LEVEL_STEP);
    c.weight[j + 1] = f(c.weight[j + 1] + c.weight[j]);
    c.loss[j + 1] = f(c.loss[j + 1] + c.loss[j]);
    c.weight[j] = 0;
    c.loss[j] = 0;
  }
}

/** std::accumulate over the levels, in float32. */
export function cascadeTotal(levels: readonly number[]): number {
  let acc = 0;
  for (const v of levels) acc = f(acc + v);
  return acc;
}

/** The nll sum and the total weight, from the cascade when it is exact. */
export function nllTotals<O>(state: TorchLossState<O>): { loss: number; weight: number } {
  if (state.exact) return { loss: cascadeTotal(state.cascade.loss), weight: cascadeTotal(state.cascade.weight) };
  return { loss: f(sumValue(state.nllSum)), weight: f(sumValue(state.weightSum)) };
}

/** Tensor.sum() of float32 values. */
export function torchSum(s: ExactSum): number {
  return f(sumValue(s));
}

/** A float32 parameter tensor (weight, pos_weight) as torch.tensor(list, dtype=float32) holds it. */
export function float32s(values: readonly number[] | undefined): number[] | undefined {
  return values?.map((v) => f(v));
}
