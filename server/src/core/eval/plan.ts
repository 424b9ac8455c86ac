// What to compute for an experiment, decided once from the semantic model before any data is read: the
// classes, the declared metrics with their effective parameters (declared.ts), and the declared loss with
// the library whose rules it follows. What depends on the data's real label layout (whether Keras accepts
// the targets) is decided by lossForLayout when the first chunk shows the layout.

import { defaultAverage, editDistance, entriesOf, suggest } from '../catalogue';
import type { ZeroDivision } from '../metrics/classification';
import type { KerasLossSpec } from '../metrics/losses/keras';
import type { ExperimentModel, Task } from '../model/types';
import { declaredSpecs, type DeclaredSpec } from './declared';

export type TargetLayout = 'indices' | 'onehot' | 'indicator';

export interface EvalPlan {
  readonly task: Task;
  readonly k: number;
  readonly classNames: readonly string[];
  /** Classes were declared: every class takes part in the averages, as scikit-learn's labels= does. */
  readonly labelsGiven: boolean;
  readonly fromLogits: boolean;
  readonly lossName?: string;
  /** The declared loss: how to compute it once the layout is known, or why it cannot be computed. */
  readonly loss?: LossPlan;
  /** The zero_division of the fixed `metrics` set (the JSON's headline precision / recall / f1). */
  readonly zeroDivision: ZeroDivision;
  /** The averages reported for precision / recall / F1 on this task. */
  readonly averages: readonly ('binary' | 'micro' | 'macro' | 'weighted' | 'samples')[];
  readonly averagesUsed: Record<string, string>;
  /** Every metric of `metrics:`, in the file's order. */
  readonly declared: readonly DeclaredSpec[];
  /** Ranking metrics (auc, average_precision) keep every score: O(n) memory only when one is declared. */
  readonly needsRanking: boolean;
}

export type LossPlan =
  | { readonly kind: 'keras'; readonly name: KerasLossName; readonly labelSmoothing: number; readonly ignoreClass: number | null; readonly reduction: string }
  | { readonly kind: 'log_loss'; readonly normalize: boolean }
  /** Refused before any data is read (an unknown name, a loss xent does not compute, a Keras TypeError). */
  | { readonly kind: 'error'; readonly error: string };

type KerasLossName = KerasLossSpec['loss'];
const KERAS_LOSSES: readonly string[] = ['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence'];
/** Keras 3's standardize_reduction accepts these. */
const KERAS_REDUCTIONS = ['sum_over_batch_size', 'sum', 'none', 'mean', 'mean_with_sample_weight'];

/** What the first chunk of a data file shows, for experiments that declare neither task nor classes. */
export interface DataShape {
  /** y_true holds one value per row (class indices or names) rather than rows of columns. */
  readonly indices: boolean;
  readonly trueCols: number;
  readonly predCols: number;
}

/** The plan cannot be made before the data file's shape is seen (returned instead of a plan). */
export const NEEDS_DATA_SHAPE = Symbol('needs the data shape');

export function planEvaluation(m: ExperimentModel, shape?: DataShape): EvalPlan | string | typeof NEEDS_DATA_SHAPE {
  const fileData = m.data?.kind === 'csv' || m.data?.kind === 'npy';
  if ((!m.task || !m.classes) && fileData && !shape) return NEEDS_DATA_SHAPE;
  const inferred = shape ? inferFromShape(m, shape) : undefined;
  const task = m.task?.value ?? inferred?.task;
  if (!task) return 'declare the task (task: binary | multiclass | multilabel) or give y_true to infer it from';
  // A binary task implies two classes, 0 and 1; without declared classes a file's columns give their number.
  const classes =
    m.classes?.value ??
    (task === 'binary' ? { count: 2, names: ['0', '1'], named: false } : inferred ? { count: inferred.k, names: indexNames(inferred.k), named: false } : undefined);
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
    // The headline set keeps one zero_division (the last written); each declared metric uses its own.
    const zd = metric.args.get('zero_division')?.value;
    if (zd?.kind === 'number' && (zd.value === 0 || zd.value === 1)) zeroDivision = zd.value;
    else if (zd?.kind === 'identifier' && (zd.name === 'nan' || zd.name === 'warn')) zeroDivision = zd.name;
  }
  const declared = declaredSpecs(m.metrics, task);

  return {
    task,
    k,
    classNames: task === 'binary' && classes.count < 2 ? ['0', '1'] : classes.names,
    labelsGiven: m.classes?.origin === 'declared',
    fromLogits,
    lossName: m.loss?.name,
    loss: m.loss ? lossPlan(m) : undefined,
    zeroDivision,
    averages,
    averagesUsed,
    declared,
    needsRanking: declared.some((d) => d.metric === 'auc' || d.metric === 'average_precision'),
  };
}

/**
 * Task and class count read from a file's shape, as Keras would read the arrays: one y_pred column is a
 * binary task; K columns are K classes (multilabel when declared so, or when y_true rows are indicator rows
 * by `labels: indicator`). The classes are then indices 0..K−1, not declared: scikit-learn's numbers use the
 * labels found in the data, as without labels=.
 */
function inferFromShape(m: ExperimentModel, shape: DataShape): { task: Task; k: number } {
  const declaredTask = m.task?.value;
  const k = shape.predCols === 1 ? 2 : shape.predCols;
  if (declaredTask) return { task: declaredTask, k };
  if (!shape.indices && m.labels?.value === 'indicator') return { task: 'multilabel', k: shape.trueCols };
  return { task: k === 2 ? 'binary' : 'multiclass', k };
}

