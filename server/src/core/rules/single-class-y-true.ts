// single-class-y-true: y_true holds a single class and no classes are declared, with log_loss to compute.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { arrayAnchor, metricAnchor, lossAnchor, rowText } from './facts';
import { dataNumber, draft } from './fixing/draft';
import { setProperty } from './fixing/edits';
import type { Fixer } from './fixing/types';
import type { Anchor, CodeDoc, Example, Rule, RuleContext } from './types';

function singleClassYTrue(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = f.data?.yTrue;
  // Declared classes are scikit-learn's labels= (design decisions): log_loss then knows every class.
  if (!f.data || !y || y.dims !== 1 || y.rows === 0 || m.classes?.origin === 'declared') return;
  const first = y.names ? y.names[0] : y.values[0];
  for (let r = 1; r < y.rows; r++) if ((y.names ? y.names[r] : y.values[r]) !== first) return;
  // Who refuses it: scikit-learn's log_loss (as a metric, or as the loss).
  const users: Anchor[] = m.metrics.filter((x) => x.entry?.name === 'log_loss').map((x) => metricAnchor(x));
  if (f.loss?.entry?.name === 'log_loss') users.push(lossAnchor(f.loss));
  if (users.length === 0) return;
  const value = rowText(y, 0);
  // A count that holds the label: the y_pred columns, or 2 for one column of P(class 1).
  const yPred = f.data.yPred;
  const count = yPred && yPred.rows > 0 ? (yPred.dims === 2 ? yPred.cols : 2) : undefined;
  const fixable = !y.names && count !== undefined && Number.isInteger(y.values[0]) && y.values[0] >= 0 && y.values[0] < count;
  ctx.report({
    at: arrayAnchor(y, 'y_true', f.data),
    related: users,
    message:
      `every y_true value is ${value}, and no classes are declared: scikit-learn's log_loss infers the classes from y_true and raises ` +
      `"y_true contains only one label (${value}). Please provide the list of all expected class labels explicitly through the labels argument." ` +
      (fixable ? `Declare the classes (classes: ${count}), which xent passes as labels=, or score a sample that holds more than one class.` : 'Declare the classes (xent passes them as labels=), or score a sample that holds more than one class.'),
    data: fixable ? { classes: count } : {},
  });
}

const fix: Fixer = (ctx) => {
  const count = dataNumber(ctx, 'classes');
  return count === undefined ? [] : [draft(`Declare ${count} classes`, setProperty(ctx, 'classes', String(count)), true)];
};

export const rule: Rule = {
  id: 'single-class-y-true',
  kind: 'rule',
  group: 'labels-data',
  severity: 'error',
  summary: 'y_true holds a single class, no classes are declared, and log_loss needs them',
  check: singleClassYTrue,
  fix: { fixer: fix, when: 'y_true holds class indices and y_pred gives the class count' },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** every value of the inline `y_true` is the same class, no `classes` are declared, and `log_loss`",
    "is a metric (or the loss). **Severity:** E. Reported on `y_true`, related to log_loss.",
    "",
    "**Why:** without `labels=`, scikit-learn's log_loss infers the classes from y_true and raises \"y_true contains",
    "only one label (1). Please provide the list of all expected class labels explicitly through the labels",
    "argument.\" Declared classes are passed as `labels=`, so it computes.",
  ],
  fix: [
    "**Fix:** declare the classes: `classes: N` with N the y_pred columns, or 2 for one column of P(class 1)",
    "(`data.classes`); or score a sample holding more than one class.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment fraud_batch {
  metrics: [log_loss, accuracy]
  data {
    y_true: [1, 1, 1, 1]
    y_pred: [0.91, 0.67, 0.88, 0.95]
  }
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment fraud_batch {
  classes: 2
  metrics: [log_loss, accuracy]
  data {
    y_true: [1, 1, 1, 1]
    y_pred: [0.91, 0.67, 0.88, 0.95]
  }
}
`,
    expect: [],
  },
  {
    name: 'a batch of one class: declare the classes',
    text: `experiment triage_batch {
  metrics: [log_loss]
  data {
    y_true: [2, 2, 2]
    y_pred: [[0.1, 0.2, 0.7], [0.05, 0.15, 0.8], [0.3, 0.3, 0.4]]
  }
}`,
    expect: [{ line: 4, data: { classes: 3 }, says: /y_true contains only one label \(2\)/ }],
    fix: { title: 'Declare 3 classes', text: `experiment triage_batch {
  metrics: [log_loss]
  data {
    y_true: [2, 2, 2]
    y_pred: [[0.1, 0.2, 0.7], [0.05, 0.15, 0.8], [0.3, 0.3, 0.4]]
  }
  classes: 3
}`, preferred: true },
  },
  {
    name: 'named labels of one class: no class names to make up',
    text: `experiment spam_batch {
  metrics: [log_loss]
  data {
    y_true: [spam, spam, spam]
    y_pred: [0.8, 0.9, 0.7]
  }
}`,
    expect: [{ line: 4, data: {} }],
  },
  {
    name: 'one class without log_loss: accuracy computes',
    text: `experiment fraud_batch {
  metrics: [accuracy]
  data {
    y_true: [1, 1, 1, 1]
    y_pred: [0.91, 0.67, 0.88, 0.95]
  }
}`,
    expect: [],
  },
];
