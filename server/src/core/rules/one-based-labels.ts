// one-based-labels: labels run 1..K.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { arrayAnchor } from './facts';
import { mapLabels, ownArray } from './fixing/data';
import { dataNumber, draft } from './fixing/draft';
import type { Fixer } from './fixing/types';
import { isOneBased, numericLabels } from './helpers/labels-data';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function oneBasedLabels(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = numericLabels(f);
  const lc = f.labelClasses;
  if (!f.data || !y || !lc || m.task?.value === 'binary' || !isOneBased(y, lc.count)) return;
  const k = lc.count;
  ctx.report({
    at: arrayAnchor(y, 'y_true', f.data),
    related: [lc.anchor],
    message:
      `y_true runs from 1 to ${k}, but class indices start at 0 (${lc.anchor.note}): Keras raises "Received a label value of ${k} which is outside ` +
      `the valid range of [0, ${k})", and every other sample trains the wrong class (label 1 is the second class). Subtract 1 from every label.`,
    data: { shift: -1 },
  });
}

const fix: Fixer = (ctx) => {
  const y = ownArray(ctx, 'yTrue');
  const shift = dataNumber(ctx, 'shift') ?? -1;
  const edit = y && mapLabels(ctx, y, (v) => v + shift);
  return [draft(shift === -1 ? 'Subtract 1 from every label' : `Add ${shift} to every label`, edit && [edit], true)];
};

export const rule: Rule = {
  id: 'one-based-labels',
  kind: 'rule',
  group: 'labels-data',
  severity: 'error',
  summary: 'labels run 1..K',
  supersedes: ['label-out-of-range'],
  check: oneBasedLabels,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the labels run 1..K for K classes: all integers, the smallest exactly 1 and the largest exactly K",
    "(so 0 never occurs), spread over 1..K: at least half of the K classes occur, or, in a sample too small for that,",
    "at least half as many distinct labels as samples. **Severity:** E. Replaces `label-out-of-range`. Labels that",
    "only reach K (49,662…66,908 of 66,908 classes) are `label-out-of-range`: subtracting 1 would not fix them.",
    "",
    "**Why:** class indices start at 0: Keras raises \"Received a label value of K which is outside the valid range of",
    "[0, K)\", and every other sample trains the wrong class (label 1 is the second class).",
  ],
  fix: [
    "**Fix:** subtract 1 from every label (`data.shift: -1`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment grades {
  classes: 3
  data {
    y_true: [1, 2, 3, 1]
  }
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment grades {
  classes: 3
  data {
    y_true: [0, 1, 2, 0]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  classes: 3
  data {
    y_true: [1, 2, 3, 1]
  }
}`,
    expect: [{ line: 4, data: { shift: -1 } }],
  },
  {
    text: `experiment a {
  classes: 3
  data {
    y_true: [0, 1, 2, 0]
  }
}`,
    expect: [],
  },
  {
    name: 'one-based labels shifted, layout kept',
    text: `experiment a {
  classes: 3
  data {
    y_true: [1, 2,
             3, 1]
  }
}`,
    expect: [{ line: 4 }],
    fix: { title: 'Subtract 1 from every label', text: `experiment a {
  classes: 3
  data {
    y_true: [0, 1,
             2, 0]
  }
}`, preferred: true },
  },
  {
    name: 'labels that only reach K are out of range, not one-based',
    text: `experiment landmarks {
  classes: 66908
  model {
    resnet50(include_top: false, pooling: avg)
    dense(66908, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
  data {
    y_true: [49662, 51873, 66908, 60215, 57340]
  }
}`,
    expect: [],
  },
  {
    name: '1..K over a 10-class sample (no 0): one-based',
    text: `experiment emotions {
  classes: 7
  loss: sparse_categorical_crossentropy
  data {
    y_true: [3, 7, 1, 4, 4, 5, 2, 6, 1, 3]
  }
}`,
    expect: [{ line: 5, data: { shift: -1 } }],
  },
  {
    name: 'a sample sitting on two values is not read as one-based',
    text: `experiment emotions {
  classes: 7
  loss: sparse_categorical_crossentropy
  data {
    y_true: [1, 1, 7, 1, 7, 7, 1, 1]
  }
}`,
    expect: [],
  },
];
