/**
 * Accuracy, precision, recall, F-beta and support from accumulated counts, with the semantics of
 * scikit-learn's precision_recall_fscore_support (1.6+, checked against 1.9) and accuracy_score.
 * Works on merged chunk counts (see confusion.ts), never on the samples themselves.
 *
 * API
 *   type Average = 'binary' | 'micro' | 'macro' | 'weighted' | 'samples'      (null = per label, sklearn None)
 *   type ZeroDivision = 'warn' | 0 | 1 | 'nan'                                 (a numeric NaN is accepted too)
 *   interface PrfOptions {
 *     average?: Average | null        default null
 *     labels?: readonly number[]      class indices taking part, in this order (default: the labels present
 *                                     in y_true ∪ y_pred, ascending; multilabel: every column)
 *     posLabel?: number               average='binary' only; default 1 (= classes[1])
 *     beta?: number                   default 1; Infinity → recall, 0 → precision
 *     zeroDivision?: ZeroDivision     default 'warn' (= 0 plus an UndefinedMetricWarning record)
 *     warnFor?: readonly PrfMetric[]  which ill-defined quantities warn (default all three, like sklearn)
 *     labelInfo?: LabelDescription    label values/names for error messages (default: the indices)
 *   }
 *   targetType(counts: Counts): 'binary' | 'multiclass' | 'multilabel-indicator'
 *       scikit-learn's type: single-label counts are 'binary' when at most two labels are present.
 *   precisionRecallFscoreSupport(counts, options & { average?: null }): PrfPerLabel
 *   precisionRecallFscoreSupport(counts, options & { average: Average }): PrfAveraged
 *       { precision, recall, fscore, support (per label; null when averaged), labels, warnings }.
 *       Throws MetricError where scikit-learn raises ValueError: average='binary' on a non-binary target
 *       ("Target is multiclass but average='binary'. ..."), an invalid pos_label, average='samples' on a
 *       single-label target, multilabel labels outside [0, L), empty input.
 *   precisionScore / recallScore / fbetaScore / f1Score(counts, options): { value: number | number[]; warnings }
 *       precision_score & co.: default average 'binary', and each warns only for its own quantity.
 *   accuracy(counts): number
 *       accuracy_score: correct / n; multilabel: subset accuracy (rows predicted exactly) / n.
 *
 * Formulas (per label ℓ, from one-vs-rest counts tp, fp, fn):
 *   P = tp / (tp + fp), R = tp / (tp + fn), F_β = (1 + β²)·tp / (β²·(tp + fn) + (tp + fp)).
 * A zero denominator gives the zero_division value. micro pools the counts of the chosen labels first;
 * macro is the (NaN-ignoring) mean over labels; weighted weights labels by support (all supports zero →
 * the plain mean); samples computes P, R, F per sample over its label sets and averages over samples
 * (in numpy's summation order when the accumulator kept the sample order, see confusion.ts; else the
 * exactly rounded mean from the histogram).
 */
import { Counts, EMPTY_INPUT_MESSAGE, MultilabelAccumulator, perLabelCounts, SampleHistogram } from './confusion';
import { MetricError, MetricWarning, PrfMetric, undefinedMetricWarning } from './errors';
import { LabelDescription, numpyArrayStr } from './labels';
import { exactSumOfMultiples, nanAverage } from './reductions';

export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | 'samples';
export type ZeroDivision = 'warn' | 0 | 1 | 'nan';
export type { PrfMetric } from './errors';

export interface PrfOptions {
  readonly average?: Average | null;
  readonly labels?: readonly number[];
  readonly posLabel?: number;
  readonly beta?: number;
  readonly zeroDivision?: ZeroDivision | number;
  readonly warnFor?: readonly PrfMetric[];
  readonly labelInfo?: LabelDescription;
}

export interface PrfPerLabel {
  readonly average: null;
  /** the class indices of the entries, in order */
  readonly labels: number[];
  readonly precision: number[];
  readonly recall: number[];
  readonly fscore: number[];
  readonly support: number[];
  readonly warnings: MetricWarning[];
}

