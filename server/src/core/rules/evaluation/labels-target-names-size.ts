// labels-target-names-size: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'labels-target-names-size',
  kind: 'evaluation',
  severity: 'warning',
  summary: "the class names and the labels taking part differ in number (scikit-learn's classification report warns)",
};

export const doc: CodeDoc = {
  text: [
    "**Condition (warning):** the class names and the labels taking part differ in number (scikit-learn's",
    "UserWarning in classification_report).",
  ],
};

export const examples: readonly Example[] = [];
