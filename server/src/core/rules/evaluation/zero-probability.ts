// zero-probability: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'zero-probability',
  kind: 'evaluation',
  severity: 'warning',
  summary: "y_true gives weight to a class whose predicted probability is exactly 0, so H(p, q) is infinite",
};

export const doc: CodeDoc = {
  text: [
    "**Condition (warning):** y_true gives weight to a class whose predicted probability is exactly 0, so H(p, q)",
    "and KL(p‖q) are +∞. **Fix:** the model assigns impossible zero probabilities; clip or smooth them.",
  ],
};

export const examples: readonly Example[] = [];
