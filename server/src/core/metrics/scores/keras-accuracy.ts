/** keras.metrics.BinaryAccuracy / CategoricalAccuracy / SparseCategoricalAccuracy (Keras 3) as accumulators. */
import type { ScoreChunk, ScoreResult } from './types';

export type KerasAccuracyKind = 'binary_accuracy' | 'categorical_accuracy' | 'sparse_categorical_accuracy';

export interface KerasAccuracyOptions {
  readonly kind: KerasAccuracyKind;
  /** columns of y_pred (and of y_true for binary / categorical) */
  readonly cols: number;
  /** binary_accuracy only; default 0.5 */
  readonly threshold?: number;
}

export interface KerasAccuracyState {
  readonly kind: 'keras_accuracy';
}

export function createKerasAccuracy(options: KerasAccuracyOptions): KerasAccuracyState {
  void options;
  throw new Error('not implemented');
}
export function updateKerasAccuracy(state: KerasAccuracyState, chunk: ScoreChunk): KerasAccuracyState {
  void chunk;
  return state;
}
export function mergeKerasAccuracy(a: KerasAccuracyState, b: KerasAccuracyState): KerasAccuracyState {
  void b;
  return a;
}
export function finalizeKerasAccuracy(state: KerasAccuracyState): ScoreResult {
  void state;
  throw new Error('not implemented');
}
