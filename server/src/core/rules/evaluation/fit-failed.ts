// fit-failed: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'fit-failed',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the fit could not run (fewer than 2 classes in y_true, features and labels of different lengths)',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the fit could not run (fewer than 2 classes in y_true, features and labels of different",
    "lengths).",
  ],
};

export const examples: readonly Example[] = [];
