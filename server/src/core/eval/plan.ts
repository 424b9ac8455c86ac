// What to compute for an experiment, decided once from the semantic model before any data is read: the
// classes, the declared metrics with their effective parameters (declared.ts), and the declared loss with
// the module of the registry that computes it (eval/losses/). What depends on the data's real label layout
// (whether the library accepts the targets) is decided by the module's onLayout when the first chunk shows it.

import { defaultAverage, editDistance, entriesOf, suggest } from '../catalogue';
import type { ZeroDivision } from '../metrics/classification';
import type { ExperimentModel, Task } from '../model/types';
import { declaredSpecs, type DeclaredSpec } from './declared';
import { evaluatedLoss, type EvaluatedLoss, type LossSetup, type Predictions } from './losses';

export type { TargetLayout } from './losses';

export interface EvalPlan {
  readonly task: Task;
  readonly k: number;
  readonly classNames: readonly string[];
  /** Classes were declared: every class takes part in the averages, as scikit-learn's labels= does. */
  readonly labelsGiven: boolean;
  /** The metrics read probabilities derived from y_pred (softmax / sigmoid of logits, exp of log-probabilities). */
  readonly fromLogits: boolean;
  /** What y_pred holds, as the declared loss takes it. */
  readonly predictions: Predictions;
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
  /** Computed by a module of the registry once the layout is seen. */
  | { readonly kind: 'module'; readonly module: EvaluatedLoss; readonly setup: LossSetup }
  /** scikit-learn's log_loss, computed once by the scorer. */
  | { readonly kind: 'log_loss'; readonly normalize: boolean }
  /** Refused before any data is read (an unknown name, a loss xent does not compute, a constructor error). */
  | { readonly kind: 'error'; readonly error: string; readonly library?: EvaluatedLoss['library'] };

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
  const fileData = m.data?.kind === 'csv' || m.data?.kind === 'npy' || m.data?.kind === 'parquet';
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
  const loss = m.loss ? lossPlan(m, task, k) : undefined;
  const predictions: Predictions = loss?.kind === 'module' ? loss.setup.predictions : 'probabilities';

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
    fromLogits: predictions !== 'probabilities',
    predictions,
    lossName: m.loss?.name,
    loss,
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

/** The declared loss: its module in the registry, set up as the library's constructor would be (before any data). */
function lossPlan(m: ExperimentModel, task: Task, k: number): LossPlan {
  const call = m.loss!;
  if (!call.entry) {
    const hint = suggest(call.name, 'loss') ?? prefixSuggestion(call.name);
    return { kind: 'error', error: `unknown loss '${call.name}'${hint ? `; did you mean '${hint}'?` : ''}` };
  }
  const module = evaluatedLoss(call, m.framework?.value);
  if (!module) return { kind: 'error', error: `xent does not compute the loss ${call.name}; the metrics are computed without it` };
  const setup = module.setup({ call, task, k });
  if ('error' in setup) return { kind: 'error', error: setup.error, library: module.library };
  if ('sharedLogLoss' in setup) return { kind: 'log_loss', normalize: setup.normalize };
  return { kind: 'module', module, setup };
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
