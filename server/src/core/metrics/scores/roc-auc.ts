/**
 * sklearn.metrics.roc_auc_score (scikit-learn 1.9.x), exact (every distinct score is a threshold; no
 * binning), from a RankingStore.
 *
 * API
 *   rocAucScore(store, options?): ScoreResult
 *     options.average    'micro' | 'macro' (default) | 'weighted' | 'samples' | null (per class / label)
 *     options.multiClass 'raise' (default) | 'ovr' | 'ovo'
 *     options.maxFpr     null (default) | a number in (0, 1]: McClish-standardised partial AUC
 *     options.labels     scikit-learn's labels= as a count K: the classes are 0..K−1 (multiclass only; default:
 *                        the classes present in y_true)
 *
 * What scikit-learn does, in its order:
 *   1. max_fpr outside (0, 1] → InvalidParameterError (a ValueError).
 *   2. type_of_target(y_true): ≤ 2 distinct class indices → binary, more → multiclass; indicator rows →
 *      multilabel-indicator. Then check_array(y_score): NaN / ±∞ raise.
 *   3. Multiclass (or binary y_true with more than 2 score columns): max_fpr must be None/1, multi_class must
 *      not be 'raise', y_score must be 2-D, its rows must sum to 1 (np.allclose), the average must suit the
 *      scheme (ovo: macro / weighted; ovr: also micro and None; average=None with ovo: NotImplementedError),
 *      the classes (labels=, else those in y_true) must match the columns. ovr: label_binarize and average
 *      the per-class binary AUCs as multilabel (below). ovo: Hand & Till: for each pair (a, b) of classes
 *      present in y_true, the mean of AUC(a vs b on column a) and AUC(b vs a on column b) over the samples
 *      of a or b; averaged plainly (macro) or weighted by the pair's share of samples (weighted).
 *   4. Binary: the positive class is the larger class index present; scores are the single column, or
 *      column 1 of two columns (xent's reading of a 2-column y_pred: scikit-learn itself raises "y should be
 *      a 1d array" on it, and the user would pass y_pred[:, 1]). `average` is ignored.
 *   5. Multilabel: per label (or per sample, or all entries for micro), then averaged (average-binary.ts).
 *   A binary AUC with one class only in its y_true is NaN with the UndefinedMetricWarning "Only one class
 *   is present in y_true. ROC AUC score is not defined in that case." (scikit-learn ≥ 1.7; it used to raise).
 */
import { MetricError, type MetricWarning } from '../classification/errors';
import { pyReprStr } from '../classification/labels';
import { pyRepr } from '../classification/pyformat';
import { average as npAverage, mean as npMean, pairwiseSum } from '../classification/reductions';
import { averageBinaryScore } from './average-binary';
import type { RankingStore } from './ranking-store';
import { rocAucOfCurve, thresholdCounts } from './ranking-curve';
import { checkFiniteScores, describeTarget, indicatorColumn, scoreColumn, scoreShape } from './ranking-target';
import type { RankingAverage, ScoreResult } from './types';

export type { RankingAverage };

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

const AVERAGES: readonly (RankingAverage | null)[] = ['micro', 'macro', 'weighted', 'samples', null];

export const ONE_CLASS_ROC_MESSAGE = 'Only one class is present in y_true. ROC AUC score is not defined in that case.';

function invalidParameter(message: string): MetricError {
  return new MetricError('invalid-parameter', message);
}

/** _binary_roc_auc_score: NaN and a warning when y_true holds one class only. */
function binaryRocAuc(isPositive: Uint8Array, scores: Float64Array, maxFpr: number | null, warnings: MetricWarning[]): number {
  let positives = 0;
  for (let i = 0; i < isPositive.length; i++) positives += isPositive[i];
  if (positives === 0 || positives === isPositive.length) {
    warnings.push({ code: 'undefined-score', category: 'UndefinedMetricWarning', message: ONE_CLASS_ROC_MESSAGE });
    return NaN;
  }
  return rocAucOfCurve(thresholdCounts(isPositive, scores), maxFpr);
}

