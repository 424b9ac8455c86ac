/** sklearn.metrics.top_k_accuracy_score as a streaming accumulator. */
import type { ScoreChunk, ScoreResult } from './types';

export interface TopKOptions {
  /** default 2 */
  readonly k?: number;
  /** default true (fraction); false = number of hits */
  readonly normalize?: boolean;
  /** columns of y_score: 1 (binary P(class 1) / decision value) or K */
  readonly cols: number;
  /** scikit-learn's labels= as a count (classes 0..labels−1); default: the classes found in y_true */
  readonly labels?: number;
}

export interface TopKState {
  readonly kind: 'top_k_accuracy';
}

export function createTopK(options: TopKOptions): TopKState {
  void options;
  throw new Error('not implemented');
}
export function updateTopK(state: TopKState, chunk: ScoreChunk): TopKState {
  void chunk;
  return state;
}
export function mergeTopK(a: TopKState, b: TopKState): TopKState {
  void b;
  return a;
}
export function finalizeTopK(state: TopKState): ScoreResult {
  void state;
  throw new Error('not implemented');
}
