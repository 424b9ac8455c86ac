// invalid-argument: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import { invalidArgument } from '../fixing/language-fixes';
import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'invalid-argument',
  kind: 'language',
  severity: 'error',
  summary: 'an argument without a name where only the first (positional) one may go without',
  fix: { fixer: invalidArgument, when: 'the value fits exactly one parameter not yet given' },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** an argument without a name where only the first (positional) one may go without.",
  ],
  fix: [
    "**Fix:** write `name: value`.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  model {
    dense(3, softmax)
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
  {
    name: 'a positional activation named',
    text: `experiment a {
  model {
    dense(3, softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Write activation: softmax', text: `experiment a {
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`, preferred: true },
  },
];
