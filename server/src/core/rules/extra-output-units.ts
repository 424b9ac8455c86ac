// extra-output-units: integer labels and more output units than classes (never-target outputs).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { classesAnchor, labelsAnchor, taskAnchor, units, unitsAnchor } from './facts';
import { outputUnits } from './fixing/output-fixes';
import { classCount, extraUnits, keepsImagenetTop } from './helpers/output';
import type { Anchor, CodeDoc, Example, Rule, RuleContext } from './types';

function extraOutputUnits(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const o = f.output;
  const k = classCount(m);
  if (!o || k === undefined || !m.labels || !extraUnits(m, f) || keepsImagenetTop(o.layer)) return; // imagenet-top-classes
  const related: Anchor[] = [];
  if (m.classes && m.classes.from !== 'the output layer') related.push(classesAnchor(m.classes));
  else if (m.task) related.push(taskAnchor(m.task));
  related.push(labelsAnchor(m.labels));
  ctx.report({
    at: unitsAnchor(o),
    related,
    message:
      `the output layer has ${units(o.units)} but the labels are class indices of ${k} classes: ` +
      `${o.units - k === 1 ? `unit ${k} is` : `units ${k}..${o.units - 1} are`} never a target, so training silently pushes them towards 0 ` +
      `while argmax can still pick them. Set units to ${k}.`,
    data: { units: k },
  });
}

export const rule: Rule = {
  id: 'extra-output-units',
  kind: 'rule',
  group: 'output',
  severity: 'warning',
  summary: 'integer labels and more output units than classes (never-target outputs)',
  supersedes: ['output-units-mismatch'],
  check: extraOutputUnits,
  fix: { fixer: outputUnits },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** integer labels and more output units than classes. **Severity:** W. Replaces",
    "`output-units-mismatch`.",
    "",
    "**Why:** the extra units are never a target: `sparse_categorical_crossentropy` trains without complaint, silently",
    "pushing them towards 0, while argmax can still pick them.",
  ],
  fix: [
    "**Fix:** set the units to the class count (`data.units`).",
    "",
    "The class count is a declared one (`classes`, or a declared binary task). A data sample's largest label never",
    "overrides the output layer: an MNIST sample without the digits 8 and 9 does not make a 10-unit output too wide.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment digits {
  classes: 3
  labels: integer
  model {
    dense(10, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}
`,
    expect: [{ line: 5 }],
  },
  {
    text: `experiment digits {
  classes: 3
  labels: integer
  model {
    dense(3, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  classes: 3
  labels: integer
  model {
    dense(10, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}`,
    expect: [{ line: 5, severity: 'warning', data: { units: 3 } }],
  },
  {
    text: `experiment a {
  classes: 3
  labels: integer
  model {
    dense(3, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}`,
    expect: [],
  },
  {
    name: 'an MNIST sample without 8 and 9 does not shrink the 10-unit output',
    text: `experiment mnist {
  model {
    flatten
    dense(128, activation: relu)
    dense(10, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
  metrics: [accuracy]
  data {
    y_true: [5, 0, 4, 1, 7, 2, 1, 3, 1, 4, 3, 5, 3, 6, 1, 7, 2]
  }
}`,
    expect: [],
  },
  {
    name: 'declared classes and a wider output: a finding even with a data sample',
    text: `experiment mnist {
  classes: 10
  model {
    flatten
    dense(128, activation: relu)
    dense(16, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
  data {
    y_true: [5, 0, 4, 1, 7, 2, 1, 3, 1, 4, 3, 5, 3, 6, 1, 7, 2]
  }
}`,
    expect: [{ line: 6, data: { units: 10 } }],
  },
];
