// npy-format: a finding of the evaluation (reading the data reveals it).

import type { EvaluationCode } from '../types';

export const rule: EvaluationCode = {
  id: 'npy-format',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the file is not a NumPy .npy file, or its header cannot be read',
  doc: {
    text: [
      "**Condition:** the file is not a NumPy .npy file, or its header cannot be read.",
    ],
  },
  examples: [],
};
