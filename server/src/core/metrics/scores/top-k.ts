/**
 * sklearn.metrics.top_k_accuracy_score (scikit-learn 1.9.x) as a streaming, mergeable accumulator.
 *
 * A sample is a hit when its true class is among the k classes with the highest scores. Ties are broken as
 * scikit-learn's np.argsort(y_score, kind="mergesort")[:, ::-1]: among equal scores the HIGHER class index
 * ranks first. So class t is a hit iff #{j : s_j > s_t, or s_j = s_t and j > t} < k.
 *
 * API
 *   interface TopKOptions {
 *     cols: number            y_score columns: 1 (binary: P(class 1) or a decision value) or K
 *     k?: number              default 2 (an int ≥ 1)
 *     normalize?: boolean     default true: the fraction of hits; false: their number
 *     labels?: number         scikit-learn's labels= as a count: the classes are 0..labels−1; default: the
 *                             classes found in y_true
 *   }
 *   createTopK / updateTopK(state, chunk) / mergeTopK(a, b) / finalizeTopK(state): ScoreResult
 *       chunk.yTrue: class indices (one per row); chunk.yPred: n × cols scores
 *
 * scikit-learn's rules, decided at finalize (they need the whole y_true):
 *   - y_true is binary when it holds ≤ 2 classes and labels has ≤ 2 entries, else multiclass.
 *   - binary: y_score must be 1-D ("`y_true` is binary while y_score is 2d with K classes. If `y_true` does not
 *     contain all the labels, `labels` must be provided."). For k = 1 the prediction is score > 0.5 when every
 *     score is in [0, 1], else score > 0; for k ≥ 2 every sample is a hit.
 *   - multiclass: y_score must be 2-D ("`y_score` needs to be of shape `(n_samples, n_classes)` …").
 *   - classes: without labels, the number of classes in y_true must equal the columns ("Number of classes in
 *     'y_true' (m) not equal to the number of classes in 'y_score' (K).You can provide a list of all known
 *     classes by assigning it to the `labels` parameter."); with labels, their number must ("Number of given
 *     labels (m) not equal to the number of classes in 'y_score' (K).") and y_true must lie within them.
 *   - k ≥ the number of classes: the UndefinedMetricWarning "'k' (k) greater than or equal to 'n_classes' (m)
 *     will result in a perfect score and is therefore meaningless."
 *   - NaN / ±∞ scores: check_array's "Input contains NaN." / "Input contains infinity …".
 */
import { MetricError, type MetricWarning } from '../classification/errors';
import type { ScoreChunk, ScoreResult, StoredError } from './types';
import { keepFirstError, raise } from './types';

export interface TopKOptions {
  /** default 2 */
  readonly k?: number;
  /** default true (fraction); false = number of hits */
  readonly normalize?: boolean;
  /** columns of y_score: 1 (binary P(class 1) / decision value) or K */
  readonly cols: number;
  /** scikit-learn's labels= as a count (classes 0..labels−1); default: the classes found in y_true */
  readonly labels?: number;
}

export interface TopKState {
  readonly kind: 'top_k_accuracy';
  readonly options: TopKOptions;
  rows: number;
  /** cols ≥ 2: samples whose class index is among the top k columns */
  hits: number;
  /** cols = 1: hits of the k = 1 prediction with threshold 0.5 and with threshold 0 */
  hitsAtHalf: number;
  hitsAtZero: number;
  seen: number[];
  min: number;
  max: number;
  hasNaN: boolean;
  hasInfinity: boolean;
  error: StoredError | null;
}

export function createTopK(options: TopKOptions): TopKState {
  const state: TopKState = {
    kind: 'top_k_accuracy',
    options: { ...options },
    rows: 0,
    hits: 0,
    hitsAtHalf: 0,
    hitsAtZero: 0,
    seen: [],
    min: Infinity,
    max: -Infinity,
    hasNaN: false,
    hasInfinity: false,
    error: null,
  };
  const k = options.k ?? 2;
  if (!Number.isInteger(k) || k < 1) {
    state.error = {
      code: 'invalid-parameter',
      message: `The 'k' parameter of top_k_accuracy_score must be an int in the range [1, inf). Got ${k} instead.`,
      pythonType: 'ValueError',
      row: -1,
    };
  } else if (!Number.isInteger(options.cols) || options.cols < 1) {
    state.error = { code: 'invalid-argument', message: `top_k_accuracy: cols must be a positive integer, got ${options.cols}`, pythonType: 'ValueError', row: -1 };
  }
  return state;
}

