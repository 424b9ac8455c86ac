/**
 * Errors and warnings of the classification metrics: what scikit-learn raises or warns, as data the caller
 * turns into diagnostics.
 *
 * API
 *   class MetricError extends Error { code: MetricErrorCode; pythonType: 'ValueError' | 'TypeError' }
 *       Thrown where scikit-learn raises. `message` is scikit-learn's message (label values rendered as
 *       scikit-learn renders them, given the label names the caller supplied); `code` is stable for tools.
 *   interface MetricWarning { code; category; metric?; message }
 *       What scikit-learn would emit with warnings.warn. Functions return them in the order scikit-learn
 *       emits them (one record per warnings.warn call, as with simplefilter("always")).
 *   undefinedMetricWarning(metric, modifier, average, resultSize): MetricWarning
 *       scikit-learn's _warn_prf message ("Precision is ill-defined and being set to 0.0 in labels with no
 *       predicted samples. Use `zero_division` parameter to control this behavior.").
 */

export type MetricErrorCode =
  /** no samples were accumulated ("Found empty input array ...") */
  | 'empty-input'
  /** average='binary' on a multiclass or multilabel target */
  | 'average-binary-not-binary'
  /** average='binary' with a pos_label that is not one of the two present labels */
  | 'invalid-pos-label'
  /** average='samples' on a single-label target */
  | 'samplewise-not-multilabel'
  /** labels= outside [0, L) for a multilabel target */
  | 'multilabel-label-out-of-range'
  /** classification_report: target_names length differs from the number of labels (labels not given) */
  | 'target-names-mismatch'
  /** confusion_matrix: labels= is empty */
  | 'no-labels'
  /** confusion_matrix: none of labels= occurs in y_true */
  | 'no-label-in-y-true'
  /** confusion_matrix on a multilabel target */
  | 'multilabel-not-supported'
  /** xent-specific: an index outside 0..K-1 was fed to an accumulator, or a bad argument */
  | 'index-out-of-range'
  | 'invalid-argument'
  /** xent-specific: merging accumulators of different shapes */
  | 'incompatible-accumulators'
  /** xent-specific: average='samples' with labels other than the ones the accumulator tracked per sample */
  | 'samples-labels-mismatch'
  /** scores/: the target type does not suit the metric (multiclass y_true for a binary-only metric, ...) */
  | 'unsupported-target'
  /** scores/: y_score / y_prob columns do not match the classes */
  | 'shape-mismatch'
  /** scores/: probabilities outside [0, 1], rows not summing to 1 where required, NaN / infinity */
  | 'invalid-scores'
  /** scores/: a parameter scikit-learn rejects (max_fpr, multi_class, average for this target, k, ...) */
  | 'invalid-parameter';

/** the Python exception class the library raises (scores/ also meets NotImplementedError, ZeroDivisionError) */
export type PythonErrorType = 'ValueError' | 'TypeError' | 'NotImplementedError' | 'ZeroDivisionError';

export class MetricError extends Error {
  readonly code: MetricErrorCode;
  readonly pythonType: PythonErrorType;
  constructor(code: MetricErrorCode, message: string, pythonType: PythonErrorType = 'ValueError') {
    super(message);
    this.name = 'MetricError';
    this.code = code;
    this.pythonType = pythonType;
  }
}

export type MetricWarningCode =
  /** UndefinedMetricWarning: a zero division under zero_division="warn" */
  | 'undefined-metric'
  /** UserWarning from confusion_matrix: the matrix is 1×1 */
  | 'single-label-confusion'
  /** UserWarning from classification_report: labels given and target_names of another length */
  | 'labels-target-names-size'
  /** scores/: a score undefined for the data (one class in y_true for ROC AUC, kappa's zero denominator) */
  | 'undefined-score'
  /** scores/: UserWarning of balanced_accuracy_score: "y_pred contains classes not in y_true" */
  | 'classes-not-in-y-true'
  /** scores/: UserWarning of precision_recall_curve: no positive class in y_true */
  | 'no-positive-class'
  /** scores/: UndefinedMetricWarning of top_k_accuracy_score: k >= n_classes */
  | 'k-not-less-than-n-classes'
  /** scores/: UserWarning of the set-wise metrics: pos_label given with average != 'binary' */
  | 'pos-label-ignored'
  /** scores/: UserWarning of brier_score_loss: "The y_prob values do not sum to one. ..." */
  | 'rows-not-normalized';

export interface MetricWarning {
  readonly code: MetricWarningCode;
  /** the Python warning class scikit-learn uses */
  readonly category: 'UndefinedMetricWarning' | 'UserWarning' | 'RuntimeWarning';
  /** for undefined-metric: which quantity was ill-defined */
  readonly metric?: 'precision' | 'recall' | 'f-score';
  readonly message: string;
}

export type PrfMetric = 'precision' | 'recall' | 'f-score';

/** scikit-learn's _warn_prf. */
export function undefinedMetricWarning(
  metric: PrfMetric,
  modifier: string,
  average: string | null,
  resultSize: number,
): MetricWarning {
  let axis0 = 'sample';
  let axis1 = 'label';
  if (average === 'samples') [axis0, axis1] = [axis1, axis0];
  const start = metric === 'f-score' ? 'F-score is' : metric === 'precision' ? 'Precision is' : 'Recall is';
  const where = resultSize === 1 ? 'due to' : `in ${axis1}s with`;
  return {
    code: 'undefined-metric',
    category: 'UndefinedMetricWarning',
    metric,
    message:
      `${start} ill-defined and being set to 0.0 ${where} no ${modifier} ${axis0}s. ` +
      'Use `zero_division` parameter to control this behavior.',
  };
}
