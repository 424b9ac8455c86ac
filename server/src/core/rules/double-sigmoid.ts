// double-sigmoid: sigmoid output with binary_crossentropy from_logits: true.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { activationAnchor, fromLogitsAnchor } from './facts';
import { doubleActivation } from './fixing/output-fixes';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function doubleSigmoid(m: ExperimentModel, ctx: RuleContext): void {
  const { output, loss, lossFamily, fromLogits } = ctx.facts;
  if (!output || !loss || !fromLogits || lossFamily !== 'binary' || output.range !== 'probability') return;
  ctx.report({
    at: fromLogitsAnchor(loss),
    related: [activationAnchor(output)],
    message:
      `from_logits: true makes ${loss.name} apply sigmoid again to outputs that are already ${output.activation} probabilities: every ` +
      `prediction lands in (0.5, 0.73), the gradients shrink and training stalls (Keras warns that the output "was produced by a Sigmoid activation and thus does not represent logits"). ` +
      `Remove from_logits: true, or make the last layer linear.`,
    data: { fromLogits: false, activation: 'linear' },
  });
}

export const rule: Rule = {
  id: 'double-sigmoid',
  kind: 'rule',
  group: 'output',
  severity: 'warning',
  summary: 'sigmoid output with binary_crossentropy from_logits: true',
  check: doubleSigmoid,
  fix: { fixer: doubleActivation },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a sigmoid output with `binary_crossentropy(from_logits: true)`. **Severity:** W.",
    "",
    "**Why:** the loss applies sigmoid again to probabilities: every prediction lands in (0.5, 0.73), the gradients shrink",
    "and training stalls (Keras warns that the output \"was produced by a Sigmoid activation\").",
  ],
  fix: [
    "**Fix:** remove `from_logits: true` (`data.fromLogits: false`), or make the last layer linear.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  model {
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy(from_logits: true)
}
`,
    expect: [{ line: 5 }],
  },
  {
    text: `experiment spam {
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
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy(from_logits: true)
}`,
    expect: [{ line: 5, severity: 'warning' }],
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
];
