// soft-targets: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'soft-targets',
  kind: 'evaluation',
  severity: 'warning',
  summary: "y_true holds class probabilities: the loss's soft targets, which scikit-learn's metrics cannot read",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** y_true rows are class probabilities (each row sums to 1), which the declared loss takes as soft",
    "targets (PyTorch's `cross_entropy`); scikit-learn's metrics need one label per row, so they are not computed.",
    "A warning: the loss is computed. Under a Keras loss the same rows are `invalid-onehot-row`.",
  ],
};

export const examples: readonly Example[] = [];
