// auc-multiclass-raise: auc left at multi_class: raise (scikit-learn's default) on a multiclass task.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { CallModel, ExperimentModel } from '../model/types';
import { line, metricAnchor, nameValue, taskAnchor, taskPhrase } from './facts';
import { draft } from './fixing/draft';
import { editProperty } from './fixing/edits';
import { addArgument, replaceNode } from './fixing/text';
import type { Fixer } from './fixing/types';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

/** The auc metrics whose multi_class is raise, written or by default. */
function raisingAucs(m: ExperimentModel): CallModel[] {
  return m.metrics.filter((metric) => metric.entry?.name === 'auc' && (nameValue(metric.args.get('multi_class')?.value) ?? 'raise') === 'raise');
}

function aucMulticlassRaise(m: ExperimentModel, ctx: RuleContext): void {
  const task = m.task;
  if (task?.value !== 'multiclass') return; // binary and multilabel auc need no strategy
  for (const metric of raisingAucs(m)) {
    const written = metric.args.get('multi_class')?.value;
    ctx.report({
      at: written ? { node: written, experiment: metric.experiment, note: `auc(multi_class: raise) (line ${line(written)})` } : metricAnchor(metric),
      related: [taskAnchor(task)],
      message:
        `auc is scikit-learn's roc_auc_score, whose multi_class defaults to raise, but ${taskPhrase(task)}: it raises ` +
        `"multi_class must be in ('ovo', 'ovr')" and no AUC comes out. Set multi_class: ovr (each class against the rest) or ovo (every pair of classes).`,
      data: { multiClass: 'ovr' },
    });
  }
}

const fix: Fixer = (ctx) => {
  const metric = ctx.model?.metrics.find((x) => x.entry?.name === 'auc' && x.node.start <= ctx.start && ctx.end <= x.node.end);
  if (!metric) return [];
  const drafts = (['ovr', 'ovo'] as const).map((strategy) => {
    const edits = editProperty(ctx, 'metrics', () => {
      const arg = metric.args.get('multi_class');
      if (arg) return arg.value ? [replaceNode(arg.value, strategy)] : undefined;
      const e = addArgument(metric.node, `multi_class: ${strategy}`);
      return e && [e];
    });
    return draft(`Use multi_class: ${strategy} (${strategy === 'ovr' ? 'one-vs-rest' : 'one-vs-one'})`, edits, strategy === 'ovr');
  });
  return drafts;
};

export const rule: Rule = {
  id: 'auc-multiclass-raise',
  kind: 'rule',
  group: 'metrics',
  severity: 'error',
  summary: 'auc left at multi_class: raise (scikit-learn\'s default) on a multiclass task',
  check: aucMulticlassRaise,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** the metric `auc` on a multiclass task with `multi_class` not given or `raise`, scikit-learn's",
    "default. **Severity:** E. Reported on the metric (or its `multi_class: raise`). Binary and multilabel tasks need",
    "no strategy.",
    "",
    "**Why:** roc_auc_score raises \"multi_class must be in ('ovo', 'ovr')\" on multiclass input with multi_class",
    "raise, so no AUC comes out of the evaluation.",
  ],
  fix: [
    "**Fix:** `multi_class: ovr` (each class against the rest; `data.multiClass`), or `ovo` (every pair of classes).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment iris {
  classes: [setosa, versicolor, virginica]
  model: logistic_regression
  metrics: [accuracy, auc]
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment iris {
  classes: [setosa, versicolor, virginica]
  model: logistic_regression
  metrics: [accuracy, auc(multi_class: ovr)]
}
`,
    expect: [],
  },
  {
    name: 'a bare auc on a multiclass task: one-vs-rest added',
    text: `experiment skin_lesions {
  task: multiclass
  classes: 7
  model {
    efficientnet_b0(include_top: false, pooling: avg)
    dense(7, activation: softmax)
  }
  loss: categorical_crossentropy
  metrics: [categorical_accuracy, auc(average: macro)]
}`,
    expect: [{ line: 9, severity: 'error', data: { multiClass: 'ovr' }, says: /multi_class must be in \('ovo', 'ovr'\)/ }],
    fix: { title: 'Use multi_class: ovr (one-vs-rest)', text: `experiment skin_lesions {
  task: multiclass
  classes: 7
  model {
    efficientnet_b0(include_top: false, pooling: avg)
    dense(7, activation: softmax)
  }
  loss: categorical_crossentropy
  metrics: [categorical_accuracy, auc(average: macro, multi_class: ovr)]
}`, preferred: true },
  },
  {
    name: 'multi_class: raise written: replaced by ovo',
    text: `experiment skin_lesions {
  classes: 7
  metrics: [auc(multi_class: raise)]
  data {
    y_true: [0, 3, 6, 2]
    y_pred: [[0.7, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05], [0.1, 0.1, 0.1, 0.4, 0.1, 0.1, 0.1], [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.7], [0.1, 0.1, 0.4, 0.1, 0.1, 0.1, 0.1]]
  }
}`,
    expect: [{ line: 3 }],
  },
  {
    name: 'auc on a binary task needs no multi_class',
    text: `experiment churn {
  task: binary
  metrics: [auc]
  data {
    y_true: [0, 1, 1, 0]
    y_pred: [0.2, 0.8, 0.6, 0.3]
  }
}`,
    expect: [],
  },
];
