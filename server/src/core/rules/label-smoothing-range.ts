// label-smoothing-range: label_smoothing outside [0, 1] (E), ≥ 0.5 (W), on sparse_categorical_crossentropy (E).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { line, num, rawArgument } from './facts';
import { dataString, draft } from './fixing/draft';
import { editProperty } from './fixing/edits';
import { oneHotFix, useLoss } from './fixing/loss-fixes';
import { removeArgument, replaceNode } from './fixing/text';
import type { Draft, Fixer } from './fixing/types';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function labelSmoothingRange(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily, k, output } = ctx.facts;
  if (!loss?.entry) return;
  const arg = rawArgument(loss, 'label_smoothing');
  if (!arg?.name) return;
  const v = arg.value?.kind === 'number' ? arg.value : undefined;
  const takes = loss.entry.params.some((p) => p.name === 'label_smoothing');

  if (!takes) {
    if (lossFamily !== 'sparse') return; // an unknown parameter of another loss: unknown-name says it
    ctx.report({
      at: { node: arg.name, experiment: loss.experiment, note: `${loss.name}(label_smoothing: …) (line ${line(arg.name)})` },
      message:
        `${loss.name} has no label_smoothing: Keras raises a TypeError (unexpected keyword argument 'label_smoothing'), because smoothing needs ` +
        `a target for every class. Use categorical_crossentropy(label_smoothing: ${v ? v.raw : '0.1'}) with one-hot labels, or drop the argument.`,
      data: { replacement: 'categorical_crossentropy' },
    });
    return;
  }
  if (!v) return;
  const s = v.value;
  const at = { node: v, experiment: loss.experiment, note: `label_smoothing: ${v.raw} (line ${line(v)})` };
  const binary = lossFamily === 'binary';
  const classes = binary ? 2 : (k ?? output?.units);
  const formula = binary ? 'y·(1 − s) + s/2' : 'y·(1 − s) + s/K';
  if (s < 0 || s > 1) {
    ctx.report({
      at,
      severity: 'error',
      message:
        `label_smoothing ${v.raw} is outside [0, 1]: the targets become ${formula}, so ` +
        (s > 1
          ? `the true class gets a lower target than the others and the loss rewards wrong predictions`
          : `the targets move beyond 0 and 1 and the loss is no longer a cross-entropy`) +
        `; Keras accepts it without a word. Use a value in [0, 1), typically 0.1.`,
      data: { labelSmoothing: 0.1 },
    });
  } else if (s >= 0.5) {
    const target = classes !== undefined && classes >= 2 ? 1 - s + s / classes : undefined;
    const other = classes !== undefined && classes >= 2 ? s / classes : undefined;
    ctx.report({
      at,
      severity: 'warning',
      message:
        s === 1
          ? `label_smoothing 1 replaces every target by the uniform distribution: the labels are ignored and nothing is learned. Usual values are 0.05 to 0.2.`
          : `label_smoothing ${v.raw} moves the targets at least halfway to uniform` +
            (target !== undefined ? ` (the true class's target becomes ${num(target)}, each other class's ${num(other!)})` : '') +
            `: the model is trained to be unsure and its probabilities are badly calibrated. Usual values are 0.05 to 0.2.`,
      data: { labelSmoothing: 0.1 },
    });
  }
}

/** label_smoothing out of range, or on the sparse loss that has none. */
const fix: Fixer = (ctx) => {
  const loss = ctx.facts?.loss;
  const arg = loss && rawArgument(loss, 'label_smoothing');
  if (!loss || !arg || loss.node.kind !== 'call') return [];
  const call = loss.node;
  const remove = editProperty(ctx, 'loss', () => {
    const e = removeArgument(call, arg);
    return e && [e];
  });
  const replacement = dataString(ctx, 'replacement');
  if (replacement) {
    // On sparse_categorical_crossentropy: drop it, or switch to the categorical loss that takes it — right as it is
    // when the labels are one-hot (or unknown); integer labels must become one-hot rows with it, else it only
    // trades this error for categorical-loss-integer-labels.
    const labels = ctx.model?.labels?.value;
    const switchDraft = useLoss(ctx, replacement, labels === 'onehot');
    let switchFix: Draft | undefined;
    if (switchDraft && labels === 'integer') {
      const convert = oneHotFix(ctx);
      switchFix = convert && draft(`${switchDraft.title} and convert y_true to one-hot rows`, [...switchDraft.edits, ...convert.edits]);
    } else if (switchDraft) switchFix = { ...switchDraft, title: `${switchDraft.title}, which takes label_smoothing` };
    return [draft('Remove label_smoothing', remove, labels !== 'onehot'), switchFix];
  }
  const value = typeof ctx.data.labelSmoothing === 'number' ? ctx.data.labelSmoothing : 0.1;
  const set = arg.value && editProperty(ctx, 'loss', () => [replaceNode(arg.value!, String(value))]);
  return [draft(`Set label_smoothing to ${value}`, set, true), draft('Remove label_smoothing', remove)];
};

