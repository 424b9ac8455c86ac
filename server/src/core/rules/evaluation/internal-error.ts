// internal-error: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'internal-error',
  kind: 'evaluation',
  severity: 'error',
  summary: 'a bug in xent',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a bug in xent. The message says what failed; please report it with the .xent file.",
  ],
};

export const examples: readonly Example[] = [];
