/**
 * Confusion counts: mergeable accumulators (so chunks can be counted on worker threads and combined), and
 * scikit-learn's confusion_matrix / multilabel_confusion_matrix computed from them.
 *
 * Every count is an integer held in a Float64Array (exact up to 2^53 samples). An accumulator's `state()` is
 * plain data (numbers and typed arrays only): post it to another thread with postMessage (structured clone;
 * the typed arrays may be transferred) and rebuild with `fromState`, or merge it directly with `merge`.
 * Counting is order-independent, so chunked + merged counts equal one-shot counts exactly.
 *
 * API
 *   class ConfusionAccumulator                        single-label (binary / multiclass), K classes
 *     constructor(k: number)
 *     static fromState(state: ConfusionState): ConfusionAccumulator
 *     readonly kind: 'single-label'; readonly k: number
 *     add(trueIndex: number, predIndex: number): void
 *     addBatch(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, start = 0, end = yTrue.length): void
 *     merge(other: ConfusionAccumulator | ConfusionState): this
 *     state(): ConfusionState                          a copy: { kind, k, counts (K×K row-major, row = true) }
 *     samples: number; correct: number                 totals (correct = trace)
 *     count(trueIndex, predIndex): number
 *     trueSums(): Float64Array; predSums(): Float64Array; diagonal(): Float64Array
 *     presentLabels(): number[]                        indices seen in y_true or y_pred, ascending
 *   class MultilabelAccumulator                       multilabel indicator targets, L labels
 *     constructor(numLabels: number, options?: MultilabelOptions)
 *         samplesLabels: the label columns that average='samples' looks at (scikit-learn slices y_true and
 *           y_pred to `labels` before computing per-sample counts). Default: all columns. Out-of-range
 *           labels throw scikit-learn's "All labels must be in [0, n labels) ..." error.
 *         firstRow: the global row index of the first sample added (default 0); see "sample order".
 *         sampleOrderLimit: how many samples may keep their order (default 2^20; 0 = never).
 *     static fromState(state: MultilabelState): MultilabelAccumulator
 *     readonly kind: 'multilabel'; readonly numLabels: number; readonly samplesLabels: readonly number[]
 *     addRow(yTrue, yPred, trueOffset = 0, predOffset = 0): void     one sample; non-zero = label set
 *     addBatch(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, rows?: number, firstRow?: number): void
 *         n×L row-major; firstRow = global index of the batch's first row (default: right after the
 *         previous batch)
 *     merge(other: MultilabelAccumulator | MultilabelState): this
 *     state(): MultilabelState
 *     samples: number; exactMatches: number            (subset accuracy = exactMatches / samples)
 *     tp, fp, fn, tn: Float64Array                     per label
 *     sampleHistogram(): { tp, trueCount, predCount, count: Float64Array }
 *         distinct per-sample (|T∩P|, |T|, |P|) over samplesLabels and how many samples had each
 *     sampleSequence(): { keys: Uint32Array; histogramIndex: Uint32Array } | null
 *         each sample's histogram entry in row order, when rows 0..n−1 are all known in order
 *   confusionMatrix(acc, labels?): ConfusionMatrixResult
 *       sklearn.metrics.confusion_matrix: rows = true, columns = predicted, in the order of `labels`
 *       (default: present labels ascending); samples whose true or predicted label is not in `labels` are
 *       left out. Errors: multilabel target, empty input, labels = [], no label of `labels` in y_true.
 *       Warning: a 1×1 matrix (scikit-learn's UserWarning).
 *   multilabelConfusionMatrix(acc, labels?): MultilabelConfusionResult
 *       sklearn.metrics.multilabel_confusion_matrix: per label [[tn, fp], [fn, tp]] (one-vs-rest for
 *       single-label targets).
 *
 *   Sample order (average='samples' only). scikit-learn averages the n per-sample values with numpy's
 *   pairwise summation, whose rounding depends on the order of the samples. The histogram (bounded memory,
 *   mergeable in any order) gives the exactly-summed, correctly rounded mean, which can differ from
 *   numpy's by an ulp. To be bit-identical, the accumulator also keeps each sample's histogram key (4 bytes
 *   per sample) in row order, up to sampleOrderLimit samples in total: give each chunk's accumulator (or
 *   batch) its global firstRow, and after merging, if the rows 0..n−1 are all present exactly once, the
 *   samples average is computed with numpy's own summation order. Otherwise (more samples than the limit,
 *   overlapping or missing rows) it falls back to the histogram.
 */
