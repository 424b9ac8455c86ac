// What an evaluation amounts to in one line (the code lens) and per declared metric (the inlay hints and the
// hover): pure functions of the result. Every number comes from the result's `declared` list (one entry per
// metric of `metrics:`, in the file's order), the same list `xent eval --json` prints, and is formatted by
// the one formatter below, so the lens, the inlay hint and the hover always show the same digits.

import type { DeclaredMetric, DeclaredParam, ExperimentResult } from './results';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The loss value, when the engine computed it. */
export function lossValue(result: ExperimentResult): number | undefined {
  const v = result.loss?.value;
  return finite(v) ? v : undefined;
}

/** Accuracy reads best with three decimals ("0.700"); losses and scores with four, as the seed documents print them. */
export function formatMetric(name: string, value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  return value.toFixed(name === 'accuracy' ? 3 : 4);
}

/** A declared parameter as the .xent file writes it: none for None, lists in brackets. */
export function paramText(v: DeclaredParam): string {
  if (v === null) return 'none';
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  // A string that would read as a boolean or a number is quoted, as it must be written in the file
  // (confusion_matrix(normalize: "true")); names print bare.
  if (typeof v === 'string' && /^(true|false|[+-]?\d[\d.eE+-]*)$/.test(v)) return JSON.stringify(v);
  return String(v);
}

/** `f1(average: macro, pos_label: 1, zero_division: warn)`: the metric with every effective parameter. */
export function declaredSignature(d: DeclaredMetric): string {
  const params = Object.entries(d.params).map(([k, v]) => `${k}: ${paramText(v)}`);
  return params.length ? `${d.metric}(${params.join(', ')})` : d.metric;
}

const AVERAGED = new Set(['f1', 'precision', 'recall', 'fbeta', 'jaccard', 'auc', 'average_precision']);

/**
 * The short name of a declared metric in the lens: "F1" (binary average), "F1 macro", "F2 weighted",
 * "top-3 accuracy", else the catalogue name. The averages of auc and average_precision are named only when
 * they are not the default macro.
 */
export function declaredLabel(d: DeclaredMetric): string {
  const p = d.params;
  let label = d.metric === 'f1' ? 'F1' : d.metric === 'fbeta' && finite(p.beta) ? `F${p.beta}` : d.metric;
  if (d.metric === 'top_k_accuracy' && finite(p.k)) label = `top-${p.k} accuracy`;
  const average = typeof p.average === 'string' ? p.average : undefined;
  const implicit = d.metric === 'auc' || d.metric === 'average_precision' ? 'macro' : 'binary';
  if (AVERAGED.has(d.metric) && average && average !== implicit && typeof d.value === 'number') label += ` ${average}`;
  return label;
}

/** The number of a declared metric, when it is a single finite number. */
export function declaredNumber(d: DeclaredMetric): number | undefined {
  return d.error === null && finite(d.value) ? d.value : undefined;
}

/** How many values of a per-class dictionary the inlay hint shows before "…". */
const INLINE_CLASSES = 4;

/**
 * A declared metric's value in a few characters (the inlay hint): "0.7692"; "cat 0.8000 · dog 0.5000" for
 * average none; "[[2, 0], [1, 3]]" for a small confusion matrix, "3×3 matrix" for a larger one; "report" for
 * the classification report; "— error" when it could not be computed (the reason goes in the tooltip).
 */
export function declaredText(d: DeclaredMetric): string {
  const v = d.value;
  if (d.error !== null || v === null) return '— error';
  if (typeof v === 'number') return formatMetric(d.metric, v);
  if (typeof v === 'string') return 'report';
  if (Array.isArray(v)) {
    const matrices = v as number[][] | number[][][];
    if (Array.isArray(matrices[0]?.[0])) return `${matrices.length} label matrices`;
    const m = matrices as number[][];
    const cell = (x: number) => (Number.isInteger(x) ? String(x) : formatMetric(d.metric, x));
    return m.length <= 3 ? `[${m.map((row) => `[${row.map(cell).join(', ')}]`).join(', ')}]` : `${m.length}×${m[0]?.length ?? 0} matrix`;
  }
  const entries = Object.entries(v);
  const shown = entries.slice(0, INLINE_CLASSES).map(([k, x]) => `${k} ${formatMetric(d.metric, x)}`);
  return shown.join(' · ') + (entries.length > INLINE_CLASSES ? ' · …' : '');
}

