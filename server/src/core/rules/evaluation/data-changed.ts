// data-changed: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'data-changed',
  kind: 'evaluation',
  severity: 'error',
  summary: "the data file changed while it was read (size, modification time or inode differ); nothing is scored from it",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the data file changed while it was read (its size, modification time or inode differ from",
    "when it was opened; checked before every chunk and at the end). Nothing is scored from it. **Fix:** read it",
    "again once the program writing it is done.",
  ],
};

export const examples: readonly Example[] = [];