import { MetricError, MetricWarning } from './errors';

export interface ConfusionState {
  readonly kind: 'single-label';
  readonly k: number;
  /** K×K counts, row-major; counts[t·K + p] = samples with true index t predicted as p */
  readonly counts: Float64Array;
}

export interface MultilabelState {
  readonly kind: 'multilabel';
  readonly numLabels: number;
  readonly samples: number;
  readonly exactMatches: number;
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  readonly fn: Float64Array;
  readonly tn: Float64Array;
  readonly samplesLabels: Int32Array;
  /** histogram of per-sample (tp, true, pred) over samplesLabels: parallel arrays of keys and counts */
  readonly histKeys: Float64Array;
  readonly histCounts: Float64Array;
  readonly sampleOrderLimit: number;
  /** per-sample histogram keys by global row: contiguous segments sorted by start; null = not kept */
  readonly sampleOrder: { readonly start: number; readonly keys: Uint32Array }[] | null;
}

export interface MultilabelOptions {
  readonly samplesLabels?: readonly number[];
  readonly firstRow?: number;
  readonly sampleOrderLimit?: number;
}

interface Segment {
  start: number;
  keys: Uint32Array;
  length: number;
}

/** Sorts segments by start and joins the ones that touch. */
function coalesce(segments: readonly Segment[]): Segment[] {
  const sorted = [...segments].filter((s) => s.length > 0).sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && last.start + last.length === s.start) {
      const keys = new Uint32Array(last.length + s.length);
      keys.set(last.keys.subarray(0, last.length));
      keys.set(s.keys.subarray(0, s.length), last.length);
      out[out.length - 1] = { start: last.start, keys, length: keys.length };
    } else {
      out.push({ start: s.start, keys: s.keys.slice(0, s.length), length: s.length });
    }
  }
  return out;
}

export const EMPTY_INPUT_MESSAGE =
  'Found empty input array (e.g., `y_true` or `y_pred`) while a minimum of 1 sample is required.';

function checkK(k: number, what: string): void {
  if (!Number.isInteger(k) || k < 1) throw new MetricError('invalid-argument', `${what} must be a positive integer, got ${k}`);
}

function badIndex(i: number, k: number): never {
  throw new MetricError('index-out-of-range', `class index ${i} is outside 0..${k - 1}`);
}

export class ConfusionAccumulator {
  readonly kind = 'single-label' as const;
  readonly k: number;
  private readonly counts: Float64Array;

  constructor(k: number) {
    checkK(k, 'the number of classes');
    this.k = k;
    this.counts = new Float64Array(k * k);
  }

  static fromState(state: ConfusionState): ConfusionAccumulator {
    const acc = new ConfusionAccumulator(state.k);
    acc.merge(state);
    return acc;
  }

  add(trueIndex: number, predIndex: number): void {
    const k = this.k;
    if (!(trueIndex >= 0 && trueIndex < k) || (trueIndex | 0) !== trueIndex) badIndex(trueIndex, k);
    if (!(predIndex >= 0 && predIndex < k) || (predIndex | 0) !== predIndex) badIndex(predIndex, k);
    this.counts[trueIndex * k + predIndex]++;
  }

  addBatch(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, start = 0, end = yTrue.length): void {
    if (yPred.length < end) throw new MetricError('invalid-argument', 'addBatch: y_pred is shorter than y_true');
    const k = this.k;
    const counts = this.counts;
    for (let i = start; i < end; i++) {
      const t = yTrue[i];
      const p = yPred[i];
      if (!(t >= 0 && t < k) || (t | 0) !== t) badIndex(t, k);
      if (!(p >= 0 && p < k) || (p | 0) !== p) badIndex(p, k);
      counts[t * k + p]++;
    }
  }

