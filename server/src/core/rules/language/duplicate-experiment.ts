// duplicate-experiment: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'duplicate-experiment',
  kind: 'language',
  severity: 'error',
  summary: 'two experiments have the same name (the second is ignored)',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** two experiments have the same name (the second is ignored).",
  ],
  fix: [
    "**Fix:** rename one.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment run {}
experiment run {}
`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment run_1 {}
experiment run_2 {}
`,
    expect: [],
  },
];
