// output-units-mismatch: output units ≠ classes (multiclass), ≠ 1 or 2 (binary), ≠ labels (multilabel).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import { unitsParamOf } from '../model/layer-params';
import type { ExperimentModel } from '../model/types';
import { classesAnchor, classesPhrase, taskAnchor, taskPhrase, units, unitsAnchor } from './facts';
import { outputUnits } from './fixing/output-fixes';
import { isCategoricalSingleOutput } from './helpers/loss-labels';
import { classCount, extraUnits, hasImagenetTop, keepsImagenetTop } from './helpers/output';
import type { Anchor, CodeDoc, Example, Rule, RuleContext } from './types';

function outputUnitsMismatch(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const o = f.output;
  const k = classCount(m);
  if (!o || k === undefined || !m.task || keepsImagenetTop(o.layer)) return; // imagenet-top-classes
  const task = m.task.value;
  const twoClasses = task !== 'multilabel' && k === 2;
  if (twoClasses ? o.units === 1 || o.units === 2 : o.units === k) return;
  // Specific rules first (design decision): these describe the same fault better.
  if (o.activation === 'softmax' && o.units === 1) return; // softmax-single-unit
  if (extraUnits(m, f)) return; // extra-output-units
  if (isCategoricalSingleOutput(ctx)) return; // categorical-loss-single-output
  const classes = m.classes && m.classes.from !== 'the output layer' ? m.classes : undefined;
  const related: Anchor[] = classes ? [classesAnchor(classes)] : [];
  if (!classes || (m.task.node !== classes.node && (twoClasses || task === 'multilabel'))) related.push(taskAnchor(m.task));
  const there = classes ? classesPhrase(classes) : `${taskPhrase(m.task)}, so there are 2 classes`;
  // A backbone's top classifier has its units in `classes` (model/layer-params.ts).
  const setWhat = unitsParamOf(o.layer.entry) === 'classes' ? `${o.layer.name}'s classes` : 'units';
  // The ImageNet top must keep its 1000 classes: a new head replaces it instead.
  const advice = (n: number): string =>
    hasImagenetTop(o.layer) ? `Drop ${o.layer.name}'s ImageNet top (include_top: false, pooling: avg) and put dense(${n}) after it` : `Set ${setWhat} to ${n}`;
  let message: string;
  let expected = k;
  if (twoClasses) {
    expected = o.activation === 'softmax' ? 2 : 1;
    message =
      `a task with 2 classes needs 1 output unit (sigmoid: P(class 1)) or 2 (softmax), not ${o.units}: Keras fails on the shape ` +
      `of the targets, or the extra units are never a target. ${advice(expected)}.`;
  } else if (task === 'multilabel') {
    message =
      `a multilabel task needs one output per label, but the output layer has ${units(o.units)} and ${there}: ` +
      `Keras fails on the shape of the indicator rows ((N, ${k}) against (N, ${o.units})). ${advice(k)}.`;
  } else if (o.units < k) {
    message =
      `the output layer has ${units(o.units)} but ${there}: the model can never predict ${k - o.units === 1 ? 'the last class' : `the last ${k - o.units} classes`}, ` +
      `and Keras fails on the targets (a label value of ${o.units} is outside the valid range of [0, ${o.units}), or the one-hot rows are wider than the output). ${advice(k)}.`;
  } else {
    message =
      `the output layer has ${units(o.units)} but ${there}: Keras fails on the shape of one-hot targets ` +
      `((N, ${k}) against (N, ${o.units})), and the extra units are never a target. ${advice(k)}.`;
  }
  ctx.report({ at: unitsAnchor(o), related, message, data: { units: expected } });
}

