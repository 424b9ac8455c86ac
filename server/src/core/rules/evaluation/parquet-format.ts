// parquet-format: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'parquet-format',
  kind: 'evaluation',
  severity: 'error',
  summary: 'the file is not a Parquet file, its footer or a page cannot be read, or a column uses a codec xent does not decompress',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the file is not a Parquet file, its footer or a page cannot be read, or a column uses a codec",
    "xent does not decompress. **Fix:** write the file again; uncompressed, snappy, gzip and brotli are read",
    "(zstd where Node's zlib has it), so `compression=\"snappy\"` always works.",
  ],
};

export const examples: readonly Example[] = [];
