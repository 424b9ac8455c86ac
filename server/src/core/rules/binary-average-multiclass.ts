// binary-average-multiclass: f1 / precision / recall with average: binary on a multiclass or multilabel task.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { line, taskAnchor, taskPhrase } from './facts';
import { dataString } from './fixing/draft';
import { averageFix } from './fixing/setting-fixes';
import type { Fixer } from './fixing/types';
import { AVERAGED, averageOf, SKLEARN } from './helpers/metrics';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function binaryAverageMulticlass(m: ExperimentModel, ctx: RuleContext): void {
  const task = m.task;
  if (!task || (task.value !== 'multiclass' && task.value !== 'multilabel')) return;
  for (const metric of m.metrics) {
    if (!AVERAGED.has(metric.name)) continue;
    const avg = averageOf(metric);
    if (avg?.value !== 'binary') continue;
    const target = task.value === 'multilabel' ? 'multilabel-indicator' : 'multiclass';
    ctx.report({
      at: { node: avg.node, experiment: metric.experiment, note: `${metric.name}(average: binary) (line ${line(avg.node)})` },
      related: [taskAnchor(task)],
      message:
        `average: binary reports only the positive class of a two-class task, but ${taskPhrase(task)}: scikit-learn's ${SKLEARN[metric.name]} raises ` +
        `"Target is ${target} but average='binary'. Please choose another average setting". Use average: macro (every class counts alike) or weighted.`,
      data: { replacement: 'macro' },
    });
  }
}

const fix: Fixer = (ctx) => {
  const to = dataString(ctx, 'replacement') ?? 'macro';
  return [averageFix(ctx, 'binary', to, true), to !== 'weighted' ? averageFix(ctx, 'binary', 'weighted', false) : undefined];
};

export const rule: Rule = {
  id: 'binary-average-multiclass',
  kind: 'rule',
  group: 'metrics',
  severity: 'error',
  summary: 'f1 / precision / recall with average: binary on a multiclass or multilabel task',
  check: binaryAverageMulticlass,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** `f1`, `precision`, `recall` or `fbeta` with `average: binary` on a multiclass or multilabel task.",
    "(A bare `f1` means average binary on a binary task and macro otherwise, so it never triggers this.) **Severity:** E.",
    "",
    "**Why:** `average: binary` reports only the positive class of a two-class task; scikit-learn raises \"Target is",
    "multiclass but average='binary'. Please choose another average setting\".",
  ],
  fix: [
    "**Fix:** `average: macro` (`data.replacement`) or `weighted`.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  task: multiclass
  classes: [cat, dog, horse]
  metrics: [f1(average: binary)]
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment pets {
  task: multiclass
  classes: [cat, dog, horse]
  metrics: [f1(average: macro)]
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: multiclass
  classes: 3
  metrics: [f1(average: binary)]
}`,
    expect: [{ line: 4, data: { replacement: 'macro' } }],
  },
  {
    text: `experiment a {
  task: multiclass
  classes: 3
  metrics: [f1(average: macro)]
}`,
    expect: [],
  },
];
