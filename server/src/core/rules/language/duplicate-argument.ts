// duplicate-argument: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import { duplicateArgument } from '../fixing/language-fixes';
import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'duplicate-argument',
  kind: 'language',
  severity: 'error',
  summary: 'a parameter is given twice in one call (also positionally and by name)',
  fix: { fixer: duplicateArgument },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a parameter is given twice in one call (also positionally and by name).",
  ],
  fix: [
    "**Fix:** keep one.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  model {
    dense(3, units: 4)
  }
  loss: categorical_crossentropy
}
`,
    expect: [{ line: 3 }],
  },
  {
    text: `experiment pets {
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}
`,
    expect: [],
  },
];