export interface PrfAveraged {
  readonly average: Average;
  readonly labels: number[];
  readonly precision: number;
  readonly recall: number;
  readonly fscore: number;
  readonly support: null;
  readonly warnings: MetricWarning[];
}

export type TargetType = 'binary' | 'multiclass' | 'multilabel-indicator';

const AVERAGES: readonly (Average | null)[] = [null, 'binary', 'micro', 'macro', 'weighted', 'samples'];
const ALL_METRICS: readonly PrfMetric[] = ['precision', 'recall', 'f-score'];

export function targetType(counts: Counts): TargetType {
  if (counts.kind === 'multilabel') return 'multilabel-indicator';
  return counts.presentLabels().length > 2 ? 'multiclass' : 'binary';
}

function checkNotEmpty(counts: Counts): void {
  if (counts.samples === 0) throw new MetricError('empty-input', EMPTY_INPUT_MESSAGE);
}

/** scikit-learn's _check_zero_division: the value a zero division gives. */
export function zeroDivisionValue(zd: ZeroDivision | number): number {
  if (zd === 'warn') return 0;
  if (zd === 0 || zd === 1) return zd;
  if (zd === 'nan' || (typeof zd === 'number' && Number.isNaN(zd))) return NaN;
  throw new MetricError(
    'invalid-argument',
    `The 'zero_division' parameter must be a float among {0.0, 1.0}, a float among {nan} or a str among {'warn'}. Got ${String(zd)} instead.`,
  );
}

function labelName(i: number, info?: LabelDescription): string {
  return info?.names[i] ?? String(i);
}

/** scikit-learn's _check_set_wise_labels: the labels taking part (undefined = default). Also used by jaccard. */
export function setWiseLabels(counts: Counts, average: Average | null, opts: PrfOptions): readonly number[] | undefined {
  if (!AVERAGES.includes(average)) {
    throw new MetricError('invalid-argument', "average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')");
  }
  checkNotEmpty(counts);
  if (average !== 'binary') return opts.labels;
  const type = targetType(counts);
  if (type !== 'binary') {
    const options = type === 'multiclass' ? "[None, 'micro', 'macro', 'weighted']" : "[None, 'micro', 'macro', 'weighted', 'samples']";
    throw new MetricError(
      'average-binary-not-binary',
      `Target is ${type} but average='binary'. Please choose another average setting, one of ${options}.`,
    );
  }
  const pos = opts.posLabel ?? 1;
  const present = counts.kind === 'single-label' ? counts.presentLabels() : [];
  if (!present.includes(pos) && present.length >= 2) {
    const info = opts.labelInfo;
    const values = present.map((i) => info?.values[i] ?? i);
    throw new MetricError(
      'invalid-pos-label',
      `pos_label=${labelName(pos, info)} is not a valid label. It should be one of ${numpyArrayStr(values)}`,
    );
  }
  return [pos];
}

/** scikit-learn's _prf_divide. */
function prfDivide(
  num: ArrayLike<number>,
  den: ArrayLike<number>,
  metric: PrfMetric,
  modifier: string,
  average: Average | null,
  warnFor: readonly PrfMetric[],
  zd: ZeroDivision | number,
  warnings: MetricWarning[],
): Float64Array {
  const n = num.length;
  const out = new Float64Array(n);
  let any = false;
  const zv = zeroDivisionValue(zd);
  for (let i = 0; i < n; i++) {
    if (den[i] === 0) {
      out[i] = zv;
      any = true;
    } else {
      out[i] = num[i] / den[i];
    }
  }
  if (any && zd === 'warn' && warnFor.includes(metric)) {
    warnings.push(undefinedMetricWarning(metric, modifier, average, n));
  }
  return out;
}

