// nll-loss-needs-log-softmax: PyTorch's nll_loss after an output that is not log_softmax.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { activationAnchor, lossAnchor } from './facts';
import { activationFix } from './fixing/output-fixes';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function nllLossNeedsLogSoftmax(m: ExperimentModel, ctx: RuleContext): void {
  const { output, loss, takes } = ctx.facts;
  if (!output || !loss || takes !== 'log-probabilities' || output.activation === 'log_softmax') return;
  // What NLLLoss then computes: −x[y] of whatever the layer gives, a number that looks like a loss.
  const what =
    output.range === 'simplex' || output.range === 'probability'
      ? `${output.activation} probabilities, so the loss is minus their mean (between −1 and 0) rather than a log-likelihood, and it keeps falling as the target probability rises without ever penalising a confident mistake`
      : output.activation === 'linear'
        ? `raw scores (no activation), so the loss is minus the target's logit: it falls without bound by inflating that logit, since nothing normalises the outputs`
        : `${output.activation} outputs, which are not log-probabilities, so the loss is minus the target's output and nothing normalises it`;
  ctx.report({
    at: activationAnchor(output),
    related: [lossAnchor(loss)],
    message:
      `${loss.name} (torch.nn.NLLLoss) applies no log and no softmax: it takes log-probabilities and returns −y_pred[target]. ` +
      `Here it gets ${what}; PyTorch raises no error. End the model in log_softmax (or use cross_entropy on logits).`,
    data: { activation: 'log_softmax' },
  });
}

export const rule: Rule = {
  id: 'nll-loss-needs-log-softmax',
  kind: 'rule',
  group: 'output',
  severity: 'error',
  summary: 'PyTorch\'s nll_loss after an output that is not log_softmax',
  check: nllLossNeedsLogSoftmax,
  fix: { fixer: activationFix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the loss is PyTorch's `nll_loss` and the output activation is not `log_softmax` (a softmax, a",
    "sigmoid, none, …). **Severity:** E. Reported on the output activation (or the layer), related to the loss.",
    "",
    "**Why:** torch.nn.NLLLoss takes log-probabilities and returns −y_pred[target]; it applies no log and no",
    "softmax itself (cross_entropy = log_softmax + nll_loss). On softmax probabilities the loss is minus their mean,",
    "between −1 and 0; on raw scores it falls without bound. PyTorch raises no error in either case.",
  ],
  fix: [
    "**Fix:** end the model in `log_softmax` (`data.activation`), or use `cross_entropy` on a linear output.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment mnist_torch {
  classes: 10
  model {
    flatten
    dense(128, activation: relu)
    dense(10, activation: softmax)
  }
  loss: nll_loss
  optimizer: sgd(learning_rate: 0.01)
}
`,
    expect: [{ line: 6 }],
  },
  {
    text: `experiment mnist_torch {
  classes: 10
  model {
    flatten
    dense(128, activation: relu)
    dense(10, activation: log_softmax)
  }
  loss: nll_loss
  optimizer: sgd(learning_rate: 0.01)
}
`,
    expect: [],
  },
  {
    name: 'a softmax output before nll_loss: log_softmax instead',
    text: `experiment mnist_torch {
  classes: 10
  model {
    flatten
    dense(128, activation: relu)
    dense(10, activation: softmax)
  }
  loss: nll_loss
}`,
    expect: [{ line: 6, severity: 'error', data: { activation: 'log_softmax' }, says: /minus their mean/ }],
    fix: { title: 'Use log_softmax on the output layer', text: `experiment mnist_torch {
  classes: 10
  model {
    flatten
    dense(128, activation: relu)
    dense(10, activation: log_softmax)
  }
  loss: nll_loss
}`, preferred: true },
  },
  {
    name: 'a linear output before nll_loss: log_softmax added',
    text: `experiment reviews_torch {
  classes: [negative, neutral, positive]
  model {
    embedding(30000, output_dim: 100)
    gru(64)
    dense(3)
  }
  loss: nll_loss(weight: [1.0, 2.5, 1.0])
}`,
    expect: [{ line: 6, data: { activation: 'log_softmax' }, says: /falls without bound/ }],
    fix: { title: 'Use log_softmax on the output layer', text: `experiment reviews_torch {
  classes: [negative, neutral, positive]
  model {
    embedding(30000, output_dim: 100)
    gru(64)
    dense(3, activation: log_softmax)
  }
  loss: nll_loss(weight: [1.0, 2.5, 1.0])
}`, preferred: true },
  },
  {
    name: 'an activation layer log_softmax after the output layer is right',
    text: `experiment reviews_torch {
  classes: [negative, neutral, positive]
  model {
    dense(64, activation: relu)
    dense(3)
    activation(log_softmax)
  }
  loss: nll_loss
}`,
    expect: [],
  },
];
