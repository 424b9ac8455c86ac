// categorical-loss-single-output: categorical or sparse loss with a single output unit (the loss is always 0).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { lossAnchor, units, unitsAnchor } from './facts';
import { dataString, draft } from './fixing/draft';
import { outputFor, ownOutput, unitsEdits } from './fixing/edits';
import { useLoss } from './fixing/loss-fixes';
import type { Fixer } from './fixing/types';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function categoricalLossSingleOutput(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily, output, task, k } = ctx.facts;
  if (!loss || !output || output.units !== 1 || (lossFamily !== 'categorical' && lossFamily !== 'sparse')) return;
  const why =
    lossFamily === 'sparse'
      ? 'only label 0 is in the valid range [0, 1), so Keras raises on any other label, and label 0 always costs 0'
      : 'a one-column prediction is always 1 once Keras normalises the row, so the loss is always 0 and nothing is learned';
  const multi = task !== 'binary' && k !== undefined && k > 2;
  ctx.report({
    at: lossAnchor(loss),
    related: [unitsAnchor(output)],
    message:
      `${loss.name} over a single output unit: ${why}. ` +
      (multi ? `Give the output layer ${units(k!)} (one per class) with softmax.` : `Use binary_crossentropy with one sigmoid unit, or one softmax unit per class.`),
    data: multi ? { units: k } : { replacement: 'binary_crossentropy', activation: 'sigmoid' },
  });
}

const fix: Fixer = (ctx) => {
  const k = typeof ctx.data.units === 'number' ? ctx.data.units : undefined;
  if (k !== undefined) {
    const o = ownOutput(ctx);
    const units = o && unitsEdits(o, k);
    if (!units) return [];
    // The units, and softmax over them (outputFor, as if the layer already had k units).
    const facts = ctx.facts!;
    const widened = { ...ctx, facts: { ...facts, output: { ...o!, units: k } } };
    const act = outputFor(widened, facts.lossFamily, facts.fromLogits);
    return [draft(`Give the output layer ${k} units${act.edits.length ? ' with softmax' : ''}`, [...units, ...act.edits], act.consistent)];
  }
  return [useLoss(ctx, dataString(ctx, 'replacement') ?? 'binary_crossentropy', true)];
};

export const rule: Rule = {
  id: 'categorical-loss-single-output',
  kind: 'rule',
  group: 'loss-labels',
  severity: 'error',
  summary: 'categorical or sparse loss with a single output unit (the loss is always 0)',
  supersedes: ['output-units-mismatch'],
  check: categoricalLossSingleOutput,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a categorical or sparse categorical loss with a single output unit. **Severity:** E. Replaces",
    "`output-units-mismatch`.",
    "",
    "**Why:** Keras normalises each prediction row, and a one-column row is always 1: the loss is always 0 and nothing",
    "is learned. With the sparse loss only label 0 is in range [0, 1); any other label is a run-time error.",
  ],
  fix: [
    "**Fix:** for two classes, `binary_crossentropy` with one sigmoid unit (`data.replacement`, `data.activation`); for",
    "more, one softmax unit per class (`data.units`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  task: binary
  model {
    dense(1, activation: sigmoid)
  }
  loss: categorical_crossentropy
}
`,
    expect: [{ line: 6 }],
  },
  {
    text: `experiment spam {
  task: binary
  model {
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: binary
  model {
    dense(1, activation: sigmoid)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 6, data: { replacement: 'binary_crossentropy', activation: 'sigmoid' } }],
  },
  {
    text: `experiment a {
  task: binary
  model {
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy
}`,
    expect: [],
  },
  {
    name: 'a categorical loss on one unit of 3 classes: 3 softmax units',
    text: `experiment a {
  task: multiclass
  classes: 3
  model {
    dense(1, activation: sigmoid)
  }
  loss: sparse_categorical_crossentropy
}`,
    expect: [{ line: 7 }],
    fix: { title: 'Give the output layer 3 units with softmax', text: `experiment a {
  task: multiclass
  classes: 3
  model {
    dense(3, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}`, preferred: true },
  },
];
