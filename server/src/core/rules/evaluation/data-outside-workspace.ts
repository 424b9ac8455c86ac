// data-outside-workspace: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'data-outside-workspace',
  kind: 'evaluation',
  severity: 'error',
  summary: 'a data path (or a symlink on it) resolves outside the workspace folder that holds the .xent file',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a data path (or a symlink on it) resolves outside the workspace folder that holds the .xent",
    "file. xent refuses to read it: a .xent file from someone else must not make the editor read arbitrary files.",
    "**Fix:** keep the data inside the workspace, or open the folder that holds both.",
  ],
};

export const examples: readonly Example[] = [];