export function precisionRecallFscoreSupport(counts: Counts, options: PrfOptions & { average?: null }): PrfPerLabel;
export function precisionRecallFscoreSupport(counts: Counts, options: PrfOptions & { average: Average }): PrfAveraged;
export function precisionRecallFscoreSupport(counts: Counts, options?: PrfOptions): PrfPerLabel | PrfAveraged;
export function precisionRecallFscoreSupport(counts: Counts, options: PrfOptions = {}): PrfPerLabel | PrfAveraged {
  const average = options.average ?? null;
  const zd = options.zeroDivision ?? 'warn';
  const beta = options.beta ?? 1;
  const warnFor = options.warnFor ?? ALL_METRICS;
  zeroDivisionValue(zd);
  if (!(beta >= 0)) throw new MetricError('invalid-argument', `beta must be >= 0, got ${beta}`);
  const labels = setWiseLabels(counts, average, options);
  const warnings: MetricWarning[] = [];

  if (average === 'samples') return samplesAverage(counts, labels, beta, zd, warnFor, warnings);

  const c = perLabelCounts(counts, labels);
  let tp: ArrayLike<number> = c.tp;
  let pred: ArrayLike<number> = c.pred;
  let tru: ArrayLike<number> = c.true;
  if (average === 'micro') {
    let a = 0;
    let b = 0;
    let d = 0;
    for (let i = 0; i < c.tp.length; i++) {
      a += c.tp[i];
      b += c.pred[i];
      d += c.true[i];
    }
    tp = [a];
    pred = [b];
    tru = [d];
  }
  const { precision, recall, fscore } = divideAll(tp, pred, tru, beta, average, zd, warnFor, warnings);

  if (average === null) {
    return {
      average: null,
      labels: c.labels,
      precision: Array.from(precision),
      recall: Array.from(recall),
      fscore: Array.from(fscore),
      support: Array.from(c.true),
      warnings,
    };
  }
  const weights = average === 'weighted' ? tru : undefined;
  return {
    average,
    labels: c.labels,
    precision: nanAverage(precision, weights),
    recall: nanAverage(recall, weights),
    fscore: nanAverage(fscore, weights),
    support: null,
    warnings,
  };
}

function divideAll(
  tp: ArrayLike<number>,
  pred: ArrayLike<number>,
  tru: ArrayLike<number>,
  beta: number,
  average: Average | null,
  zd: ZeroDivision | number,
  warnFor: readonly PrfMetric[],
  warnings: MetricWarning[],
): { precision: Float64Array; recall: Float64Array; fscore: Float64Array } {
  const precision = prfDivide(tp, pred, 'precision', 'predicted', average, warnFor, zd, warnings);
  const recall = prfDivide(tp, tru, 'recall', 'true', average, warnFor, zd, warnings);
  let fscore: Float64Array;
  if (beta === Infinity) {
    fscore = recall;
  } else if (beta === 0) {
    fscore = precision;
  } else {
    const beta2 = beta * beta;
    const n = tp.length;
    const num = new Float64Array(n);
    const den = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      num[i] = (1 + beta2) * tp[i];
      den[i] = beta2 * tru[i] + pred[i];
    }
    fscore = prfDivide(num, den, 'f-score', 'true nor predicted', average, warnFor, zd, warnings);
  }
  return { precision, recall, fscore };
}

function samplesAverage(
  counts: Counts,
  labels: readonly number[] | undefined,
  beta: number,
  zd: ZeroDivision | number,
  warnFor: readonly PrfMetric[],
  warnings: MetricWarning[],
): PrfAveraged {
  const { acc, labels: checked, h } = samplewiseHistogram(counts, labels);
  // the per-sample values are those of distinct (tp, |T|, |P|) triples; divideAll gives each its double
  const { precision, recall, fscore } = divideAll(h.tp, h.predCount, h.trueCount, beta, 'samples', zd, [], []);
  // warnings: scikit-learn divides over all n samples, so the message speaks of n (not of the histogram)
  const n = counts.samples;
  const zeroPred = h.predCount.some((p) => p === 0);
  const zeroTrue = h.trueCount.some((t) => t === 0);
  if (zd === 'warn') {
    if (zeroPred && warnFor.includes('precision')) warnings.push(undefinedMetricWarning('precision', 'predicted', 'samples', n));
    if (zeroTrue && warnFor.includes('recall')) warnings.push(undefinedMetricWarning('recall', 'true', 'samples', n));
    if (beta !== Infinity && beta !== 0 && warnFor.includes('f-score')) {
      const beta2 = beta * beta;
      let zeroDen = false;
      for (let i = 0; i < h.tp.length; i++) if (beta2 * h.trueCount[i] + h.predCount[i] === 0) zeroDen = true;
      if (zeroDen) warnings.push(undefinedMetricWarning('f-score', 'true nor predicted', 'samples', n));
    }
  }
  const seq = acc.sampleSequence();
  const meanOf = seq ? (v: Float64Array) => sequenceNanMean(v, seq.histogramIndex) : (v: Float64Array) => histogramNanMean(v, h.count);
  return {
    average: 'samples',
    labels: checked,
    precision: meanOf(precision),
    recall: meanOf(recall),
    fscore: meanOf(fscore),
    support: null,
    warnings,
  };
}

