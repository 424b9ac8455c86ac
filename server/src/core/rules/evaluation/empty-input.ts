// empty-input: a finding of the evaluation (reading the data reveals it).

import type { EvaluationCode } from '../types';

export const rule: EvaluationCode = {
  id: 'empty-input',
  kind: 'evaluation',
  severity: 'error',
  summary: 'there are no rows to score',
  doc: {
    text: [
      "**Condition:** there are no rows to score. **Fix:** give y_true and y_pred at least one row.",
    ],
  },
  examples: [],
};
