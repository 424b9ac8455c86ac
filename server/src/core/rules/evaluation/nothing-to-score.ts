// nothing-to-score: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'nothing-to-score',
  kind: 'evaluation',
  severity: 'error',
  summary: 'there is no data block, or y_true without y_pred (and no model to fit)',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** there is no data block, or y_true without y_pred (and no model to fit). **Fix:** add `y_pred`, or `features` with `model: logistic_regression()`.",
  ],
};

export const examples: readonly Example[] = [];
