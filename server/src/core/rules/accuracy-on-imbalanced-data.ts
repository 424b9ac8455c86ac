// accuracy-on-imbalanced-data: accuracy is the only metric and one class holds ≥ 80% of y_true.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import type { ExperimentModel } from '../model/types';
import { arrayAnchor, className, line, metricAnchor } from './facts';
import { dataString, draft } from './fixing/draft';
import { editProperty } from './fixing/edits';
import { appendListItem, replaceNode } from './fixing/text';
import type { Fixer } from './fixing/types';
import { ACCURACIES, IMBALANCE } from './helpers/metrics';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function accuracyOnImbalancedData(m: ExperimentModel, ctx: RuleContext): void {
  const { data } = ctx.facts;
  const y = data?.yTrue;
  if (!data || !y || y.rows < 2 || m.metrics.length === 0 || !m.metrics.every((x) => ACCURACIES.has(x.name))) return;
  const accuracy = m.metrics[0];
  let message: string;
  let share: number;
  if (m.task?.value === 'multilabel' && y.dims === 2) {
    // The mean share of negatives over labels (design decision).
    let zeros = 0;
    for (const v of y.values) if (v === 0) zeros++;
    share = zeros / y.values.length;
    if (share < IMBALANCE - 1e-12) return;
    message =
      `${accuracy.name} is the only metric, but ${Math.round(share * 100)}% of the label values in y_true are 0 (the mean share of negatives over ` +
      `${y.cols} labels): a model that predicts almost nothing looks good by accuracy without learning anything. Add f1(average: macro), which weighs every label equally.`;
  } else {
    const counts = new Map<string, number>();
    for (let r = 0; r < y.rows; r++) {
      let key: string;
      if (y.dims === 1) key = y.names ? `'${y.names[r]}'` : Number.isInteger(y.values[r]) ? className(m, y.values[r]) : String(y.values[r]);
      else {
        let best = 0;
        for (let c = 1; c < y.cols; c++) if (y.values[r * y.cols + c] > y.values[r * y.cols + best]) best = c;
        key = className(m, best);
      }
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let top = '';
    let n = 0;
    for (const [key, count] of counts) if (count > n) [top, n] = [key, count];
    share = n / y.rows;
    if (n * 5 < y.rows * 4) return; // n / rows < 0.8, exactly
    message =
      `${accuracy.name} is the only metric, but class ${top} holds ${Math.round(share * 100)}% of y_true (${n} of ${y.rows}): a model that always predicts it ` +
      `scores ${share.toFixed(2)} without learning anything. Add f1(average: macro), which weighs every class equally.`;
  }
  ctx.report({
    at: metricAnchor(accuracy, `metrics: ${m.metrics.map((x) => x.name).join(', ')}`),
    related: [{ ...arrayAnchor(y, 'y_true', data), note: `y_true: ${Math.round(share * 100)}% ${m.task?.value === 'multilabel' && y.dims === 2 ? 'negatives' : 'one class'} (line ${line(y.node)})` }],
    message,
    data: { add: 'f1(average: macro)', share },
  });
}

const fix: Fixer = (ctx) => {
  const add = dataString(ctx, 'add') ?? 'f1(average: macro)';
  const edits = editProperty(ctx, 'metrics', (v) => {
    if (v.kind === 'list') {
      const e = appendListItem(ctx.source, v, add);
      return e && [e];
    }
    return [replaceNode(v, `[${ctx.text.slice(v.start, v.end)}, ${add}]`)];
  });
  return [draft(`Add ${add} to the metrics`, edits, true)];
};

export const rule: Rule = {
  id: 'accuracy-on-imbalanced-data',
  kind: 'rule',
  group: 'metrics',
  severity: 'warning',
  summary: 'accuracy is the only metric and one class holds ≥ 80% of y_true',
  check: accuracyOnImbalancedData,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** accuracy is the only metric and one class holds ≥ 80% of y_true (single-label tasks: the largest",
    "class's share; multilabel: the mean share of negatives over labels). **Severity:** W.",
    "",
    "**Why:** a model that always predicts the majority class scores that share without learning anything (0.90 on a",
    "90/10 split), so accuracy alone hides a model that ignores the minority classes.",
  ],
  fix: [
    "**Fix:** add `f1(average: macro)` (`data.add`), which weighs every class equally.",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment fraud {
  task: binary
  metrics: [accuracy]
  data {
    y_true: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
  }
}
`,
    expect: [{ line: 3 }],
  },
  {
    text: `experiment fraud {
  task: binary
  metrics: [accuracy, f1(average: macro)]
  data {
    y_true: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
  }
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  task: binary
  metrics: [accuracy]
  data {
    y_true: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
  }
}`,
    expect: [{ line: 3, severity: 'warning', data: { add: 'f1(average: macro)', share: 0.9 } }],
  },
  {
    text: `experiment a {
  task: binary
  metrics: [accuracy, f1(average: macro)]
  data {
    y_true: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
  }
}`,
    expect: [],
  },
  {
    name: 'multilabel: the mean share of negatives',
    text: `experiment a {
  task: multilabel
  metrics: [accuracy]
  data {
    y_true: [[1, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 0, 0]]
  }
}`,
    expect: [{ line: 3 }],
  },
  {
    name: 'multilabel: the mean share of negatives, fixed',
    text: `experiment a {
  task: multilabel
  metrics: [accuracy]
  data {
    y_true: [[1, 0, 1, 0, 0], [0, 1, 0, 0, 1], [0, 1, 0, 1, 0], [1, 0, 0, 1, 0]]
  }
}`,
    expect: [],
  },
  {
    name: 'a single metric made a list',
    text: `experiment a {
  metrics: accuracy
  data { y_true: [0, 0, 0, 0, 0, 1] }
}`,
    expect: [{ line: 2 }],
    fix: { title: 'Add f1(average: macro) to the metrics', text: `experiment a {
  metrics: [accuracy, f1(average: macro)]
  data { y_true: [0, 0, 0, 0, 0, 1] }
}`, preferred: true },
  },
  {
    name: 'inherited metrics are overridden in the child',
    text: `experiment base {
  metrics: [accuracy]
}
experiment child extends base {
  data {
    y_true: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
  }
}`,
    expect: [{ line: 6 }],
    fix: { title: 'Add f1(average: macro) to the metrics', text: `experiment base {
  metrics: [accuracy]
}
experiment child extends base {
  data {
    y_true: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
  }
  metrics: [accuracy, f1(average: macro)]
}`, preferred: true },
  },
];
