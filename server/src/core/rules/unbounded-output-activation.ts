// unbounded-output-activation: relu / tanh / elu / … output with a cross-entropy loss.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { activationAnchor, lossAnchor } from './facts';
import { activationFix } from './fixing/output-fixes';
import { fittingActivation, RANGE_WORDS } from './helpers/output';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function unboundedOutputActivation(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const { output, loss } = f;
  // nll_loss reads log-probabilities: its output activation is nll-loss-needs-log-softmax's.
  if (!output || !loss || !f.crossEntropy || f.fromLogits || f.takes === 'log-probabilities') return;
  if (output.range !== 'non-negative' && output.range !== 'unbounded' && output.range !== 'bounded-signed') return;
  const act = fittingActivation(f);
  ctx.report({
    at: activationAnchor(output),
    related: [lossAnchor(loss)],
    message:
      `${output.activation} on the output layer gives ${RANGE_WORDS[output.range]}, not probabilities, but ${loss.name} reads y_pred as ` +
      `probabilities: Keras clips the outputs to [1e-7, 1 − 1e-7], so the gradients vanish and training silently goes wrong. ` +
      `Use ${act} on the last layer.`,
    data: { activation: act },
  });
}

export const rule: Rule = {
  id: 'unbounded-output-activation',
  kind: 'rule',
  group: 'output',
  severity: 'error',
  summary: 'relu / tanh / elu / … output with a cross-entropy loss',
  check: unboundedOutputActivation,
  fix: { fixer: activationFix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the output activation is not a probability — relu, relu6, elu, selu, gelu, silu, tanh, softsign,",
    "softplus, exponential, log_softmax, … — with a cross-entropy loss and `from_logits` false. **Severity:** E.",
    "",
    "**Why:** the outputs are not probabilities (they can exceed 1, or be negative); Keras clips them to",
    "[1e-7, 1 − 1e-7], so the gradients vanish and training silently goes wrong.",
  ],
  fix: [
    "**Fix:** sigmoid (one unit, or multilabel) or softmax (one unit per class) on the last layer (`data.activation`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment churn {
  model {
    dense(1, activation: relu)
  }
  loss: binary_crossentropy
}
`,
    expect: [{ line: 3 }],
  },
  {
    text: `experiment churn {
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
  model {
    dense(1, activation: relu)
  }
  loss: binary_crossentropy
}`,
    expect: [{ line: 3, data: { activation: 'sigmoid' } }],
  },
  {
    text: `experiment a {
  model {
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy
}`,
    expect: [],
  },
  {
    name: 'the activation changed in an activation layer',
    text: `experiment a {
  model {
    dense(3)
    activation(relu)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 4 }],
    fix: { title: 'Use softmax on the output layer', text: `experiment a {
  model {
    dense(3)
    activation(softmax)
  }
  loss: categorical_crossentropy
}`, preferred: true },
  },
];
