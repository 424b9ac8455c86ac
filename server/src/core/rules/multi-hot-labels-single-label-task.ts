// multi-hot-labels-single-label-task: rows with several 1s while the task is not multilabel.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { also, moreRows, rowText, taskAnchor, taskPhrase } from './facts';
import { draft } from './fixing/draft';
import { setProperty } from './fixing/edits';
import type { Fixer } from './fixing/types';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function multiHotLabelsSingleLabelTask(m: ExperimentModel, ctx: RuleContext): void {
  const { data } = ctx.facts;
  const y = data?.yTrue;
  if (!data || !y || y.dims !== 2 || !m.task || m.task.value === 'multilabel') return;
  const rows: number[] = [];
  for (let r = 0; r < y.rows; r++) {
    let ones = 0;
    for (let c = 0; c < y.cols; c++) if (y.values[r * y.cols + c] === 1) ones++;
    if (ones > 1) rows.push(r);
  }
  if (rows.length === 0) return;
  const r = rows[0];
  ctx.report({
    at: { node: y.rowNodes[r], experiment: data.experiment, note: `y_true row ${r + 1}: ${rowText(y, r)}` },
    related: [taskAnchor(m.task), ...moreRows(y, rows, 'y_true', data, 'also')],
    message:
      `row ${r + 1} of y_true, ${rowText(y, r)}, marks several classes, but ${taskPhrase(m.task)}${also(rows, 'row')}: a single-label sample has exactly one class, ` +
      `so categorical_crossentropy reads a "distribution" that sums to more than 1 and scikit-learn switches to multilabel scoring. Keep one 1 per row, or declare task: multilabel.`,
    data: { rows: rows.slice(0, 100) },
  });
}

const fix: Fixer = (ctx) => [draft('Declare task: multilabel', setProperty(ctx, 'task', 'multilabel'))];

export const rule: Rule = {
  id: 'multi-hot-labels-single-label-task',
  kind: 'rule',
  group: 'labels-data',
  severity: 'error',
  summary: 'rows with several 1s while the task is not multilabel',
  check: multiHotLabelsSingleLabelTask,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a `y_true` row has several 1s while the task is binary or multiclass. **Severity:** E.",
    "",
    "**Why:** a single-label sample has exactly one class; `categorical_crossentropy` reads the row as a distribution",
    "summing to more than 1, and scikit-learn switches to multilabel scoring.",
  ],
  fix: [
    "**Fix:** keep one 1 per row, or declare `task: multilabel` (with sigmoid outputs and `binary_crossentropy`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment tags {
  task: multiclass
  data {
    y_true: [[0, 1, 0], [1, 1, 0]]
  }
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment tags {
  task: multilabel
  data {
    y_true: [[0, 1, 0], [1, 1, 0]]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: multiclass
  data {
    y_true: [
      [0, 1, 0],
      [1, 1, 0],
    ]
  }
}`,
    expect: [{ line: 6 }],
  },
  {
    text: `experiment a {
  task: multilabel
  data {
    y_true: [
      [0, 1, 0],
      [1, 1, 0],
    ]
  }
}`,
    expect: [],
  },
];