  merge(other: ConfusionAccumulator | ConfusionState): this {
    const src = other instanceof ConfusionAccumulator ? other.counts : other.counts; // private vs state field
    if (other.k !== this.k || src.length !== this.counts.length) {
      throw new MetricError('incompatible-accumulators', `cannot merge confusion counts of ${other.k} and ${this.k} classes`);
    }
    for (let i = 0; i < src.length; i++) this.counts[i] += src[i];
    return this;
  }

  state(): ConfusionState {
    return { kind: 'single-label', k: this.k, counts: this.counts.slice() };
  }

  count(trueIndex: number, predIndex: number): number {
    return this.counts[trueIndex * this.k + predIndex];
  }

  get samples(): number {
    let s = 0;
    for (let i = 0; i < this.counts.length; i++) s += this.counts[i];
    return s;
  }

  get correct(): number {
    let s = 0;
    for (let i = 0; i < this.k; i++) s += this.counts[i * this.k + i];
    return s;
  }

  trueSums(): Float64Array {
    const k = this.k;
    const out = new Float64Array(k);
    for (let t = 0; t < k; t++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += this.counts[t * k + p];
      out[t] = s;
    }
    return out;
  }

  predSums(): Float64Array {
    const k = this.k;
    const out = new Float64Array(k);
    for (let t = 0; t < k; t++) for (let p = 0; p < k; p++) out[p] += this.counts[t * k + p];
    return out;
  }

  diagonal(): Float64Array {
    const k = this.k;
    const out = new Float64Array(k);
    for (let i = 0; i < k; i++) out[i] = this.counts[i * k + i];
    return out;
  }

  presentLabels(): number[] {
    const t = this.trueSums();
    const p = this.predSums();
    const out: number[] = [];
    for (let i = 0; i < this.k; i++) if (t[i] > 0 || p[i] > 0) out.push(i);
    return out;
  }
}

export interface SampleHistogram {
  readonly tp: Float64Array;
  readonly trueCount: Float64Array;
  readonly predCount: Float64Array;
  readonly count: Float64Array;
}

export function multilabelRangeError(labels: readonly number[], numLabels: number): MetricError | null {
  // scikit-learn checks the given labels extended by the present ones (0..L-1) when they differ from 0..L-1
  let same = labels.length === numLabels;
  for (let i = 0; same && i < labels.length; i++) same = labels[i] === i;
  if (same) return null;
  let max = numLabels - 1;
  let min = 0;
  for (const l of labels) {
    if (l > max) max = l;
    if (l < min) min = l;
  }
  if (max > numLabels - 1) {
    return new MetricError(
      'multilabel-label-out-of-range',
      `All labels must be in [0, n labels) for multilabel targets. Got ${max} > ${numLabels - 1}`,
    );
  }
  if (min < 0) {
    return new MetricError('multilabel-label-out-of-range', `All labels must be in [0, n labels) for multilabel targets. Got ${min} < 0`);
  }
  for (const l of labels) {
    if (!Number.isInteger(l)) return new MetricError('invalid-argument', `label ${l} is not an integer column index`);
  }
  return null;
}

export class MultilabelAccumulator {
  readonly kind = 'multilabel' as const;
  readonly numLabels: number;
  readonly samplesLabels: readonly number[];
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  readonly fn: Float64Array;
  readonly tn: Float64Array;
  private nSamples = 0;
  private nExact = 0;
  private readonly allColumns: boolean;
  private readonly base: number;
  private readonly hist = new Map<number, number>();
  readonly sampleOrderLimit: number;
  private segments: Segment[] | null;
  private orderedCount = 0;
  private cursor: number;

