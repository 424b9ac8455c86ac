// Each declared metric from the accumulated totals, with its own parameters, by its library's rules. A metric
// the library would refuse gets value null and the library's message; the others still come out.

import {
  accuracy,
  classificationReport,
  confusionMatrix,
  describeLabels,
  MetricError,
  MultilabelAccumulator,
  multilabelConfusionMatrix,
  precisionRecallFscoreSupport,
  type Average,
  type Counts,
  type Label,
  type LabelDescription,
  type MetricWarning,
  type ZeroDivision,
} from '../metrics/classification';
import { finalizeEntropy, type EntropyState } from '../metrics/losses/entropy';
import { finalizeKerasLoss, type KerasAccumulator } from '../metrics/losses/keras';
import type { LossRecord } from '../metrics/losses/types';
import {
  averagePrecisionScore,
  balancedAccuracyScore,
  cohenKappaScore,
  finalizeBrier,
  finalizeKerasAccuracy,
  finalizeTopK,
  hammingLoss,
  jaccardScore,
  matthewsCorrcoef,
  normalizeConfusionMatrix,
  rocAucScore,
  type BrierState,
  type KerasAccuracyState,
  type RankingAverage,
  type RankingStore,
  type ScoreResult,
  type TopKState,
} from '../metrics/scores';
import type { DeclaredSpec } from './declared';
import type { LogLossOutcome } from './log-loss-check';
import type { EvalPlan, TargetLayout } from './plan';
import { resolvePosLabel } from './pos-label';
import type { DeclaredMetric, DeclaredParam } from './types';

export interface DeclaredInputs {
  readonly plan: EvalPlan;
  readonly counts: Counts;
  /** scikit-learn's labels= as class indices (declared classes, or every label of a multilabel task). */
  readonly labels: readonly number[] | undefined;
  readonly samples: number;
  /** A bad y_true row: every scikit-learn number reports it. */
  readonly targetProblem: string | undefined;
  readonly logLoss: LogLossOutcome | undefined;
  /** y_true values that are not classes: the probability metrics refuse them; per-class keys name them. */
  readonly outside: { readonly message: string; readonly names: readonly string[] } | undefined;
  readonly ranking: RankingStore | undefined;
  readonly brier: ReadonlyMap<number, BrierState>;
  readonly topK: ReadonlyMap<number, TopKState>;
  readonly kerasAccuracy: ReadonlyMap<number, KerasAccuracyState>;
  readonly setupErrors: ReadonlyMap<number, string>;
  readonly declaredEntropy: EntropyState | undefined;
  readonly klMetric: KerasAccumulator | undefined;
  readonly layout: TargetLayout;
  readonly predCols: number;
  readonly digits: number;
  readonly place: (r: LossRecord) => string;
  readonly record: (r: LossRecord) => void;
}

type Value = DeclaredMetric['value'];

/** A metric's outcome before it is placed in the result. */
interface Outcome {
  value?: Value;
  error?: string;
  note?: string;
  /** Parameters whose effective value was resolved here (pos_label → the class name). */
  params?: Record<string, DeclaredParam>;
}

/** Which library's rules each metric follows (the rest are scikit-learn's). */
const KERAS_METRICS = new Set(['binary_accuracy', 'categorical_accuracy', 'sparse_categorical_accuracy', 'kl_divergence']);
const XENT_METRICS = new Set(['entropy', 'cross_entropy']);
/** scikit-learn metrics of the probability columns: each label must be one of the columns. */
const PROBABILITY_METRICS = new Set(['auc', 'average_precision', 'brier_score_loss', 'top_k_accuracy']);

/** Whose rules a metric follows. */
export function libraryOf(metric: string): DeclaredMetric['library'] {
  return KERAS_METRICS.has(metric) ? 'keras' : XENT_METRICS.has(metric) ? 'xent' : 'scikit-learn';
}

