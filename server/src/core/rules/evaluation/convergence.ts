// convergence: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'convergence',
  kind: 'evaluation',
  severity: 'warning',
  summary: "logistic_regression reached max_iter before its L-BFGS fit converged",
};

export const doc: CodeDoc = {
  text: [
    "**Condition (warning):** `logistic_regression` reached `max_iter` before its L-BFGS fit converged",
    "(scikit-learn's ConvergenceWarning). **Fix:** raise `max_iter`, or scale the features.",
  ],
};

export const examples: readonly Example[] = [];
