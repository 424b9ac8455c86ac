// binary-labels-not-01: binary labels not in {0, 1} (for example −1/1 or 1/2).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { arrayAnchor, num, taskAnchor, taskPhrase } from './facts';
import { mapLabels, ownArray } from './fixing/data';
import { draft } from './fixing/draft';
import { setProperty } from './fixing/edits';
import type { Fixer } from './fixing/types';
import { numericLabels } from './helpers/labels-data';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function binaryLabelsNot01(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = numericLabels(f);
  if (!f.data || !y || m.task?.value !== 'binary') return;
  const distinct = new Set<number>();
  for (let i = 0; i < y.rows; i++) {
    const v = y.values[i];
    if (!Number.isInteger(v)) return; // non-integer-labels
    distinct.add(v);
  }
  const values = [...distinct].sort((a, b) => a - b);
  if (values.every((v) => v === 0 || v === 1)) return;
  // Hinge losses take −1/1 targets.
  if (f.lossFamily === 'hinge' && values.every((v) => v === -1 || v === 1)) return;
  const shown = values.slice(0, 6).map(num).join(', ') + (values.length > 6 ? ', …' : '');
  const pair = values.length === 2 ? values : undefined;
  const fix = pair
    ? `Map ${num(pair[0])} → 0 and ${num(pair[1])} → 1.`
    : values.length > 2
      ? `There are ${values.length} different labels: declare task: multiclass, or map them to 0 and 1.`
      : `Use 0 for the negative class and 1 for the positive one.`;
  ctx.report({
    at: arrayAnchor(y, 'y_true', f.data),
    related: [taskAnchor(m.task)],
    message:
      `${taskPhrase(m.task)}, which needs labels 0 and 1, but y_true holds ${shown}: binary_crossentropy reads y as the probability of class 1, ` +
      `so other values make the loss meaningless (it can turn negative) and Keras trains on it without an error, while scikit-learn's pos_label=1 picks the wrong positive class. ${fix}`,
    data: pair ? { mapping: { [num(pair[0])]: 0, [num(pair[1])]: 1 } } : { values },
  });
}

const fix: Fixer = (ctx) => {
  const y = ownArray(ctx, 'yTrue');
  const mapping = ctx.data.mapping as Record<string, unknown> | undefined;
  if (y && mapping && typeof mapping === 'object') {
    const keys = Object.keys(mapping).sort((a, b) => Number(a) - Number(b));
    const image = (v: number) => {
      const to = mapping[String(v)];
      return typeof to === 'number' ? to : undefined;
    };
    const edit = mapLabels(ctx, y, image);
    return [draft(`Map ${keys.map((k) => `${k} → ${String(mapping[k])}`).join(' and ')}`, edit && [edit], true)];
  }
  // More than two values: the labels name several classes.
  return [draft('Declare task: multiclass', setProperty(ctx, 'task', 'multiclass'))];
};

export const rule: Rule = {
  id: 'binary-labels-not-01',
  kind: 'rule',
  group: 'labels-data',
  severity: 'error',
  summary: 'binary labels not in {0, 1} (for example −1/1 or 1/2)',
  supersedes: ['one-based-labels', 'negative-label', 'label-out-of-range'],
  check: binaryLabelsNot01,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a binary task whose integer labels are not all in {0, 1} (−1/1, 1/2, …). Silent for −1/1 with a",
    "hinge loss. **Severity:** E. Replaces `one-based-labels`, `negative-label` and `label-out-of-range`.",
    "",
    "**Why:** `binary_crossentropy` reads y as the probability of class 1, so other values make the loss meaningless (it",
    "can turn negative) and Keras trains on it without an error; scikit-learn's `pos_label=1` picks the wrong positive",
    "class.",
  ],
  fix: [
    "**Fix:** map the two values to 0 and 1 (`data.mapping`, e.g. `{ \"-1\": 0, \"1\": 1 }`), or declare `task: multiclass`",
    "when there are more than two.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  task: binary
  data {
    y_true: [-1, 1, 1]
  }
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment spam {
  task: binary
  data {
    y_true: [0, 1, 1]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: binary
  data {
    y_true: [-1, 1, 1]
  }
}`,
    expect: [{ line: 4, data: { mapping: { "1": 1, "-1": 0 } } }],
  },
  {
    text: `experiment a {
  task: binary
  data {
    y_true: [0, 1, 1]
  }
}`,
    expect: [],
  },
  {
    name: 'binary labels 1/2 mapped to 0/1',
    text: `experiment a {
  task: binary
  data { y_true: [1, 2, 2, 1] }
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Map 1 → 0 and 2 → 1', text: `experiment a {
  task: binary
  data { y_true: [0, 1, 1, 0] }
}`, preferred: true },
  },
  {
    name: 'more than two binary labels: declare the task multiclass',
    text: `experiment a {
  task: binary
  data { y_true: [0, 1, 2] }
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Declare task: multiclass', text: `experiment a {
  task: multiclass
  data { y_true: [0, 1, 2] }
}`, preferred: false },
  },
];
