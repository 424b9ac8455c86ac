// metric-error: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'metric-error',
  kind: 'evaluation',
  severity: 'error',
  summary: "a metric cannot be computed on this data, as scikit-learn would raise",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a metric cannot be computed on this data, as scikit-learn would raise (for example",
    "`average: binary` on a multiclass target).",
  ],
};

export const examples: readonly Example[] = [];
