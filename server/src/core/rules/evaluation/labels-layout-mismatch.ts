// labels-layout-mismatch: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'labels-layout-mismatch',
  kind: 'evaluation',
  severity: 'error',
  summary: "the declared labels: encoding does not match the layout of y_true in the data",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** `labels:` is declared (`integer`, `onehot` or `indicator`) but the data read shows another layout:",
    "rows of several values where one label per sample was declared, or the reverse. Placed on the `labels:` line.",
    "xent computes every number on the data as it is (nothing is re-encoded). **Fix:** correct the declaration or the",
    "data.",
  ],
};

export const examples: readonly Example[] = [];
