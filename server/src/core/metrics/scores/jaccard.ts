/**
 * sklearn.metrics.jaccard_score from confusion counts: |T ∩ P| / |T ∪ P| = tp / (tp + fp + fn).
 *
 * The labels, average and pos_label are validated by the same code as precision_score (prf.ts's
 * setWiseLabels = scikit-learn's _check_set_wise_labels): average='binary' needs a binary target and a
 * present pos_label; labels outside [0, L) for multilabel raise; a pos_label other than 1 with another
 * average gives scikit-learn's UserWarning "Note that pos_label (set to …) is ignored …".
 *
 *   binary / None / macro / weighted: per label ℓ (one-vs-rest counts) tp_ℓ / (tp_ℓ + fp_ℓ + fn_ℓ)
 *   micro:    Σ tp / Σ (tp + fp + fn)
 *   macro:    np.average of the per-label values (plain mean)
 *   weighted: weighted by support (true count); all supports 0 → the plain mean
 *   samples:  per sample |T ∩ P| / |T ∪ P| (multilabel only), then the mean over samples
 *   A zero denominator gives zero_division (0 or 1; 'warn' = 0 and the UndefinedMetricWarning "Jaccard is
 *   ill-defined and being set to 0.0 in labels with no true or predicted samples. …").
 * Unlike precision, zero_division 'nan' is not accepted by jaccard_score (InvalidParameterError).
 */
import { EMPTY_INPUT_MESSAGE, perLabelCounts, type Counts } from '../classification/confusion';
import { MetricError, type MetricWarning } from '../classification/errors';
import { pyReprStr, type LabelDescription } from '../classification/labels';
import { samplewiseHistogram, setWiseLabels, type Average } from '../classification/prf';
import { pyRepr } from '../classification/pyformat';
import { average as npAverage, exactSumOfMultiples, mean } from '../classification/reductions';
import type { ScoreResult } from './types';

export interface JaccardOptions {
  /** default 'binary' */
  readonly average?: Average | null;
  readonly labels?: readonly number[];
  /** average='binary' only; default 1 */
  readonly posLabel?: number;
  /** default 'warn' (0 with an UndefinedMetricWarning) */
  readonly zeroDivision?: 'warn' | 0 | 1;
  /** label values/names for error messages */
  readonly labelInfo?: LabelDescription;
}

/** scikit-learn's _warn_prf for "Jaccard is". */
function jaccardWarning(average: Average | null, resultSize: number): MetricWarning {
  const [axis0, axis1] = average === 'samples' ? ['label', 'sample'] : ['sample', 'label'];
  const where = resultSize === 1 ? 'due to' : `in ${axis1}s with`;
  return {
    code: 'undefined-metric',
    category: 'UndefinedMetricWarning',
    message: `Jaccard is ill-defined and being set to 0.0 ${where} no true or predicted ${axis0}s. Use \`zero_division\` parameter to control this behavior.`,
  };
}

function labelRepr(i: number, info?: LabelDescription): string {
  const v = info?.values[i] ?? i;
  return typeof v === 'string' ? pyReprStr(v) : info?.float ? pyRepr(v) : String(v);
}

export function jaccardScore(counts: Counts, options: JaccardOptions = {}): ScoreResult {
  const average = options.average === undefined ? 'binary' : options.average;
  const zd = options.zeroDivision ?? 'warn';
  if (zd !== 'warn' && zd !== 0 && zd !== 1) {
    const shown = typeof zd === 'string' ? pyReprStr(zd) : pyRepr(zd);
    throw new MetricError(
      'invalid-parameter',
      `The 'zero_division' parameter of jaccard_score must be a float among {0, 1} or a str among {'warn'}. Got ${shown} instead.`,
    );
  }
  const labels = setWiseLabels(counts, average, { labels: options.labels, posLabel: options.posLabel, labelInfo: options.labelInfo });
  const warnings: MetricWarning[] = [];
  const pos = options.posLabel;
  if (average !== 'binary' && pos !== undefined && pos !== 1) {
    warnings.push({
      code: 'pos-label-ignored',
      category: 'UserWarning',
      message:
        `Note that pos_label (set to ${labelRepr(pos, options.labelInfo)}) is ignored when average != 'binary' ` +
        `(got ${average === null ? 'None' : `'${average}'`}). You may use labels=[pos_label] to specify a single positive class.`,
    });
  }
  const zeroValue = zd === 1 ? 1 : 0;
  if (average === 'samples') return samplesJaccard(counts, labels, zd, zeroValue, warnings);

  const c = perLabelCounts(counts, labels);
  let num: number[] = Array.from(c.tp);
  // tp + fp + fn, each from the one-vs-rest matrix, as scikit-learn adds them
  let den: number[] = num.map((tp, i) => tp + (c.pred[i] - tp) + (c.true[i] - tp));
  if (average === 'micro') {
    num = [num.reduce((a, b) => a + b, 0)];
    den = [den.reduce((a, b) => a + b, 0)];
  }
  let anyZero = false;
  const jaccard = num.map((x, i) => {
    if (den[i] === 0) {
      anyZero = true;
      return zeroValue;
    }
    return x / den[i];
  });
  if (anyZero && zd === 'warn') warnings.push(jaccardWarning(average, jaccard.length));
  if (average === null) return { value: jaccard, warnings };
  if (average === 'weighted') {
    const w = Float64Array.from(c.true);
    if (w.some((x) => x !== 0)) return { value: npAverage(jaccard, w), warnings };
  }
  return { value: mean(jaccard), warnings };
}

function samplesJaccard(
  counts: Counts,
  labels: readonly number[] | undefined,
  zd: 'warn' | 0 | 1,
  zeroValue: number,
  warnings: MetricWarning[],
): ScoreResult {
  if (counts.kind !== 'multilabel') {
    throw new MetricError('samplewise-not-multilabel', 'Samplewise metrics are not available outside of multilabel classification.');
  }
  if (counts.samples === 0) throw new MetricError('empty-input', EMPTY_INPUT_MESSAGE);
  const { h } = samplewiseHistogram(counts, labels);
  const values = new Float64Array(h.tp.length);
  let anyZero = false;
  for (let i = 0; i < values.length; i++) {
    const tp = h.tp[i];
    const den = tp + (h.predCount[i] - tp) + (h.trueCount[i] - tp);
    if (den === 0) {
      anyZero = true;
      values[i] = zeroValue;
    } else {
      values[i] = tp / den;
    }
  }
  if (anyZero && zd === 'warn') warnings.push(jaccardWarning('samples', counts.samples));
  const seq = counts.sampleSequence();
  if (seq) {
    // numpy's summation order over the samples in row order: bit-identical
    const perSample = new Float64Array(seq.histogramIndex.length);
    for (let i = 0; i < perSample.length; i++) perSample[i] = values[seq.histogramIndex[i]];
    return { value: mean(perSample), warnings };
  }
  return { value: exactSumOfMultiples(values, h.count) / counts.samples, warnings };
}
