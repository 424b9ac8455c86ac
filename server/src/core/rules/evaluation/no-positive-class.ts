// no-positive-class: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'no-positive-class',
  kind: 'evaluation',
  severity: 'warning',
  summary: "average precision (precision_recall_curve): no positive sample in y_true",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** scikit-learn's `precision_recall_curve` warns that there is no positive class in y_true: recall is",
    "undefined, and average precision is computed as scikit-learn does (with its warning). **Fix:** score data that",
    "holds positive samples.",
  ],
};

export const examples: readonly Example[] = [];
