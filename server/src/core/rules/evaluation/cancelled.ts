// cancelled: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'cancelled',
  kind: 'evaluation',
  severity: 'error',
  summary: "the evaluation was cancelled (the progress notification's cancel button, or a new edit)",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the evaluation was cancelled (the progress notification's cancel button, or a new edit).",
  ],
};

export const examples: readonly Example[] = [];
