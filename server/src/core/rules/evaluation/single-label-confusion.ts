// single-label-confusion: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'single-label-confusion',
  kind: 'evaluation',
  severity: 'warning',
  summary: "only one label occurs in y_true and y_pred, so the confusion matrix is 1×1",
};

export const doc: CodeDoc = {
  text: [
    "**Condition (warning):** only one label occurs in y_true and y_pred, so the confusion matrix is 1×1",
    "(scikit-learn's UserWarning).",
  ],
};

export const examples: readonly Example[] = [];
