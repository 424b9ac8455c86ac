// probability-out-of-range: a predicted probability < 0 or > 1.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { also, cellNode, lossAnchor, moreRows, num } from './facts';
import { useLoss } from './fixing/loss-fixes';
import { draft } from './fixing/draft';
import { setFromLogits } from './fixing/edits';
import type { Fixer } from './fixing/types';
import { lossRelated, takesLogits } from './helpers/predictions-data';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function probabilityOutOfRange(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = f.data?.yPred;
  // PyTorch's cross_entropy / bce_with_logits read logits, nll_loss log-probabilities: any real number, any value ≤ 0.
  if (!f.data || !y || f.fromLogits || f.takes === 'log-probabilities') return;
  const rows: number[] = [];
  let first: { r: number; c: number } | undefined;
  for (let r = 0; r < y.rows; r++) {
    for (let c = 0; c < y.cols; c++) {
      const v = y.values[r * y.cols + c];
      if (v < 0 || v > 1) {
        first ??= { r, c };
        rows.push(r);
        break;
      }
    }
  }
  if (!first) return;
  const v = y.values[first.r * y.cols + first.c];
  if (f.pytorch) {
    // PyTorch's bce (BCELoss) has no from_logits: raw scores belong to bce_with_logits.
    ctx.report({
      at: { node: cellNode(y, first.r, first.c), experiment: f.data.experiment, note: `y_pred value ${num(v)} (row ${first.r + 1})` },
      related: [...(f.loss ? [lossAnchor(f.loss)] : []), ...moreRows(y, rows, 'y_pred', f.data, 'also outside [0, 1]:')],
      message:
        `y_pred holds ${num(v)}, which is not a probability${also(rows, 'row')}: PyTorch's ${f.loss?.name ?? 'bce'} (BCELoss) raises "all elements of input ` +
        `should be between 0 and 1", and scikit-learn's log_loss refuses it too. If y_pred holds raw scores (logits), use bce_with_logits; otherwise fix the predictions.`,
      data: { value: v, loss: 'bce_with_logits' },
    });
    return;
  }
  const logits = takesLogits(f);
  ctx.report({
    at: { node: cellNode(y, first.r, first.c), experiment: f.data.experiment, note: `y_pred value ${num(v)} (row ${first.r + 1})` },
    related: [...lossRelated(f), ...moreRows(y, rows, 'y_pred', f.data, 'also outside [0, 1]:')],
    message:
      `y_pred holds ${num(v)}, which is not a probability${also(rows, 'row')}: scikit-learn's log_loss raises "y_prob contains values ` +
      `${v > 1 ? 'greater than 1' : 'lower than 0'}" and Keras clips it to [1e-7, 1 − 1e-7], so every score computed from it is wrong. ` +
      (logits
        ? `If y_pred holds raw scores (logits), set from_logits: true on the loss; otherwise fix the predictions.`
        : `Give probabilities (apply sigmoid or softmax to raw scores).`),
    data: logits ? { value: v, fromLogits: true } : { value: v },
  });
}

const fix: Fixer = (ctx) => {
  if (ctx.data.loss === 'bce_with_logits' && ctx.facts?.loss) return [useLoss(ctx, 'bce_with_logits', false)];
  return ctx.data.fromLogits === true ? [draft('Set from_logits: true on the loss (y_pred holds raw scores)', setFromLogits(ctx, true))] : [];
};

export const rule: Rule = {
  id: 'probability-out-of-range',
  kind: 'rule',
  group: 'predictions-data',
  severity: 'error',
  summary: 'a predicted probability < 0 or > 1',
  supersedes: ['rows-not-normalized'],
  check: probabilityOutOfRange,
  fix: { fixer: fix, when: 'the loss takes from_logits, or is PyTorch\'s bce' },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** a value of `y_pred` below 0 or above 1, with `from_logits` false. **Severity:** E. Replaces",
    "`rows-not-normalized` for that row.",
    "",
    "**Why:** scikit-learn's log_loss raises \"y_prob contains values greater than 1\" (or \"lower than 0\"), and Keras clips",
    "the value to [1e-7, 1 − 1e-7], so every score computed from it is wrong.",
  ],
  fix: [
    "**Fix:** if y_pred holds raw scores, `from_logits: true` (`data.fromLogits`); otherwise give probabilities.",
    "",
    "**PyTorch:** `bce` (torch.nn.BCELoss) raises \"all elements of input should be between 0 and 1\"; it has no",
    "`from_logits`, so the fix for raw scores is `bce_with_logits` (`data.loss`). `cross_entropy` and `bce_with_logits`",
    "read logits and `nll_loss` log-probabilities: their y_pred is not checked against [0, 1].",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment churn {
  task: binary
  loss: binary_crossentropy
  data {
    y_true: [0, 1]
    y_pred: [-0.4, 2.1]
  }
}
`,
    expect: [{ line: 6 }],
  },
  {
    text: `experiment churn {
  task: binary
  loss: binary_crossentropy(from_logits: true)
  data {
    y_true: [0, 1]
    y_pred: [-0.4, 2.1]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: binary
  loss: binary_crossentropy
  data {
    y_true: [0, 1]
    y_pred: [0.2, 1.3]
  }
}`,
    expect: [{ line: 6, data: { value: 1.3, fromLogits: true } }],
  },
  {
    text: `experiment a {
  task: binary
  loss: binary_crossentropy
  data {
    y_true: [0, 1]
    y_pred: [0.2, 0.9]
  }
}`,
    expect: [],
  },
  {
    name: "PyTorch: raw scores given to bce (BCELoss): use bce_with_logits",
    text: `experiment fraud_torch {
  framework: pytorch
  task: binary
  loss: bce
  data {
    y_true: [0, 0, 1, 0, 1]
    y_pred: [0.08, 0.31, 2.4, -1.2, 0.93]
  }
}`,
    expect: [{ line: 7, data: { value: 2.4, loss: 'bce_with_logits' }, says: /all elements of input should be between 0 and 1/ }],
    fix: { title: 'Use bce_with_logits', text: `experiment fraud_torch {
  framework: pytorch
  task: binary
  loss: bce_with_logits
  data {
    y_true: [0, 0, 1, 0, 1]
    y_pred: [0.08, 0.31, 2.4, -1.2, 0.93]
  }
}`, preferred: false },
  },
  {
    name: 'PyTorch: logits for cross_entropy are not probabilities, and need not be',
    text: `experiment fraud_torch {
  classes: 3
  loss: cross_entropy
  data {
    y_true: [0, 2, 1]
    y_pred: [[2.1, -0.3, 0.4], [0.1, 0.2, 3.0], [-1.0, 2.0, 0.5]]
  }
}`,
    expect: [],
  },
  {
    name: 'PyTorch: log-probabilities for nll_loss are ≤ 0, and need be',
    text: `experiment fraud_torch {
  classes: 3
  loss: nll_loss
  data {
    y_true: [0, 2, 1]
    y_pred: [[-0.2, -2.3, -2.9], [-3.1, -2.4, -0.15], [-1.9, -0.3, -2.0]]
  }
}`,
    expect: [],
  },
];
