// missing-column: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'missing-column',
  kind: 'evaluation',
  severity: 'error',
  summary: "a column named in csv(...) is not in the header; the message lists the header's columns",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a column named in `csv(...)` is not in the header; the message lists the header's columns.",
    "**Fix:** use one of the listed names, or a `\"prefix*\"` pattern.",
  ],
};

export const examples: readonly Example[] = [];
