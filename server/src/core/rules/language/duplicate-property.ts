// duplicate-property: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import { duplicateProperty } from '../fixing/language-fixes';
import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'duplicate-property',
  kind: 'language',
  severity: 'error',
  summary: 'a key is set twice in one experiment or one data block (the first one is kept)',
  fix: { fixer: duplicateProperty },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a key is set twice in one experiment or one data block (the first one is kept).",
  ],
  fix: [
    "**Fix:** keep one.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  task: binary
  task: multiclass
}
`,
    expect: [{ line: 3 }],
  },
  {
    text: `experiment spam {
  task: binary
}
`,
    expect: [],
  },
  {
    name: 'a duplicate property on a shared line',
    text: `experiment a { task: binary task: multiclass }`,
    expect: [{ line: 1 }],
    fix: { title: "Remove the second 'task'", text: 'experiment a { task: binary }', preferred: true },
  },
];
