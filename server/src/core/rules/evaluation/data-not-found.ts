// data-not-found: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'data-not-found',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the data file does not exist',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the data file does not exist. **Fix:** check the path; it is relative to the .xent file.",
  ],
};

export const examples: readonly Example[] = [];
