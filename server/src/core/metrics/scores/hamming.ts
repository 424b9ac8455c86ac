/**
 * sklearn.metrics.hamming_loss from confusion counts.
 *
 *   single-label: the fraction of samples predicted wrongly, (n − correct) / n  (= 1 − accuracy)
 *   multilabel:   the fraction of wrong label entries, Σ_ℓ (fp_ℓ + fn_ℓ) / (n · L)
 *
 * Both are exact ratios of integer counts (numpy's mean of a boolean array is exact below 2^53 samples).
 * Empty input: scikit-learn's empty-input error.
 */
import { EMPTY_INPUT_MESSAGE, type Counts } from '../classification/confusion';
import { MetricError } from '../classification/errors';
import type { ScoreResult } from './types';

export function hammingLoss(counts: Counts): ScoreResult {
  const n = counts.samples;
  if (n === 0) throw new MetricError('empty-input', EMPTY_INPUT_MESSAGE);
  if (counts.kind === 'single-label') return { value: (n - counts.correct) / n, warnings: [] };
  let differences = 0;
  for (let j = 0; j < counts.numLabels; j++) differences += counts.fp[j] + counts.fn[j];
  return { value: differences / (n * counts.numLabels), warnings: [] };
}
