// metric-error: a finding of the evaluation (reading the data reveals it).

import type { EvaluationCode } from '../types';

export const rule: EvaluationCode = {
  id: 'metric-error',
  kind: 'evaluation',
  severity: 'error',
  summary: 'a metric cannot be computed on this data, as scikit-learn would raise (for example average',
  doc: {
    text: [
      "**Condition:** a metric cannot be computed on this data, as scikit-learn would raise (for example",
      "`average: binary` on a multiclass target).",
    ],
  },
  examples: [],
};