function indexNames(k: number): string[] {
  return Array.from({ length: k }, (_, i) => String(i));
}

function numberArg(m: ExperimentModel, name: string): number | undefined {
  const v = m.loss?.args.get(name)?.value;
  return v?.kind === 'number' ? v.value : undefined;
}

/** The loss as declared, checked as Keras's constructor would check it (before any data). */
function lossPlan(m: ExperimentModel): LossPlan {
  const loss = m.loss!;
  if (!loss.entry) {
    const hint = suggest(loss.name, 'loss') ?? prefixSuggestion(loss.name);
    return { kind: 'error', error: `unknown loss '${loss.name}'${hint ? `; did you mean '${hint}'?` : ''}` };
  }
  if (loss.name === 'log_loss') {
    const normalize = loss.args.get('normalize')?.value;
    return { kind: 'log_loss', normalize: !(normalize?.kind === 'boolean' && !normalize.value) };
  }
  if (!KERAS_LOSSES.includes(loss.name)) return { kind: 'error', error: `xent does not compute the loss ${loss.name}; the metrics are computed without it` };
  // Keras's SparseCategoricalCrossentropy has no label_smoothing: passing one is a TypeError in its constructor.
  // The checker drops unknown arguments from the model, so the written call is read here.
  const written = loss.node.kind === 'call' ? loss.node.args.map((a) => a.name?.name) : [];
  if (loss.name === 'sparse_categorical_crossentropy' && written.includes('label_smoothing')) {
    return { kind: 'error', error: "SparseCategoricalCrossentropy.__init__() got an unexpected keyword argument 'label_smoothing'" };
  }
  const r = loss.args.get('reduction')?.value;
  const reduction = r?.kind === 'identifier' ? r.name : r?.kind === 'string' ? r.value : 'sum_over_batch_size';
  if (!KERAS_REDUCTIONS.includes(reduction)) {
    return {
      kind: 'error',
      error: `Invalid value for argument \`reduction\`. Expected one of {'sum_over_batch_size', 'sum', None, 'none', 'mean', 'mean_with_sample_weight'}. Received: reduction=${reduction}`,
    };
  }
  return { kind: 'keras', name: loss.name as KerasLossName, labelSmoothing: numberArg(m, 'label_smoothing') ?? 0, ignoreClass: numberArg(m, 'ignore_class') ?? null, reduction };
}

/**
 * A loss whose name starts like the one written, for shortened misspellings the whole-name suggestion misses
 * (catagorical → categorical_crossentropy): the first such entry within one edit per four letters.
 */
function prefixSuggestion(name: string): string | undefined {
  if (name.length < 4) return undefined;
  const max = Math.max(1, Math.floor(name.length / 4));
  let best: { name: string; d: number } | undefined;
  for (const e of entriesOf('loss')) {
    const d = editDistance(name.toLowerCase(), e.name.slice(0, name.length).toLowerCase(), max);
    if (d <= max && (!best || d < best.d)) best = { name: e.name, d };
  }
  return best?.name;
}

/** Python's repr of a shape tuple: (4,) or (4, 3). */
function shape(dims: readonly number[]): string {
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

export type LayoutDecision = { readonly spec: KerasLossSpec; readonly yTrue: 'indices' | 'matrix' } | { readonly refused: (rows: number) => string };

/**
 * The Keras loss on the layout actually seen: the accumulator spec, or Keras's own error for targets of that
 * shape (the message needs the row count, known at the end).
 * `trueCols` is 1 for class indices, else the width of the target rows; `predCols` the width of y_pred.
 */
export function lossForLayout(plan: EvalPlan, loss: Extract<LossPlan, { kind: 'keras' }>, layout: TargetLayout, trueCols: number, predCols: number): LayoutDecision {
  const { k, fromLogits } = plan;
  const predShape = (n: number) => (predCols === 1 ? [n] : [n, predCols]);
  const trueShape = (n: number) => (layout === 'indices' ? [n] : [n, trueCols]);
  const rankError = (n: number) =>
    `Arguments \`target\` and \`output\` must have the same rank (ndim). Received: target.shape=${shape(trueShape(n))}, output.shape=${shape(predShape(n))}`;
  switch (loss.name) {
    case 'binary_crossentropy':
      if (layout === 'indices' && predCols !== 1) return { refused: rankError };
      return { spec: { loss: 'binary_crossentropy', options: { fromLogits, labelSmoothing: loss.labelSmoothing } }, yTrue: layout === 'indices' ? 'indices' : 'matrix' };
    case 'categorical_crossentropy':
      if (layout === 'indices') return { refused: rankError };
      return { spec: { loss: 'categorical_crossentropy', options: { nClasses: k, fromLogits, labelSmoothing: loss.labelSmoothing } }, yTrue: 'matrix' };
    case 'sparse_categorical_crossentropy':
      if (layout !== 'indices') {
        return {
          refused: (n) =>
            `Argument \`output\` must have rank (ndim) \`target.ndim - 1\`. Received: target.shape=${shape(trueShape(n))}, output.shape=${shape(predShape(n))}`,
        };
      }
      return { spec: { loss: 'sparse_categorical_crossentropy', options: { nClasses: k, fromLogits, ignoreClass: loss.ignoreClass } }, yTrue: 'indices' };
    case 'kl_divergence':
      // TensorFlow's broadcasting error for (n,) against (n, k).
      if (layout === 'indices') return { refused: (n) => `Incompatible shapes: [${n}] vs. [${n},${predCols}] [Op:RealDiv]` };
      return { spec: { loss: 'kl_divergence', options: { nClasses: k } }, yTrue: 'matrix' };
  }
}
