/**
 * What the Keras 3 losses share: floatx emulation, the clip bounds, the accumulator state, and
 * Keras's default reduction "sum_over_batch_size" (keras/src/losses/loss.py).
 *
 * API
 *   type KerasFloatx = 'float32' | 'float64'
 *       keras.config.floatx(): Keras converts y_true and y_pred to it and computes in it. 'float32'
 *       (Keras's default) is emulated by rounding after every elementary operation (Math.fround),
 *       in the order the TensorFlow backend performs them; 'float64' is plain double arithmetic.
 *   interface KerasLossState { kind; options; rows; valid; sum; records }
 *       The accumulator of every Keras loss (plain data, postMessage-safe). `valid` counts the rows
 *       that take part (all rows, except those sparse_categorical_crossentropy's ignore_class masks).
 *   kerasRounder(floatx): (x: number) => number      Math.fround or the identity
 *   clipBounds(floatx): { lo, hi }                   [ε, 1 − ε] with ε = 1e-7 (keras.config.epsilon()),
 *                                                    as the backend casts them: float32 → fround(1e-7),
 *                                                    fround(1 − 1e-7) = 0.99999988079071044921875
 *   createKerasState(kind, options): KerasLossState
 *   mergeKerasStates(a, b): KerasLossState
 *   finalizeKeras(state, masked): LossResult
 *       sum_over_batch_size: Σᵢ lossᵢ / n. With a mask (ignore_class) Keras weights valid rows by
 *       n / n_valid (apply_mask) and still divides by n, i.e. the mean over the valid rows; 0 when no
 *       row is valid (divide_no_nan).
 *   addRowsRecord(...), nonFiniteRecord(...)        record helpers used by the loss modules
 *
 * Reference: keras/src/losses/loss.py (Loss.__call__, reduce_weighted_values, apply_mask,
 * reduce_values), Keras 3.15.1 with the TensorFlow backend (Keras's default backend).
 */

import { emptySum, mergeSums, sumValue, type ExactSum } from './exact-sum';
import {
  addRecord,
  hasError,
  mergeRecords,
  rowName,
  sortRecords,
  type LossRecord,
  type LossRecordCode,
  type LossResult,
} from './types';

export type KerasFloatx = 'float32' | 'float64';

export type KerasLossName =
  | 'binary_crossentropy'
  | 'categorical_crossentropy'
  | 'sparse_categorical_crossentropy'
  | 'kl_divergence';

export interface KerasLossState<O> {
  readonly kind: KerasLossName;
  readonly options: O;
  rows: number;
  valid: number;
  sum: ExactSum;
  records: LossRecord[];
}

/** keras.config.epsilon() */
export const KERAS_EPSILON = 1e-7;

const identity = (x: number): number => x;

export function kerasRounder(floatx: KerasFloatx): (x: number) => number {
  return floatx === 'float32' ? Math.fround : identity;
}

export function clipBounds(floatx: KerasFloatx): { lo: number; hi: number } {
  const r = kerasRounder(floatx);
  return { lo: r(KERAS_EPSILON), hi: r(1 - KERAS_EPSILON) };
}

export function createKerasState<O>(kind: KerasLossName, options: O): KerasLossState<O> {
  return { kind, options, rows: 0, valid: 0, sum: emptySum(), records: [] };
}

export function mergeKerasStates<O>(a: KerasLossState<O>, b: KerasLossState<O>): KerasLossState<O> {
  if (a.kind !== b.kind || JSON.stringify(a.options) !== JSON.stringify(b.options)) {
    throw new Error(`merge ${a.kind}: the two accumulators were created with different options`);
  }
  return {
    kind: a.kind,
    options: { ...a.options },
    rows: a.rows + b.rows,
    valid: a.valid + b.valid,
    sum: mergeSums(a.sum, b.sum),
    records: mergeRecords(a.records, b.records),
  };
}

export function finalizeKeras<O extends { floatx?: KerasFloatx }>(
  state: KerasLossState<O>,
  masked: boolean,
): LossResult {
  const records = [...state.records];
  if (state.rows === 0 && !hasError(records)) {
    addRecord(records, {
      severity: 'error',
      code: 'empty-input',
      message: `${state.kind} of no samples is undefined`,
      row: -1,
      count: 1,
    });
  }
  const sorted = sortRecords(records);
  if (hasError(sorted)) return { value: null, rows: state.rows, records: sorted };
  const r = kerasRounder(state.options.floatx ?? 'float32');
  const n = state.rows;
  const total = r(sumValue(state.sum));
  let value: number;
  if (masked) {
    // apply_mask: weight n / n_valid on valid rows (divide_no_nan), then sum / n
    const weight = state.valid === 0 ? 0 : r(n / state.valid);
    value = r(r(total * weight) / n);
  } else {
    value = r(total / n);
  }
  return { value, rows: n, records: sorted };
}

/** Record the first row of a chunk that had a given problem (one record per code and chunk). */
export function addRowsRecord(
  records: LossRecord[],
  severity: 'error' | 'warning',
  code: LossRecordCode,
  row: number,
  count: number,
  message: string,
  value?: number,
): void {
  if (count === 0) return;
  addRecord(records, { severity, code, message, row, count, ...(value === undefined ? {} : { value }) });
}

/** Where a chunk's first row with a non-finite input was (count 0: none). */
export interface NonFiniteSeen {
  readonly row: number;
  readonly count: number;
  readonly what: 'y_true' | 'y_pred';
  readonly value: number;
}

/**
 * Ends a chunk: adds its row counts to the state (the loop added its terms to state.sum), and records its first
 * non-finite input. Every Keras loss module ends its update this way (their row loops differ).
 */
export function commitChunk<O>(
  state: KerasLossState<O>,
  chunk: { rowStart: number; rows: number; valid: number },
  bad: NonFiniteSeen,
): void {
  state.rows += chunk.rows;
  state.valid += chunk.valid;
  const row = chunk.rowStart + bad.row;
  addRowsRecord(state.records, 'error', 'non-finite-value', row, bad.count, nonFiniteMessage(row, bad.what, bad.value), bad.value);
}

export function nonFiniteMessage(row: number, what: 'y_true' | 'y_pred', value: number): string {
  return `${rowName(row)}: ${what} contains ${Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf'}; the loss would be NaN`;
}

export function lengthMismatchMessage(kind: string, rowStart: number, yTrue: number, yPred: number, widths: string): string {
  return (
    `${kind}, chunk at ${rowName(rowStart)}: y_true has ${yTrue} values and y_pred ${yPred}, ` +
    `which do not make whole rows of ${widths}`
  );
}