/** The declared metrics of an experiment whose data could not be read: each says why it has no value. */
export function unreadDeclared(specs: readonly DeclaredSpec[], reason: string): DeclaredMetric[] {
  return specs.map((spec) => ({
    metric: spec.metric,
    params: { ...spec.params },
    value: null,
    error: spec.problem ?? `nothing to score: ${reason}`,
    library: libraryOf(spec.metric),
    line: spec.line,
    column: spec.column,
  }));
}

export function computeDeclared(inputs: DeclaredInputs, warnings: MetricWarning[]): DeclaredMetric[] {
  return inputs.plan.declared.map((spec, i) => {
    const library = libraryOf(spec.metric);
    let out: Outcome;
    try {
      out = compute(spec, i, inputs, warnings, library);
    } catch (err) {
      out = { error: err instanceof MetricError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}` };
    }
    const value = out.error !== undefined ? null : (out.value ?? null);
    return {
      metric: spec.metric,
      params: { ...spec.params, ...(out.params ?? {}) },
      value,
      error: out.error ?? (value === null ? 'not computed' : null),
      ...(out.note ? { note: out.note } : {}),
      library,
      line: spec.line,
      column: spec.column,
    };
  });
}

function compute(spec: DeclaredSpec, index: number, inputs: DeclaredInputs, warnings: MetricWarning[], library: string): Outcome {
  if (spec.problem) return { error: spec.problem };
  const setup = inputs.setupErrors.get(index);
  if (setup) return { error: setup };
  if (inputs.samples === 0) return { error: 'there are no rows to score' };
  const { plan, counts, labels } = inputs;
  const p = spec.params;
  // scikit-learn reads y_true as labels: a bad y_true row (located) is its error for every such number.
  if (library === 'scikit-learn' && inputs.targetProblem && !(spec.metric === 'log_loss' && inputs.logLoss?.error)) return { error: inputs.targetProblem };
  if (inputs.outside && PROBABILITY_METRICS.has(spec.metric)) return { error: inputs.outside.message };
  const keep = (r: ScoreResult): Value => {
    warnings.push(...r.warnings);
    return perClass(r.value, inputs);
  };
  const labelInfo = labelDescription(plan.classNames);

  switch (spec.metric) {
    case 'accuracy': {
      const a = accuracy(counts);
      if (p.normalize === false) return { value: counts instanceof MultilabelAccumulator ? counts.exactMatches : counts.correct };
      return { value: a };
    }
    case 'precision':
    case 'recall':
    case 'f1':
    case 'fbeta': {
      if (spec.metric === 'fbeta' && typeof p.beta !== 'number') return { error: "fbeta_score() missing 1 required keyword-only argument: 'beta'" };
      const average = averageOf(p.average);
      const pos = average === 'binary' ? resolvePosLabel(spec.written.has('pos_label') ? p.pos_label : undefined, plan.classNames) : undefined;
      if (typeof pos === 'string') return { error: pos };
      const r = precisionRecallFscoreSupport(counts, {
        average,
        labels,
        posLabel: pos?.index,
        beta: spec.metric === 'fbeta' ? (p.beta as number) : 1,
        zeroDivision: zeroDivisionOf(p.zero_division),
        warnFor: [spec.metric === 'precision' ? 'precision' : spec.metric === 'recall' ? 'recall' : 'f-score'],
        labelInfo,
      });
      warnings.push(...r.warnings);
      const pick = spec.metric === 'precision' ? r.precision : spec.metric === 'recall' ? r.recall : r.fscore;
      const value = Array.isArray(pick) ? byClass(pick, r.labels, labelNames(inputs)) : pick;
      return { value, note: pos?.note, params: pos ? { pos_label: pos.name } : undefined };
    }
    case 'jaccard': {
      const average = averageOf(p.average);
      const pos = average === 'binary' ? resolvePosLabel(spec.written.has('pos_label') ? p.pos_label : undefined, plan.classNames) : undefined;
      if (typeof pos === 'string') return { error: pos };
      const zd = zeroDivisionOf(p.zero_division);
      // jaccard_score's parameter validation, unlike precision's, has no nan.
      if (zd === 'nan') return { error: "The 'zero_division' parameter of jaccard_score must be a float among {0, 1} or a str among {'warn'}. Got nan instead." };
      const r = jaccardScore(counts, { average, labels, posLabel: pos?.index, zeroDivision: zd, labelInfo });
      return { value: keep(r), note: pos?.note, params: pos ? { pos_label: pos.name } : undefined };
    }
    case 'log_loss': {
      const ll = inputs.logLoss;
      if (!ll) return { error: 'log_loss could not be computed' };
      if (ll.error) return { error: ll.error };
      return { value: p.normalize === false ? ll.sum : ll.value };
    }
    case 'confusion_matrix': {
      const normalize = p.normalize === null || p.normalize === 'none' ? null : (String(p.normalize) as 'true' | 'pred' | 'all');
      if (counts instanceof MultilabelAccumulator) {
        if (normalize !== null) return { error: 'multilabel-indicator is not supported' };
        return { value: multilabelConfusionMatrix(counts, labels).matrices.map((m) => m.map((row) => [...row])), note: 'multilabel: one [[tn, fp], [fn, tp]] matrix per label (multilabel_confusion_matrix)' };
      }
      const cm = confusionMatrix(counts, labels);
      warnings.push(...(cm.warnings ?? []));
      return { value: normalizeConfusionMatrix(cm.matrix, normalize) };
    }
    case 'classification_report': {
      const digits = typeof p.digits === 'number' ? p.digits : inputs.digits;
      const report = classificationReport(counts, {
        labels,
        targetNames: plan.labelsGiven || plan.classNames.some((n, i) => n !== String(i)) ? plan.classNames : undefined,
        digits,
        zeroDivision: zeroDivisionOf(p.zero_division),
        labelInfo,
      });
      warnings.push(...report.warnings);
      return { value: report.text };
    }
    case 'auc': {
      if (!inputs.ranking) return { error: 'not computed' };
      const r = rocAucScore(inputs.ranking, {
        average: rankingAverage(p.average),
        multiClass: (p.multi_class as 'raise' | 'ovr' | 'ovo' | null) ?? 'raise',
        maxFpr: typeof p.max_fpr === 'number' ? p.max_fpr : null,
        labels: plan.labelsGiven && plan.task === 'multiclass' ? plan.k : undefined,
      });
      return { value: keep(r), note: twoColumnNote(inputs) };
    }
    case 'average_precision': {
      if (!inputs.ranking) return { error: 'not computed' };
      const pos = plan.task === 'binary' ? resolvePosLabel(spec.written.has('pos_label') ? p.pos_label : undefined, plan.classNames) : undefined;
      if (typeof pos === 'string') return { error: pos };
      const r = averagePrecisionScore(inputs.ranking, { average: rankingAverage(p.average), posLabel: pos?.index });
      return { value: keep(r), note: [pos?.note, twoColumnNote(inputs)].filter(Boolean).join('; ') || undefined, params: pos ? { pos_label: pos.name } : undefined };
    }
    case 'brier_score_loss': {
      const state = inputs.brier.get(index);
      if (!state) return { error: 'not computed' };
      return { value: keep(finalizeBrier(state)) };
    }
    case 'top_k_accuracy': {
      if (inputs.plan.task === 'multilabel') return { error: `y should be a 1d array, got an array of shape (${inputs.samples}, ${inputs.plan.k}) instead.` };
      const state = inputs.topK.get(index);
      if (!state) return { error: 'not computed' };
      return { value: keep(finalizeTopK(state)) };
    }
    case 'binary_accuracy':
    case 'categorical_accuracy':
    case 'sparse_categorical_accuracy': {
      const state = inputs.kerasAccuracy.get(index);
      if (!state) return { error: 'not computed' };
      return { value: keep(finalizeKerasAccuracy(state)) };
    }
    case 'balanced_accuracy':
      return { value: keep(balancedAccuracyScore(counts, { adjusted: p.adjusted === true })) };
    case 'matthews_corrcoef':
      return { value: keep(matthewsCorrcoef(counts)) };
    case 'cohen_kappa': {
      const weights = p.weights === 'linear' || p.weights === 'quadratic' ? p.weights : null;
      const r = cohenKappaScore(counts, { weights, labels });
      const v = keep(r);
      // replace_undefined_by: the value scikit-learn returns when kappa is 0/0 (default nan).
      if (typeof v === 'number' && Number.isNaN(v) && typeof p.replace_undefined_by === 'number') return { value: p.replace_undefined_by };
      return { value: v };
    }
    case 'hamming_loss':
      return { value: keep(hammingLoss(counts)) };
    case 'entropy':
    case 'cross_entropy': {
      if (!inputs.declaredEntropy) return { error: 'not computed' };
      const e = finalizeEntropy(inputs.declaredEntropy);
      e.records.forEach(inputs.record);
      const firstError = e.records.find((r) => r.severity === 'error');
      if (firstError) return { error: inputs.place(firstError) };
      return { value: spec.metric === 'entropy' ? e.entropy : e.crossEntropy };
    }
    case 'kl_divergence': {
      if (!inputs.klMetric) {
        const n = inputs.samples;
        // Keras's KLDivergence on class indices: TensorFlow cannot broadcast (n,) against (n, k).
        return { error: inputs.layout === 'indices' ? `Incompatible shapes: [${n}] vs. [${n},${inputs.predCols}] [Op:RealDiv]` : 'kl_divergence needs one y_pred column per class' };
      }
      const r = finalizeKerasLoss(inputs.klMetric);
      r.records.forEach(inputs.record);
      const firstError = r.records.find((x) => x.severity === 'error');
      if (firstError) return { error: inputs.place(firstError) };
      return { value: r.value };
    }
    default:
      return { error: `xent does not compute the metric ${spec.metric} yet` };
  }
}

function averageOf(v: DeclaredParam | undefined): Average | null {
  if (v === null || v === 'none' || v === 'None') return null;
  return String(v) as Average;
}

function rankingAverage(v: DeclaredParam | undefined): RankingAverage | null {
  if (v === null || v === 'none' || v === 'None') return null;
  return String(v) as RankingAverage;
}

function zeroDivisionOf(v: DeclaredParam | undefined): ZeroDivision {
  if (v === 0 || v === 1) return v;
  if (v === 'nan') return 'nan';
  return 'warn';
}

/** Per-class numbers keyed by class name (average none). */
function byClass(values: readonly number[], labels: readonly number[], names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  values.forEach((v, i) => (out[names[labels[i]] ?? String(labels[i])] = v));
  return out;
}

/** A score function's number, or its per-class array keyed by class (every class, or those in y_true). */
function perClass(v: number | number[] | null, inputs: DeclaredInputs): Value {
  if (!Array.isArray(v)) return v;
  const names = inputs.plan.classNames;
  if (v.length === names.length) return byClass(v, names.map((_, i) => i), names);
  return byClass(v, v.map((_, i) => i), names);
}

function twoColumnNote(inputs: DeclaredInputs): string | undefined {
  return inputs.plan.task === 'binary' && inputs.predCols === 2 ? 'binary: scored on the second y_pred column, as roc_auc_score(y_true, y_pred[:, 1])' : undefined;
}

/** The names of the count slots: the classes, then the y_true values that are not classes. */
function labelNames(inputs: DeclaredInputs): readonly string[] {
  return inputs.outside ? [...inputs.plan.classNames, ...inputs.outside.names] : inputs.plan.classNames;
}

/** Classes as scikit-learn holds them (numbers when every name is one), for its messages. */
function labelDescription(names: readonly string[]): LabelDescription {
  const numeric = names.every((n) => /^[+-]?\d+$/.test(n));
  const values: Label[] = numeric ? names.map(Number) : [...names];
  return describeLabels(values);
}
