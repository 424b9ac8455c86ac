/**
 * sklearn.metrics.cohen_kappa_score(y1 = y_true, y2 = y_pred, labels, weights) from confusion counts.
 *
 *   C = confusion_matrix(y1, y2, labels);  E[i, j] = colsum[i] · rowsum[j] / N   (np.outer(sum0, sum1) / N)
 *   W = 1 − I (weights None) | |i − j| ('linear') | (i − j)² ('quadratic'), i, j = positions in `labels`
 *   κ = 1 − Σ W·C / Σ W·E     (np.sum over the K×K products in row-major order: numpy's pairwise sum)
 *
 * Degenerate cases (scikit-learn 1.9.x, replace_undefined_by = nan): N = 0 (no sample with both labels in
 * `labels`) → NaN with the UndefinedMetricWarning "`y2` contains no labels that are present in both `y1` and
 * `labels`.…"; Σ W·E = 0 (one label in common) → NaN with "`y1`, `y2` and `labels` have only one label in
 * common.…". None of `labels` in y_true: scikit-learn's rewritten error "At least one label in `labels` must be
 * present in `y1` …". The confusion matrix's 1×1 UserWarning comes first. Multilabel: "multilabel-indicator
 * is not supported".
 */
import { confusionMatrix, type Counts } from '../classification/confusion';
import { MetricError, type MetricWarning } from '../classification/errors';
import { pairwiseSum } from '../classification/reductions';
import type { ScoreResult } from './types';

export interface CohenKappaOptions {
  /** default null */
  readonly weights?: null | 'linear' | 'quadratic';
  /** scikit-learn's labels=: class indices in this order (default: the present labels ascending) */
  readonly labels?: readonly number[];
}

function undefinedKappa(message: string): MetricWarning {
  return { code: 'undefined-score', category: 'UndefinedMetricWarning', message };
}

export function cohenKappaScore(counts: Counts, options: CohenKappaOptions = {}): ScoreResult {
  const weights = options.weights ?? null;
  if (weights !== null && weights !== 'linear' && weights !== 'quadratic') {
    throw new MetricError(
      'invalid-parameter',
      `The 'weights' parameter of cohen_kappa_score must be a str among {'linear', 'quadratic'} or None. Got '${String(weights)}' instead.`,
    );
  }
  let cm;
  try {
    cm = confusionMatrix(counts, options.labels);
  } catch (e) {
    if (e instanceof MetricError && e.code === 'no-label-in-y-true') {
      throw new MetricError(
        'no-label-in-y-true',
        'At least one label in `labels` must be present in `y1` (even though `cohen_kappa_score` is otherwise ' +
          'agnostic to the order of `y1` and `y2`).',
      );
    }
    throw e;
  }
  const warnings: MetricWarning[] = [...cm.warnings];
  const C = cm.matrix;
  const k = C.length;
  const sum0 = new Float64Array(k); // column sums (y2)
  const sum1 = new Float64Array(k); // row sums (y1)
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      sum0[j] += C[i][j];
      sum1[i] += C[i][j];
    }
  }
  const total = pairwiseSum(sum0);
  if (total === 0) {
    warnings.push(
      undefinedKappa(
        '`y2` contains no labels that are present in both `y1` and `labels`.`cohen_kappa_score` is undefined and ' +
          'set to the value defined by the `replace_undefined_by` param, which is set to nan.',
      ),
    );
    return { value: NaN, warnings };
  }
  const weightOf = (i: number, j: number): number =>
    weights === null ? (i === j ? 0 : 1) : weights === 'linear' ? Math.abs(j - i) : (j - i) ** 2;
  const observed = new Float64Array(k * k);
  const expected = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = weightOf(i, j);
      observed[i * k + j] = w * C[i][j];
      expected[i * k + j] = w * ((sum0[i] * sum1[j]) / total);
    }
  }
  const numerator = pairwiseSum(observed);
  const denominator = pairwiseSum(expected);
  if (denominator === 0) {
    warnings.push(
      undefinedKappa(
        '`y1`, `y2` and `labels` have only one label in common. `cohen_kappa_score` is undefined and set to the ' +
          'value defined by the the `replace_undefined_by` param, which is set to nan.',
      ),
    );
    return { value: NaN, warnings };
  }
  return { value: 1 - numerator / denominator, warnings };
}
