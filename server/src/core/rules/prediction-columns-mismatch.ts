// prediction-columns-mismatch: prediction columns ≠ classes.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { arrayAnchor, classesAnchor, classesPhrase, line, plural } from './facts';
import type { Anchor, CodeDoc, Example, Rule, RuleContext } from './types';

function predictionColumnsMismatch(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const data = f.data;
  const y = data?.yPred;
  if (!data || !y || y.rows === 0) return;
  // The class count, from what declares it: the classes, or the width of one-hot / indicator y_true. Integer labels
  // alone do not say (their largest value is the label rules' business: one-based, out of range).
  let k: number;
  let source: Anchor;
  let phrase: string;
  const yTrue = data.yTrue;
  if (m.classes?.origin === 'declared') {
    k = m.classes.value.count;
    source = classesAnchor(m.classes);
    phrase = classesPhrase(m.classes);
  } else if (yTrue && yTrue.dims === 2 && yTrue.rows > 0) {
    k = yTrue.cols;
    source = arrayAnchor(yTrue, 'y_true', data);
    phrase = `y_true has ${plural(k, 'column')} (line ${line(yTrue.node)})`;
  } else return;
  if (k < 2) return; // too-few-classes
  const task = m.task?.value;
  const twoClasses = task === 'binary' || (task !== 'multilabel' && k === 2);
  const ok = y.dims === 2 ? (twoClasses ? y.cols === 1 || y.cols === 2 : y.cols === k) : twoClasses;
  if (ok) return;
  const message =
    y.dims === 1
      ? `y_pred is 1-D (one probability per sample), which only a binary task reads as P(class 1), but ${phrase}: scikit-learn's log_loss raises ` +
        `"y_true and y_prob contain different number of classes". Give one column per class.`
      : twoClasses
        ? `y_pred has ${plural(y.cols, 'column')} but a binary task has 2 classes: give P(class 1) per sample (1-D) or one column per class (n×2); ` +
          `scikit-learn's log_loss raises "y_true and y_prob contain different number of classes".`
        : `y_pred has ${plural(y.cols, 'column')} but ${phrase}: each column is the probability of one class, in class order, so scikit-learn's log_loss raises ` +
          `"y_true and y_prob contain different number of classes" and Keras fails on the shape. Give one column per class.`;
  ctx.report({
    at: arrayAnchor(y, 'y_pred', data),
    related: [source],
    message,
    data: { columns: y.dims === 2 ? y.cols : 1, classes: k },
  });
}

export const rule: Rule = {
  id: 'prediction-columns-mismatch',
  kind: 'rule',
  group: 'predictions-data',
  severity: 'error',
  summary: 'prediction columns ≠ classes',
  check: predictionColumnsMismatch,
  noFix: 'the missing probabilities cannot be made up',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the number of y_pred columns differs from the classes (declared, or the width of one-hot y_true);",
    "a 1-D y_pred (P(class 1)) on a task with more than 2 classes; more than 2 columns on a binary task. **Severity:** E.",
    "",
    "**Why:** each column is the probability of one class, in class order: scikit-learn's log_loss raises \"y_true and",
    "y_prob contain different number of classes\" and Keras fails on the shape.",
  ],
  fix: [
    "**Fix:** one column per class (`data.classes`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  classes: [cat, dog, horse]
  data {
    y_true: [0, 1]
    y_pred: [[0.5, 0.5], [0.2, 0.8]]
  }
}
`,
    expect: [{ line: 5 }],
  },
  {
    text: `experiment pets {
  classes: [cat, dog, horse]
  data {
    y_true: [0, 1]
    y_pred: [[0.5, 0.3, 0.2], [0.2, 0.7, 0.1]]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  classes: [cat, dog, horse]
  data {
    y_true: [0, 1]
    y_pred: [[0.5, 0.5], [0.2, 0.8]]
  }
}`,
    expect: [{ line: 5, data: { columns: 2, classes: 3 } }],
  },
  {
    text: `experiment a {
  classes: [cat, dog, horse]
  data {
    y_true: [0, 1]
    y_pred: [[0.5, 0.3, 0.2], [0.2, 0.7, 0.1]]
  }
}`,
    expect: [],
  },
];
