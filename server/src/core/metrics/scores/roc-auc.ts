/**
 * sklearn.metrics.roc_auc_score (1.9.x), exact (no binning), from a RankingStore.
 */
import type { RankingStore } from './ranking-store';
import type { ScoreResult } from './types';

export type RankingAverage = 'micro' | 'macro' | 'weighted' | 'samples';

export interface RocAucOptions {
  /** default 'macro'; null = per-class / per-label values */
  readonly average?: RankingAverage | null;
  /** default 'raise' (scikit-learn's default: multiclass y_true raises) */
  readonly multiClass?: 'raise' | 'ovr' | 'ovo';
  /** default null; a number in (0, 1] = McClish-standardised partial AUC (binary only) */
  readonly maxFpr?: number | null;
  /** scikit-learn's labels= for multiclass, as a count: the classes are 0..labels−1 (default: those in y_true) */
  readonly labels?: number;
}

export function rocAucScore(store: RankingStore, options: RocAucOptions = {}): ScoreResult {
  void store;
  void options;
  throw new Error('not implemented');
}
