// data-unreadable: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'data-unreadable',
  kind: 'evaluation',
  severity: 'error',
  summary: "the path is not a regular file (a directory, a FIFO, a device, a socket), or the file cannot be read",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the path is not a regular file (a directory, a FIFO, a device such as `/dev/zero`, a socket:",
    "refused at once, never waited on), or the file cannot be read (permissions, I/O error).",
  ],
};

export const examples: readonly Example[] = [];
