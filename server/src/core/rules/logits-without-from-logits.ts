// logits-without-from-logits: linear (no) output activation with a cross-entropy loss and from_logits false.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { activationAnchor, fromLogitsAnchor } from './facts';
import { dataBoolean, dataString } from './fixing/draft';
import { fromLogitsFix, outputActivationFix } from './fixing/output-fixes';
import type { Fixer } from './fixing/types';
import { fittingActivation } from './helpers/output';
import { useLoss } from './fixing/loss-fixes';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function logitsWithoutFromLogits(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const { output, loss } = f;
  // nll_loss's linear output is nll-loss-needs-log-softmax's.
  if (!output || !loss || !f.crossEntropy || f.fromLogits || f.takes === 'log-probabilities' || output.range !== 'linear') return;
  const act = fittingActivation(f);
  if (f.pytorch && f.takes === 'probabilities') {
    // PyTorch's bce (BCELoss) has no from_logits: logits belong to bce_with_logits.
    ctx.report({
      at: fromLogitsAnchor(loss),
      related: [activationAnchor(output)],
      message:
        `the output layer has no activation, so the model outputs raw scores (logits), but ${loss.name} (torch.nn.BCELoss) takes probabilities: ` +
        `it raises "all elements of input should be between 0 and 1" on the first batch holding a score outside [0, 1]. ` +
        `Use bce_with_logits (sigmoid and the loss in one stable formula), or put ${act} on the last layer.`,
      data: { activation: act, loss: 'bce_with_logits' },
    });
    return;
  }
  const takesLogits = loss.entry?.params.some((p) => p.name === 'from_logits') ?? false;
  ctx.report({
    at: fromLogitsAnchor(loss),
    related: [activationAnchor(output)],
    message:
      `the output layer has no activation, so the model outputs raw scores (logits), but ${loss.name} reads y_pred as probabilities: ` +
      `they are clipped to [1e-7, 1 − 1e-7] and the network trains on a wrong, mostly flat loss without any error. ` +
      (takesLogits ? `Set from_logits: true on the loss (or put ${act} on the last layer).` : `Put ${act} on the last layer.`),
    data: takesLogits ? { fromLogits: true, activation: act } : { activation: act },
  });
}

const fix: Fixer = (ctx) => {
  if (dataString(ctx, 'loss') === 'bce_with_logits') return [useLoss(ctx, 'bce_with_logits', true), outputActivationFix(ctx, dataString(ctx, 'activation') ?? 'sigmoid', false)];
  const takesLogits = dataBoolean(ctx, 'fromLogits') === true;
  const act = dataString(ctx, 'activation');
  return [takesLogits ? fromLogitsFix(ctx, true, true) : undefined, act ? outputActivationFix(ctx, act, !takesLogits) : undefined];
};

export const rule: Rule = {
  id: 'logits-without-from-logits',
  kind: 'rule',
  group: 'output',
  severity: 'error',
  summary: 'linear (no) output activation with a cross-entropy loss and from_logits false',
  check: logitsWithoutFromLogits,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the output layer has no activation (or `linear`), the loss is a cross-entropy, and `from_logits` is",
    "false. **Severity:** E. Reported on the loss line (its `from_logits` argument when written).",
    "",
    "**Why:** the model outputs raw scores, but the loss reads them as probabilities: Keras clips them to",
    "[1e-7, 1 − 1e-7] and the network trains on a wrong, mostly flat loss, without any error.",
  ],
  fix: [
    "**Fix:** set `from_logits: true` (`data.fromLogits`), or put softmax (sigmoid for one unit or multilabel) on the",
    "last layer (`data.activation`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment digits {
  model {
    dense(10)
  }
  loss: sparse_categorical_crossentropy
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
    dense(3)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 5, data: { fromLogits: true, activation: 'softmax' } }],
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
    name: 'a bare loss name gets from_logits as a call',
    text: `experiment a {
  model {
    dense(10)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 5 }],
    fix: { title: 'Set from_logits: true on the loss', text: `experiment a {
  model {
    dense(10)
  }
  loss: categorical_crossentropy(from_logits: true)
}`, preferred: true },
  },
  {
    name: 'from_logits: false written is turned true',
    text: `experiment a {
  model {
    dense(1)
  }
  loss: binary_crossentropy(from_logits: false)
}`,
    expect: [{ line: 5 }],
    fix: { title: 'Set from_logits: true on the loss', text: `experiment a {
  model {
    dense(1)
  }
  loss: binary_crossentropy(from_logits: true)
}`, preferred: true },
  },
  {
    name: 'from_logits appended after other arguments',
    text: `experiment a {
  model {
    dense(3)
  }
  loss: categorical_crossentropy(label_smoothing: 0.1)
}`,
    expect: [{ line: 5 }],
    fix: { title: 'Set from_logits: true on the loss', text: `experiment a {
  model {
    dense(3)
  }
  loss: categorical_crossentropy(label_smoothing: 0.1, from_logits: true)
}`, preferred: true },
  },
  {
    name: 'the output activation added where there is none',
    text: `experiment a {
  model {
    dense(1)
  }
  loss: binary_crossentropy
}`,
    expect: [{ line: 5 }],
    fix: { title: 'Use sigmoid on the output layer', text: `experiment a {
  model {
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy
}`, preferred: false },
  },
  {
    name: 'PyTorch: bce (BCELoss) after a linear output: bce_with_logits',
    text: `experiment churn_torch {
  framework: pytorch
  task: binary
  model {
    dense(32, activation: relu)
    dense(1)
  }
  loss: bce
}`,
    expect: [{ line: 8, data: { activation: 'sigmoid', loss: 'bce_with_logits' }, says: /all elements of input should be between 0 and 1/ }],
    fix: { title: 'Use bce_with_logits', text: `experiment churn_torch {
  framework: pytorch
  task: binary
  model {
    dense(32, activation: relu)
    dense(1)
  }
  loss: bce_with_logits
}`, preferred: true },
  },
  {
    name: 'PyTorch: cross_entropy after a linear output is right (it takes logits)',
    text: `experiment churn_torch {
  classes: 3
  model {
    dense(32, activation: relu)
    dense(3)
  }
  loss: cross_entropy
}`,
    expect: [],
  },
];
