// length-mismatch: y_true and y_pred (or features) have different numbers of rows.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { lengthFinding } from './helpers/predictions-data';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function lengthMismatch(m: ExperimentModel, ctx: RuleContext): void {
  const data = ctx.facts.data;
  if (!data) return;
  const { yTrue, yPred, features } = data;
  if (yTrue && yPred) lengthFinding(yPred, 'y_pred', yTrue, 'y_true', data, ctx, 'Give exactly one prediction per label.');
  const base = yTrue ?? yPred;
  if (features && base) lengthFinding(features, 'features', base, yTrue ? 'y_true' : 'y_pred', data, ctx, 'Give exactly one feature row per sample.');
}

export const rule: Rule = {
  id: 'length-mismatch',
  kind: 'rule',
  group: 'predictions-data',
  severity: 'error',
  summary: 'y_true and y_pred (or features) have different numbers of rows',
  check: lengthMismatch,
  noFix: 'which rows are missing is unknown',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** `y_true` and `y_pred`, or `features` and the labels, have different numbers of rows. **Severity:** E.",
    "",
    "**Why:** scikit-learn raises \"Found input variables with inconsistent numbers of samples: [3, 2]\", and Keras",
    "refuses arrays of different lengths.",
  ],
  fix: [
    "**Fix:** exactly one prediction (and one feature row) per label.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  data {
    y_true: [0, 1, 1]
    y_pred: [0.2, 0.7]
  }
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment spam {
  data {
    y_true: [0, 1, 1]
    y_pred: [0.2, 0.7, 0.9]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  data {
    y_true: [0, 1, 1]
    y_pred: [0.2, 0.7]
  }
}`,
    expect: [{ line: 4, says: /inconsistent numbers of samples: \[3, 2\]/ }],
  },
  {
    text: `experiment a {
  data {
    y_true: [0, 1, 1]
    y_pred: [0.2, 0.7, 0.9]
  }
}`,
    expect: [],
  },
  {
    name: 'features',
    text: `experiment a {
  model: logistic_regression
  data {
    features: [-1.8, -0.8, 0.5]
    y_true: [0, 1]
  }
}`,
    expect: [{ line: 4 }],
  },
  {
    name: 'features, fixed',
    text: `experiment a {
  model: logistic_regression
  data {
    features: [-1.8, 0.5]
    y_true: [0, 1]
  }
}`,
    expect: [],
  },
];
