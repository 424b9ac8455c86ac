// categorical-loss-integer-labels: categorical_crossentropy with integer labels.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { labelsAnchor, labelsPhrase, lossAnchor, rawArgument } from './facts';
import { dataString } from './fixing/draft';
import { oneHotFix, useLoss } from './fixing/loss-fixes';
import type { Fixer } from './fixing/types';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function categoricalLossIntegerLabels(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily } = ctx.facts;
  if (!loss || lossFamily !== 'categorical' || m.labels?.value !== 'integer') return;
  ctx.report({
    at: lossAnchor(loss),
    related: [labelsAnchor(m.labels)],
    message:
      `${loss.name} expects one-hot rows (one column per class), but ${labelsPhrase(m.labels)}: Keras stops with a shape ` +
      `error (targets (N, 1) against outputs (N, K)). Use sparse_categorical_crossentropy, which takes class indices, or one-hot encode y_true.`,
    data: { replacement: 'sparse_categorical_crossentropy' },
  });
}

const fix: Fixer = (ctx) => {
  const switchDraft = useLoss(ctx, dataString(ctx, 'replacement') ?? 'sparse_categorical_crossentropy', true);
  const convert = oneHotFix(ctx);
  // Switching drops label_smoothing (the sparse loss has none): then converting the labels keeps the training as written.
  const preferConvert = !!convert && !!switchDraft && !switchDraft.preferred && rawArgument(ctx.facts!.loss!, 'label_smoothing') !== undefined;
  return [switchDraft, convert && preferConvert ? { ...convert, preferred: true } : convert];
};

export const rule: Rule = {
  id: 'categorical-loss-integer-labels',
  kind: 'rule',
  group: 'loss-labels',
  severity: 'error',
  summary: 'categorical_crossentropy with integer labels',
  check: categoricalLossIntegerLabels,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the loss is `categorical_crossentropy` (or `categorical_focal_crossentropy`) and the labels are",
    "integer class indices or names. **Severity:** E.",
    "",
    "**Why:** the categorical loss expects one-hot rows, one column per class; with one index per sample Keras stops with",
    "a shape error (targets (N, 1) against outputs (N, K)).",
  ],
  fix: [
    "**Fix:** switch to `sparse_categorical_crossentropy` (`data.replacement`), or one-hot encode y_true.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment digits {
  classes: 3
  loss: categorical_crossentropy
  data {
    y_true: [0, 2, 1]
  }
}
`,
    expect: [{ line: 3 }],
  },
  {
    text: `experiment digits {
  classes: 3
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, 2, 1]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: multiclass
  classes: 3
  loss: categorical_crossentropy
  data {
    y_true: [0, 2, 1]
  }
}`,
    expect: [{ line: 4, data: { replacement: 'sparse_categorical_crossentropy' } }],
  },
  {
    text: `experiment a {
  task: multiclass
  classes: 3
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, 2, 1]
  }
}`,
    expect: [],
  },
  {
    name: 'class names to one-hot rows, one per line as written',
    text: `experiment a {
  classes: [cat, dog, horse]
  loss: categorical_crossentropy
  data {
    y_true: [
      cat,
      horse,
    ]
  }
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Convert y_true to one-hot rows', text: `experiment a {
  classes: [cat, dog, horse]
  loss: categorical_crossentropy
  data {
    y_true: [
      [1, 0, 0],
      [0, 0, 1],
    ]
  }
}`, preferred: false },
  },
  {
    name: 'class names only seen in y_true are declared when they become one-hot rows',
    text: `experiment a {
  loss: categorical_crossentropy
  data {
    y_true: [dog, cat, "hot dog"]
  }
}`,
    expect: [{ line: 2 }],
    fix: { title: 'Convert y_true to one-hot rows', text: `experiment a {
  loss: categorical_crossentropy
  data {
    y_true: [[0, 1, 0], [1, 0, 0], [0, 0, 1]]
  }
  classes: [cat, dog, "hot dog"]
}`, preferred: false },
  },
  {
    name: 'a long one-line list of labels becomes one row per line',
    text: `experiment a {
  loss: categorical_crossentropy
  data {
    y_true: [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]
  }
}`,
    expect: [{ line: 2 }],
    fix: { title: 'Convert y_true to one-hot rows', text: `experiment a {
  loss: categorical_crossentropy
  data {
    y_true: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1]
    ]
  }
}`, preferred: false },
  },
  {
    name: 'switching drops label_smoothing, so converting the labels is preferred',
    text: `experiment a {
  classes: 3
  loss: categorical_crossentropy(label_smoothing: 0.1)
  data {
    y_true: [0, 2]
  }
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Convert y_true to one-hot rows', text: `experiment a {
  classes: 3
  loss: categorical_crossentropy(label_smoothing: 0.1)
  data {
    y_true: [[1, 0, 0], [0, 0, 1]]
  }
}`, preferred: true },
  },
];
