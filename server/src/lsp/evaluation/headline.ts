// What an evaluation amounts to in one line (the code lens) and per metric (the inlay hints): pure functions
// of the result and of the metrics the experiment declares.

import type { AveragedScores, ExperimentResult } from '../../core/eval/types';
import type { CallModel, ExperimentModel } from '../../core/model/types';

/** A metric as declared: `f1(average: weighted)` is { name: 'f1', average: 'weighted' }. */
export interface MetricRef {
  readonly name: string;
  readonly average?: string;
}

const AVERAGED = new Set(['f1', 'precision', 'recall']);

export function metricRef(call: CallModel): MetricRef {
  const a = call.args.get('average')?.value;
  const average = a?.kind === 'identifier' ? a.name : a?.kind === 'string' ? a.value : undefined;
  return average ? { name: call.name, average } : { name: call.name };
}

export function metricRefs(model: ExperimentModel | undefined): MetricRef[] {
  return model ? model.metrics.map(metricRef) : [];
}

/** The average a precision/recall/F1 was reported with: the declared one, else binary on a binary task, macro otherwise. */
export function averageOf(result: ExperimentResult, ref: MetricRef): string {
  return ref.average ?? result.metrics.averages_used?.[ref.name] ?? (result.task === 'binary' ? 'binary' : 'macro');
}

/** The computed value of a declared metric, if the engine computes that metric. */
export function metricValue(result: ExperimentResult, ref: MetricRef): number | undefined {
  const m = result.metrics;
  const finite = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  if (ref.name === 'log_loss') return finite(m.log_loss);
  if (ref.name === 'accuracy') return finite(m.accuracy);
  if (AVERAGED.has(ref.name)) {
    const scores = m[ref.name as 'f1' | 'precision' | 'recall'];
    return finite(scores?.[averageOf(result, ref) as keyof Omit<AveragedScores, 'per_class'>]);
  }
  return undefined;
}

/** The loss value, when the engine computed it. */
export function lossValue(result: ExperimentResult): number | undefined {
  const v = result.loss?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Accuracy reads best with three decimals ("0.700"); losses and scores with four, as the seed documents print them. */
export function formatMetric(name: string, value: number): string {
  return value.toFixed(name === 'accuracy' ? 3 : 4);
}

/** "F1" for the binary average (the F1 of the positive class), "F1 macro" and so on otherwise. */
function averagedLabel(name: string, average: string): string {
  const label = name === 'f1' ? 'F1' : name;
  return average === 'binary' ? label : `${label} ${average}`;
}

function duration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

const MAX_ERROR = 120;

/**
 * The lens text, e.g. "log_loss 0.4594 · F1 0.7692 · accuracy 0.700 · 10 samples · 3 ms", or
 * "cannot evaluate: runs/val.csv: file not found". Shows the declared metrics the engine computes (log loss,
 * F1, precision, recall, accuracy, in that order), the loss when it is not the log loss already shown, and,
 * when no metric is declared, log loss, F1 and accuracy.
 */
export function headline(result: ExperimentResult, declared: readonly MetricRef[]): string {
  if (result.error) {
    const text = `cannot evaluate: ${result.error}`;
    return text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR - 1)}…` : text;
  }
  const refs: readonly MetricRef[] = declared.length > 0 ? declared : [{ name: 'log_loss' }, { name: 'f1' }, { name: 'accuracy' }];
  const parts: string[] = [];
  const seen = new Set<string>();
  const add = (label: string, value: number | undefined, name: string) => {
    if (value === undefined || seen.has(label)) return;
    seen.add(label);
    parts.push(`${label} ${formatMetric(name, value)}`);
  };

  const wantsLogLoss = refs.some((r) => r.name === 'log_loss') || result.loss?.name === 'log_loss';
  const logLoss = wantsLogLoss ? metricValue(result, { name: 'log_loss' }) : undefined;
  add('log_loss', logLoss, 'log_loss');
  const loss = lossValue(result);
  // A Keras cross-entropy equals the log loss but for its clipping: print it only when it says something else.
  if (loss !== undefined && result.loss!.name !== 'log_loss' && (logLoss === undefined || Math.abs(loss - logLoss) >= 5e-5)) add(result.loss!.name, loss, result.loss!.name);
  for (const name of ['f1', 'precision', 'recall']) {
    for (const ref of refs.filter((r) => r.name === name)) add(averagedLabel(name, averageOf(result, ref)), metricValue(result, ref), name);
  }
  if (refs.some((r) => r.name === 'accuracy')) add('accuracy', metricValue(result, { name: 'accuracy' }), 'accuracy');
  parts.push(`${result.samples} ${result.samples === 1 ? 'sample' : 'samples'}`);
  parts.push(duration(result.elapsed_ms));
  return parts.join(' · ');
}
