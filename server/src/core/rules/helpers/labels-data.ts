// Helpers shared by the rules of the labels-data group (each rule is its own file, server/src/core/rules/<rule-id>.ts).

import type { InlineArray } from '../../model/inline-data';
import { type Facts } from '../facts';

/** y_true as numbers, one per sample (not class names, not rows). */
export function numericLabels(f: Facts): InlineArray | undefined {
  const y = f.data?.yTrue;
  return y && y.dims === 1 && !y.names && y.rows > 0 ? y : undefined;
}

/**
 * The label the loss leaves out: the ignore_class of sparse_categorical_crossentropy when set, or the ignore_index
 * of PyTorch's cross_entropy / nll_loss, which is −100 unless written.
 */
export function ignoreClass(f: Facts): number | undefined {
  if (f.loss?.entry?.params.some((p) => p.name === 'ignore_index')) {
    const v = f.loss.args.get('ignore_index')?.value;
    return v?.kind === 'number' ? v.value : PYTORCH_IGNORE_INDEX;
  }
  const v = f.lossFamily === 'sparse' ? f.loss?.args.get('ignore_class')?.value : undefined;
  return v?.kind === 'number' ? v.value : undefined;
}

/** PyTorch's default ignore_index (torch.nn.CrossEntropyLoss, NLLLoss). */
export const PYTORCH_IGNORE_INDEX = -100;

/** The loss's parameter that leaves a label out: PyTorch's ignore_index, Keras's ignore_class. */
export function ignoreParam(f: Facts): 'ignore_index' | 'ignore_class' | undefined {
  if (f.loss?.entry?.params.some((p) => p.name === 'ignore_index')) return 'ignore_index';
  return f.lossFamily === 'sparse' ? 'ignore_class' : undefined;
}

export function rowsWhere(y: InlineArray, test: (v: number) => boolean): number[] {
  const rows: number[] = [];
  for (let i = 0; i < y.rows; i++) if (test(y.values[i])) rows.push(i);
  return rows;
}


/**
 * Labels that look like one-based indices 1..K for K classes: every label an integer, the smallest exactly 1 and the
 * largest exactly K (so 0 never occurs), and enough distinct labels that the sample spreads over 1..K rather than
 * sitting on a few values: at least half of the K classes, or, when the sample is too small to hold that many, at
 * least half as many distinct labels as samples. Labels such as 49,662…66,908 of 66,908 classes are not one-based
 * (the smallest is not 1): they are out of range (label-out-of-range), and subtracting 1 would be wrong advice.
 */
export function isOneBased(y: InlineArray, k: number): boolean {
  if (k < 2) return false;
  let min = Infinity;
  let max = -Infinity;
  const distinct = new Set<number>();
  for (let i = 0; i < y.rows; i++) {
    const v = y.values[i];
    if (!Number.isInteger(v)) return false;
    if (v < min) min = v;
    if (v > max) max = v;
    distinct.add(v);
  }
  if (min !== 1 || max !== k) return false;
  return distinct.size >= Math.min(Math.ceil(k / 2), Math.ceil(y.rows / 2));
}

/** What is wrong with a row that should be one-hot, or undefined when it is a valid one. */
export type OnehotFault = 'no-class' | 'several' | 'not-binary' | 'soft';

/** Rows summing to 1 within this are distributions (the tolerance of the label inference, model/build.ts). */
export const DISTRIBUTION_TOLERANCE = 1e-6;

export function onehotFault(y: InlineArray, r: number): OnehotFault | undefined {
  let ones = 0;
  let binary = true;
  let inUnit = true;
  let sum = 0;
  for (let c = 0; c < y.cols; c++) {
    const v = y.values[r * y.cols + c];
    sum += v;
    if (v === 1) ones++;
    else if (v !== 0) binary = false;
    if (!(v >= 0 && v <= 1)) inUnit = false;
  }
  if (binary) return ones === 1 ? undefined : ones === 0 ? 'no-class' : 'several';
  return inUnit && Math.abs(sum - 1) <= DISTRIBUTION_TOLERANCE ? 'soft' : 'not-binary';
}

/** The first cell of a row that is neither 0 nor 1. */
export function firstNonBinary(y: InlineArray, r: number): number {
  for (let c = 0; c < y.cols; c++) {
    const v = y.values[r * y.cols + c];
    if (v !== 0 && v !== 1) return v;
  }
  return NaN;
}
