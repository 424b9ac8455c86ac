// non-finite: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'non-finite',
  kind: 'evaluation',
  severity: 'error',
  summary: 'nan, inf or -inf in a label, probability or feature column',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** `nan`, `inf` or `-inf` in a label, probability or feature column. scikit-learn's input checks",
    "raise on them. **Fix:** drop or repair those rows.",
  ],
};

export const examples: readonly Example[] = [];
