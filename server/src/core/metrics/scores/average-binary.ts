/**
 * scikit-learn's _average_binary_score: a binary ranking metric applied per column of an indicator
 * target (multilabel, or a multiclass target binarised one-vs-rest) and averaged.
 *
 * API
 *   type BinaryRankingMetric = (isPositive: Uint8Array, scores: Float64Array) => number
 *   averageBinaryScore(metric, yTrue, yScore, n, cols, average): number | number[]
 *       yTrue: n × cols 0/1 (Uint8Array, row-major); yScore: n × cols (row-major).
 *       average null: the per-column values. 'micro': the metric on all n·cols entries (row-major, as
 *       ravel). 'macro': np.mean of the per-column values (a NaN column makes it NaN). 'weighted': np.average
 *       weighted by each column's positives, after forcing columns without positives to 0; when no column
 *       has a positive, 0. 'samples': the metric per ROW, then np.mean.
 */
import { average as npAverage, mean as npMean } from '../classification/reductions';
import type { RankingAverage } from './types';

export type BinaryRankingMetric = (isPositive: Uint8Array, scores: Float64Array) => number;

export function averageBinaryScore(
  metric: BinaryRankingMetric,
  yTrue: Uint8Array,
  yScore: Float64Array,
  n: number,
  cols: number,
  average: RankingAverage | null,
): number | number[] {
  if (average === 'micro') return metric(yTrue, yScore);
  let weights: Float64Array | null = null;
  if (average === 'weighted') {
    weights = new Float64Array(cols);
    for (let i = 0; i < n; i++) for (let c = 0; c < cols; c++) weights[c] += yTrue[i * cols + c];
    let total = 0;
    for (let c = 0; c < cols; c++) total += weights[c];
    // np.isclose(total, 0): the supports are integers, so this is total === 0
    if (total === 0) return 0;
  }
  const byRow = average === 'samples';
  const parts = byRow ? n : cols;
  const len = byRow ? cols : n;
  const score = new Float64Array(parts);
  const t = new Uint8Array(len);
  const s = new Float64Array(len);
  for (let p = 0; p < parts; p++) {
    for (let j = 0; j < len; j++) {
      const idx = byRow ? p * cols + j : j * cols + p;
      t[j] = yTrue[idx];
      s[j] = yScore[idx];
    }
    score[p] = metric(t, s);
  }
  if (average === null) return Array.from(score);
  if (weights !== null) {
    for (let c = 0; c < cols; c++) if (weights[c] === 0) score[c] = 0;
    return npAverage(score, weights);
  }
  return npMean(score);
}
