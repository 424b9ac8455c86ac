// sparse-loss-onehot-labels: sparse_categorical_crossentropy with one-hot labels (declared or seen in data).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { labelsAnchor, labelsPhrase, lossAnchor } from './facts';
import { dataString } from './fixing/draft';
import { indicesFix, useLoss } from './fixing/loss-fixes';
import type { Fixer } from './fixing/types';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function sparseLossOnehotLabels(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily } = ctx.facts;
  if (!loss || lossFamily !== 'sparse' || m.labels?.value !== 'onehot') return;
  if (ctx.facts.pytorch) {
    // nll_loss: rows of targets are refused; cross_entropy takes them (probability targets).
    ctx.report({
      at: lossAnchor(loss),
      related: [labelsAnchor(m.labels)],
      message:
        `${loss.name} expects one class index per sample, but ${labelsPhrase(m.labels)}: PyTorch raises "0D or 1D target tensor expected, ` +
        `multi-target not supported". Give y_true as class indices, or use cross_entropy, which takes rows of class probabilities (on logits).`,
      data: { replacement: 'cross_entropy' },
    });
    return;
  }
  ctx.report({
    at: lossAnchor(loss),
    related: [labelsAnchor(m.labels)],
    message:
      `${loss.name} expects one class index per sample, but ${labelsPhrase(m.labels)}: Keras stops with a shape error ` +
      `before the first step. Use categorical_crossentropy, or give y_true as class indices.`,
    data: { replacement: 'categorical_crossentropy' },
  });
}

const fix: Fixer = (ctx) => [useLoss(ctx, dataString(ctx, 'replacement') ?? 'categorical_crossentropy', true), indicesFix(ctx)];

export const rule: Rule = {
  id: 'sparse-loss-onehot-labels',
  kind: 'rule',
  group: 'loss-labels',
  severity: 'error',
  summary: 'sparse_categorical_crossentropy with one-hot labels (declared or seen in data)',
  check: sparseLossOnehotLabels,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the loss is `sparse_categorical_crossentropy` and the labels are one-hot (declared `labels: onehot`,",
    "or seen in `y_true` rows with a single 1). **Severity:** E.",
    "",
    "**Why:** the sparse loss expects one integer class index per sample; with one-hot rows Keras stops with a shape",
    "error before the first training step.",
  ],
  fix: [
    "**Fix:** switch to `categorical_crossentropy` (`data.replacement`), or give y_true as class indices.",
    "",
    "**PyTorch:** `nll_loss` raises \"0D or 1D target tensor expected, multi-target not supported\" on one-hot rows;",
    "the fixes are class indices, or `cross_entropy` (`data.replacement`), which takes rows of class probabilities.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment flowers {
  task: multiclass
  labels: onehot
  loss: sparse_categorical_crossentropy
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment flowers {
  task: multiclass
  labels: onehot
  loss: categorical_crossentropy
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: multiclass
  labels: onehot
  loss: sparse_categorical_crossentropy
}`,
    expect: [{ line: 4, data: { replacement: 'categorical_crossentropy' } }],
  },
  {
    text: `experiment a {
  task: multiclass
  labels: onehot
  loss: categorical_crossentropy
}`,
    expect: [],
  },
  {
    name: 'labels seen in data',
    text: `experiment a {
  loss: sparse_categorical_crossentropy
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}`,
    expect: [{ line: 2, says: /labels look one-hot \(inferred from y_true, line 4\)/ }],
  },
  {
    name: 'labels seen in data, fixed',
    text: `experiment a {
  loss: sparse_categorical_crossentropy
  data {
    y_true: [1, 0]
  }
}`,
    expect: [],
  },
  {
    name: 'the sparse loss drops ignore_class when switched (so it is not preferred)',
    text: `experiment a {
  labels: onehot
  loss: sparse_categorical_crossentropy(ignore_class: 0)
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Use categorical_crossentropy without ignore_class', text: `experiment a {
  labels: onehot
  loss: categorical_crossentropy
}`, preferred: false },
  },
  {
    name: 'an inherited loss is overridden in the child, not changed in the parent',
    text: `experiment base {
  loss: sparse_categorical_crossentropy(from_logits: true)
  model {
    dense(3)
  }
}
experiment child extends base {
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}`,
    expect: [{ line: 9 }],
    fix: { title: 'Use categorical_crossentropy', text: `experiment base {
  loss: sparse_categorical_crossentropy(from_logits: true)
  model {
    dense(3)
  }
}
experiment child extends base {
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
  loss: categorical_crossentropy(from_logits: true)
}`, preferred: true },
  },
  {
    name: 'one-hot y_true to class indices, keeping the class count and the declared labels in step',
    text: `experiment a {
  labels: onehot
  loss: sparse_categorical_crossentropy
  data {
    y_true: [
      [0, 1, 0],
      [1, 0, 0],  # first of its kind
    ]
  }
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Convert y_true to class indices', text: `experiment a {
  labels: integer
  loss: sparse_categorical_crossentropy
  data {
    y_true: [
      1,
      0,  # first of its kind
    ]
  }
  classes: 3
}`, preferred: false },
  },
  {
    name: 'PyTorch: nll_loss on one-hot rows: class indices',
    text: `experiment news_torch {
  classes: [world, sports, business, tech]
  model {
    dense(128, activation: relu)
    dense(4, activation: log_softmax)
  }
  loss: nll_loss
  data {
    y_true: [[1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
  }
}`,
    expect: [{ line: 7, data: { replacement: 'cross_entropy' }, says: /multi-target not supported/ }],
    fix: { title: 'Convert y_true to class indices', text: `experiment news_torch {
  classes: [world, sports, business, tech]
  model {
    dense(128, activation: relu)
    dense(4, activation: log_softmax)
  }
  loss: nll_loss
  data {
    y_true: [0, 2, 3]
  }
}`, preferred: false },
  },
];