export function rocAucScore(store: RankingStore, options: RocAucOptions = {}): ScoreResult {
  const average = options.average === undefined ? 'macro' : options.average;
  const multiClass = options.multiClass ?? 'raise';
  const maxFpr = options.maxFpr ?? null;
  if (!AVERAGES.includes(average)) {
    throw invalidParameter(
      `The 'average' parameter of roc_auc_score must be a str among {'macro', 'micro', 'samples', 'weighted'} or None. Got ${pyReprStr(String(average))} instead.`,
    );
  }
  if (maxFpr !== null && !(maxFpr > 0 && maxFpr <= 1)) {
    throw invalidParameter(
      `The 'max_fpr' parameter of roc_auc_score must be a float in the range (0.0, 1.0] or None. Got ${pyRepr(maxFpr)} instead.`,
    );
  }
  if (multiClass !== 'raise' && multiClass !== 'ovr' && multiClass !== 'ovo') {
    throw invalidParameter(
      `The 'multi_class' parameter of roc_auc_score must be a str among {'ovo', 'ovr', 'raise'}. Got ${pyReprStr(String(multiClass))} instead.`,
    );
  }
  const target = describeTarget(store);
  checkFiniteScores(store);
  const warnings: MetricWarning[] = [];

  if (target.type === 'multiclass' || (target.type === 'binary' && store.cols > 2)) {
    if (maxFpr !== null && maxFpr !== 1) {
      throw invalidParameter(
        "Partial AUC computation not available in multiclass setting, 'max_fpr' must be set to `None`, " +
          `received \`max_fpr=${pyRepr(maxFpr)}\` instead`,
      );
    }
    if (multiClass === 'raise') throw invalidParameter("multi_class must be in ('ovo', 'ovr')");
    return { value: multiclassRocAuc(store, target.present, multiClass, average, options.labels, warnings), warnings };
  }
  if (target.type === 'binary') {
    const positive = target.present.length === 2 ? target.present[1] : -1;
    const t = store.trueValues();
    const isPositive = new Uint8Array(store.rows);
    for (let i = 0; i < isPositive.length; i++) isPositive[i] = t[i] === positive ? 1 : 0;
    const scores = scoreColumn(store, store.cols === 2 ? 1 : 0);
    return { value: binaryRocAuc(isPositive, scores, maxFpr, warnings), warnings };
  }
  const n = store.rows;
  const yTrue = Uint8Array.from(store.trueValues());
  const value = averageBinaryScore((p, s) => binaryRocAuc(p, s, maxFpr, warnings), yTrue, store.scoreValues(), n, store.cols, average);
  return { value, warnings };
}

/** np.allclose(1, row sums): |1 − s| ≤ 1e-8 + 1e-5·|s| for every row. */
function rowsSumToOne(store: RankingStore): boolean {
  const k = store.cols;
  const s = store.scoreValues();
  for (let i = 0; i < store.rows; i++) {
    const sum = pairwiseSum(s, i * k, k);
    if (!(Math.abs(1 - sum) <= 1e-8 + 1e-5 * Math.abs(sum))) return false;
  }
  return true;
}

