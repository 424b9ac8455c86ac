// onehot-width-mismatch: one-hot rows have a width other than the number of classes.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { arrayAnchor, classesAnchor, classesPhrase, plural } from './facts';
import { classCountFix } from './fixing/data-fixes';
import { dataNumber } from './fixing/draft';
import type { Fixer } from './fixing/types';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function onehotWidthMismatch(m: ExperimentModel, ctx: RuleContext): void {
  const { data } = ctx.facts;
  const y = data?.yTrue;
  const c = m.classes;
  if (!data || !y || y.dims !== 2 || y.rows === 0 || c?.origin !== 'declared' || c.value.count < 1 || y.cols === c.value.count) return;
  const k = c.value.count;
  const multilabel = m.task?.value === 'multilabel';
  ctx.report({
    at: arrayAnchor(y, 'y_true', data),
    related: [classesAnchor(c)],
    message:
      `the rows of y_true have ${plural(y.cols, 'column')} but ${classesPhrase(c)}: ${multilabel ? 'an indicator row needs one column per label' : 'a one-hot row needs one column per class'}, ` +
      `in class order, so Keras fails on the shape against the output and scikit-learn reads a different set of classes. Make every row ${k} wide, or fix the classes.`,
    data: { width: y.cols, classes: k },
  });
}

const fix: Fixer = (ctx) => {
  const width = dataNumber(ctx, 'width');
  return width !== undefined ? [classCountFix(ctx, width)] : [];
};

export const rule: Rule = {
  id: 'onehot-width-mismatch',
  kind: 'rule',
  group: 'labels-data',
  severity: 'error',
  summary: 'one-hot rows have a width other than the number of classes',
  check: onehotWidthMismatch,
  fix: { fixer: fix, when: 'the classes are declared as a count' },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the rows of `y_true` have a width other than the declared number of classes. **Severity:** E.",
    "",
    "**Why:** a one-hot (or indicator) row has one column per class, in class order; a row of another width does not",
    "match the model's output (Keras fails on the shape) and scikit-learn reads a different set of classes.",
  ],
  fix: [
    "**Fix:** make every row as wide as the class list (`data.classes`), or correct the classes.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  classes: [cat, dog, horse]
  data {
    y_true: [[0, 1], [1, 0]]
  }
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment pets {
  classes: [cat, dog, horse]
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  classes: [cat, dog, horse]
  data {
    y_true: [[0, 1], [1, 0]]
  }
}`,
    expect: [{ line: 4, data: { width: 2, classes: 3 } }],
  },
  {
    text: `experiment a {
  classes: [cat, dog, horse]
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}`,
    expect: [],
  },
  {
    name: 'one-hot rows wider than the classes: declare as many classes',
    text: `experiment a {
  classes: 2
  data { y_true: [[0, 1, 0], [1, 0, 0]] }
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Declare 3 classes', text: `experiment a {
  classes: 3
  data { y_true: [[0, 1, 0], [1, 0, 0]] }
}`, preferred: false },
  },
];
