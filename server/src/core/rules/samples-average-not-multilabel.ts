// samples-average-not-multilabel: average: samples on a task that is not multilabel.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { line, taskAnchor, taskPhrase } from './facts';
import { dataString } from './fixing/draft';
import { averageFix } from './fixing/setting-fixes';
import type { Fixer } from './fixing/types';
import { AVERAGED, averageOf } from './helpers/metrics';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function samplesAverageNotMultilabel(m: ExperimentModel, ctx: RuleContext): void {
  const task = m.task;
  if (!task || task.value === 'multilabel') return;
  for (const metric of m.metrics) {
    const avg = averageOf(metric);
    if (avg?.value !== 'samples') continue;
    const replacement = task.value === 'binary' && AVERAGED.has(metric.name) ? 'binary' : 'macro';
    ctx.report({
      at: { node: avg.node, experiment: metric.experiment, note: `${metric.name}(average: samples) (line ${line(avg.node)})` },
      related: [taskAnchor(task)],
      message:
        `average: samples scores each sample over its labels, which only a multilabel task has, but ${taskPhrase(task)}: scikit-learn raises ` +
        `"Samplewise metrics are not available outside of multilabel classification". Use average: ${replacement}.`,
      data: { replacement },
    });
  }
}

const fix: Fixer = (ctx) => [averageFix(ctx, 'samples', dataString(ctx, 'replacement') ?? 'macro', true)];

export const rule: Rule = {
  id: 'samples-average-not-multilabel',
  kind: 'rule',
  group: 'metrics',
  severity: 'error',
  summary: 'average: samples on a task that is not multilabel',
  check: samplesAverageNotMultilabel,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** `average: samples` on any metric when the task is not multilabel. **Severity:** E.",
    "",
    "**Why:** the samples average scores each sample over its labels, which only multilabel data has; scikit-learn raises",
    "\"Samplewise metrics are not available outside of multilabel classification\".",
  ],
  fix: [
    "**Fix:** `average: macro` (`binary` on a binary task; `data.replacement`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  task: multiclass
  classes: 3
  metrics: [precision(average: samples)]
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment pets {
  task: multiclass
  classes: 3
  metrics: [precision(average: macro)]
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: multiclass
  classes: 3
  metrics: [precision(average: samples)]
}`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment a {
  task: multilabel
  classes: 3
  metrics: [precision(average: samples)]
}`,
    expect: [],
  },
];
