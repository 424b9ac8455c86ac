// softmax-loss-multilabel-task: categorical or sparse loss on a multilabel task.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { lossAnchor, taskAnchor, taskPhrase } from './facts';
import { dataString } from './fixing/draft';
import { useLoss } from './fixing/loss-fixes';
import type { Fixer } from './fixing/types';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function softmaxLossMultilabelTask(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily } = ctx.facts;
  if (!loss || (lossFamily !== 'categorical' && lossFamily !== 'sparse') || m.task?.value !== 'multilabel') return;
  ctx.report({
    at: lossAnchor(loss),
    related: [taskAnchor(m.task)],
    message:
      `${loss.name} assumes exactly one true class per sample, but ${taskPhrase(m.task)}: a row with several 1s is no longer a ` +
      `distribution and the labels are made to compete, so a sample cannot be confidently positive for two of them. ` +
      `Use binary_crossentropy with one sigmoid unit per label.`,
    data: { replacement: 'binary_crossentropy' },
  });
}

const fix: Fixer = (ctx) => [useLoss(ctx, dataString(ctx, 'replacement') ?? 'binary_crossentropy', true)];

export const rule: Rule = {
  id: 'softmax-loss-multilabel-task',
  kind: 'rule',
  group: 'loss-labels',
  severity: 'error',
  summary: 'categorical or sparse loss on a multilabel task',
  check: softmaxLossMultilabelTask,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a categorical or sparse categorical loss on a multilabel task. **Severity:** E.",
    "",
    "**Why:** these losses assume exactly one true class per sample; rows with several 1s are no longer distributions,",
    "and the labels are made to compete, so a sample cannot be confidently positive for two labels.",
  ],
  fix: [
    "**Fix:** `binary_crossentropy` with one sigmoid unit per label (`data.replacement`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment genres {
  task: multilabel
  classes: [action, comedy, drama, horror]
  loss: categorical_crossentropy
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment genres {
  task: multilabel
  classes: [action, comedy, drama, horror]
  loss: binary_crossentropy
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: multilabel
  classes: 4
  loss: categorical_crossentropy
}`,
    expect: [{ line: 4, data: { replacement: 'binary_crossentropy' } }],
  },
  {
    text: `experiment a {
  task: multilabel
  classes: 4
  loss: binary_crossentropy
}`,
    expect: [],
  },
  {
    name: 'switching to binary_crossentropy on a multilabel task also makes the output sigmoid',
    text: `experiment a {
  task: multilabel
  classes: 4
  model {
    dense(4, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 7 }],
    fix: { title: 'Use binary_crossentropy and fit the output layer to it', text: `experiment a {
  task: multilabel
  classes: 4
  model {
    dense(4, activation: sigmoid)
  }
  loss: binary_crossentropy
}`, preferred: true },
  },
];
