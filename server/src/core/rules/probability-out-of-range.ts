// probability-out-of-range: a predicted probability < 0 or > 1.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { also, cellNode, moreRows, num } from './facts';
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

const fix: Fixer = (ctx) =>
  ctx.data.fromLogits === true ? [draft('Set from_logits: true on the loss (y_pred holds raw scores)', setFromLogits(ctx, true))] : [];

export const rule: Rule = {
  id: 'probability-out-of-range',
  kind: 'rule',
  group: 'predictions-data',
  severity: 'error',
  summary: 'a predicted probability < 0 or > 1',
  supersedes: ['rows-not-normalized'],
  check: probabilityOutOfRange,
  fix: { fixer: fix, when: 'the loss takes from_logits' },
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
];