export const rule: Rule = {
  id: 'label-smoothing-range',
  kind: 'rule',
  group: 'label-smoothing',
  severity: 'error',
  severities: ['error', 'warning'],
  summary: 'label_smoothing outside [0, 1] (E), ≥ 0.5 (W), on sparse_categorical_crossentropy (E)',
  replaces: ['label-smoothing-range', 'unknown-name'],
  check: labelSmoothingRange,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** `label_smoothing` outside [0, 1] (**E**), ≥ 0.5 (**W**), or given to",
    "`sparse_categorical_crossentropy`, which has no such parameter (**E**). **Severity:** E / W. Replaces the",
    "catalogue's range check and, on the sparse loss, the \"has no parameter\" `unknown-name`.",
    "",
    "**Why:** smoothing s turns the targets into y·(1 − s) + s/K (binary: + s/2). Above 1 the true class gets a lower",
    "target than the others, and Keras accepts it without a word; from 0.5 on the targets are at least halfway to",
    "uniform, so the model is trained to be unsure (at 1 the labels are ignored). The sparse loss has no",
    "`label_smoothing`: Keras raises a TypeError.",
  ],
  fix: [
    "**Fix:** a value such as 0.1 (`data.labelSmoothing`); for smoothing, `categorical_crossentropy` with one-hot labels",
    "(`data.replacement`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  loss: sparse_categorical_crossentropy(label_smoothing: 0.1)
}
`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment pets {
  loss: categorical_crossentropy(label_smoothing: 0.1)
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  loss: categorical_crossentropy(label_smoothing: 1.5)
}`,
    expect: [{ line: 2, severity: 'error' }],
  },
  {
    text: `experiment a {
  loss: categorical_crossentropy(label_smoothing: 0.1)
}`,
    expect: [],
  },
  {
    name: '≥ 0.5 is a warning',
    text: `experiment a {
  classes: 3
  loss: categorical_crossentropy(label_smoothing: 0.6)
}`,
    expect: [{ line: 3, severity: 'warning' }],
  },
  {
    name: '≥ 0.5 is a warning, fixed',
    text: `experiment a {
  classes: 3
  loss: categorical_crossentropy(label_smoothing: 0.2)
}`,
    expect: [],
  },
  {
    name: 'on sparse_categorical_crossentropy',
    text: `experiment a {
  loss: sparse_categorical_crossentropy(label_smoothing: 0.1)
}`,
    expect: [{ line: 2, severity: 'error', data: { replacement: 'categorical_crossentropy' } }],
  },
  {
    name: 'on sparse_categorical_crossentropy, fixed',
    text: `experiment a {
  loss: categorical_crossentropy(label_smoothing: 0.1)
}`,
    expect: [],
  },
  {
    name: 'label_smoothing out of range set to 0.1',
    text: `experiment a {
  loss: categorical_crossentropy(label_smoothing: 1.5)
}`,
    expect: [{ line: 2 }],
    fix: { title: 'Set label_smoothing to 0.1', text: `experiment a {
  loss: categorical_crossentropy(label_smoothing: 0.1)
}`, preferred: true },
  },
  {
    name: 'label_smoothing out of range removed',
    text: `experiment a {
  loss: categorical_crossentropy(label_smoothing: -0.2)
}`,
    expect: [{ line: 2 }],
    fix: { title: 'Remove label_smoothing', text: `experiment a {
  loss: categorical_crossentropy
}`, preferred: false },
  },
  {
    name: 'label_smoothing on the sparse loss with one-hot labels: the categorical loss is preferred',
    text: `experiment a {
  labels: onehot
  loss: sparse_categorical_crossentropy(label_smoothing: 0.1)
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Use categorical_crossentropy, which takes label_smoothing', text: `experiment a {
  labels: onehot
  loss: categorical_crossentropy(label_smoothing: 0.1)
}`, preferred: true },
  },
  {
    name: 'label_smoothing on the sparse loss with integer labels: switching converts the labels too',
    text: `experiment a {
  classes: 3
  loss: sparse_categorical_crossentropy(label_smoothing: 0.1)
  data {
    y_true: [2, 0]
  }
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Use categorical_crossentropy and convert y_true to one-hot rows', text: `experiment a {
  classes: 3
  loss: categorical_crossentropy(label_smoothing: 0.1)
  data {
    y_true: [[0, 0, 1], [1, 0, 0]]
  }
}`, preferred: false },
  },
];
