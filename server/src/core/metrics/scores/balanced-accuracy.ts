/**
 * sklearn.metrics.balanced_accuracy_score from confusion counts: the mean of the per-class recalls over the
 * classes present in y_true.
 *
 *   score = mean_c (C[c, c] / Σ_j C[c, j])        over the classes c with a row sum > 0
 *   adjusted: (score − 1/m) / (1 − 1/m), m = the number of classes averaged
 *
 * The confusion matrix is scikit-learn's default one (labels present in y_true ∪ y_pred), so its 1×1
 * UserWarning comes first. A predicted class absent from y_true gives 0/0 = NaN recall: it is dropped with the
 * UserWarning "y_pred contains classes not in y_true". The mean is numpy's (pairwise). With one class and
 * adjusted=True the division by 1 − 1 = 0 gives ±∞ or NaN with numpy's RuntimeWarning, as in scikit-learn.
 * Multilabel counts: "multilabel-indicator is not supported". Empty: scikit-learn's empty-input error.
 */
import { confusionMatrix, type Counts } from '../classification/confusion';
import type { MetricWarning } from '../classification/errors';
import { mean } from '../classification/reductions';
import { scalarDivide } from './numpy-scalar';
import type { ScoreResult } from './types';

export interface BalancedAccuracyOptions {
  /** default false; true = (score − 1/C) / (1 − 1/C) */
  readonly adjusted?: boolean;
}

export function balancedAccuracyScore(counts: Counts, options: BalancedAccuracyOptions = {}): ScoreResult {
  const cm = confusionMatrix(counts);
  const warnings: MetricWarning[] = [...cm.warnings];
  const perClass: number[] = [];
  let dropped = false;
  cm.matrix.forEach((row, i) => {
    let sum = 0;
    for (const v of row) sum += v;
    if (sum === 0) dropped = true;
    else perClass.push(row[i] / sum);
  });
  if (dropped) warnings.push({ code: 'classes-not-in-y-true', category: 'UserWarning', message: 'y_pred contains classes not in y_true' });
  let score = mean(perClass);
  if (options.adjusted) {
    const chance = 1 / perClass.length;
    score -= chance;
    score = scalarDivide(score, 1 - chance, warnings);
  }
  return { value: score, warnings };
}
