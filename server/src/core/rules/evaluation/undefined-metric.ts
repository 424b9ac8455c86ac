// undefined-metric: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'undefined-metric',
  kind: 'evaluation',
  severity: 'warning',
  summary: "precision, recall or F1 divides by zero for a label (scikit-learn sets it to zero_division and warns)",
};

export const doc: CodeDoc = {
  text: [
    "**Condition (warning):** precision, recall or F1 divides by zero for a label (no predicted or no true",
    "samples), and `zero_division` is `warn`: scikit-learn's UndefinedMetricWarning, with the value set to 0.",
    "**Fix:** set `zero_division: 0` or `1` on the metric to choose the value and silence it.",
  ],
};

export const examples: readonly Example[] = [];
