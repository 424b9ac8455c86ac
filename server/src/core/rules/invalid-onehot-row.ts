// invalid-onehot-row: a one-hot y_true row that is not 0s and a single 1 (no class, a value other than 0/1, a soft row).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { also, className, labelsAnchor, labelsPhrase, moreRows, num, rowText, taskAnchor, taskPhrase } from './facts';
import { firstNonBinary, onehotFault, type OnehotFault } from './helpers/labels-data';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

/**
 * Every row of a one-hot y_true holds 0s and exactly one 1. One-hot is what `labels: onehot` declares (or the
 * data shows), and what a 2-D y_true must be on a binary or multiclass task unless the labels are declared
 * indicator. Soft rows (a distribution summing to 1) are accepted only for PyTorch's cross_entropy, which
 * takes probability targets (design decisions); Keras's soft targets come from label_smoothing on one-hot rows.
 * Several 1s on a single-label task are multi-hot-labels-single-label-task's.
 */
function invalidOnehotRow(m: ExperimentModel, ctx: RuleContext): void {
  const { data } = ctx.facts;
  const y = data?.yTrue;
  if (!data || !y || y.dims !== 2 || y.rows === 0 || y.cols === 0) return;
  const labels = m.labels;
  const task = m.task;
  const singleLabelTask = task !== undefined && task.value !== 'multilabel';
  const declaredIndicator = labels?.origin === 'declared' && labels.value === 'indicator';
  if (!(labels?.value === 'onehot' || (singleLabelTask && !declaredIndicator))) return;
  const softAllowed = ctx.facts.loss?.name === 'cross_entropy';
  const rows: number[] = [];
  let first: OnehotFault | undefined;
  for (let r = 0; r < y.rows; r++) {
    const fault = onehotFault(y, r);
    if (!fault || (fault === 'soft' && softAllowed) || (fault === 'several' && singleLabelTask)) continue;
    first ??= fault;
    rows.push(r);
  }
  if (!first) return;
  const r = rows[0];
  const row = `row ${r + 1} of y_true, ${rowText(y, r)},`;
  const why = labels?.value === 'onehot' ? labelsPhrase(labels) : `${taskPhrase(task!)}, so a 2-D y_true is one-hot`;
  const needs = `${why}: a one-hot row holds 0s and exactly one 1, at the sample's class${also(rows, 'row')}`;
  const v = firstNonBinary(y, r);
  const message = {
    'no-class':
      `${row} marks no class, but ${needs}. Keras's categorical_crossentropy scores such a sample 0 without a word (it adds nothing to the loss), ` +
      `argmax reads it as class ${className(m, 0)}, and scikit-learn reads a multilabel row with no label. Put the 1 at the sample's class, or drop the row.`,
    several:
      `${row} marks several classes, but ${needs}. categorical_crossentropy reads a "distribution" that sums to more than 1, and scikit-learn ` +
      `switches to multilabel scoring. Keep one 1 per row, or declare labels: indicator and task: multilabel.`,
    'not-binary':
      `${row} holds ${num(v)}, but ${needs}. Keras's categorical_crossentropy multiplies the log-probability by it without a word, and scikit-learn ` +
      `raises "Multioutput target data is not supported with label binarization". Write 1 at the sample's class and 0 elsewhere.`,
    soft:
      `${row} is a soft target (it sums to 1), but ${needs}. scikit-learn's metrics raise "Classification metrics can't handle a mix of ` +
      `continuous-multioutput and multilabel-indicator targets", and argmax keeps only the largest share. Write one-hot rows (Keras: soften them with ` +
      `label_smoothing on the loss); only PyTorch's cross_entropy takes probability targets.`,
  }[first];
  const related = [labels?.value === 'onehot' ? labelsAnchor(labels) : taskAnchor(task!), ...moreRows(y, rows, 'y_true', data, 'also')];
  ctx.report({
    at: { node: y.rowNodes[r], experiment: data.experiment, note: `y_true row ${r + 1}: ${rowText(y, r)}` },
    related,
    message,
    data: { row: r, fault: first, rows: rows.slice(0, 100) },
  });
}

