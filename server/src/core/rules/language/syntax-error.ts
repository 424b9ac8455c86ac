// syntax-error: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'syntax-error',
  kind: 'language',
  severity: 'error',
  summary: 'the text does not follow the grammar',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the text does not follow the grammar: a missing `:` or bracket, an unterminated string, an",
    "unexpected character, nesting deeper than 64 levels. The message says what was expected (\"expected ':' after",
    "'loss'\"); after 100 errors the rest are summarised.",
  ],
  fix: [
    "**Fix:** as the message says.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  loss binary_crossentropy
}
`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment spam {
  loss: binary_crossentropy
}
`,
    expect: [],
  },
];
