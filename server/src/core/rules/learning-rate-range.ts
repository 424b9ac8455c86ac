// learning-rate-range: Adam-family learning rate > 1 (E), > 0.01 (W) or < 1e-7 (I).
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { learningRate } from './fixing/setting-fixes';
import { numberArg, valueAnchor } from './helpers/optimizer';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function learningRateRange(m: ExperimentModel, ctx: RuleContext): void {
  const opt = m.optimizer;
  const v = opt?.entry?.adamFamily ? numberArg(opt, 'learning_rate') : undefined;
  if (!opt || !v || !(v.value > 0)) return;
  const at = valueAnchor(opt, 'learning_rate', v);
  const data = { learningRate: 0.001 };
  if (v.value > 1) {
    ctx.report({
      at,
      severity: 'error',
      message:
        `learning_rate ${v.raw} is far beyond what ${opt.name} tolerates: its steps are about η per weight whatever the gradient's size, ` +
        `so training diverges at once (the loss turns NaN). Use 0.001, the default.`,
      data,
    });
  } else if (v.value > 0.01) {
    ctx.report({
      at,
      severity: 'warning',
      message:
        `learning_rate ${v.raw} is high for ${opt.name}, which works best around 1e-3: Adam-family steps are about η per weight, ` +
        `so above 1e-2 training often oscillates or diverges. Try 0.001.`,
      data,
    });
  } else if (v.value < 1e-7) {
    ctx.report({
      at,
      severity: 'info',
      message:
        `learning_rate ${v.raw} is so small that ${opt.name} barely moves the weights (each step is about η per weight): training will look stuck. ` +
        `The usual range is 1e-4 to 1e-3.`,
      data,
    });
  }
}

export const rule: Rule = {
  id: 'learning-rate-range',
  kind: 'rule',
  group: 'optimizer',
  severity: 'error',
  severities: ['error', 'warning', 'info'],
  summary: 'Adam-family learning rate > 1 (E), > 0.01 (W) or < 1e-7 (I)',
  check: learningRateRange,
  fix: { fixer: learningRate },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** an Adam-family optimizer (adam, adamw, nadam, adamax) with a learning rate > 1 (**E**), > 0.01",
    "(**W**) or below 1e-7 (**I**). **Severity:** E / W / I.",
    "",
    "**Why:** Adam-family steps are about η per weight whatever the gradient's size: above 1e-2 training often",
    "oscillates or diverges, above 1 it diverges at once (NaN); below 1e-7 it barely moves.",
  ],
  fix: [
    "**Fix:** around 1e-3 (`data.learningRate`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  optimizer: adam(learning_rate: 0.1)
}
`,
    expect: [{ line: 2, severity: 'warning' }],
  },
  {
    text: `experiment spam {
  optimizer: adam(learning_rate: 0.001)
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  optimizer: adam(learning_rate: 0.1)
}`,
    expect: [{ line: 2, severity: 'warning', data: { learningRate: 0.001 } }],
  },
  {
    text: `experiment a {
  optimizer: adam(learning_rate: 0.001)
}`,
    expect: [],
  },
  {
    name: 'above 1 is an error',
    text: `experiment a {
  optimizer: adamw(learning_rate: 5)
}`,
    expect: [{ line: 2, severity: 'error' }],
  },
  {
    name: 'above 1 is an error, fixed',
    text: `experiment a {
  optimizer: sgd(learning_rate: 0.1)
}`,
    expect: [],
  },
  {
    name: 'below 1e-7 is info',
    text: `experiment a {
  optimizer: nadam(learning_rate: 1e-9)
}`,
    expect: [{ line: 2, severity: 'info' }],
  },
  {
    name: 'below 1e-7 is info, fixed',
    text: `experiment a {
  optimizer: nadam(learning_rate: 1e-4)
}`,
    expect: [],
  },
];
