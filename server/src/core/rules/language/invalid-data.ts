// invalid-data: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'invalid-data',
  kind: 'language',
  severity: 'error',
  summary: 'inline data that is not a 1-D or 2-D array of numbers (y_true may also hold class names)',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** inline data that is not a 1-D or 2-D array of numbers (y_true may also hold class names): ragged rows,",
    "mixed numbers and names, a boolean, names in y_pred or features.",
  ],
  fix: [
    "**Fix:** rows of equal width, numbers only in y_pred and features.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  data {
    y_pred: [[0.1, 0.9], [1]]
  }
}
`,
    expect: [{ line: 3 }],
  },
  {
    text: `experiment pets {
  data {
    y_pred: [[0.1, 0.9], [0.6, 0.4]]
  }
}
`,
    expect: [],
  },
];
