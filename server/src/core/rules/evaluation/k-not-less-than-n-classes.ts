// k-not-less-than-n-classes: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'k-not-less-than-n-classes',
  kind: 'evaluation',
  severity: 'warning',
  summary: "top_k_accuracy with k \u2265 the number of classes (always a perfect score)",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** `top_k_accuracy(k: \u2026)` with k greater than or equal to the number of classes: scikit-learn warns",
    "\"'k' \u2026 greater than or equal to 'n_classes' \u2026 will result in a perfect score and is therefore meaningless\".",
    "**Fix:** a k below the number of classes.",
  ],
};

export const examples: readonly Example[] = [];
