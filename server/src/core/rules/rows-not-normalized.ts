// rows-not-normalized: a prediction row of a single-label task whose sum is not 1 (scikit-learn's tolerance).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { also, moreRows, num, rowText } from './facts';
import { normaliseRows, ownArray } from './fixing/data';
import { rowOffends } from './fixing/data-fixes';
import { draft } from './fixing/draft';
import type { Fixer } from './fixing/types';
import { ROW_SUM_TOLERANCE, takesLogits } from './helpers/predictions-data';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function rowsNotNormalized(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = f.data?.yPred;
  const task = m.task?.value;
  if (!f.data || !y || y.dims !== 2 || f.fromLogits || f.takes === 'log-probabilities' || (task !== 'binary' && task !== 'multiclass')) return;
  const rows: number[] = [];
  const sums: number[] = [];
  for (let r = 0; r < y.rows; r++) {
    let sum = 0;
    let inRange = true;
    for (let c = 0; c < y.cols; c++) {
      const v = y.values[r * y.cols + c];
      if (!(v >= 0 && v <= 1)) inRange = false; // probability-out-of-range's
      sum += v;
    }
    if (inRange && !(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
      rows.push(r);
      sums.push(sum);
    }
  }
  if (rows.length === 0) return;
  const r = rows[0];
  ctx.report({
    at: { node: y.rowNodes[r], experiment: f.data.experiment, note: `y_pred row ${r + 1}: ${rowText(y, r)}` },
    related: moreRows(y, rows, 'y_pred', f.data, 'also not summing to 1:'),
    message:
      `row ${r + 1} of y_pred sums to ${num(sums[0])}, not 1${also(rows, 'row')}: scikit-learn's log_loss warns "The y_prob values do not sum to one" ` +
      `and scores the row as it is, while Keras's categorical_crossentropy rescales it silently, so the two disagree. ` +
      `Give each row as probabilities that sum to 1 (a softmax output)${takesLogits(f) ? ', or set from_logits: true if these are raw scores' : ''}.`,
    data: { row: r, sum: sums[0] },
  });
}

const fix: Fixer = (ctx) => {
  const y = ownArray(ctx, 'yPred');
  const edit = y && normaliseRows(ctx, y, (r) => rowOffends(y, r));
  return [draft('Rescale the y_pred rows to sum to 1', edit && [edit])];
};

export const rule: Rule = {
  id: 'rows-not-normalized',
  kind: 'rule',
  group: 'predictions-data',
  severity: 'warning',
  summary: "a prediction row of a single-label task whose sum is not 1 (scikit-learn's tolerance)",
  check: rowsNotNormalized,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a 2-D prediction row of a single-label task (binary n×2 included) whose sum s fails scikit-learn's",
    "test, with `from_logits` false. **Severity:** W.",
    "",
    "scikit-learn (`sklearn/metrics/_classification.py`, `log_loss` → `_validate_multiclass_probabilistic_prediction`)",
    "checks `isclose(y_prob_sum, 1, rtol=sqrt(eps))` with the default `atol=1e-8`, i.e. |s − 1| ≤ 1e-8 + √ε·1, ε the",
    "float64 machine epsilon: about 2.49e-8. Rows with a value outside [0, 1] are `probability-out-of-range`'s.",
    "Multilabel rows need not sum to 1.",
    "",
    "**Why:** scikit-learn warns \"The y_prob values do not sum to one\" and scores the row as it is (it no longer",
    "renormalises), while Keras's `categorical_crossentropy` rescales the row silently: the two disagree, and neither",
    "is scoring probabilities.",
  ],
  fix: [
    "**Fix:** give rows that sum to 1 (a softmax output), or `from_logits: true` if they are raw scores.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  classes: 3
  data {
    y_true: [0, 1]
    y_pred: [[0.7, 0.2, 0.1], [0.5, 0.3, 0.1]]
  }
}
`,
    expect: [{ line: 5 }],
  },
  {
    text: `experiment pets {
  classes: 3
  data {
    y_true: [0, 1]
    y_pred: [[0.7, 0.2, 0.1], [0.1, 0.6, 0.3]]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  classes: 3
  data {
    y_true: [0, 1]
    y_pred: [
      [0.7, 0.2, 0.1],
      [0.5, 0.3, 0.1],
    ]
  }
}`,
    expect: [{ line: 7, severity: 'warning' }],
  },
  {
    text: `experiment a {
  classes: 3
  data {
    y_true: [0, 1]
    y_pred: [
      [0.7, 0.2, 0.1],
      [0.1, 0.6, 0.3],
    ]
  }
}`,
    expect: [],
  },
  {
    name: 'binary n×2 rows too',
    text: `experiment a {
  task: binary
  data {
    y_true: [0, 1]
    y_pred: [[0.8, 0.1], [0.3, 0.7]]
  }
}`,
    expect: [{ line: 5 }],
  },
  {
    name: 'binary n×2 rows too, fixed',
    text: `experiment a {
  task: binary
  data {
    y_true: [0, 1]
    y_pred: [[0.8, 0.2], [0.3, 0.7]]
  }
}`,
    expect: [],
  },
  {
    name: 'rows rescaled to sum to 1, only the offending ones',
    text: `experiment a {
  classes: 3
  data {
    y_true: [0, 1]
    y_pred: [[0.7, 0.2, 0.1], [1, 1, 1]]
  }
}`,
    expect: [{ line: 5 }],
    fix: { title: 'Rescale the y_pred rows to sum to 1', text: `experiment a {
  classes: 3
  data {
    y_true: [0, 1]
    y_pred: [[0.7, 0.2, 0.1], [0.3334, 0.3333, 0.3333]]
  }
}`, preferred: false },
  },
];
