// classes-not-in-y-true: a finding of the evaluation (reading the data reveals it).

import type { EvaluationCode } from '../types';

export const rule: EvaluationCode = {
  id: 'classes-not-in-y-true',
  kind: 'evaluation',
  severity: 'warning',
  summary: "balanced_accuracy: y_pred contains classes not in y_true",
  doc: {
    text: [
      "**Condition:** scikit-learn's `balanced_accuracy_score` warns \"y_pred contains classes not in y_true\": a class is",
      "predicted that never occurs in y_true, and its recall is left out of the mean.",
    ],
  },
  examples: [],
};
