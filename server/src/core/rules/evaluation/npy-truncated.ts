// npy-truncated: a finding of the evaluation (reading the data reveals it).

import type { EvaluationCode } from '../types';

export const rule: EvaluationCode = {
  id: 'npy-truncated',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the file holds fewer bytes than its header promises (an interrupted copy)',
  doc: {
    text: [
      "**Condition:** the file holds fewer bytes than its header promises (an interrupted copy).",
    ],
  },
  examples: [],
};