function multiclassRocAuc(
  store: RankingStore,
  present: readonly number[],
  multiClass: 'ovr' | 'ovo',
  average: RankingAverage | null,
  labels: number | undefined,
  warnings: MetricWarning[],
): number | number[] {
  if (store.cols === 1) {
    throw new MetricError(
      'shape-mismatch',
      "`y_score` needs to be of shape `(n_samples, n_classes)`, since `y_true` contains multiple classes. " +
        `Got \`y_score.shape=${scoreShape(store)}\`.`,
    );
  }
  if (!rowsSumToOne(store)) {
    throw new MetricError(
      'invalid-scores',
      'Target scores need to be probabilities for multiclass roc_auc, i.e. they should sum up to 1.0 over classes',
    );
  }
  const allowed: readonly (RankingAverage | null)[] = multiClass === 'ovr' ? ['micro', 'macro', 'weighted', null] : ['macro', 'weighted', null];
  if (!allowed.includes(average)) {
    const shown = allowed.map((a) => (a === null ? 'None' : `'${a}'`)).join(', ');
    throw invalidParameter(`average must be one of (${shown}) for multiclass problems`);
  }
  if (average === null && multiClass === 'ovo') {
    throw new MetricError('invalid-parameter', "average=None is not implemented for multi_class='ovo'.", 'NotImplementedError');
  }
  let classes: number[];
  if (labels !== undefined) {
    if (!Number.isInteger(labels) || labels < 1) throw new MetricError('invalid-argument', `labels must be a positive class count, got ${labels}`);
    classes = Array.from({ length: labels }, (_, i) => i);
    if (labels !== store.cols) {
      throw new MetricError(
        'shape-mismatch',
        `Number of given labels, ${labels}, not equal to the number of columns in 'y_score', ${store.cols}`,
      );
    }
    if (present.some((c) => c >= labels)) {
      throw new MetricError('shape-mismatch', "'y_true' contains labels not in parameter 'labels'");
    }
  } else {
    classes = [...present];
    if (classes.length !== store.cols) {
      throw new MetricError('shape-mismatch', "Number of classes in y_true not equal to the number of columns in 'y_score'");
    }
  }
  const n = store.rows;
  const k = store.cols;
  if (multiClass === 'ovr') {
    const yTrue = new Uint8Array(n * k);
    for (let c = 0; c < k; c++) {
      const col = indicatorColumn(store, c, classes);
      for (let i = 0; i < n; i++) yTrue[i * k + c] = col[i];
    }
    return averageBinaryScore((p, s) => binaryRocAuc(p, s, null, warnings), yTrue, store.scoreValues(), n, k, average);
  }
  return ovoRocAuc(store, classes, present, average === 'weighted', warnings);
}

/** _average_multiclass_ovo_score with _binary_roc_auc_score (Hand & Till 2001). */
function ovoRocAuc(
  store: RankingStore,
  classes: readonly number[],
  present: readonly number[],
  weighted: boolean,
  warnings: MetricWarning[],
): number {
  const n = store.rows;
  const k = store.cols;
  const t = store.trueValues();
  const s = store.scoreValues();
  // y_true encoded as positions in `classes`; the pairs run over the positions present in y_true
  const position = new Map(classes.map((c, i) => [c, i]));
  const encoded = new Int32Array(n);
  for (let i = 0; i < n; i++) encoded[i] = position.get(t[i])!;
  const uniques = present.map((c) => position.get(c)!).sort((a, b) => a - b);
  const pairScores: number[] = [];
  const prevalence: number[] = [];
  for (let ia = 0; ia < uniques.length; ia++) {
    for (let ib = ia + 1; ib < uniques.length; ib++) {
      const a = uniques[ia];
      const b = uniques[ib];
      let m = 0;
      for (let i = 0; i < n; i++) if (encoded[i] === a || encoded[i] === b) m++;
      const aTrue = new Uint8Array(m);
      const bTrue = new Uint8Array(m);
      const aScore = new Float64Array(m);
      const bScore = new Float64Array(m);
      for (let i = 0, j = 0; i < n; i++) {
        const e = encoded[i];
        if (e !== a && e !== b) continue;
        aTrue[j] = e === a ? 1 : 0;
        bTrue[j] = e === b ? 1 : 0;
        aScore[j] = s[i * k + a];
        bScore[j] = s[i * k + b];
        j++;
      }
      if (weighted) prevalence.push(m / n);
      const auc = (binaryRocAuc(aTrue, aScore, null, warnings) + binaryRocAuc(bTrue, bScore, null, warnings)) / 2;
      pairScores.push(auc);
    }
  }
  if (weighted) {
    const w = Float64Array.from(prevalence);
    if (pairwiseSum(w) === 0) {
      throw new MetricError('unsupported-target', "Weights sum to zero, can't be normalized", 'ZeroDivisionError');
    }
    return npAverage(Float64Array.from(pairScores), w);
  }
  if (pairScores.length === 0) {
    // np.average of an empty array: numpy warns twice and returns nan
    warnings.push({ code: 'undefined-score', category: 'RuntimeWarning', message: 'Mean of empty slice' });
    warnings.push({ code: 'undefined-score', category: 'RuntimeWarning', message: 'invalid value encountered in scalar divide' });
    return NaN;
  }
  return npMean(Float64Array.from(pairScores));
}