  constructor(numLabels: number, options?: MultilabelOptions) {
    checkK(numLabels, 'the number of labels');
    this.numLabels = numLabels;
    this.tp = new Float64Array(numLabels);
    this.fp = new Float64Array(numLabels);
    this.fn = new Float64Array(numLabels);
    this.tn = new Float64Array(numLabels);
    const given = options?.samplesLabels;
    if (given !== undefined) {
      const err = multilabelRangeError(given, numLabels);
      if (err) throw err;
    }
    this.samplesLabels = given ? [...given] : Array.from({ length: numLabels }, (_, i) => i);
    this.allColumns = given === undefined || (given.length === numLabels && given.every((l, i) => l === i));
    this.base = this.samplesLabels.length + 1;
    const limit = options?.sampleOrderLimit ?? 1 << 20;
    if (!(limit >= 0)) throw new MetricError('invalid-argument', `sampleOrderLimit must be >= 0, got ${limit}`);
    this.sampleOrderLimit = limit;
    // keys must fit in 32 bits to be kept per sample
    this.segments = limit > 0 && this.base ** 3 <= 2 ** 32 ? [] : null;
    this.cursor = options?.firstRow ?? 0;
    if (!Number.isInteger(this.cursor) || this.cursor < 0) {
      throw new MetricError('invalid-argument', `firstRow must be a non-negative integer, got ${this.cursor}`);
    }
  }

  private record(key: number): void {
    const row = this.cursor++;
    const segments = this.segments;
    if (segments === null) return;
    if (++this.orderedCount > this.sampleOrderLimit) {
      this.segments = null;
      return;
    }
    let seg = segments[segments.length - 1];
    if (!seg || seg.start + seg.length !== row) {
      seg = { start: row, keys: new Uint32Array(256), length: 0 };
      segments.push(seg);
    }
    if (seg.length === seg.keys.length) {
      const grown = new Uint32Array(seg.keys.length * 2);
      grown.set(seg.keys);
      seg.keys = grown;
    }
    seg.keys[seg.length++] = key;
  }

  static fromState(state: MultilabelState): MultilabelAccumulator {
    const acc = new MultilabelAccumulator(state.numLabels, {
      samplesLabels: Array.from(state.samplesLabels),
      sampleOrderLimit: state.sampleOrderLimit,
    });
    acc.merge(state);
    return acc;
  }

  get samples(): number {
    return this.nSamples;
  }

  get exactMatches(): number {
    return this.nExact;
  }

  addRow(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, trueOffset = 0, predOffset = 0): void {
    const L = this.numLabels;
    if (yTrue.length < trueOffset + L || yPred.length < predOffset + L) {
      throw new MetricError('invalid-argument', `addRow: a row needs ${L} values`);
    }
    let exact = true;
    let sTp = 0;
    let sTrue = 0;
    let sPred = 0;
    for (let j = 0; j < L; j++) {
      const t = yTrue[trueOffset + j] !== 0;
      const p = yPred[predOffset + j] !== 0;
      if (t) {
        if (p) {
          this.tp[j]++;
          sTp++;
        } else {
          this.fn[j]++;
          exact = false;
        }
        sTrue++;
      } else if (p) {
        this.fp[j]++;
        exact = false;
      } else {
        this.tn[j]++;
      }
      if (p) sPred++;
    }
    if (!this.allColumns) {
      sTp = sTrue = sPred = 0;
      for (const j of this.samplesLabels) {
        const t = yTrue[trueOffset + j] !== 0;
        const p = yPred[predOffset + j] !== 0;
        if (t) sTrue++;
        if (p) sPred++;
        if (t && p) sTp++;
      }
    }
    const key = (sTp * this.base + sTrue) * this.base + sPred;
    this.hist.set(key, (this.hist.get(key) ?? 0) + 1);
    this.record(key);
    this.nSamples++;
    if (exact) this.nExact++;
  }

  addBatch(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, rows?: number, firstRow?: number): void {
    const L = this.numLabels;
    if (firstRow !== undefined) {
      if (!Number.isInteger(firstRow) || firstRow < 0) {
        throw new MetricError('invalid-argument', `firstRow must be a non-negative integer, got ${firstRow}`);
      }
      this.cursor = firstRow;
    }
    const n = rows ?? yTrue.length / L;
    if (!Number.isInteger(n) || yTrue.length < n * L || yPred.length < n * L) {
      throw new MetricError('invalid-argument', `addBatch: expected ${L}-column rows in y_true and y_pred`);
    }
    for (let i = 0, o = 0; i < n; i++, o += L) this.addRow(yTrue, yPred, o, o);
  }

