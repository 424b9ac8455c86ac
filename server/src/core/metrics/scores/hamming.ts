/** sklearn.metrics.hamming_loss from confusion counts. */
import type { Counts } from '../classification/confusion';
import type { ScoreResult } from './types';

export function hammingLoss(counts: Counts): ScoreResult {
  void counts;
  throw new Error('not implemented');
}
