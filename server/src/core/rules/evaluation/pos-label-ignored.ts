// pos-label-ignored: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'pos-label-ignored',
  kind: 'evaluation',
  severity: 'warning',
  summary: "pos_label given with an average other than binary (scikit-learn ignores it)",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a set-wise metric (`jaccard`, \u2026) is given `pos_label` with an `average` other than `binary`:",
    "scikit-learn warns that pos_label is ignored. **Fix:** drop pos_label, or use `labels: [the class]`.",
  ],
};

export const examples: readonly Example[] = [];
