// npy-truncated: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'npy-truncated',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the file holds fewer bytes than its header promises (an interrupted copy)',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the file holds fewer bytes than its header promises (an interrupted copy).",
  ],
};

export const examples: readonly Example[] = [];
