/** sklearn.metrics.cohen_kappa_score (y1 = y_true, y2 = y_pred) from confusion counts. */
import type { Counts } from '../classification/confusion';
import type { ScoreResult } from './types';

export interface CohenKappaOptions {
  /** default null */
  readonly weights?: null | 'linear' | 'quadratic';
  /** scikit-learn's labels=: class indices in this order (default: the present labels ascending) */
  readonly labels?: readonly number[];
}

export function cohenKappaScore(counts: Counts, options: CohenKappaOptions = {}): ScoreResult {
  void counts;
  void options;
  throw new Error('not implemented');
}
