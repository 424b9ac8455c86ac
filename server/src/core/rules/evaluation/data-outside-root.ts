// data-outside-root: a finding of the evaluation (reading the data reveals it).

import type { CodeDoc, EvaluationCode, Example } from '../types';

export const rule: EvaluationCode = {
  id: 'data-outside-root',
  kind: 'evaluation',
  severity: 'error',
  summary: "a data file's real location (symlinks followed) is outside the folder data must stay in (the workspace folder; the CLI's --root)",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a data file's real location (symlinks followed) is outside the folder data must stay in (the",
    "workspace folder; the CLI's `--root`). Checked on the opened file, so a symlink swapped during the read is",
    "caught too.",
  ],
};

export const examples: readonly Example[] = [];
