// npy-dtype: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'npy-dtype',
  kind: 'evaluation',
  severity: 'error',
  summary: 'a dtype xent does not convert (object, string, complex, structured)',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a dtype xent does not convert (object, string, complex, structured). **Fix:** save the array as",
    "float64, float32, int64, int32, uint8 or bool.",
  ],
};

export const examples: readonly Example[] = [];
