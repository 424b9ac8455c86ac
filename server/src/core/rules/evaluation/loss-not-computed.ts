// loss-not-computed: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'loss-not-computed',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the declared loss has no value on this data (its library refuses it, or xent has no engine for it)',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the declared loss has no value on this data: its library refuses it (Keras's shape error for",
    "`kl_divergence` or `binary_crossentropy` against a single label column, with its message), or xent has no",
    "engine for it (`poisson`, `hinge`, …; severity information). Placed on the loss name, so the editor shows why",
    "the loss has no inlay value; not repeated when a finding on the loss (`categorical-loss-integer-labels`, …)",
    "already says why. **Fix:** the loss that fits the labels as written, or labels that fit the loss.",
  ],
};

export const examples: readonly Example[] = [];
