/** sklearn.metrics.matthews_corrcoef from confusion counts. */
import type { Counts } from '../classification/confusion';
import type { ScoreResult } from './types';

export function matthewsCorrcoef(counts: Counts): ScoreResult {
  void counts;
  throw new Error('not implemented');
}