export function updateTopK(state: TopKState, chunk: ScoreChunk): TopKState {
  if (state.error) return state;
  const cols = state.options.cols;
  const k = state.options.k ?? 2;
  const n = chunk.n ?? chunk.yPred.length / cols;
  const rowStart = chunk.rowStart ?? 0;
  if (!Number.isInteger(n) || chunk.yPred.length < n * cols || chunk.yTrue.length < n) {
    state.error = keepFirstError(state.error, {
      code: 'invalid-argument',
      message: `top_k_accuracy: a chunk of ${chunk.yPred.length} scores does not hold rows of ${cols}`,
      pythonType: 'ValueError',
      row: rowStart,
    });
    return state;
  }
  const yt = chunk.yTrue;
  const ys = chunk.yPred;
  for (let i = 0; i < n; i++) {
    const t = yt[i];
    if (!Number.isInteger(t) || t < 0) {
      state.error = keepFirstError(state.error, {
        code: 'invalid-argument',
        message: `top_k_accuracy: y_true row ${rowStart + i + 1}: ${t} is not a class index`,
        pythonType: 'ValueError',
        row: rowStart + i,
      });
      return state;
    }
    while (state.seen.length <= t) state.seen.push(0);
    state.seen[t] = 1;
    const o = i * cols;
    let finite = true;
    for (let j = 0; j < cols; j++) {
      const s = ys[o + j];
      if (Number.isNaN(s)) {
        state.hasNaN = true;
        finite = false;
      } else if (s === Infinity || s === -Infinity) {
        state.hasInfinity = true;
        finite = false;
      } else {
        if (s < state.min) state.min = s;
        if (s > state.max) state.max = s;
      }
    }
    if (!finite) continue;
    if (cols === 1) {
      const s = ys[o];
      if ((s > 0.5 ? 1 : 0) === t) state.hitsAtHalf++;
      if ((s > 0 ? 1 : 0) === t) state.hitsAtZero++;
    } else if (t < cols) {
      const st = ys[o + t];
      let ahead = 0;
      for (let j = 0; j < cols && ahead < k; j++) {
        const s = ys[o + j];
        if (s > st || (s === st && j > t)) ahead++;
      }
      if (ahead < k) state.hits++;
    }
  }
  state.rows += n;
  return state;
}

export function mergeTopK(a: TopKState, b: TopKState): TopKState {
  if (a.options.cols !== b.options.cols || (a.options.k ?? 2) !== (b.options.k ?? 2)) {
    throw new MetricError('incompatible-accumulators', 'cannot merge top_k_accuracy states of different shapes');
  }
  const seen: number[] = [];
  for (let c = 0; c < Math.max(a.seen.length, b.seen.length); c++) seen.push((a.seen[c] ?? 0) | (b.seen[c] ?? 0));
  return {
    kind: 'top_k_accuracy',
    options: a.options,
    rows: a.rows + b.rows,
    hits: a.hits + b.hits,
    hitsAtHalf: a.hitsAtHalf + b.hitsAtHalf,
    hitsAtZero: a.hitsAtZero + b.hitsAtZero,
    seen,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    hasNaN: a.hasNaN || b.hasNaN,
    hasInfinity: a.hasInfinity || b.hasInfinity,
    error: keepFirstError(a.error, b.error),
  };
}

function fail(message: string, code: 'invalid-scores' | 'unsupported-target' | 'shape-mismatch' | 'empty-input' = 'shape-mismatch'): never {
  throw new MetricError(code, message);
}

export function finalizeTopK(state: TopKState): ScoreResult {
  if (state.error) raise(state.error);
  const { cols, labels } = state.options;
  const k = state.options.k ?? 2;
  const normalize = state.options.normalize ?? true;
  const n = state.rows;
  if (n === 0) fail('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.', 'empty-input');
  const present: number[] = [];
  state.seen.forEach((s, c) => s && present.push(c));
  const binary = present.length <= 2 && !(labels !== undefined && labels > 2);
  if (state.hasNaN) fail('Input contains NaN.', 'invalid-scores');
  if (state.hasInfinity) fail("Input contains infinity or a value too large for dtype('float64').", 'invalid-scores');
  if (binary && cols !== 1) {
    fail(
      `\`y_true\` is binary while y_score is 2d with ${cols} classes. If \`y_true\` does not contain all the labels, \`labels\` must be provided.`,
    );
  }
  if (!binary && cols === 1) {
    fail(`\`y_score\` needs to be of shape \`(n_samples, n_classes)\`, since \`y_true\` contains multiple classes. Got \`y_score.shape=(${n},)\`.`);
  }
  const scoreClasses = cols === 1 ? 2 : cols;
  let classes: number[];
  if (labels === undefined) {
    classes = present;
    if (classes.length !== scoreClasses) {
      fail(
        `Number of classes in 'y_true' (${classes.length}) not equal to the number of classes in 'y_score' (${scoreClasses}).` +
          'You can provide a list of all known classes by assigning it to the `labels` parameter.',
      );
    }
  } else {
    classes = Array.from({ length: labels }, (_, i) => i);
    if (labels !== scoreClasses) {
      fail(`Number of given labels (${labels}) not equal to the number of classes in 'y_score' (${scoreClasses}).`);
    }
    if (present.some((c) => c >= labels)) fail("'y_true' contains labels not in parameter 'labels'.");
  }
  if (classes.some((c, i) => c !== i)) {
    // hits were counted with column = class index; scikit-learn encodes y_true by position among the classes
    throw new MetricError('shape-mismatch', `top_k_accuracy: class index ${classes[classes.length - 1]} has no column among the ${scoreClasses} score columns`);
  }
  const warnings: MetricWarning[] = [];
  if (k >= classes.length) {
    warnings.push({
      code: 'k-not-less-than-n-classes',
      category: 'UndefinedMetricWarning',
      message: `'k' (${k}) greater than or equal to 'n_classes' (${classes.length}) will result in a perfect score and is therefore meaningless.`,
    });
  }
  let hits: number;
  if (cols === 1) {
    if (k === 1) hits = state.min >= 0 && state.max <= 1 ? state.hitsAtHalf : state.hitsAtZero;
    else hits = n;
  } else {
    hits = state.hits;
  }
  return { value: normalize ? hits / n : hits, warnings };
}
