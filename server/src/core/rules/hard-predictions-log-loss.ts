// hard-predictions-log-loss: log_loss over predictions that are all exactly 0 or 1.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { arrayAnchor, metricAnchor } from './facts';
import { draft } from './fixing/draft';
import { editProperty } from './fixing/edits';
import { insertProperty, removeEntry, removeListItem } from './fixing/text';
import type { Fixer, OffsetEdit } from './fixing/types';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function hardPredictionsLogLoss(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = f.data?.yPred;
  if (!f.data || !y || y.rows === 0 || f.fromLogits || f.takes === 'log-probabilities') return;
  const metric = m.metrics.find((x) => x.name === 'log_loss');
  const user = metric ? metricAnchor(metric, 'metric log_loss') : f.loss?.name === 'log_loss' ? metricAnchor(f.loss, 'loss: log_loss') : undefined;
  if (!user) return;
  for (const v of y.values) if (v !== 0 && v !== 1) return;
  ctx.report({
    at: arrayAnchor(y, 'y_pred', f.data),
    related: [user],
    message:
      `every value of y_pred is exactly 0 or 1: these are hard class predictions, not probabilities, so log_loss clips them to [ε, 1 − ε] ` +
      `(ε = 2.2e-16) and each wrong one costs −log ε ≈ 36.04, so the score only counts errors. Give the predicted probabilities (predict_proba), or drop log_loss.`,
  });
}

const fix: Fixer = (ctx) => {
  const metrics = ctx.model?.properties.get('metrics');
  const value = metrics?.property.value;
  const metric = ctx.model?.metrics.find((m) => m.name === 'log_loss');
  if (!metrics || !value || !metric || !ctx.experiment) return [];
  let edits: OffsetEdit[] | undefined;
  if (value.kind === 'list' && value.items.length > 1) {
    edits = editProperty(ctx, 'metrics', () => {
      const e = removeListItem(value, metric.node);
      return e && [e];
    });
  } else if (metrics.experiment === ctx.model!.name) edits = [removeEntry(ctx.source, metrics.property)];
  else edits = [insertProperty(ctx.source, ctx.experiment, 'metrics: []')];
  return [draft('Remove log_loss from the metrics', edits)];
};

export const rule: Rule = {
  id: 'hard-predictions-log-loss',
  kind: 'rule',
  group: 'predictions-data',
  severity: 'warning',
  summary: 'log_loss over predictions that are all exactly 0 or 1',
  check: hardPredictionsLogLoss,
  fix: { fixer: fix, when: 'log_loss is a metric (not the loss)' },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** `log_loss` (a metric, or the loss) over predictions that are all exactly 0 or 1. **Severity:** W.",
    "",
    "**Why:** these are hard class predictions, not probabilities: log_loss clips them to [ε, 1 − ε] with ε = 2.2e-16, so",
    "each wrong one costs −log ε ≈ 36.04 and the score only counts errors.",
  ],
  fix: [
    "**Fix:** give the predicted probabilities (`predict_proba`), or drop log_loss.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment spam {
  task: binary
  metrics: [log_loss]
  data {
    y_true: [0, 1, 1]
    y_pred: [0, 1, 1]
  }
}
`,
    expect: [{ line: 6 }],
  },
  {
    text: `experiment spam {
  task: binary
  metrics: [log_loss]
  data {
    y_true: [0, 1, 1]
    y_pred: [0.1, 0.9, 0.8]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: binary
  metrics: [log_loss]
  data {
    y_true: [0, 1, 1]
    y_pred: [0, 1, 1]
  }
}`,
    expect: [{ line: 6, severity: 'warning' }],
  },
  {
    text: `experiment a {
  task: binary
  metrics: [log_loss]
  data {
    y_true: [0, 1, 1]
    y_pred: [0.1, 0.9, 0.8]
  }
}`,
    expect: [],
  },
  {
    name: 'log_loss removed from a list of metrics',
    text: `experiment a {
  task: binary
  metrics: [log_loss, accuracy]
  data {
    y_true: [0, 1]
    y_pred: [0, 1]
  }
}`,
    expect: [{ line: 6 }],
    fix: { title: 'Remove log_loss from the metrics', text: `experiment a {
  task: binary
  metrics: [accuracy]
  data {
    y_true: [0, 1]
    y_pred: [0, 1]
  }
}`, preferred: false },
  },
];
