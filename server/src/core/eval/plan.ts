// What to compute for an experiment, decided once from the semantic model before any data is read.

import { defaultAverage } from '../catalogue';
import type { KerasLossSpec } from '../metrics/losses/keras';
import type { ZeroDivision } from '../metrics/classification';
import type { ExperimentModel, Task } from '../model/types';

export type TargetLayout = 'indices' | 'onehot' | 'indicator';

export interface EvalPlan {
  readonly task: Task;
  readonly k: number;
  readonly classNames: readonly string[];
  /** Classes were declared: every class takes part in the averages, as scikit-learn's labels= does. */
  readonly labelsGiven: boolean;
  readonly fromLogits: boolean;
  readonly lossName?: string;
  /** The Keras accumulator spec for the declared loss, or why it cannot be computed. */
  readonly keras?: { spec: KerasLossSpec; yTrue: 'indices' | 'matrix' } | { unsupported: string };
  readonly zeroDivision: ZeroDivision;
  /** The averages reported for precision / recall / F1 on this task. */
  readonly averages: readonly ('binary' | 'micro' | 'macro' | 'weighted' | 'samples')[];
  readonly averagesUsed: Record<string, string>;
}

export function planEvaluation(m: ExperimentModel, layout: TargetLayout): EvalPlan | string {
  const task = m.task?.value;
  if (!task) return 'declare the task (task: binary | multiclass | multilabel) or give y_true to infer it from';
  // A binary task implies two classes, 0 and 1; other tasks must say how many (file data is not read to guess).
  const classes = m.classes?.value ?? (task === 'binary' ? { count: 2, names: ['0', '1'], named: false } : undefined);
  if (!classes) return 'declare the classes (classes: [cat, dog] or classes: 3)';
  const k = task === 'binary' ? Math.max(2, classes.count) : classes.count;
  if (k < 2) return `at least 2 classes are needed to score, not ${k}`;
  if (task === 'binary' && k !== 2) return `a binary task has 2 classes, not ${k}`;
  const fromLogits = m.loss?.args.get('from_logits')?.value?.kind === 'boolean' && (m.loss.args.get('from_logits')!.value as { value: boolean }).value;

  const averages: EvalPlan['averages'] =
    task === 'binary' ? ['binary', 'micro', 'macro', 'weighted'] : task === 'multiclass' ? ['micro', 'macro', 'weighted'] : ['micro', 'macro', 'weighted', 'samples'];
  const averagesUsed: Record<string, string> = {};
  let zeroDivision: ZeroDivision = 'warn';
  for (const metric of m.metrics) {
    if (!['f1', 'precision', 'recall', 'fbeta'].includes(metric.name)) continue;
    const a = metric.args.get('average')?.value;
    averagesUsed[metric.name] = a?.kind === 'identifier' ? a.name : a?.kind === 'string' ? a.value : defaultAverage(task);
    const zd = metric.args.get('zero_division')?.value;
    if (zd?.kind === 'number' && (zd.value === 0 || zd.value === 1)) zeroDivision = zd.value;
    else if (zd?.kind === 'identifier' && (zd.name === 'nan' || zd.name === 'warn')) zeroDivision = zd.name;
  }

  return {
    task,
    k,
    classNames: task === 'binary' && classes.count < 2 ? ['0', '1'] : classes.names,
    labelsGiven: m.classes?.origin === 'declared',
    fromLogits,
    lossName: m.loss?.name,
    keras: m.loss ? kerasSpec(m, k, layout, fromLogits) : undefined,
    zeroDivision,
    averages,
    averagesUsed,
  };
}

function numberArg(m: ExperimentModel, name: string): number | undefined {
  const v = m.loss?.args.get(name)?.value;
  return v?.kind === 'number' ? v.value : undefined;
}

function kerasSpec(m: ExperimentModel, k: number, layout: TargetLayout, fromLogits: boolean): EvalPlan['keras'] {
  const labelSmoothing = numberArg(m, 'label_smoothing') ?? 0;
  switch (m.loss?.name) {
    case 'binary_crossentropy':
      if (layout === 'indices' && m.task?.value !== 'binary') return { unsupported: 'binary_crossentropy needs 0/1 targets of the same shape as y_pred' };
      return { spec: { loss: 'binary_crossentropy', options: { fromLogits, labelSmoothing } }, yTrue: 'matrix' };
    case 'categorical_crossentropy':
      if (layout === 'indices') return { unsupported: 'categorical_crossentropy needs one-hot y_true (Keras raises on class indices)' };
      return { spec: { loss: 'categorical_crossentropy', options: { nClasses: k, fromLogits, labelSmoothing } }, yTrue: 'matrix' };
    case 'sparse_categorical_crossentropy': {
      if (layout !== 'indices') return { unsupported: 'sparse_categorical_crossentropy needs class indices in y_true, not one-hot rows' };
      const ignore = numberArg(m, 'ignore_class');
      return { spec: { loss: 'sparse_categorical_crossentropy', options: { nClasses: k, fromLogits, ignoreClass: ignore ?? null } }, yTrue: 'indices' };
    }
    case 'kl_divergence':
      if (layout === 'indices') return { unsupported: 'kl_divergence needs a distribution (one-hot rows) in y_true' };
      return { spec: { loss: 'kl_divergence', options: { nClasses: k } }, yTrue: 'matrix' };
    case 'log_loss':
      return undefined; // the log_loss metric is the loss
    default:
      return { unsupported: `xent does not compute ${m.loss?.name} yet` };
  }
}
