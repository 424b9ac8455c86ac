// invalid-indicator: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'invalid-indicator',
  kind: 'evaluation',
  severity: 'error',
  summary: "a multilabel y_true that is not indicator rows of 0s and 1s",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** on a multilabel task, y_true is not indicator rows (one 0/1 column per label), or a row holds a",
    "value other than 0 and 1. Every number that reads y_true as labels reports it instead of a value. **Fix:** write",
    "each row as 0s and 1s, one column per label.",
  ],
};

export const examples: readonly Example[] = [];
