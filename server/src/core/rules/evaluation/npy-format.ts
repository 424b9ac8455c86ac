// npy-format: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'npy-format',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the file is not a NumPy .npy file, or its header cannot be read',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the file is not a NumPy .npy file, or its header cannot be read.",
  ],
};

export const examples: readonly Example[] = [];
