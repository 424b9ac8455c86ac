// data-parse: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'data-parse',
  kind: 'evaluation',
  severity: 'error',
  summary: 'a cell that is not a number, a row with too few or too many fields, an unterminated quote',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a cell that is not a number, a row with too few or too many fields, an unterminated quote.",
    "The message names the file, the line (as an editor counts it) and the column: `runs/val.csv:10234: column",
      "p_dog is 'abc', not a number`.",
  ],
};

export const examples: readonly Example[] = [];
