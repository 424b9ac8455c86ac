// non-finite-value: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'non-finite-value',
  kind: 'evaluation',
  severity: 'error',
  summary: 'NaN or ±infinity reached a loss (inline data)',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** NaN or ±infinity reached a loss (inline data). As `non-finite`.",
  ],
};

export const examples: readonly Example[] = [];
