// sigmoid-with-categorical-loss: sigmoid on more than one unit with a categorical loss, task not multilabel.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { activationAnchor, lossAnchor } from './facts';
import { activationFix } from './fixing/output-fixes';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function sigmoidWithCategoricalLoss(m: ExperimentModel, ctx: RuleContext): void {
  const { output, loss, lossFamily, task } = ctx.facts;
  if (!output || !loss || output.range !== 'probability' || output.units <= 1) return;
  if ((lossFamily !== 'categorical' && lossFamily !== 'sparse') || task === 'multilabel') return;
  ctx.report({
    at: activationAnchor(output),
    related: [lossAnchor(loss)],
    message:
      `${output.activation} scores each of the ${output.units} outputs on its own, so they do not sum to 1, but ${loss.name} expects a ` +
      `distribution over classes: Keras rescales each row silently and the classes never compete during training. Use softmax on the output layer.`,
    data: { activation: 'softmax' },
  });
}

export const rule: Rule = {
  id: 'sigmoid-with-categorical-loss',
  kind: 'rule',
  group: 'output',
  severity: 'warning',
  summary: 'sigmoid on more than one unit with a categorical loss, task not multilabel',
  check: sigmoidWithCategoricalLoss,
  fix: { fixer: activationFix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** sigmoid on more than one output unit with a categorical loss, and the task is not multilabel.",
    "**Severity:** W.",
    "",
    "**Why:** sigmoid scores each output on its own, so the outputs do not sum to 1; Keras rescales each row silently and",
    "the classes never compete during training.",
  ],
  fix: [
    "**Fix:** softmax on the output layer (`data.activation`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment weather {
  task: multiclass
  model {
    dense(3, activation: sigmoid)
  }
  loss: categorical_crossentropy
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment weather {
  task: multiclass
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: multiclass
  model {
    dense(3, activation: sigmoid)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 4, severity: 'warning', data: { activation: 'softmax' } }],
  },
  {
    text: `experiment a {
  task: multiclass
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [],
  },
];
