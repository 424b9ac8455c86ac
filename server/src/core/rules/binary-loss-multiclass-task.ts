// binary-loss-multiclass-task: binary_crossentropy on a single-label task with more than 2 classes (inflated accuracy).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { activationAnchor, classesAnchor, lossAnchor, taskAnchor, taskPhrase } from './facts';
import { dataString } from './fixing/draft';
import { useLoss } from './fixing/loss-fixes';
import type { Fixer } from './fixing/types';
import type { Anchor, CodeDoc, Example, Rule, RuleContext } from './types';

function binaryLossMulticlassTask(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily, k } = ctx.facts;
  if (!loss || lossFamily !== 'binary' || m.task?.value !== 'multiclass' || (k !== undefined && k <= 2)) return;
  const n = k ?? 3;
  const related: Anchor[] = [taskAnchor(m.task)];
  if (m.classes && m.classes.node !== m.task.node) related.push(classesAnchor(m.classes));
  const output = ctx.facts.output;
  if (output && output.units > 1) related.push(activationAnchor(output));
  if (ctx.facts.pytorch) {
    // PyTorch's cross_entropy takes class indices and probability rows alike, on logits.
    ctx.report({
      at: lossAnchor(loss),
      related,
      message:
        `${loss.name} scores each of the ${n} outputs as an independent yes/no, but ${taskPhrase(m.task)}: the classes do not compete, ` +
        `so the outputs are not a distribution over the classes and an accuracy thresholded per output is inflated. Use cross_entropy on logits.`,
      data: { replacement: 'cross_entropy' },
    });
    return;
  }
  const replacement = m.labels?.value === 'integer' ? 'sparse_categorical_crossentropy' : 'categorical_crossentropy';
  ctx.report({
    at: lossAnchor(loss),
    related,
    message:
      `${loss.name} scores each of the ${n} outputs as an independent yes/no, but ${taskPhrase(m.task)}: the classes do not compete, ` +
      `and Keras's 'accuracy' becomes per-output binary accuracy, inflated (always predicting 0 already scores ${Math.round(((n - 1) / n) * 100)}%). ` +
      `Use ${replacement} with a softmax output.`,
    data: { replacement },
  });
}

const fix: Fixer = (ctx) => [useLoss(ctx, dataString(ctx, 'replacement') ?? 'categorical_crossentropy', true)];

export const rule: Rule = {
  id: 'binary-loss-multiclass-task',
  kind: 'rule',
  group: 'loss-labels',
  severity: 'warning',
  summary: 'binary_crossentropy on a single-label task with more than 2 classes (inflated accuracy)',
  check: binaryLossMulticlassTask,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** `binary_crossentropy` on a single-label task with more than 2 classes. **Severity:** W.",
    "",
    "**Why:** binary cross-entropy treats each output as an independent yes/no, so the classes do not compete; Keras's",
    "`accuracy` then resolves to per-output binary accuracy, which is inflated (always predicting 0 scores 67% on 3",
    "classes). On a softmax output of K units (keras#17125, tensorflow#56910) training runs without an error and",
    "the loss falls, but the reported accuracy is this per-output one: near (K − 1)/K from the first epoch, and far",
    "above the real (argmax) accuracy, which is only seen when the predictions are scored apart. Under PyTorch",
    "(`bce_with_logits`, `bce`) the fix is `cross_entropy` on logits.",
  ],
  fix: [
    "**Fix:** `categorical_crossentropy` (one-hot labels) or `sparse_categorical_crossentropy` (integer labels) with a",
    "softmax output (`data.replacement`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment weather {
  task: multiclass
  classes: [sun, rain, snow]
  loss: binary_crossentropy
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment weather {
  task: multiclass
  classes: [sun, rain, snow]
  loss: categorical_crossentropy
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: multiclass
  classes: 3
  loss: binary_crossentropy
}`,
    expect: [{ line: 4, severity: 'warning' }],
  },
  {
    text: `experiment a {
  task: multiclass
  classes: 3
  loss: categorical_crossentropy
}`,
    expect: [],
  },
  {
    name: 'switching to the categorical loss also makes the output softmax',
    text: `experiment a {
  task: multiclass
  classes: 3
  model {
    dense(3, activation: sigmoid)
  }
  loss: binary_crossentropy
}`,
    expect: [{ line: 7 }],
    fix: { title: 'Use categorical_crossentropy and fit the output layer to it', text: `experiment a {
  task: multiclass
  classes: 3
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`, preferred: true },
  },
  {
    name: 'binary_crossentropy on a 10-unit softmax with one-hot labels (keras#17125): categorical_crossentropy',
    text: `experiment cifar10 {
  labels: onehot
  model {
    input([32, 32, 3])
    flatten
    dense(256, activation: relu)
    dense(10, activation: softmax)
  }
  loss: binary_crossentropy
  metrics: [accuracy]
}`,
    expect: [{ line: 9, data: { replacement: 'categorical_crossentropy' }, says: /always predicting 0 already scores 90%/ }],
    fix: { title: 'Use categorical_crossentropy', text: `experiment cifar10 {
  labels: onehot
  model {
    input([32, 32, 3])
    flatten
    dense(256, activation: relu)
    dense(10, activation: softmax)
  }
  loss: categorical_crossentropy
  metrics: [accuracy]
}`, preferred: true },
  },
  {
    name: 'categorical_crossentropy on the 10-unit softmax is right',
    text: `experiment cifar10 {
  labels: onehot
  model {
    input([32, 32, 3])
    flatten
    dense(256, activation: relu)
    dense(10, activation: softmax)
  }
  loss: categorical_crossentropy
  metrics: [accuracy]
}`,
    expect: [],
  },
  {
    name: 'PyTorch: bce_with_logits on a multiclass task: cross_entropy',
    text: `experiment cifar10_torch {
  classes: 10
  labels: integer
  model {
    flatten
    dense(10)
  }
  loss: bce_with_logits
}`,
    expect: [{ line: 8, data: { replacement: 'cross_entropy' } }],
    fix: { title: 'Use cross_entropy', text: `experiment cifar10_torch {
  classes: 10
  labels: integer
  model {
    flatten
    dense(10)
  }
  loss: cross_entropy
}`, preferred: true },
  },
];
