// negative-label: a negative label such as −1 (Keras to_categorical wraps it to the last class; use ignore_class).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { also, className, moreRows, num } from './facts';
import { dataNumber, draft } from './fixing/draft';
import { editProperty } from './fixing/edits';
import { addArgument, replaceNode } from './fixing/text';
import type { Fixer } from './fixing/types';
import { ignoreClass, ignoreParam, numericLabels, PYTORCH_IGNORE_INDEX, rowsWhere } from './helpers/labels-data';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function negativeLabel(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = numericLabels(f);
  if (!f.data || !y || m.task?.value === 'binary') return; // binary: binary-labels-not-01
  const ignore = ignoreClass(f);
  const rows = rowsWhere(y, (v) => Number.isInteger(v) && v < 0 && v !== ignore);
  if (rows.length === 0) return;
  const v = y.values[rows[0]];
  const k = f.labelClasses?.count ?? f.k;
  const wraps = k !== undefined && k + v >= 0 ? `wraps ${num(v)} to class ${className(m, k + v)}` : `wraps ${num(v)} around to the last classes`;
  const range = k !== undefined ? `[0, ${k})` : '[0, K)';
  if (f.pytorch && ignoreParam(f) === 'ignore_index') {
    ctx.report({
      at: { node: y.rowNodes[rows[0]], experiment: f.data.experiment, note: `y_true value ${num(v)} (row ${rows[0] + 1})` },
      related: moreRows(y, rows, 'y_true', f.data, 'also negative:'),
      message:
        `label ${num(v)} is not a class index${also(rows, 'negative label')}: PyTorch's ${f.loss!.name} raises "Target ${num(v)} is out of bounds." ` +
        `(it leaves out only ignore_index, ${ignore ?? PYTORCH_IGNORE_INDEX}). If ${num(v)} marks samples to leave out, set ignore_index: ${num(v)}; otherwise fix the label.`,
      data: { value: v, ignoreIndex: v },
    });
    return;
  }
  ctx.report({
    at: { node: y.rowNodes[rows[0]], experiment: f.data.experiment, note: `y_true value ${num(v)} (row ${rows[0] + 1})` },
    related: moreRows(y, rows, 'y_true', f.data, 'also negative:'),
    message:
      `label ${num(v)} is not a class index${also(rows, 'negative label')}: Keras's to_categorical ${wraps}, silently training these samples on it, and ` +
      `sparse_categorical_crossentropy raises "Received a label value of ${num(v)} which is outside the valid range of ${range}". ` +
      `If ${num(v)} marks samples to leave out, set ignore_class: ${num(v)} on sparse_categorical_crossentropy; otherwise fix the label.`,
    data: { value: v, ignoreClass: v },
  });
}

const fix: Fixer = (ctx) => {
  const loss = ctx.facts?.loss;
  const y = ctx.facts?.data?.yTrue;
  const param = ctx.facts && ignoreParam(ctx.facts);
  const value = dataNumber(ctx, param === 'ignore_index' ? 'ignoreIndex' : 'ignoreClass');
  if (!loss || !param || !y || value === undefined) return [];
  // ignore_class / ignore_index take one value: only when every negative label is that one.
  for (const v of y.values) if (v < 0 && v !== value) return [];
  const edits = editProperty(ctx, 'loss', () => {
    const arg = loss.args.get(param);
    if (arg) return arg.value ? [replaceNode(arg.value, String(value))] : undefined;
    const e = addArgument(loss.node, `${param}: ${value}`);
    return e && [e];
  });
  return [draft(`Leave label ${value} out of the loss (${param}: ${value})`, edits)];
};

export const rule: Rule = {
  id: 'negative-label',
  kind: 'rule',
  group: 'labels-data',
  severity: 'error',
  summary: 'a negative label such as −1 (Keras to_categorical wraps it to the last class; use ignore_class)',
  supersedes: ['label-out-of-range'],
  check: negativeLabel,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a negative integer label (typically −1) on a task that is not binary, other than the loss's",
    "`ignore_class`. **Severity:** E. Replaces `label-out-of-range`.",
    "",
    "**Why:** Keras's `to_categorical` wraps −1 to the last class, silently training those samples on it, and",
    "`sparse_categorical_crossentropy` raises \"Received a label value of -1 which is outside the valid range\".",
  ],
  fix: [
    "**Fix:** if −1 marks samples to leave out, `ignore_class: -1` on `sparse_categorical_crossentropy`",
    "(`data.ignoreClass`); otherwise correct the labels. Under PyTorch, `cross_entropy` and `nll_loss` leave out their",
    "`ignore_index` (−100 unless written) and raise \"Target -1 is out of bounds.\" on any other negative label; the",
    "fix sets `ignore_index` (`data.ignoreIndex`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment ner {
  classes: 3
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, -1, 2]
  }
}
`,
    expect: [{ line: 5 }],
  },
  {
    text: `experiment ner {
  classes: 3
  loss: sparse_categorical_crossentropy(ignore_class: -1)
  data {
    y_true: [0, -1, 2]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  classes: 3
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, -1, 2]
  }
}`,
    expect: [{ line: 5, data: { value: -1, ignoreClass: -1 }, says: /to_categorical wraps -1 to class 2/ }],
  },
  {
    text: `experiment a {
  classes: 3
  loss: sparse_categorical_crossentropy(ignore_class: -1)
  data {
    y_true: [0, -1, 2]
  }
}`,
    expect: [],
  },
  {
    name: 'a negative label left out of the sparse loss',
    text: `experiment a {
  classes: 3
  loss: sparse_categorical_crossentropy(from_logits: false)
  data { y_true: [0, -1, 2, -1] }
}`,
    expect: [{ line: 4 }],
    fix: { title: 'Leave label -1 out of the loss (ignore_class: -1)', text: `experiment a {
  classes: 3
  loss: sparse_categorical_crossentropy(from_logits: false, ignore_class: -1)
  data { y_true: [0, -1, 2, -1] }
}`, preferred: false },
  },
  {
    name: 'PyTorch: -1 padding tokens with cross_entropy, left out by ignore_index',
    text: `experiment pos_tagger_torch {
  classes: 5
  model {
    embedding(20000, output_dim: 64)
    lstm(64, return_sequences: true)
    dense(5)
  }
  loss: cross_entropy
  data { y_true: [1, 4, 2, -1, -1] }
}`,
    expect: [{ line: 9, data: { value: -1, ignoreIndex: -1 }, says: /Target -1 is out of bounds/ }],
    fix: { title: 'Leave label -1 out of the loss (ignore_index: -1)', text: `experiment pos_tagger_torch {
  classes: 5
  model {
    embedding(20000, output_dim: 64)
    lstm(64, return_sequences: true)
    dense(5)
  }
  loss: cross_entropy(ignore_index: -1)
  data { y_true: [1, 4, 2, -1, -1] }
}`, preferred: false },
  },
  {
    name: "PyTorch: -100, cross_entropy's default ignore_index, is left out",
    text: `experiment pos_tagger_torch {
  classes: 5
  model {
    embedding(20000, output_dim: 64)
    lstm(64, return_sequences: true)
    dense(5)
  }
  loss: cross_entropy
  data { y_true: [1, 4, 2, -100, -100] }
}`,
    expect: [],
  },
];
