// npy-shape: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'npy-shape',
  kind: 'evaluation',
  severity: 'error',
  summary: 'a 0-D array, or more than 2 dimensions',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a 0-D array, or more than 2 dimensions.",
  ],
};

export const examples: readonly Example[] = [];
