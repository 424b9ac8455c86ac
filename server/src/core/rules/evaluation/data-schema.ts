// data-schema: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'data-schema',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the csv(...) schema cannot be used',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the `csv(...)` schema cannot be used: a column used twice, or named twice in the header.",
  ],
};

export const examples: readonly Example[] = [];
