// double-softmax: softmax output with from_logits: true.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { activationAnchor, fromLogitsAnchor, lossAnchor } from './facts';
import { doubleActivation } from './fixing/output-fixes';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function doubleSoftmax(m: ExperimentModel, ctx: RuleContext): void {
  const { output, loss, fromLogits } = ctx.facts;
  if (!output || !loss || !fromLogits || output.activation !== 'softmax') return;
  if (ctx.facts.pytorch) {
    // PyTorch's loss has no switch: the softmax layer is the fault, and the diagnostic sits on it.
    ctx.report({
      at: activationAnchor(output),
      related: [lossAnchor(loss)],
      message:
        `${loss.name} (torch.nn.CrossEntropyLoss) applies log_softmax itself and takes logits, so this softmax is applied twice: the ` +
        `predictions are squashed towards uniform, the loss cannot fall much below its starting value and the gradients shrink, ` +
        `without any error. Remove the activation (the last layer outputs logits).`,
      data: { activation: 'linear' },
    });
    return;
  }
  ctx.report({
    at: fromLogitsAnchor(loss),
    related: [activationAnchor(output)],
    message:
      `from_logits: true makes ${loss.name} apply softmax again to outputs that are already softmax probabilities: they are squashed ` +
      `towards uniform, the gradients shrink and training stalls (Keras warns that the output "was produced by a Softmax activation and thus does not represent logits"). ` +
      `Remove from_logits: true, or make the last layer linear.`,
    data: { fromLogits: false, activation: 'linear' },
  });
}

export const rule: Rule = {
  id: 'double-softmax',
  kind: 'rule',
  group: 'output',
  severity: 'warning',
  summary: 'softmax output with from_logits: true, or before PyTorch\'s cross_entropy',
  check: doubleSoftmax,
  fix: { fixer: doubleActivation },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a softmax output with `from_logits: true` on the loss. **Severity:** W. Reported on the loss line,",
    "related to the last layer.",
    "",
    "**Why:** the loss applies softmax again to values that already are probabilities: the predictions are squashed",
    "towards uniform, the gradients shrink and training stalls. Keras warns that the output \"was produced by a Softmax",
    "activation and thus does not represent logits\".",
  ],
  fix: [
    "**Fix:** remove `from_logits: true` (`data.fromLogits: false`), or make the last layer linear.",
    "",
    "**PyTorch:** `cross_entropy` (torch.nn.CrossEntropyLoss) has no `from_logits`: it always applies log_softmax to",
    "the logits it takes, so a softmax on the last layer is applied twice. The diagnostic sits on that activation, and",
    "the fix removes it (`data.activation: linear`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment digits {
  model {
    dense(10, activation: softmax)
  }
  loss: sparse_categorical_crossentropy(from_logits: true)
}
`,
    expect: [{ line: 5 }],
  },
  {
    text: `experiment digits {
  model {
    dense(10)
  }
  loss: sparse_categorical_crossentropy(from_logits: true)
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy(from_logits: true)
}`,
    expect: [{ line: 5, severity: 'warning', data: { fromLogits: false, activation: 'linear' } }],
  },
  {
    text: `experiment a {
  model {
    dense(3)
  }
  loss: categorical_crossentropy(from_logits: true)
}`,
    expect: [],
  },
  {
    name: 'from_logits removed with the comma after it',
    text: `experiment a {
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy(from_logits: true, label_smoothing: 0.1)
}`,
    expect: [{ line: 5 }],
    fix: { title: 'Remove from_logits: true from the loss', text: `experiment a {
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy(label_smoothing: 0.1)
}`, preferred: true },
  },
  {
    name: 'from_logits removed with the comma before it',
    text: `experiment a {
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy(label_smoothing: 0.1, from_logits: true)
}`,
    expect: [{ line: 5 }],
    fix: { title: 'Remove from_logits: true from the loss', text: `experiment a {
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy(label_smoothing: 0.1)
}`, preferred: true },
  },
  {
    name: 'the last layer made linear: an activation layer after it is removed',
    text: `experiment a {
  model {
    dense(3)
    activation(softmax)  # the output
  }
  loss: categorical_crossentropy(from_logits: true)
}`,
    expect: [{ line: 6 }],
    fix: { title: 'Make the output layer linear (remove its activation)', text: `experiment a {
  model {
    dense(3)
  }
  loss: categorical_crossentropy(from_logits: true)
}`, preferred: false },
  },
  {
    name: 'PyTorch: a softmax before cross_entropy, on the activation',
    text: `experiment cifar_torch {
  classes: 10
  model {
    input([32, 32, 3])
    flatten
    dense(128, activation: relu)
    dense(10, activation: softmax)
  }
  loss: cross_entropy(label_smoothing: 0.1)
  optimizer: adam(learning_rate: 0.001)
}`,
    expect: [{ line: 7, severity: 'warning', data: { activation: 'linear' }, says: /applies log_softmax itself/ }],
    fix: { title: 'Make the output layer linear (remove its activation)', text: `experiment cifar_torch {
  classes: 10
  model {
    input([32, 32, 3])
    flatten
    dense(128, activation: relu)
    dense(10)
  }
  loss: cross_entropy(label_smoothing: 0.1)
  optimizer: adam(learning_rate: 0.001)
}`, preferred: true },
  },
  {
    name: 'PyTorch: cross_entropy on a linear output (logits) is right',
    text: `experiment cifar_torch {
  classes: 10
  model {
    input([32, 32, 3])
    flatten
    dense(128, activation: relu)
    dense(10)
  }
  loss: cross_entropy
}`,
    expect: [],
  },
];
