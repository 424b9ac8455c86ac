/** sklearn.metrics.jaccard_score from confusion counts. */
import type { Counts } from '../classification/confusion';
import type { LabelDescription } from '../classification/labels';
import type { Average } from '../classification/prf';
import type { ScoreResult } from './types';

export interface JaccardOptions {
  /** default 'binary' */
  readonly average?: Average | null;
  readonly labels?: readonly number[];
  /** average='binary' only; default 1 */
  readonly posLabel?: number;
  /** default 'warn' (0 with an UndefinedMetricWarning) */
  readonly zeroDivision?: 'warn' | 0 | 1;
  /** label values/names for error messages */
  readonly labelInfo?: LabelDescription;
}

export function jaccardScore(counts: Counts, options: JaccardOptions = {}): ScoreResult {
  void counts;
  void options;
  throw new Error('not implemented');
}
