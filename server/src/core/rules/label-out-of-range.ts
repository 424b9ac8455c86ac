// label-out-of-range: integer label ≥ the number of classes ("Received a label value of 3 which is outside the valid range of [0, 3)").
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { also, moreRows, num } from './facts';
import { classCountFix } from './fixing/data-fixes';
import type { Fixer } from './fixing/types';
import { ignoreClass, isOneBased, numericLabels, rowsWhere } from './helpers/labels-data';
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
    message:
      `Received a label value of ${num(v)} which is outside the valid range of [0, ${k}): Keras stops training with this error, since class indices ` +
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
    "that does not exist.",
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
];
