// Rules: the metrics against the task and the labels.

import type { CallModel, ExperimentModel } from '../model/types';
import type { Value } from '../syntax/ast';
import { arrayAnchor, className, line, metricAnchor, nameValue, taskAnchor, taskPhrase } from './facts';
import type { RuleContext } from './types';

const ACCURACIES = new Set(['accuracy', 'binary_accuracy', 'categorical_accuracy', 'sparse_categorical_accuracy']);
const AVERAGED = new Set(['f1', 'precision', 'recall', 'fbeta']);
const SKLEARN: Record<string, string> = { f1: 'f1_score', precision: 'precision_score', recall: 'recall_score', fbeta: 'fbeta_score', auc: 'roc_auc_score' };

/** Share of y_true at or above which one class "dominates" (issue 4: 80%). */
const IMBALANCE = 0.8;

function averageOf(metric: CallModel): { node: Value; value: string } | undefined {
  const node = metric.args.get('average')?.value;
  const value = nameValue(node);
  return node && value !== undefined ? { node, value } : undefined;
}

export function accuracyOnImbalancedData(m: ExperimentModel, ctx: RuleContext): void {
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

export function binaryAverageMulticlass(m: ExperimentModel, ctx: RuleContext): void {
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

export function samplesAverageNotMultilabel(m: ExperimentModel, ctx: RuleContext): void {
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
