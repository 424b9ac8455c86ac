// undefined-score: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'undefined-score',
  kind: 'evaluation',
  severity: 'warning',
  summary: "roc_auc is undefined: only one class in y_true (or no pair of classes to compare)",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** `auc` cannot be defined on this data: y_true holds only one class (scikit-learn's",
    "UndefinedMetricWarning \"Only one class is present in y_true. ROC AUC score is not defined in that case.\"), or",
    "the one-vs-one average has no pair of classes to compare. The value is NaN, as scikit-learn gives it.",
  ],
};

export const examples: readonly Example[] = [];
