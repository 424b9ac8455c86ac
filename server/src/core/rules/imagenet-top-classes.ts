// imagenet-top-classes: a backbone keeps its ImageNet top (weights: imagenet, include_top: true) with classes ≠ 1000.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel, LayerModel } from '../model/types';
import { line, nameValue, num } from './facts';
import { dataNumber, draft } from './fixing/draft';
import { indentAt, insertAt, lineBreak, replaceNode } from './fixing/text';
import type { Fixer, FixContext } from './fixing/types';
import { classCount, keepsImagenetTop } from './helpers/output';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function imagenetTopClasses(m: ExperimentModel, ctx: RuleContext): void {
  if (m.model?.kind !== 'layers') return;
  for (const l of m.model.layers) {
    const classes = l.args.get('classes')?.value;
    if (!keepsImagenetTop(l) || classes?.kind !== 'number') continue;
    const act = nameValue(l.args.get('classifier_activation')?.value) ?? 'softmax';
    // The head gets the task's classes where they are known (resnet50(classes: 10) on a 2-class task: dense(2)).
    const head = classCount(m) ?? classes.value;
    ctx.report({
      at: { node: classes, experiment: l.experiment, note: `${l.name}(classes: ${num(classes.value)}) (line ${line(classes)})` },
      message:
        `${l.name} keeps its ImageNet classifier (include_top is true unless written false) with the ImageNet weights (weights is imagenet unless written), ` +
        `whose top has 1000 classes: Keras raises "If using \`weights='imagenet'\` with \`include_top=True\`, \`classes\` should be 1000. ` +
        `Received classes=${num(classes.value)}". Drop the top (include_top: false, pooling: avg) and put dense(${num(head)}, activation: ${act}) after it, ` +
        `or train from scratch with weights: none.`,
      data: { classes: head, activation: act },
    });
  }
}

/** The backbone whose classes the diagnostic points at. */
function backboneAt(ctx: FixContext): LayerModel | undefined {
  const layers = ctx.model?.model?.kind === 'layers' ? ctx.model.model.layers : [];
  return layers.find((l) => l.experiment === ctx.model?.name && l.args.get('classes')?.value?.start === ctx.start);
}

const fix: Fixer = (ctx) => {
  const l = backboneAt(ctx);
  const classes = dataNumber(ctx, 'classes');
  if (!l || l.node.kind !== 'call' || classes === undefined) return [];
  const call = l.node;
  const act = typeof ctx.data.activation === 'string' ? ctx.data.activation : 'softmax';
  // The feature extractor keeps every argument but the top's, and a dense head takes over the classes.
  const kept = call.args.filter((a) => !['classes', 'classifier_activation', 'include_top', 'pooling'].includes(a.name?.name ?? ''));
  const args = ['include_top: false', 'pooling: avg', ...kept.map((a) => ctx.text.slice(a.start, a.end))];
  const head = [
    replaceNode(call, `${call.callee.name}(${args.join(', ')})`),
    insertAt(call.end, `${lineBreak(ctx.source)}${indentAt(ctx.source, call.start)}dense(${classes}, activation: ${act})`),
  ];
  const weights = l.args.get('weights');
  const scratch = weights?.value
    ? [replaceNode(weights.value, 'none')]
    : [insertAt(call.openParen + 1, 'weights: none, ')];
  return [
    draft(`Drop the ImageNet top and add a dense(${classes}) head`, head, true),
    call.openParen >= 0 ? draft('Train from scratch (weights: none)', scratch) : undefined,
  ];
};

export const rule: Rule = {
  id: 'imagenet-top-classes',
  kind: 'rule',
  group: 'output',
  severity: 'error',
  summary: 'a backbone keeps the ImageNet top (weights imagenet, include_top true) with classes other than 1000',
  supersedes: ['output-units-mismatch', 'extra-output-units'],
  check: imagenetTopClasses,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a pretrained backbone (`resnet50`, `densenet121`, `mobilenet_v2`, `efficientnet_b0`, `vgg16`)",
    "with `weights` imagenet (the default) and `include_top` true (the default) is given `classes` other than 1000.",
    "**Severity:** E. Reported on `classes`. Replaces `output-units-mismatch` and `extra-output-units` there.",
    "",
    "**Why:** the ImageNet weights include the top classifier's 1000 classes: Keras raises \"If using",
    "`weights='imagenet'` with `include_top=True`, `classes` should be 1000. Received classes=10\" when the model is",
    "built.",
  ],
  fix: [
    "**Fix:** keep the pretrained features and train a new head: `include_top: false, pooling: avg` followed by",
    "`dense(K, activation: …)` with the experiment's K classes (else the `classes` written; `data.classes`,",
    "`data.activation`); or train from scratch with `weights: none`.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment cats_dogs {
  classes: [cat, dog]
  model {
    resnet50(classes: 2, input_shape: [224, 224, 3])
  }
  loss: sparse_categorical_crossentropy
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment cats_dogs {
  classes: [cat, dog]
  model {
    resnet50(include_top: false, pooling: avg, input_shape: [224, 224, 3])
    dense(2, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}
`,
    expect: [],
  },
  {
    name: 'the ImageNet top dropped for a dense head',
    text: `experiment flowers {
  classes: 5
  model {
    input([224, 224, 3])
    mobilenet_v2(classes: 5, alpha: 0.75)
  }
  loss: sparse_categorical_crossentropy
}`,
    expect: [{ line: 5, data: { classes: 5, activation: 'softmax' }, says: /`classes` should be 1000\. Received classes=5/ }],
    fix: { title: 'Drop the ImageNet top and add a dense(5) head', text: `experiment flowers {
  classes: 5
  model {
    input([224, 224, 3])
    mobilenet_v2(include_top: false, pooling: avg, alpha: 0.75)
    dense(5, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}`, preferred: true },
  },
  {
    name: 'trained from scratch, the top may have any number of classes',
    text: `experiment flowers {
  classes: 5
  model {
    input([224, 224, 3])
    mobilenet_v2(weights: none, classes: 5)
  }
  loss: sparse_categorical_crossentropy
}`,
    expect: [],
  },
  {
    name: 'resnet50(classes: 10) on a 2-class task: the head has the task\'s 2 classes',
    text: `experiment cats_dogs {
  classes: [cat, dog]
  model {
    resnet50(classes: 10)
  }
  loss: sparse_categorical_crossentropy
}`,
    expect: [{ line: 4, data: { classes: 2, activation: 'softmax' } }],
    fix: { title: 'Drop the ImageNet top and add a dense(2) head', text: `experiment cats_dogs {
  classes: [cat, dog]
  model {
    resnet50(include_top: false, pooling: avg)
    dense(2, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}`, preferred: true },
  },
];
