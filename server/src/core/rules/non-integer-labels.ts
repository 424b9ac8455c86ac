// non-integer-labels: fractional class ids with integer encoding.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { also, moreRows, num } from './facts';
import { numericLabels, rowsWhere } from './helpers/labels-data';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function nonIntegerLabels(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = numericLabels(f);
  if (!f.data || !y || m.labels?.value !== 'integer') return;
  const rows = rowsWhere(y, (v) => Number.isFinite(v) && !Number.isInteger(v));
  if (rows.length === 0) return;
  const v = y.values[rows[0]];
  ctx.report({
    at: { node: y.rowNodes[rows[0]], experiment: f.data.experiment, note: `y_true value ${num(v)} (row ${rows[0] + 1})` },
    related: moreRows(y, rows, 'y_true', f.data, 'also fractional:'),
    message:
      `label ${num(v)} is not a whole class index${also(rows, 'fractional label')}: with integer labels each y_true value names one class, ` +
      `so Keras's sparse_categorical_crossentropy silently truncates it to class ${Math.trunc(v)} and scikit-learn rejects the labels as continuous. ` +
      `Use whole class indices, or one-hot rows for soft targets.`,
    data: { value: v },
  });
}

export const rule: Rule = {
  id: 'non-integer-labels',
  kind: 'rule',
  group: 'labels-data',
  severity: 'error',
  summary: 'fractional class ids with integer encoding',
  supersedes: ['label-out-of-range', 'binary-labels-not-01'],
  check: nonIntegerLabels,
  noFix: 'rounding a fractional label guesses the class',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a fractional value in `y_true` with integer encoding. **Severity:** E. Replaces",
    "`label-out-of-range` and `binary-labels-not-01`.",
    "",
    "**Why:** an integer label names one class; Keras's sparse loss silently truncates 1.5 to class 1, and scikit-learn",
    "rejects the labels as continuous.",
  ],
  fix: [
    "**Fix:** whole class indices, or one-hot rows for soft targets.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  classes: 3
  data {
    y_true: [0, 1.5, 2]
  }
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment pets {
  classes: 3
  data {
    y_true: [0, 1, 2]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  classes: 3
  data {
    y_true: [0, 1.5, 2]
  }
}`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment a {
  classes: 3
  data {
    y_true: [0, 1, 2]
  }
}`,
    expect: [],
  },
];
