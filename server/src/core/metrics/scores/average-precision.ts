/**
 * sklearn.metrics.average_precision_score (1.9.x), exact step-function AP, from a RankingStore.
 */
import type { RankingStore } from './ranking-store';
import type { RankingAverage } from './roc-auc';
import type { ScoreResult } from './types';

export interface AveragePrecisionOptions {
  /** default 'macro'; null = per-class values; ignored for binary y_true */
  readonly average?: RankingAverage | null;
  /** the positive class index for binary y_true (default 1); must be 1 for multiclass / multilabel */
  readonly posLabel?: number;
}

export function averagePrecisionScore(store: RankingStore, options: AveragePrecisionOptions = {}): ScoreResult {
  void store;
  void options;
  throw new Error('not implemented');
}
