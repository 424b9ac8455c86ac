// missing-argument: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'missing-argument',
  kind: 'language',
  severity: 'error',
  summary: 'a required parameter is missing',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a required parameter is missing: `fbeta` without `beta`, `csv` without a path, …",
    "(`data.parameter` names it).",
  ],
  fix: [
    "**Fix:** give the parameter.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  metrics: [fbeta]
}
`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment spam {
  metrics: [fbeta(beta: 2)]
}
`,
    expect: [],
  },
];
