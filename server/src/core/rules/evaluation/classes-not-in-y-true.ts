// classes-not-in-y-true: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'classes-not-in-y-true',
  kind: 'evaluation',
  severity: 'warning',
  summary: "balanced_accuracy: y_pred contains classes not in y_true",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** scikit-learn's `balanced_accuracy_score` warns \"y_pred contains classes not in y_true\": a class is",
    "predicted that never occurs in y_true, and its recall is left out of the mean.",
  ],
};

export const examples: readonly Example[] = [];
