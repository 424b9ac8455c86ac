// learning-rate-invalid: learning rate ≤ 0.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { num } from './facts';
import { learningRate } from './fixing/setting-fixes';
import { defaultOf, numberArg, valueAnchor } from './helpers/optimizer';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function learningRateInvalid(m: ExperimentModel, ctx: RuleContext): void {
  const opt = m.optimizer;
  const v = opt?.entry && numberArg(opt, 'learning_rate');
  if (!opt || !v || v.value > 0) return;
  const d = defaultOf(opt, 'learning_rate') ?? 0.001;
  ctx.report({
    at: valueAnchor(opt, 'learning_rate', v),
    message:
      `learning_rate ${v.raw} ${v.value === 0 ? 'never moves the weights' : 'climbs the loss instead of descending it'}: every step is w ← w − η·g, ` +
      `so training ${v.value === 0 ? 'stands still' : 'diverges'} without any error. Use a positive rate such as ${num(d)} (${opt.name}'s default).`,
    data: { learningRate: d },
  });
}

export const rule: Rule = {
  id: 'learning-rate-invalid',
  kind: 'rule',
  group: 'optimizer',
  severity: 'error',
  summary: 'learning rate ≤ 0',
  replaces: ['learning-rate-invalid'],
  check: learningRateInvalid,
  fix: { fixer: learningRate },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a learning rate ≤ 0. **Severity:** E. Replaces the catalogue's range check of the same code.",
    "",
    "**Why:** every step is w ← w − η·g: at 0 the weights never move, and a negative rate climbs the loss instead of",
    "descending it — without any error.",
  ],
  fix: [
    "**Fix:** a positive rate, such as the optimizer's default (`data.learningRate`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  optimizer: sgd(learning_rate: 0)
}
`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment spam {
  optimizer: sgd(learning_rate: 0.01)
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  optimizer: sgd(learning_rate: 0)
}`,
    expect: [{ line: 2 }],
  },
  {
    text: `experiment a {
  optimizer: sgd(learning_rate: 0.01)
}`,
    expect: [],
  },
];
