// invalid-value: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'invalid-value',
  kind: 'language',
  severity: 'error',
  summary: 'a property value of the wrong shape',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a property value of the wrong shape: `task: 3`, `classes: true`, a block where a value goes, a",
    "`key:` inside a model block, a bare value inside a data block.",
  ],
  fix: [
    "**Fix:** a value of the kind the message names.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  task: 2
}
`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment spam {
  task: binary
}
`,
    expect: [],
  },
];
