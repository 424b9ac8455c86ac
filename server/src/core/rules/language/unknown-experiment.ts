// unknown-experiment: a language-level diagnostic (the parser, the semantic model or the call checks report it).

import { unknownExperiment } from '../fixing/language-fixes';
import type { CodeDoc, Example, LanguageCode } from '../types';

export const rule: LanguageCode = {
  id: 'unknown-experiment',
  kind: 'language',
  severity: 'error',
  summary: 'extends names an experiment that is not in the file (data.suggestion holds the closest name)',
  fix: { fixer: unknownExperiment, when: 'a close experiment name exists', local: true },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** `extends` names an experiment that is not in the file (`data.suggestion` holds the closest name).",
  ],
  fix: [
    "**Fix:** the name of an experiment in the file.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment run_2 extends run_l {
  loss: binary_crossentropy
}
`,
    expect: [{ line: 1 }],
  },
  {
    text: `experiment run_1 {
  loss: binary_crossentropy
}
experiment run_2 extends run_1 {
  optimizer: adam
}
`,
    expect: [],
  },
  {
    name: 'an unknown parent renamed',
    text: `experiment run_1 { loss: binary_crossentropy }
experiment run_2 extends run_l { optimizer: adam }`,
    expect: [{ line: 2 }],
    fix: { title: "Replace with 'run_1'", text: `experiment run_1 { loss: binary_crossentropy }
experiment run_2 extends run_1 { optimizer: adam }`, preferred: true },
  },
];
