// double-sigmoid: sigmoid output with binary_crossentropy from_logits: true.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { activationAnchor, fromLogitsAnchor, lossAnchor } from './facts';
import { doubleActivation } from './fixing/output-fixes';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function doubleSigmoid(m: ExperimentModel, ctx: RuleContext): void {
  const { output, loss, lossFamily, fromLogits } = ctx.facts;
  if (!output || !loss || !fromLogits || lossFamily !== 'binary' || output.range !== 'probability') return;
  if (ctx.facts.pytorch) {
    // PyTorch's loss has no switch: the sigmoid layer is the fault, and the diagnostic sits on it.
    ctx.report({
      at: activationAnchor(output),
      related: [lossAnchor(loss)],
      message:
        `${loss.name} (torch.nn.BCEWithLogitsLoss) applies sigmoid itself and takes logits, so this ${output.activation} is applied twice: ` +
        `every prediction lands in (0.5, 0.73), the gradients shrink and training stalls, without any error. ` +
        `Remove the activation (the last layer outputs logits).`,
      data: { activation: 'linear' },
    });
    return;
  }
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
  summary: 'sigmoid output with binary_crossentropy from_logits: true, or before PyTorch\'s bce_with_logits',
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
    "",
    "**PyTorch:** `bce_with_logits` (torch.nn.BCEWithLogitsLoss) has no `from_logits`: it always applies sigmoid to",
    "the logits it takes, so a sigmoid on the last layer is applied twice. The diagnostic sits on that activation, and",
    "the fix removes it (`data.activation: linear`).",
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
  {
    name: 'PyTorch: a sigmoid before bce_with_logits, on the activation',
    text: `experiment toxic_comments {
  task: multilabel
  classes: [toxic, obscene, insult, threat]
  model {
    embedding(20000, output_dim: 128)
    lstm(64)
    dense(4, activation: sigmoid)
  }
  loss: bce_with_logits(pos_weight: [3, 8, 4, 30])
}`,
    expect: [{ line: 7, severity: 'warning', data: { activation: 'linear' }, says: /applies sigmoid itself/ }],
    fix: { title: 'Make the output layer linear (remove its activation)', text: `experiment toxic_comments {
  task: multilabel
  classes: [toxic, obscene, insult, threat]
  model {
    embedding(20000, output_dim: 128)
    lstm(64)
    dense(4)
  }
  loss: bce_with_logits(pos_weight: [3, 8, 4, 30])
}`, preferred: true },
  },
  {
    name: 'PyTorch: bce_with_logits on a linear output (logits) is right',
    text: `experiment toxic_comments {
  task: multilabel
  classes: [toxic, obscene, insult, threat]
  model {
    embedding(20000, output_dim: 128)
    lstm(64)
    dense(4)
  }
  loss: bce_with_logits(pos_weight: [3, 8, 4, 30])
}`,
    expect: [],
  },
];
