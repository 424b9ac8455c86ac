// non-finite-loss: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'non-finite-loss',
  kind: 'evaluation',
  severity: 'warning',
  summary: 'a per-sample loss is not finite although the inputs are (a prediction row of zeros that Keras divides by its sum)',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a per-sample loss is not finite although the inputs are (a prediction row of zeros that Keras",
    "divides by its sum). **Fix:** the predictions are broken; check the model's output.",
  ],
};

export const examples: readonly Example[] = [];
