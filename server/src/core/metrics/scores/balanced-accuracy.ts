/** sklearn.metrics.balanced_accuracy_score from confusion counts. */
import type { Counts } from '../classification/confusion';
import type { ScoreResult } from './types';

export interface BalancedAccuracyOptions {
  /** default false; true = (score − 1/C) / (1 − 1/C) */
  readonly adjusted?: boolean;
}

export function balancedAccuracyScore(counts: Counts, options: BalancedAccuracyOptions = {}): ScoreResult {
  void counts;
  void options;
  throw new Error('not implemented');
}
