// softmax-single-unit: softmax on one unit (always outputs 1.0).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { activationAnchor, lossAnchor, units } from './facts';
import { dataNumber, dataString } from './fixing/draft';
import { outputActivationFix, outputUnitsFix } from './fixing/output-fixes';
import type { Fixer } from './fixing/types';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function softmaxSingleUnit(m: ExperimentModel, ctx: RuleContext): void {
  const { output, k, task, loss } = ctx.facts;
  if (!output || output.activation !== 'softmax' || output.units !== 1) return;
  const multi = task !== 'binary' && k !== undefined && k > 2;
  ctx.report({
    at: activationAnchor(output),
    related: loss ? [lossAnchor(loss)] : [],
    message:
      `softmax over a single unit always outputs 1.0 (e^z / e^z), so the prediction never changes and the loss gives no gradient. ` +
      (multi ? `Give the output layer ${units(k!)}, one per class.` : `For two classes use sigmoid on this unit (with binary_crossentropy).`),
    data: multi ? { units: k, activation: 'sigmoid' } : { activation: 'sigmoid' },
  });
}

const fix: Fixer = (ctx) => {
  const units = dataNumber(ctx, 'units');
  // More than 2 classes: one softmax unit per class (sigmoid on one unit would leave the units wrong).
  if (units !== undefined) return [outputUnitsFix(ctx, units, true), outputActivationFix(ctx, dataString(ctx, 'activation') ?? 'sigmoid', false)];
  return [outputActivationFix(ctx, dataString(ctx, 'activation') ?? 'sigmoid', true)];
};

export const rule: Rule = {
  id: 'softmax-single-unit',
  kind: 'rule',
  group: 'output',
  severity: 'error',
  summary: 'softmax on one unit (always outputs 1.0)',
  supersedes: ['output-units-mismatch'],
  check: softmaxSingleUnit,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** softmax on an output layer of one unit. **Severity:** E. Replaces `output-units-mismatch`.",
    "",
    "**Why:** softmax over one value is e^z / e^z = 1.0 whatever the input: the prediction never changes and the loss",
    "gives no gradient.",
  ],
  fix: [
    "**Fix:** sigmoid on the one unit (`data.activation`), or one softmax unit per class (`data.units`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  task: binary
  model {
    dense(1, activation: softmax)
  }
  loss: binary_crossentropy
}
`,
    expect: [{ line: 4 }],
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
    dense(1, activation: softmax)
  }
  loss: binary_crossentropy
}`,
    expect: [{ line: 4, data: { activation: 'sigmoid' } }],
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
    name: 'a softmax layer becomes activation(sigmoid)',
    text: `experiment a {
  task: binary
  model {
    dense(1)
    softmax
  }
  loss: binary_crossentropy
}`,
    expect: [{ line: 5 }],
    fix: { title: 'Use sigmoid on the output layer', text: `experiment a {
  task: binary
  model {
    dense(1)
    activation(sigmoid)
  }
  loss: binary_crossentropy
}`, preferred: true },
  },
  {
    name: 'softmax on one unit of a 3-class task: one unit per class',
    text: `experiment a {
  classes: [cat, dog, horse]
  model {
    dense(1, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 4 }],
    fix: { title: 'Set the output units to 3', text: `experiment a {
  classes: [cat, dog, horse]
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`, preferred: true },
  },
];
