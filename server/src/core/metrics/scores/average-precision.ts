/**
 * sklearn.metrics.average_precision_score (scikit-learn 1.9.x): the step-function AP (not interpolated),
 * exact, from a RankingStore.
 *
 *   AP = Σ_n (R_n − R_{n−1}) · P_n      over the distinct score thresholds, from the highest
 *
 * API
 *   averagePrecisionScore(store, options?): ScoreResult
 *     options.average   'micro' | 'macro' (default) | 'weighted' | 'samples' | null (per class); ignored
 *                       for binary y_true
 *     options.posLabel  the positive class index for binary y_true (default 1); must be 1 otherwise
 *     options.labelInfo label values / names for the pos_label error message (default: the indices)
 *
 * What scikit-learn does:
 *   - Binary y_true (≤ 2 class indices present): pos_label must be one of the two present classes ("pos_label=2
 *     is not a valid label. It should be one of [0 1]"); with one class present any pos_label is taken.
 *     Scores: the single column, or of two columns the column of pos_label (xent's reading of a 2-column y_pred;
 *     scikit-learn itself raises "y should be a 1d array" and the user would pass y_pred[:, pos_label]).
 *     More columns: scikit-learn's "y should be a 1d array, got an array of shape (n, k) instead.".
 *   - Multiclass y_true (1.9.x): pos_label must be 1; y_true is binarised with the classes PRESENT in y_true,
 *     and y_score must have exactly that many columns; then as multilabel.
 *   - Multilabel: pos_label must be 1; per label (macro / weighted / None), per sample ('samples'), or on all
 *     entries ('micro'); see average-binary.ts.
 *   - A column without positives: AP 0.0 and scikit-learn's UserWarning "No positive class found in y_true,
 *     recall is set to one for all thresholds." (once per such column).
 *   - NaN / ±∞ scores: "Input contains NaN." / "Input contains infinity or a value too large for
 *     dtype('float64')."
 */
import { MetricError, type MetricWarning } from '../classification/errors';
import { numpyArrayStr, pyReprStr, type LabelDescription } from '../classification/labels';
import { averageBinaryScore } from './average-binary';
import type { RankingStore } from './ranking-store';
import { averagePrecisionOfCurve, thresholdCounts } from './ranking-curve';
import { checkFiniteScores, describeTarget, indicatorColumn, positivesOf, scoreColumn, scoreShape } from './ranking-target';
import type { RankingAverage } from './roc-auc';
import type { ScoreResult } from './types';

export interface AveragePrecisionOptions {
  /** default 'macro'; null = per-class values; ignored for binary y_true */
  readonly average?: RankingAverage | null;
  /** the positive class index for binary y_true (default 1); must be 1 for multiclass / multilabel */
  readonly posLabel?: number;
  /** label values / names for error messages */
  readonly labelInfo?: LabelDescription;
}

const AVERAGES: readonly (RankingAverage | null)[] = ['micro', 'macro', 'weighted', 'samples', null];

export const NO_POSITIVE_CLASS_MESSAGE = 'No positive class found in y_true, recall is set to one for all thresholds.';

function binaryAveragePrecision(isPositive: Uint8Array, scores: Float64Array, warnings: MetricWarning[]): number {
  const { value, noPositives } = averagePrecisionOfCurve(thresholdCounts(isPositive, scores));
  if (noPositives) warnings.push({ code: 'no-positive-class', category: 'UserWarning', message: NO_POSITIVE_CLASS_MESSAGE });
  return value;
}

export function averagePrecisionScore(store: RankingStore, options: AveragePrecisionOptions = {}): ScoreResult {
  const average = options.average === undefined ? 'macro' : options.average;
  const posLabel = options.posLabel ?? 1;
  if (!AVERAGES.includes(average)) {
    throw new MetricError(
      'invalid-parameter',
      `The 'average' parameter of average_precision_score must be a str among {'macro', 'micro', 'samples', 'weighted'} or None. Got ${pyReprStr(String(average))} instead.`,
    );
  }
  const target = describeTarget(store);
  const warnings: MetricWarning[] = [];
  const info = options.labelInfo;
  const name = (i: number): string => info?.names[i] ?? String(i);

  if (target.type === 'binary') {
    if (target.present.length === 2 && !target.present.includes(posLabel)) {
      const values = target.present.map((i) => info?.values[i] ?? i);
      throw new MetricError('invalid-pos-label', `pos_label=${name(posLabel)} is not a valid label. It should be one of ${numpyArrayStr(values)}`);
    }
    if (store.cols > 2) {
      throw new MetricError('shape-mismatch', `y should be a 1d array, got an array of shape ${scoreShape(store)} instead.`);
    }
    checkFiniteScores(store);
    const scores = scoreColumn(store, store.cols === 2 && posLabel === 0 ? 0 : store.cols - 1);
    return { value: binaryAveragePrecision(positivesOf(store, posLabel), scores, warnings), warnings };
  }
  if (posLabel !== 1) {
    throw new MetricError(
      'invalid-pos-label',
      `Parameter pos_label is fixed to 1 for ${target.type} y_true. Do not set pos_label or set pos_label to 1.`,
    );
  }
  const n = store.rows;
  let k = store.cols;
  let yTrue: Uint8Array;
  if (target.type === 'multiclass') {
    if (store.cols !== target.present.length) {
      throw new MetricError(
        'shape-mismatch',
        "`y_score` needs to be of shape `(n_samples, n_classes)`, since `y_true` contains multiple classes. " +
          `Got \`y_score.shape=${scoreShape(store)}\`.`,
      );
    }
    k = target.present.length;
    yTrue = new Uint8Array(n * k);
    for (let c = 0; c < k; c++) {
      const col = indicatorColumn(store, c, target.present);
      for (let i = 0; i < n; i++) yTrue[i * k + c] = col[i];
    }
  } else {
    yTrue = Uint8Array.from(store.trueValues());
  }
  checkFiniteScores(store);
  const value = averageBinaryScore((p, s) => binaryAveragePrecision(p, s, warnings), yTrue, store.scoreValues(), n, k, average);
  return { value, warnings };
}
