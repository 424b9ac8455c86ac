// data-too-large: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'data-too-large',
  kind: 'evaluation',
  severity: 'error',
  summary: "a file is larger than the caller's limit (the CLI's --max-size)",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a file is larger than the caller's limit (the CLI's `--max-size`).",
  ],
};

export const examples: readonly Example[] = [];
