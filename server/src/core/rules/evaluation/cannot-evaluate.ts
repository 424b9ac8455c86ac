// cannot-evaluate: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'cannot-evaluate',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the experiment does not say enough to score it',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the experiment does not say enough to score it: no task and nothing to infer it from, no",
    "classes for file data, a binary task with other than 2 classes. **Fix:** declare what the message names.",
  ],
};

export const examples: readonly Example[] = [];