function duration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

const MAX_ERROR = 120;
/** The lens stays one short line: at most this many metrics, then "+N more". */
const LENS_METRICS = 4;

/** "F1" for the binary average (the F1 of the positive class), "F1 macro" and so on otherwise. */
function averagedLabel(name: string, average: string): string {
  const label = name === 'f1' ? 'F1' : name;
  return average === 'binary' ? label : `${label} ${average}`;
}

/** With no `metrics:` declared, the lens shows the headline set: log loss, F1 (binary or macro) and accuracy. */
function headlineSet(result: ExperimentResult): [string, string][] {
  const m = result.metrics;
  const parts: [string, string][] = [];
  if (finite(m.log_loss)) parts.push(['log_loss', formatMetric('log_loss', m.log_loss)]);
  const average = result.task === 'binary' ? 'binary' : 'macro';
  const f1 = m.f1?.[average];
  if (finite(f1)) parts.push([averagedLabel('f1', average), formatMetric('f1', f1)]);
  if (finite(m.accuracy)) parts.push(['accuracy', formatMetric('accuracy', m.accuracy)]);
  return parts;
}

/**
 * The lens text, e.g. "log_loss 0.4594 · accuracy 0.700 · F1 0.7692 · 10 samples · 3 ms", or
 * "cannot evaluate: runs/val.csv: file not found". The declared loss first (left out when it equals the
 * declared log_loss to the printed digits: a Keras cross-entropy equals it but for its clipping), then the
 * declared metrics that are single numbers, in the file's order, at most four; "2 not computed" counts the
 * loss and metrics that came out as errors (their reasons are on the inlay hints and hovers). With no metric
 * declared: log loss, F1 and accuracy.
 */
export function headline(result: ExperimentResult): string {
  if (result.error) {
    const text = `cannot evaluate: ${result.error}`;
    return text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR - 1)}…` : text;
  }
  const declared = result.declared ?? [];
  const metrics: [string, string][] = declared.length > 0 ? [] : headlineSet(result);
  const seen = new Set<string>();
  for (const d of declared) {
    const v = declaredNumber(d);
    const label = declaredLabel(d);
    if (v === undefined || seen.has(label)) continue;
    seen.add(label);
    metrics.push([label, formatMetric(d.metric, v)]);
  }
  const parts: string[] = [];
  const loss = lossValue(result);
  const logLoss = metrics.find(([label]) => label === 'log_loss')?.[1];
  if (loss !== undefined && !(logLoss !== undefined && formatMetric('log_loss', loss) === logLoss)) {
    parts.push(`${result.loss!.name} ${formatMetric(result.loss!.name, loss)}`);
  }
  for (const [label, value] of metrics.slice(0, LENS_METRICS)) parts.push(`${label} ${value}`);
  if (metrics.length > LENS_METRICS) parts.push(`+${metrics.length - LENS_METRICS} more`);
  const failed = declared.filter((d) => d.error !== null).length + (result.loss?.error ? 1 : 0);
  if (failed > 0) parts.push(`${failed} not computed`);
  parts.push(`${result.samples} ${result.samples === 1 ? 'sample' : 'samples'}`);
  parts.push(duration(result.elapsed_ms));
  return parts.join(' · ');
}

/** The declared entry of the i-th metric of an experiment's `metrics:` list, when the result has it. */
export function declaredAt(result: ExperimentResult, index: number, canonicalName: string): DeclaredMetric | undefined {
  const d = result.declared?.[index];
  return d && d.metric === canonicalName ? d : undefined;
}