/** np.nanmean of the per-sample values in row order (numpy's own summation order: bit-identical). */
function sequenceNanMean(values: Float64Array, histogramIndex: Uint32Array): number {
  const perSample = new Float64Array(histogramIndex.length);
  for (let i = 0; i < histogramIndex.length; i++) perSample[i] = values[histogramIndex[i]];
  return nanAverage(perSample);
}

/** np.nanmean over the samples, each distinct value `values[i]` occurring `counts[i]` times. */
function histogramNanMean(values: Float64Array, counts: Float64Array): number {
  let n = 0;
  const v: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    n += counts[i];
    v.push(values[i]);
    c.push(counts[i]);
  }
  if (n === 0) return NaN;
  return exactSumOfMultiples(v, c) / n;
}

export function accuracy(counts: Counts): number {
  checkNotEmpty(counts);
  if (counts.kind === 'multilabel') return counts.exactMatches / counts.samples;
  return counts.correct / counts.samples;
}

export interface ScoreResult {
  readonly value: number | number[];
  readonly warnings: MetricWarning[];
}

function score(counts: Counts, options: PrfOptions, pick: 'precision' | 'recall' | 'fscore', warnFor: PrfMetric): ScoreResult {
  const average = options.average === undefined ? 'binary' : options.average;
  const r = precisionRecallFscoreSupport(counts, { ...options, average, warnFor: [warnFor] });
  return { value: r[pick], warnings: r.warnings };
}

/** sklearn.metrics.precision_score (default average 'binary'). */
export function precisionScore(counts: Counts, options: PrfOptions = {}): ScoreResult {
  return score(counts, options, 'precision', 'precision');
}

/** sklearn.metrics.recall_score (default average 'binary'). */
export function recallScore(counts: Counts, options: PrfOptions = {}): ScoreResult {
  return score(counts, options, 'recall', 'recall');
}

/** sklearn.metrics.fbeta_score (default average 'binary'); beta is required there, here it defaults to 1. */
export function fbetaScore(counts: Counts, options: PrfOptions = {}): ScoreResult {
  return score(counts, options, 'fscore', 'f-score');
}

/** sklearn.metrics.f1_score (default average 'binary'). */
export function f1Score(counts: Counts, options: Omit<PrfOptions, 'beta'> = {}): ScoreResult {
  return score(counts, { ...options, beta: 1 }, 'fscore', 'f-score');
}

/**
 * The per-sample (tp, |T|, |P|) histogram that average='samples' scores are computed from, after scikit-learn's
 * checks: samplewise metrics exist only for multilabel targets, and the labels must be valid (perLabelCounts
 * raises scikit-learn's range errors) and the ones the accumulator tracked per sample.
 */
export function samplewiseHistogram(
  counts: Counts,
  labels: readonly number[] | undefined,
): { acc: MultilabelAccumulator; labels: number[]; h: SampleHistogram } {
  if (counts.kind !== 'multilabel') {
    throw new MetricError('samplewise-not-multilabel', 'Samplewise metrics are not available outside of multilabel classification.');
  }
  const c = perLabelCounts(counts, labels);
  const tracked = counts.samplesLabels;
  if (c.labels.length !== tracked.length || c.labels.some((l, i) => l !== tracked[i])) {
    throw new MetricError(
      'samples-labels-mismatch',
      `average='samples' needs per-sample counts over labels [${c.labels.join(', ')}], but the accumulator ` +
        `tracked [${tracked.join(', ')}]: create the MultilabelAccumulator with samplesLabels = labels`,
    );
  }
  return { acc: counts, labels: [...c.labels], h: counts.sampleHistogram() };
}
