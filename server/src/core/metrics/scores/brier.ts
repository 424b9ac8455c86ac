/** sklearn.metrics.brier_score_loss (1.9.x) as a streaming accumulator. */
import type { ScoreChunk, ScoreResult } from './types';

export interface BrierOptions {
  /** K: the number of classes (declared, or found in y_true when classesDeclared is false) */
  readonly nClasses: number;
  /** 'positive-column': 1 column = P(positive class) (binary path); 'matrix': K columns (multiclass path) */
  readonly yPred: 'positive-column' | 'matrix';
  /** binary path: the positive class index (default: scikit-learn's pos_label=None rule on the indices) */
  readonly posLabel?: number;
  /** matrix path: scikit-learn's labels= given (the classes are 0..K−1) or not (the classes found in y_true) */
  readonly classesDeclared?: boolean;
  /** default 'auto' (scale by ½ when y_prob has 1 or 2 columns) */
  readonly scaleByHalf?: boolean | 'auto';
}

export interface BrierState {
  readonly kind: 'brier_score_loss';
}

export function createBrier(options: BrierOptions): BrierState {
  void options;
  throw new Error('not implemented');
}
export function updateBrier(state: BrierState, chunk: ScoreChunk): BrierState {
  void chunk;
  return state;
}
export function mergeBrier(a: BrierState, b: BrierState): BrierState {
  void b;
  return a;
}
export function finalizeBrier(state: BrierState): ScoreResult {
  void state;
  throw new Error('not implemented');
}
