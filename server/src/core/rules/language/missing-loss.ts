// missing-loss: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import { missingLoss } from '../fixing/language-fixes';
import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'missing-loss',
  kind: 'language',
  severity: 'error',
  summary: 'the experiment declares layers but no loss',
  fix: { fixer: missingLoss },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the experiment declares layers but no loss. An experiment that only scores predictions needs no loss.",
  ],
  fix: [
    "**Fix:** add a loss that fits the output, such as `loss: binary_crossentropy`.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  model {
    dense(1, activation: sigmoid)
  }
}
`,
    expect: [{ line: 1 }],
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
  {
    name: 'a missing loss fits softmax over integer labels',
    text: `experiment a {
  labels: integer
  model {
    dense(16, activation: relu)
    dense(3, activation: softmax)
  }
  metrics: [accuracy]
}`,
    expect: [{ line: 1 }],
    fix: { title: 'Add loss: sparse_categorical_crossentropy', text: `experiment a {
  labels: integer
  model {
    dense(16, activation: relu)
    dense(3, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
  metrics: [accuracy]
}`, preferred: true },
  },
  {
    name: 'a missing loss for logits, in a one-line experiment',
    text: `experiment a { model { dense(4) } }`,
    expect: [{ line: 1 }],
    fix: { title: 'Add loss: categorical_crossentropy(from_logits: true)', text: 'experiment a { model { dense(4) } loss: categorical_crossentropy(from_logits: true) }', preferred: true },
  },
  {
    name: 'CRLF line breaks are kept',
    text: `experiment a {\r
  model {\r
    dense(1, activation: sigmoid)\r
  }\r
}\r
`,
    expect: [{ line: 1 }],
    fix: { title: 'Add loss: binary_crossentropy', text: `experiment a {\r
  model {\r
    dense(1, activation: sigmoid)\r
  }\r
  loss: binary_crossentropy\r
}\r
`, preferred: true },
  },
];
