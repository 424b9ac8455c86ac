// extends-cycle: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'extends-cycle',
  kind: 'language',
  severity: 'error',
  summary: 'an experiment extends itself, directly or through others',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** an experiment extends itself, directly or through others.",
  ],
  fix: [
    "**Fix:** break the cycle.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment a extends b {}
experiment b extends a {}
`,
    expect: [{ line: 1 }, { line: 2 }],
  },
  {
    text: `experiment a {}
experiment b extends a {}
`,
    expect: [],
  },
];
