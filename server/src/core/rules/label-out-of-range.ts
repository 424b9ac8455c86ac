// label-out-of-range: integer label ≥ the number of classes ("Received a label value of 3 which is outside the valid range of [0, 3)").
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { also, moreRows, num } from './facts';
import { classCountFix } from './fixing/data-fixes';
import type { Fixer } from './fixing/types';
import { ignoreClass, isOneBased, numericLabels, PYTORCH_IGNORE_INDEX, rowsWhere } from './helpers/labels-data';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function labelOutOfRange(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = numericLabels(f);
  const lc = f.labelClasses;
  if (!f.data || !y || !lc || lc.count < 2 || m.task?.value === 'binary') return; // binary: binary-labels-not-01
  if (isOneBased(y, lc.count)) return; // one-based-labels
  const k = lc.count;
  const ignore = ignoreClass(f);
  // Negative labels are negative-label's, fractional ones non-integer-labels'.
  const rows = rowsWhere(y, (v) => Number.isInteger(v) && v >= k && v !== ignore);
  if (rows.length === 0) return;
  const v = y.values[rows[0]];
  ctx.report({
    at: { node: y.rowNodes[rows[0]], experiment: f.data.experiment, note: `y_true value ${num(v)} (row ${rows[0] + 1})` },
    related: [lc.anchor, ...moreRows(y, rows, 'y_true', f.data, 'also out of range:')],
    message: f.pytorch
      ? `Target ${num(v)} is out of bounds: PyTorch's ${f.loss?.name ?? 'loss'} stops with this error, since class indices run from 0 to ${k - 1} ` +
        `(${lc.anchor.note})${also(rows, 'label')}; only ignore_index (${ignore ?? PYTORCH_IGNORE_INDEX}) is left out. Fix the label, or declare the missing classes.`
      : `Received a label value of ${num(v)} which is outside the valid range of [0, ${k}): Keras stops training with this error, since class indices ` +
        `run from 0 to ${k - 1} (${lc.anchor.note})${also(rows, 'label')}. Fix the label, or declare the missing classes.`,
    data: { value: v, classes: k },
  });
}

const fix: Fixer = (ctx) => {
  const y = ctx.facts?.data?.yTrue;
  if (!y) return [];
  let max = -Infinity;
  for (const v of y.values) if (Number.isInteger(v) && v > max) max = v;
  return [classCountFix(ctx, max + 1)];
};

export const rule: Rule = {
  id: 'label-out-of-range',
  kind: 'rule',
  group: 'labels-data',
  severity: 'error',
  summary: 'integer label ≥ the number of classes ("Received a label value of 3 which is outside the valid range of [0, 3)")',
  check: labelOutOfRange,
  fix: { fixer: fix, when: 'the classes are declared as a count' },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** an integer label ≥ the number of classes (from the declared classes, else the y_pred columns, else",
    "the output units). **Severity:** E. The message is Keras's: \"Received a label value of 3 which is outside the valid",
    "range of [0, 3)\".",
    "",
    "**Why:** Keras stops training with that error at the first batch holding the label; scikit-learn scores a class",
    "that does not exist. PyTorch's `cross_entropy` and `nll_loss` raise \"Target 5 is out of bounds.\"; their",
    "`ignore_index` (−100 unless written) is left out, not out of range.",
  ],
  fix: [
    "**Fix:** correct the label, or declare the missing classes.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  classes: [cat, dog, horse]
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, 3, 1]
  }
}
`,
    expect: [{ line: 5 }],
  },
  {
    text: `experiment pets {
  classes: [cat, dog, horse]
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
  classes: [cat, dog, horse]
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, 3, 1]
  }
}`,
    expect: [{ line: 5, data: { value: 3, classes: 3 }, says: /^Received a label value of 3 which is outside the valid range of \[0, 3\)/ }],
  },
  {
    text: `experiment a {
  classes: [cat, dog, horse]
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, 2, 1]
  }
}`,
    expect: [],
  },
  {
    name: 'an out-of-range label: declare more classes (a count only)',
    text: `experiment a {
  classes: 3
  data { y_true: [0, 1, 5] }
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Declare 6 classes', text: `experiment a {
  classes: 6
  data { y_true: [0, 1, 5] }
}`, preferred: false },
  },
  {
    name: 'PyTorch: a target out of range for cross_entropy; ignore_index -100 is left out',
    text: `experiment intent_torch {
  classes: [greet, book, cancel, other]
  model {
    dense(256, activation: relu)
    dense(4)
  }
  loss: cross_entropy
  data {
    y_true: [0, 3, -100, 4, 1]
    y_pred: [[2.0, 0.1, -1.0, 0.3], [0.2, 0.1, 0.0, 1.9], [0.5, 0.5, 0.5, 0.5], [0.1, 0.2, 0.3, 0.4], [0.0, 2.2, 0.1, -0.5]]
  }
}`,
    expect: [{ line: 9, data: { value: 4, classes: 4 }, says: /^Target 4 is out of bounds: PyTorch's cross_entropy/ }],
  },
  {
    name: 'PyTorch: nll_loss with its ignore_index written',
    text: `experiment intent_torch {
  classes: [greet, book, cancel, other]
  model {
    dense(256, activation: relu)
    dense(4, activation: log_softmax)
  }
  loss: nll_loss(ignore_index: 4)
  data {
    y_true: [0, 3, 4, 2, 1]
  }
}`,
    expect: [],
  },
  {
    name: 'labels 49,662…66,908 of 66,908 classes: out of range (not one-based)',
    text: `experiment landmarks {
  classes: 66908
  model {
    resnet50(include_top: false, pooling: avg)
    dense(66908, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
  data {
    y_true: [49662, 51873, 66908, 60215, 57340]
  }
}`,
    expect: [{ line: 9, data: { value: 66908, classes: 66908 }, says: /^Received a label value of 66908 which is outside the valid range of \[0, 66908\)/ }],
  },
];
