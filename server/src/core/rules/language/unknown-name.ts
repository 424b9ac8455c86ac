// unknown-name: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import { unknownName } from '../fixing/language-fixes';
import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'unknown-name',
  kind: 'language',
  severity: 'error',
  summary: "a name the catalogue does not know (key, loss, activation, optimizer, metric, layer, parameter…), or a value outside its allowed names",
  fix: { fixer: unknownName, when: 'a close name exists, or the name is a parameter', local: true },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a key, loss, activation, optimizer, metric, layer, average, data key or parameter that the catalogue",
    "does not know, or a value outside a parameter's allowed names. The message suggests the closest name by edit",
    "distance (\"did you mean 'categorical_crossentropy'?\"), also in `data.suggestion`.",
  ],
  fix: [
    "**Fix:** the suggested name.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  loss: categorical_crossentropi
}
`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment pets {
  loss: categorical_crossentropy
}
`,
    expect: [],
  },
  {
    name: 'a suggestion in quotes stays in quotes',
    text: `experiment a {
  model { dense(3, activation: "softmx") }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 2 }],
    fix: { title: "Replace with 'softmax'", text: `experiment a {
  model { dense(3, activation: "softmax") }
  loss: categorical_crossentropy
}`, preferred: true },
  },
  {
    name: 'an unknown parameter renamed',
    text: `experiment a {
  loss: binary_crossentropy(from_logit: true)
}`,
    expect: [{ line: 2 }],
    fix: { title: "Replace with 'from_logits'", text: `experiment a {
  loss: binary_crossentropy(from_logits: true)
}`, preferred: true },
  },
  {
    name: 'an unknown parameter removed',
    text: `experiment a {
  loss: binary_crossentropy(label_smoothing: 0.1, from_logit: true)
}`,
    expect: [{ line: 2 }],
    fix: { title: "Remove the argument 'from_logit'", text: `experiment a {
  loss: binary_crossentropy(label_smoothing: 0.1)
}`, preferred: false },
  },
  {
    name: 'an unknown key renamed',
    text: `experiment a {
  los: binary_crossentropy
}`,
    expect: [{ line: 2 }],
    fix: { title: "Replace with 'loss'", text: `experiment a {
  loss: binary_crossentropy
}`, preferred: true },
  },
];
