// npy-dtype: a finding of the evaluation (reading the data reveals it).

import type { EvaluationCode } from '../types';

export const rule: EvaluationCode = {
  id: 'npy-dtype',
  kind: 'evaluation',
  severity: 'error',
  summary: 'a dtype xent does not convert (object, string, complex, structured)',
  doc: {
    text: [
      "**Condition:** a dtype xent does not convert (object, string, complex, structured). **Fix:** save the array as",
      "float64, float32, int64, int32, uint8 or bool.",
    ],
  },
  examples: [],
};
