// data-changed: a finding of the evaluation (reading the data reveals it).

import type { EvaluationCode } from '../types';

export const rule: EvaluationCode = {
  id: 'data-changed',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the data file changed while it was read (its size, modification time or inode differ from when it was opened; checked before every chunk …',
  doc: {
    text: [
      "**Condition:** the data file changed while it was read (its size, modification time or inode differ from",
      "when it was opened; checked before every chunk and at the end). Nothing is scored from it. **Fix:** read it",
      "again once the program writing it is done.",
    ],
  },
  examples: [],
};
