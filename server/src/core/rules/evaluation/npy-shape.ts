// npy-shape: a finding of the evaluation (reading the data reveals it).

import type { EvaluationCode } from '../types';

export const rule: EvaluationCode = {
  id: 'npy-shape',
  kind: 'evaluation',
  severity: 'error',
  summary: 'a 0-D array, or more than 2 dimensions',
  doc: {
    text: [
      "**Condition:** a 0-D array, or more than 2 dimensions.",
    ],
  },
  examples: [],
};
