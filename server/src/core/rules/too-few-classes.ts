// too-few-classes: fewer than 2 classes.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { classesAnchor, classesPhrase } from './facts';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function tooFewClasses(m: ExperimentModel, ctx: RuleContext): void {
  const c = m.classes;
  if (!c || c.value.count >= 2) return;
  const fix =
    c.origin === 'declared'
      ? 'Declare every class the model must tell apart (at least 2).'
      : 'Declare the classes (classes: [...]) so that scikit-learn and Keras know every class, not only those in this data.';
  ctx.report({
    at: classesAnchor(c),
    message:
      `a classifier needs at least 2 classes, but ${classesPhrase(c)}: there is nothing to tell apart, the loss is always 0 and ` +
      `scikit-learn's log_loss raises "y_true contains only one label". ${fix}`,
    data: { classes: c.value.count },
  });
}

export const rule: Rule = {
  id: 'too-few-classes',
  kind: 'rule',
  group: 'loss-labels',
  severity: 'error',
  summary: 'fewer than 2 classes',
  check: tooFewClasses,
  noFix: 'the missing classes cannot be named',
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** fewer than 2 classes, declared (`classes: 1`) or seen (y_true holds a single class and nothing",
    "declares more). **Severity:** E.",
    "",
    "**Why:** there is nothing to tell apart: the loss is always 0, and scikit-learn's log_loss raises \"y_true contains",
    "only one label\".",
  ],
  fix: [
    "**Fix:** declare every class the model must tell apart.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment detector {
  classes: [defect]
}
`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment detector {
  classes: [ok, defect]
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  classes: 1
}`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment a {
  classes: 2
}`,
    expect: [],
  },
  {
    name: 'a single class seen in y_true',
    text: `experiment a {
  data {
    y_true: [cat, cat, cat]
  }
}`,
    expect: [{ line: 3 }],
  },
  {
    name: 'a single class seen in y_true, fixed',
    text: `experiment a {
  data {
    y_true: [cat, dog, cat]
  }
}`,
    expect: [],
  },
];
