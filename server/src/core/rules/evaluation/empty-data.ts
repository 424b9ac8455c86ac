// empty-data: a finding of the evaluation (reading the data reveals it).

import type { EvaluationCode } from '../types';

export const rule: EvaluationCode = {
  id: 'empty-data',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the file is empty, or holds a header and no rows',
  doc: {
    text: [
      "**Condition:** the file is empty, or holds a header and no rows. scikit-learn raises on empty input.",
    ],
  },
  examples: [],
};