export const rule: Rule = {
  id: 'output-units-mismatch',
  kind: 'rule',
  group: 'output',
  severity: 'error',
  summary: 'output units ≠ classes (multiclass), ≠ 1 or 2 (binary), ≠ labels (multilabel)',
  check: outputUnitsMismatch,
  fix: { fixer: outputUnits },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the output units differ from the classes (single-label, more than 2 classes), are not 1 or 2",
    "(2 classes), or differ from the number of labels (multilabel) — whatever the output activation. **Severity:** E.",
    "",
    "**Why:** each class (or label) needs exactly one output: Keras fails on the shape of one-hot or indicator targets, a",
    "label ≥ units is out of range, and a missing unit is a class the model can never predict.",
  ],
  fix: [
    "**Fix:** set the units to the class count (`data.units`; 1 for a sigmoid binary output).",
    "",
    "A pretrained backbone (`resnet50`, `densenet121`, `mobilenet_v2`, `efficientnet_b0`, `vgg16`) as the last layer",
    "is Keras's keras.applications model: `include_top` defaults to true, so it ends in `classes` units (1000) with",
    "`classifier_activation` (softmax), and those are its output units; the fix edits `classes`. With",
    "`include_top: false` its output is not known and the rule stays silent.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  classes: [cat, dog, horse]
  labels: onehot
  model {
    dense(4, activation: softmax)
  }
  loss: categorical_crossentropy
}
`,
    expect: [{ line: 5 }],
  },
  {
    text: `experiment pets {
  classes: [cat, dog, horse]
  labels: onehot
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  classes: [cat, dog, horse]
  labels: onehot
  model {
    dense(4, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 5, data: { units: 3 } }],
  },
  {
    text: `experiment a {
  classes: [cat, dog, horse]
  labels: onehot
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [],
  },
  {
    name: 'binary needs 1 or 2 units',
    text: `experiment a {
  task: binary
  model {
    dense(3, activation: sigmoid)
  }
  loss: binary_crossentropy
}`,
    expect: [{ line: 4 }],
  },
  {
    name: 'binary needs 1 or 2 units, fixed',
    text: `experiment a {
  task: binary
  model {
    dense(2, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}`,
    expect: [],
  },
  {
    name: "resnet50's own classifier (include_top defaults to true) of 10 classes on a 2-class task",
    text: `experiment cats_dogs {
  classes: [cat, dog]
  model {
    resnet50(weights: none, classes: 10, input_shape: [224, 224, 3])
  }
  loss: sparse_categorical_crossentropy
  optimizer: adam(learning_rate: 0.0001)
}`,
    expect: [{ line: 4, data: { units: 2 }, says: /not 10: .* Set resnet50's classes to 2/ }],
    fix: { title: 'Set the output units to 2', text: `experiment cats_dogs {
  classes: [cat, dog]
  model {
    resnet50(weights: none, classes: 2, input_shape: [224, 224, 3])
  }
  loss: sparse_categorical_crossentropy
  optimizer: adam(learning_rate: 0.0001)
}`, preferred: true },
  },
  {
    name: "a bare resnet50 ends in ImageNet's 1000 classes",
    text: `experiment cats_dogs {
  classes: [cat, dog]
  model {
    resnet50
  }
  loss: sparse_categorical_crossentropy
}`,
    expect: [{ line: 4, data: { units: 2 }, says: /not 1000: .* Drop resnet50's ImageNet top \(include_top: false, pooling: avg\) and put dense\(2\) after it/ }],
  },
  {
    name: 'resnet50 as a feature extractor with a 2-unit head is right',
    text: `experiment cats_dogs {
  classes: [cat, dog]
  model {
    resnet50(include_top: false, pooling: avg, input_shape: [224, 224, 3])
    dense(2, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}`,
    expect: [],
  },
  {
    name: "resnet50's own classifier of 2 classes is right",
    text: `experiment cats_dogs {
  classes: [cat, dog]
  model {
    resnet50(weights: none, classes: 2, input_shape: [224, 224, 3])
  }
  loss: sparse_categorical_crossentropy
}`,
    expect: [],
  },
];