export const rule: Rule = {
  id: 'invalid-onehot-row',
  kind: 'rule',
  group: 'labels-data',
  severity: 'error',
  summary: 'a one-hot y_true row that is not 0s and a single 1 (no class, a value other than 0/1, a soft row)',
  check: invalidOnehotRow,
  noFix: 'which class a row with no 1, a 2 or a soft share belongs to is unknown',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a row of an inline one-hot `y_true` is not 0s and exactly one 1: it marks no class",
    "(`[0, 0, 0]`), holds a value other than 0 and 1 (`[2, 0, 0]`), or is a soft row summing to 1 (`[0.5, 0.5, 0]`).",
    "One-hot means `labels: onehot` (declared, or seen in the data), or any 2-D `y_true` on a binary or multiclass task",
    "unless `labels: indicator` is declared. Several 1s on a binary or multiclass task are",
    "`multi-hot-labels-single-label-task`; here they are reported only when `labels: onehot` is declared on a task that",
    "allows them. The first bad row is the diagnostic's place, further ones are related information. **Severity:** E.",
    "",
    "**Why:** Keras does not check one-hot targets: `categorical_crossentropy` scores a `[0, 0, 0]` row 0 (the sample",
    "adds nothing to the loss) and multiplies the log-probability by a 2; argmax reads `[0, 0, 0]` as the first class.",
    "scikit-learn reads a 2-D `y_true` as label indicators: it takes `[0, 0, 0]` as a multilabel row with no label and",
    "raises on anything else (\"Multioutput target data is not supported with label binarization\", \"Classification",
    "metrics can't handle a mix of continuous-multioutput and multilabel-indicator targets\"). Soft rows are accepted",
    "for PyTorch's `cross_entropy` only, which takes probability targets; Keras's soft targets come from",
    "`label_smoothing` on one-hot rows.",
  ],
  fix: [
    "**Fix:** write 1 at the sample's class and 0 elsewhere; drop a sample with no class; for smoothed targets keep",
    "one-hot rows and set `label_smoothing` on the loss.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  task: multiclass
  classes: [cat, dog, horse]
  data {
    y_true: [[0, 1, 0], [0, 0, 0]]
  }
}
`,
    expect: [{ line: 5 }],
  },
  {
    text: `experiment pets {
  task: multiclass
  classes: [cat, dog, horse]
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}
`,
    expect: [],
  },
  {
    name: 'a row that marks no class (issue 8 case 5)',
    text: `experiment a {
  task: multiclass
  data {
    y_true: [
      [0, 1, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]
  }
}`,
    expect: [{ line: 6, data: { row: 1, fault: 'no-class', rows: [1, 2] }, says: /row 2 of y_true, \[0, 0, 0\], marks no class/ }],
  },
  {
    name: 'a row that marks no class (issue 8 case 5), fixed',
    text: `experiment a {
  task: multiclass
  data {
    y_true: [
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]
  }
}`,
    expect: [],
  },
  {
    name: 'a value other than 0 and 1, with labels: onehot declared',
    text: `experiment a {
  labels: onehot
  data {
    y_true: [[0, 1, 0], [2, 0, 0]]
  }
}`,
    expect: [{ line: 4, data: { row: 1, fault: 'not-binary', rows: [1] }, says: /holds 2, but the labels are declared one-hot \(line 2\)/ }],
  },
  {
    name: 'a value other than 0 and 1, with labels: onehot declared, fixed',
    text: `experiment a {
  labels: onehot
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}`,
    expect: [],
  },
  {
    name: 'a soft row with a Keras loss',
    text: `experiment a {
  task: multiclass
  loss: categorical_crossentropy
  data {
    y_true: [[0.5, 0.5, 0], [0, 0, 1]]
  }
}`,
    expect: [{ line: 5, data: { row: 0, fault: 'soft', rows: [0] }, says: /soft target/ }],
  },
  {
    name: 'a soft row with a Keras loss, fixed',
    text: `experiment a {
  task: multiclass
  loss: categorical_crossentropy(label_smoothing: 0.1)
  data {
    y_true: [[1, 0, 0], [0, 0, 1]]
  }
}`,
    expect: [],
  },
  {
    name: 'several 1s under labels: onehot on a multilabel task',
    text: `experiment a {
  task: multilabel
  labels: onehot
  data {
    y_true: [[1, 1, 0], [0, 0, 1]]
  }
}`,
    expect: [{ line: 5, data: { row: 0, fault: 'several', rows: [0] } }],
  },
  {
    name: 'several 1s under labels: onehot on a multilabel task, fixed',
    text: `experiment a {
  task: multilabel
  labels: indicator
  data {
    y_true: [[1, 1, 0], [0, 0, 1]]
  }
}`,
    expect: [],
  },
];
