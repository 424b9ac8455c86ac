// invalid-parameter: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'invalid-parameter',
  kind: 'language',
  severity: 'error',
  summary: 'an argument of the wrong type (a string where a number goes) or outside its range, where no rule covers the range (data.parameter)',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** an argument of the wrong type (a string where a number goes) or outside its range, where no rule",
    "covers the range (`data.parameter`).",
  ],
  fix: [
    "**Fix:** a value of the type and range the message names.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  model {
    dense(16, activation: relu)
    dropout(1.5)
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment spam {
  model {
    dense(16, activation: relu)
    dropout(0.5)
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy
}
`,
    expect: [],
  },
];
