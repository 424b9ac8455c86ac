// zero-probability: a finding of the evaluation (reading the data reveals it).

import type { EvaluationCode } from '../types';

export const rule: EvaluationCode = {
  id: 'zero-probability',
  kind: 'evaluation',
  severity: 'warning',
  summary: '**Condition (warning):** y_true gives weight to a class whose predicted probability is exactly 0, so H(p, q)',
  doc: {
    text: [
      "**Condition (warning):** y_true gives weight to a class whose predicted probability is exactly 0, so H(p, q)",
      "and KL(p‖q) are +∞. **Fix:** the model assigns impossible zero probabilities; clip or smooth them.",
    ],
  },
  examples: [],
};
