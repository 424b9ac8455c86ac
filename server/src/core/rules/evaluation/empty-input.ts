// empty-input: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'empty-input',
  kind: 'evaluation',
  severity: 'error',
  summary: 'there are no rows to score',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** there are no rows to score. **Fix:** give y_true and y_pred at least one row.",
  ],
};

export const examples: readonly Example[] = [];
