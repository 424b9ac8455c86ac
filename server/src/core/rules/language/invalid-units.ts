// invalid-units: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'invalid-units',
  kind: 'language',
  severity: 'error',
  summary: "a layer's units (or filters) below 1",
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a layer's units (or filters) below 1.",
  ],
  fix: [
    "**Fix:** a whole number ≥ 1.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  model {
    dense(0)
  }
  loss: binary_crossentropy
}
`,
    expect: [{ line: 3 }],
  },
  {
    text: `experiment spam {
  model {
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy
}
`,
    expect: [],
  },
];
