// parquet-type: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'parquet-type',
  kind: 'evaluation',
  severity: 'error',
  summary: 'a Parquet column type xent does not convert (nested, temporal, binary, float16, strings as probabilities)',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a Parquet column type xent does not convert (nested, temporal, binary, float16, strings as",
    "probabilities). **Fix:** write labels as integers or strings and probabilities as float32 or float64.",
  ],
};

export const examples: readonly Example[] = [];
