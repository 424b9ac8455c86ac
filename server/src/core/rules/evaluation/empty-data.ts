// empty-data: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'empty-data',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the file is empty, or holds a header and no rows',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the file is empty, or holds a header and no rows. scikit-learn raises on empty input.",
  ],
};

export const examples: readonly Example[] = [];
