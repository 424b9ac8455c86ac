// internal-error: a finding of the evaluation (reading the data reveals it).

import type { EvaluationCode } from '../types';

export const rule: EvaluationCode = {
  id: 'internal-error',
  kind: 'evaluation',
  severity: 'error',
  summary: 'a bug in xent',
  doc: {
    text: [
      "**Condition:** a bug in xent. The message says what failed; please report it with the .xent file.",
    ],
  },
  examples: [],
};