  merge(other: MultilabelAccumulator | MultilabelState): this {
    const otherLabels = other instanceof MultilabelAccumulator ? other.samplesLabels : Array.from(other.samplesLabels);
    if (
      other.numLabels !== this.numLabels ||
      otherLabels.length !== this.samplesLabels.length ||
      otherLabels.some((l, i) => l !== this.samplesLabels[i])
    ) {
      throw new MetricError('incompatible-accumulators', 'cannot merge multilabel counts of different shapes');
    }
    for (let j = 0; j < this.numLabels; j++) {
      this.tp[j] += other.tp[j];
      this.fp[j] += other.fp[j];
      this.fn[j] += other.fn[j];
      this.tn[j] += other.tn[j];
    }
    let otherSegments: Segment[] | null;
    if (other instanceof MultilabelAccumulator) {
      this.nSamples += other.nSamples;
      this.nExact += other.nExact;
      for (const [k, c] of other.hist) this.hist.set(k, (this.hist.get(k) ?? 0) + c);
      otherSegments = other.segments;
    } else {
      this.nSamples += other.samples;
      this.nExact += other.exactMatches;
      for (let i = 0; i < other.histKeys.length; i++) {
        const k = other.histKeys[i];
        this.hist.set(k, (this.hist.get(k) ?? 0) + other.histCounts[i]);
      }
      otherSegments = other.sampleOrder && other.sampleOrder.map((g) => ({ start: g.start, keys: g.keys, length: g.keys.length }));
    }
    if (this.segments !== null) {
      const added = other.samples === 0 ? 0 : otherSegments === null ? Infinity : otherSegments.reduce((a, g) => a + g.length, 0);
      if (added !== other.samples || this.orderedCount + added > this.sampleOrderLimit) {
        this.segments = null;
      } else {
        this.orderedCount += added;
        this.segments = coalesce([...this.segments, ...(otherSegments ?? [])]);
      }
    }
    return this;
  }

  sampleSequence(): { keys: Uint32Array; histogramIndex: Uint32Array } | null {
    if (this.segments === null) return null;
    const segs = coalesce(this.segments);
    if (this.nSamples === 0 || segs.length !== 1 || segs[0].start !== 0 || segs[0].length !== this.nSamples) return null;
    const sortedKeys = [...this.hist.keys()].sort((a, b) => a - b);
    const where = new Map(sortedKeys.map((k, i) => [k, i]));
    const keys = segs[0].keys;
    const histogramIndex = new Uint32Array(keys.length);
    for (let i = 0; i < keys.length; i++) histogramIndex[i] = where.get(keys[i])!;
    return { keys, histogramIndex };
  }

  state(): MultilabelState {
    const keys = [...this.hist.keys()].sort((a, b) => a - b);
    return {
      kind: 'multilabel',
      numLabels: this.numLabels,
      samples: this.nSamples,
      exactMatches: this.nExact,
      tp: this.tp.slice(),
      fp: this.fp.slice(),
      fn: this.fn.slice(),
      tn: this.tn.slice(),
      samplesLabels: Int32Array.from(this.samplesLabels),
      histKeys: Float64Array.from(keys),
      histCounts: Float64Array.from(keys.map((k) => this.hist.get(k)!)),
      sampleOrderLimit: this.sampleOrderLimit,
      sampleOrder: this.segments && coalesce(this.segments).map((g) => ({ start: g.start, keys: g.keys })),
    };
  }

  sampleHistogram(): SampleHistogram {
    const keys = [...this.hist.keys()].sort((a, b) => a - b);
    const n = keys.length;
    const h: SampleHistogram = {
      tp: new Float64Array(n),
      trueCount: new Float64Array(n),
      predCount: new Float64Array(n),
      count: new Float64Array(n),
    };
    const b = this.base;
    keys.forEach((key, i) => {
      h.predCount[i] = key % b;
      h.trueCount[i] = Math.floor(key / b) % b;
      h.tp[i] = Math.floor(key / (b * b));
      h.count[i] = this.hist.get(key)!;
    });
    return h;
  }
}

export type Counts = ConfusionAccumulator | MultilabelAccumulator;

export interface ConfusionMatrixResult {
  /** matrix[i][j]: samples of true label labels[i] predicted as labels[j] */
  readonly matrix: number[][];
  readonly labels: number[];
  readonly warnings: MetricWarning[];
}

