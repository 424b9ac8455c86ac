// duplicate-class: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import { duplicateClass } from '../fixing/language-fixes';
import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'duplicate-class',
  kind: 'language',
  severity: 'error',
  summary: 'a class name is listed twice in classes',
  fix: { fixer: duplicateClass },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a class name is listed twice in `classes`.",
  ],
  fix: [
    "**Fix:** list each class once.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  classes: [cat, dog, cat]
}
`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment pets {
  classes: [cat, dog, horse]
}
`,
    expect: [],
  },
];
