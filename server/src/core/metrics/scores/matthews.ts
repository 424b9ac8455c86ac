/**
 * sklearn.metrics.matthews_corrcoef from confusion counts (the multiclass formula, which is the binary
 * MCC for two classes):
 *
 *   t = row sums (true), p = column sums (predicted), c = trace, s = n
 *   MCC = (c·s − t·p) / sqrt((s² − p·p) · (s² − t·t))
 *
 * computed in scikit-learn's operation order on doubles (the dot products of integer counts are exact).
 * A zero denominator (one class in y_true or in y_pred) gives 0.0, as scikit-learn. The confusion matrix is
 * the default one over the labels present, so its 1×1 UserWarning is passed on. Multilabel counts:
 * "multilabel-indicator is not supported".
 */
import { confusionMatrix, EMPTY_INPUT_MESSAGE, type Counts } from '../classification/confusion';
import { MetricError } from '../classification/errors';
import type { ScoreResult } from './types';

export function matthewsCorrcoef(counts: Counts): ScoreResult {
  if (counts.kind === 'multilabel') {
    if (counts.samples === 0) throw new MetricError('empty-input', EMPTY_INPUT_MESSAGE);
    throw new MetricError('unsupported-target', 'multilabel-indicator is not supported');
  }
  const cm = confusionMatrix(counts);
  const C = cm.matrix;
  const k = C.length;
  const tSum = new Float64Array(k);
  const pSum = new Float64Array(k);
  let nCorrect = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      tSum[i] += C[i][j];
      pSum[j] += C[i][j];
    }
    nCorrect += C[i][i];
  }
  let nSamples = 0;
  for (let j = 0; j < k; j++) nSamples += pSum[j];
  const dot = (a: Float64Array, b: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  };
  const covYtYp = nCorrect * nSamples - dot(tSum, pSum);
  const covYpYp = nSamples * nSamples - dot(pSum, pSum);
  const covYtYt = nSamples * nSamples - dot(tSum, tSum);
  const covProduct = covYpYp * covYtYt;
  const value = covProduct === 0 ? 0.0 : covYtYp / Math.sqrt(covProduct);
  return { value, warnings: [...cm.warnings] };
}