export function confusionMatrix(acc: Counts, labels?: readonly number[]): ConfusionMatrixResult {
  if (acc.kind === 'multilabel') {
    if (acc.samples === 0) throw new MetricError('empty-input', EMPTY_INPUT_MESSAGE);
    throw new MetricError('multilabel-not-supported', 'multilabel-indicator is not supported');
  }
  if (acc.samples === 0) throw new MetricError('empty-input', EMPTY_INPUT_MESSAGE);
  let order: number[];
  if (labels === undefined) {
    order = acc.presentLabels();
  } else {
    if (labels.length === 0) throw new MetricError('no-labels', "'labels' should contain at least one label.");
    for (const l of labels) if (!(l >= 0 && l < acc.k) || !Number.isInteger(l)) badIndex(l, acc.k);
    const trueSums = acc.trueSums();
    if (!labels.some((l) => trueSums[l] > 0)) {
      throw new MetricError('no-label-in-y-true', 'At least one label specified must be in y_true');
    }
    order = [...labels];
  }
  const matrix = order.map((t) => order.map((p) => acc.count(t, p)));
  const warnings: MetricWarning[] = [];
  if (order.length === 1) {
    warnings.push({
      code: 'single-label-confusion',
      category: 'UserWarning',
      message:
        "A single label was found in 'y_true' and 'y_pred'. For the confusion matrix to have the correct shape, " +
        "use the 'labels' parameter to pass all known labels.",
    });
  }
  return { matrix, labels: order, warnings };
}

export interface MultilabelConfusionResult {
  /** per label: [[tn, fp], [fn, tp]] */
  readonly matrices: number[][][];
  readonly labels: number[];
}

export function multilabelConfusionMatrix(acc: Counts, labels?: readonly number[]): MultilabelConfusionResult {
  if (acc.samples === 0) throw new MetricError('empty-input', EMPTY_INPUT_MESSAGE);
  const c = perLabelCounts(acc, labels);
  const matrices = c.labels.map((_, i) => {
    const tp = c.tp[i];
    const fp = c.pred[i] - tp;
    const fn = c.true[i] - tp;
    const tn = acc.samples - tp - fp - fn;
    return [
      [tn, fp],
      [fn, tp],
    ];
  });
  return { matrices, labels: c.labels };
}

export interface PerLabelCounts {
  readonly labels: number[];
  readonly tp: Float64Array;
  readonly pred: Float64Array;
  readonly true: Float64Array;
}

/**
 * tp, predicted and true counts of each label of `labels` (default: the present labels for single-label
 * targets, every column for multilabel targets), one-vs-rest, as scikit-learn's multilabel_confusion_matrix.
 */
export function perLabelCounts(acc: Counts, labels?: readonly number[]): PerLabelCounts {
  let order: number[];
  if (acc.kind === 'multilabel') {
    if (labels !== undefined) {
      const err = multilabelRangeError(labels, acc.numLabels);
      if (err) throw err;
      order = [...labels];
    } else {
      order = Array.from({ length: acc.numLabels }, (_, i) => i);
    }
    const n = order.length;
    const out = { labels: order, tp: new Float64Array(n), pred: new Float64Array(n), true: new Float64Array(n) };
    order.forEach((l, i) => {
      out.tp[i] = acc.tp[l];
      out.pred[i] = acc.tp[l] + acc.fp[l];
      out.true[i] = acc.tp[l] + acc.fn[l];
    });
    return out;
  }
  if (labels !== undefined) {
    for (const l of labels) if (!(l >= 0 && l < acc.k) || !Number.isInteger(l)) badIndex(l, acc.k);
    order = [...labels];
  } else {
    order = acc.presentLabels();
  }
  const diag = acc.diagonal();
  const ts = acc.trueSums();
  const ps = acc.predSums();
  const n = order.length;
  const out = { labels: order, tp: new Float64Array(n), pred: new Float64Array(n), true: new Float64Array(n) };
  order.forEach((l, i) => {
    out.tp[i] = diag[l];
    out.pred[i] = ps[l];
    out.true[i] = ts[l];
  });
  return out;
}
