// softmax-multilabel: softmax output on a multilabel task.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { activationAnchor, taskAnchor, taskPhrase } from './facts';
import { activationFix } from './fixing/output-fixes';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function softmaxMultilabel(m: ExperimentModel, ctx: RuleContext): void {
  const { output } = ctx.facts;
  if (!output || output.activation !== 'softmax' || m.task?.value !== 'multilabel') return;
  ctx.report({
    at: activationAnchor(output),
    related: [taskAnchor(m.task)],
    message:
      `softmax makes the ${output.units} outputs sum to 1, so the labels compete, but ${taskPhrase(m.task)}: a sample cannot be confidently ` +
      `positive for two labels, and with a 0.5 threshold at most one label is ever predicted. Use sigmoid on the output layer (with binary_crossentropy).`,
    data: { activation: 'sigmoid' },
  });
}

export const rule: Rule = {
  id: 'softmax-multilabel',
  kind: 'rule',
  group: 'output',
  severity: 'error',
  summary: 'softmax output on a multilabel task',
  check: softmaxMultilabel,
  fix: { fixer: activationFix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a softmax output on a multilabel task. **Severity:** E.",
    "",
    "**Why:** softmax makes the outputs sum to 1, so the labels compete: a sample cannot be confidently positive for two",
    "labels, and with a 0.5 threshold at most one label is ever predicted.",
  ],
  fix: [
    "**Fix:** sigmoid on the output layer (`data.activation`), with `binary_crossentropy`.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment genres {
  task: multilabel
  model {
    dense(4, activation: softmax)
  }
  loss: binary_crossentropy
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment genres {
  task: multilabel
  model {
    dense(4, activation: sigmoid)
  }
  loss: binary_crossentropy
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: multilabel
  model {
    dense(4, activation: softmax)
  }
  loss: binary_crossentropy
}`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment a {
  task: multilabel
  model {
    dense(4, activation: sigmoid)
  }
  loss: binary_crossentropy
}`,
    expect: [],
  },
];
