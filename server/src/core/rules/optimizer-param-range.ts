// optimizer-param-range: momentum or a beta outside [0, 1), epsilon ≤ 0, and the like.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { num } from './facts';
import { dataNumber, dataString } from './fixing/draft';
import { optimizerParamFix } from './fixing/setting-fixes';
import type { Fixer } from './fixing/types';
import { interval, numberArg, outOfRange, valueAnchor, why } from './helpers/optimizer';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function optimizerParamRange(m: ExperimentModel, ctx: RuleContext): void {
  const opt = m.optimizer;
  if (!opt?.entry) return;
  for (const p of opt.entry.params) {
    if (p.rangeCode !== 'optimizer-param-range') continue;
    const v = numberArg(opt, p.name);
    if (!v || !outOfRange(p, v.value)) continue;
    const d = typeof p.default === 'number' ? p.default : undefined;
    ctx.report({
      at: valueAnchor(opt, p.name, v),
      message:
        `${opt.name} ${p.name} must be ${interval(p)}, not ${v.raw}: ${why(opt, p, v.value)}. ` +
        (d !== undefined ? `The default is ${num(d)}.` : `Leave it out, or give a value ${interval(p)}.`),
      data: { parameter: p.name, value: v.value, ...(d !== undefined ? { default: d } : {}) },
    });
  }
}

const fix: Fixer = (ctx) => {
  const name = dataString(ctx, 'parameter');
  return name ? [optimizerParamFix(ctx, name, dataNumber(ctx, 'default'))] : [];
};

export const rule: Rule = {
  id: 'optimizer-param-range',
  kind: 'rule',
  group: 'optimizer',
  severity: 'error',
  summary: 'momentum or a beta outside [0, 1), epsilon ≤ 0, and the like',
  replaces: ['optimizer-param-range'],
  check: optimizerParamRange,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** an optimizer parameter outside its range: `momentum`, `beta_1`, `beta_2`, `rho` outside [0, 1);",
    "`epsilon`, `clipnorm`, `clipvalue`, `global_clipnorm` ≤ 0; `weight_decay`, `initial_accumulator_value` and the",
    "FTRL strengths < 0; `learning_rate_power` > 0; `ema_momentum` outside [0, 1]. **Severity:** E. Replaces the",
    "catalogue's range check of the same code.",
    "",
    "**Why:** a decay rate of 1 never takes in a new gradient (and Adam's bias correction divides by 1 − β^t = 0, NaN);",
    "momentum ≥ 1 makes the velocity grow without bound; epsilon ≤ 0 divides by zero; a negative weight decay grows the",
    "weights; clipping to ≤ 0 zeroes the gradients; Keras raises on `ema_momentum` outside [0, 1].",
  ],
  fix: [
    "**Fix:** a value in range, usually the default (`data.default`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  optimizer: adam(beta_1: 1.0)
}
`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment spam {
  optimizer: adam(beta_1: 0.9)
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  optimizer: adam(beta_1: 1.0)
}`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment a {
  optimizer: adam(beta_1: 0.9)
}`,
    expect: [],
  },
  {
    name: 'epsilon',
    text: `experiment a {
  optimizer: rmsprop(epsilon: 0)
}`,
    expect: [{ line: 2 }],
  },
  {
    name: 'epsilon, fixed',
    text: `experiment a {
  optimizer: rmsprop(epsilon: 1e-7)
}`,
    expect: [],
  },
  {
    name: 'an optimizer parameter without a numeric default is removed',
    text: `experiment a {
  optimizer: adam(learning_rate: 0.001, clipnorm: 0)
}`,
    expect: [{ line: 2 }],
    fix: { title: "Remove clipnorm (adam's default applies)", text: `experiment a {
  optimizer: adam(learning_rate: 0.001)
}`, preferred: true },
  },
];
