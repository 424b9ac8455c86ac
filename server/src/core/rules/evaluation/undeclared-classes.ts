// undeclared-classes: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'undeclared-classes',
  kind: 'evaluation',
  severity: 'error',
  summary: 'a label column holds class names but the experiment declares no class names, so the order of the classes (the columns of y_pred) is unknown',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a label column holds class names but the experiment declares no class names, so the order of",
    "the classes (the columns of y_pred) is unknown. **Fix:** declare `classes: [cat, dog, horse]` in y_pred's",
    "column order.",
  ],
};

export const examples: readonly Example[] = [];
