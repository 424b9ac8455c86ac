/**
 * sklearn.metrics.brier_score_loss (scikit-learn 1.9.x) as a streaming, mergeable accumulator.
 *
 *   BS = s · (1/n) Σ_i Σ_k (T_ik − P_ik)²
 *
 * T_i is the one-hot row of sample i, P_i its probability row; s = ½ when y_prob has one or two columns
 * (scale_by_half='auto', scikit-learn ≥ 1.7: the binary Brier score keeps its classic [0, 1] range), else 1.
 *
 * API
 *   interface BrierOptions {
 *     cols: number               y_prob columns: 1 = P(positive class) (binary path), K ≥ 2 (multiclass path)
 *     nClasses?: number          the declared classes 0..K−1 (scikit-learn's labels=; multiclass path only);
 *                                omitted = the classes found in y_true
 *     posLabel?: number          binary path: the positive class index; omitted = scikit-learn's
 *                                pos_label=None rule (1 when the classes present are within {0, 1}, else the
 *                                largest class present)
 *     scaleByHalf?: boolean | 'auto'     default 'auto'
 *     indicator?: boolean        y_true is n × cols 0/1 indicator rows (multilabel): scikit-learn's LabelBinarizer
 *                                keeps them as they are (the classes are the columns), so each row adds
 *                                Σ_k (y_ik − p_ik)²; with labels= scikit-learn refuses ("The object was not fitted
 *                                with multilabel input.")
 *   }
 *   createBrier(options): BrierState         plain data
 *   updateBrier(state, chunk): BrierState    chunk.yTrue = class indices (one per row); chunk.yPred = n × cols
 *   mergeBrier(a, b): BrierState             a new state, any order
 *   finalizeBrier(state): ScoreResult        throws MetricError where scikit-learn raises
 *
 * scikit-learn's checks, in its order (each needs the whole array, so they are decided at finalize):
 *   - y_prob NaN / ±∞ → "Input contains NaN." / "Input contains infinity or a value too large for
 *     dtype('float64')."; no rows → "Found array with 0 sample(s) …".
 *   - binary path: y_true with more than two classes → "The type of the target inferred from y_true is
 *     multiclass but should be binary according to the shape of y_prob."; then max > 1 → "y_prob contains
 *     values greater than 1: {max}"; min < 0 → "y_prob contains values less than 0: {min}". Each row
 *     contributes ((1 − y) − (1 − p))² + (y − p)² (scikit-learn stacks [1 − p, p]).
 *   - multiclass path: max > 1 / min < 0 ("… lower than 0: …"); with labels: y_true outside them →
 *     "y_true contains values {…} not belonging to the passed labels […]", fewer than two labels → "The labels
 *     array needs to contain at least two labels, got […]."; without: one class → "y_true contains only one
 *     label (…). Please provide the list of all expected class labels explicitly through the labels argument.";
 *     rows not summing to 1 (|s − 1| > 1e-8 + √ε) → UserWarning "The y_prob values do not sum to one. Make sure
 *     to pass probabilities."; classes ≠ columns → "y_true and y_prob contain different number of classes: …"
 *     / "The number of classes in labels is different from that in y_prob. Classes found in labels: […]".
 *   The per-row sums are exact sums (exact-sum.ts) (per candidate positive class on the binary path, since pos_label may
 *   depend on every class present): the same bits whatever the chunking, within ~1e-16 relative of numpy's pairwise mean.
 */
import { MetricError, type MetricWarning } from '../classification/errors';
import { numpyArrayStr } from '../classification/labels';
import { pyRepr } from '../classification/pyformat';
import { pairwiseSum } from '../classification/reductions';
import { emptySum, mergeSums, sumValue, SumBatch, type ExactSum } from '../losses/exact-sum';
import type { ScoreChunk, ScoreResult, StoredError } from './types';
import { keepFirstError, raise } from './types';

export interface BrierOptions {
  readonly cols: number;
  readonly nClasses?: number;
  readonly posLabel?: number;
  readonly scaleByHalf?: boolean | 'auto';
  readonly indicator?: boolean;
}

export interface BrierState {
  readonly kind: 'brier_score_loss';
  readonly options: BrierOptions;
  rows: number;
  /** binary path: per class index c, Σ of row terms if c were the positive class / if it were not */
  ifPositive: ExactSum[];
  ifNegative: ExactSum[];
  /** multiclass path: per class index c (the row's true class), Σ of row terms */
  byClass: ExactSum[];
  /** class indices seen in y_true: seen[c] = 1 */
  seen: number[];
  min: number;
  max: number;
  hasNaN: boolean;
  hasInfinity: boolean;
  rowsNotNormalized: number;
  error: StoredError | null;
}

const SUM_TOL = 1e-8 + Math.sqrt(2.220446049250313e-16);

export function createBrier(options: BrierOptions): BrierState {
  const state: BrierState = {
    kind: 'brier_score_loss',
    options: { ...options },
    rows: 0,
    ifPositive: [],
    ifNegative: [],
    byClass: [],
    seen: [],
    min: Infinity,
    max: -Infinity,
    hasNaN: false,
    hasInfinity: false,
    rowsNotNormalized: 0,
    error: null,
  };
  if (!Number.isInteger(options.cols) || options.cols < 1) {
    state.error = { code: 'invalid-argument', message: `brier_score_loss: cols must be a positive integer, got ${options.cols}`, pythonType: 'ValueError', row: -1 };
  }
  return state;
}

/** numpy's x ** 2 is x·x (one rounding) */
function sq(x: number): number {
  return x * x;
}

function slot(list: ExactSum[], c: number): ExactSum {
  while (list.length <= c) list.push(emptySum());
  return list[c];
}

export function updateBrier(state: BrierState, chunk: ScoreChunk): BrierState {
  if (state.error) return state;
  const k = state.options.cols;
  const n = chunk.n ?? chunk.yPred.length / k;
  const rowStart = chunk.rowStart ?? 0;
  const indicator = state.options.indicator === true;
  if (!Number.isInteger(n) || chunk.yPred.length < n * k || chunk.yTrue.length < (indicator ? n * k : n)) {
    state.error = keepFirstError(state.error, {
      code: 'invalid-argument',
      message: `brier_score_loss: a chunk of ${chunk.yPred.length} probabilities does not hold rows of ${k}`,
      pythonType: 'ValueError',
      row: rowStart,
    });
    return state;
  }
  const yt = chunk.yTrue;
  const yp = chunk.yPred;
  const rowTerms = new Float64Array(Math.max(k, 2));
  // Each class's sums get their terms in batches (SumBatch), added at the end of the chunk.
  const batches: SumBatch[][] = [[], [], []];
  const add = (which: 0 | 1 | 2, slots: ExactSum[], t: number, x: number) => (batches[which][t] ??= new SumBatch(slot(slots, t))).push(x);
  const flush = () => batches.forEach((list) => list.forEach((b) => b?.done()));
  for (let i = 0; i < n; i++) {
    // Indicator rows (multilabel) are their own one-hot rows: their sums go to one slot.
    const t = indicator ? 0 : yt[i];
    if (!Number.isInteger(t) || t < 0) {
      state.error = keepFirstError(state.error, {
        code: 'invalid-argument',
        message: `brier_score_loss: y_true row ${rowStart + i + 1}: ${t} is not a class index`,
        pythonType: 'ValueError',
        row: rowStart + i,
      });
      flush();
      return state;
    }
    while (state.seen.length <= t) state.seen.push(0);
    state.seen[t] = 1;
    let finite = true;
    for (let j = 0; j < k; j++) {
      const p = yp[i * k + j];
      if (Number.isNaN(p)) {
        state.hasNaN = true;
        finite = false;
      } else if (p === Infinity || p === -Infinity) {
        state.hasInfinity = true;
        finite = false;
      } else {
        if (p < state.min) state.min = p;
        if (p > state.max) state.max = p;
      }
    }
    if (!finite) continue;
    if (k === 1) {
      const p = yp[i];
      const q = 1 - p; // scikit-learn stacks [1 − p, p]
      // y = 1: ((1 − 1) − q)² + (1 − p)²;  y = 0: ((1 − 0) − q)² + (0 − p)²
      add(0, state.ifPositive, t, sq(0 - q) + sq(1 - p));
      add(1, state.ifNegative, t, sq(1 - q) + sq(0 - p));
    } else {
      for (let j = 0; j < k; j++) rowTerms[j] = sq((indicator ? yt[i * k + j] : j === t ? 1 : 0) - yp[i * k + j]);
      const rowSum = pairwiseSum(yp, i * k, k);
      if (!(Math.abs(rowSum - 1) <= SUM_TOL)) state.rowsNotNormalized++;
      add(2, state.byClass, t, pairwiseSum(rowTerms, 0, k));
    }
  }
  flush();
  state.rows += n;
  return state;
}

function mergeSlots(a: ExactSum[], b: ExactSum[]): ExactSum[] {
  const out: ExactSum[] = [];
  for (let c = 0; c < Math.max(a.length, b.length); c++) out.push(mergeSums(a[c] ?? emptySum(), b[c] ?? emptySum()));
  return out;
}

export function mergeBrier(a: BrierState, b: BrierState): BrierState {
  if (a.options.cols !== b.options.cols) {
    throw new MetricError('incompatible-accumulators', 'cannot merge brier_score_loss states of different widths');
  }
  const seen: number[] = [];
  for (let c = 0; c < Math.max(a.seen.length, b.seen.length); c++) seen.push((a.seen[c] ?? 0) | (b.seen[c] ?? 0));
  return {
    kind: 'brier_score_loss',
    options: a.options,
    rows: a.rows + b.rows,
    ifPositive: mergeSlots(a.ifPositive, b.ifPositive),
    ifNegative: mergeSlots(a.ifNegative, b.ifNegative),
    byClass: mergeSlots(a.byClass, b.byClass),
    seen,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    hasNaN: a.hasNaN || b.hasNaN,
    hasInfinity: a.hasInfinity || b.hasInfinity,
    rowsNotNormalized: a.rowsNotNormalized + b.rowsNotNormalized,
    error: keepFirstError(a.error, b.error),
  };
}

function fail(message: string, code: 'invalid-scores' | 'unsupported-target' | 'shape-mismatch' | 'empty-input' = 'invalid-scores'): never {
  throw new MetricError(code, message);
}

export function finalizeBrier(state: BrierState): ScoreResult {
  if (state.error) raise(state.error);
  const { cols: k, nClasses, scaleByHalf = 'auto' } = state.options;
  if (state.rows === 0) {
    fail(`Found array with 0 sample(s) (shape=${k === 1 ? '(0,)' : `(0, ${k})`}) while a minimum of 1 is required.`, 'empty-input');
  }
  if (state.hasNaN) fail('Input contains NaN.');
  if (state.hasInfinity) fail("Input contains infinity or a value too large for dtype('float64').");
  const present: number[] = [];
  state.seen.forEach((s, c) => s && present.push(c));
  const warnings: MetricWarning[] = [];
  let total: ExactSum;
  if (k === 1) {
    if (present.length > 2) {
      fail('The type of the target inferred from y_true is multiclass but should be binary according to the shape of y_prob.', 'unsupported-target');
    }
    if (state.max > 1) fail(`y_prob contains values greater than 1: ${pyRepr(state.max)}`);
    if (state.min < 0) fail(`y_prob contains values less than 0: ${pyRepr(state.min)}`);
    let pos = state.options.posLabel;
    if (pos === undefined) pos = present.every((c) => c === 0 || c === 1) ? 1 : present[present.length - 1];
    total = emptySum();
    for (const c of present) {
      const part = c === pos ? state.ifPositive[c] : state.ifNegative[c];
      total = mergeSums(total, part ?? emptySum());
    }
  } else if (state.options.indicator) {
    if (state.max > 1) fail(`y_prob contains values greater than 1: ${pyRepr(state.max)}`);
    if (state.min < 0) fail(`y_prob contains values lower than 0: ${pyRepr(state.min)}`);
    if (nClasses !== undefined) fail('The object was not fitted with multilabel input.', 'unsupported-target');
    if (state.rowsNotNormalized > 0) {
      warnings.push({ code: 'rows-not-normalized', category: 'UserWarning', message: 'The y_prob values do not sum to one. Make sure to pass probabilities.' });
    }
    total = state.byClass[0] ?? emptySum();
  } else {
    if (state.max > 1) fail(`y_prob contains values greater than 1: ${pyRepr(state.max)}`);
    if (state.min < 0) fail(`y_prob contains values lower than 0: ${pyRepr(state.min)}`);
    let classes: number[];
    if (nClasses !== undefined) {
      classes = Array.from({ length: nClasses }, (_, i) => i);
      const outside = present.filter((c) => c >= nClasses);
      if (outside.length > 0) {
        fail(`y_true contains values {${outside.join(', ')}} not belonging to the passed labels ${numpyArrayStr(classes)}.`, 'shape-mismatch');
      }
      if (nClasses < 2) fail(`The labels array needs to contain at least two labels, got ${numpyArrayStr(classes)}.`, 'shape-mismatch');
    } else {
      classes = present;
      if (present.length === 1) {
        fail(
          `y_true contains only one label (${present[0]}). Please provide the list of all expected class labels explicitly through the labels argument.`,
          'shape-mismatch',
        );
      }
    }
    if (state.rowsNotNormalized > 0) {
      warnings.push({ code: 'rows-not-normalized', category: 'UserWarning', message: 'The y_prob values do not sum to one. Make sure to pass probabilities.' });
    }
    if (classes.length !== k) {
      if (nClasses === undefined) {
        fail(
          `y_true and y_prob contain different number of classes: ${classes.length} vs ${k}. ` +
            'Please provide the true labels explicitly through the labels argument. ' +
            `Classes found in y_true: ${numpyArrayStr(classes)}`,
          'shape-mismatch',
        );
      }
      fail(`The number of classes in labels is different from that in y_prob. Classes found in labels: ${numpyArrayStr(classes)}`, 'shape-mismatch');
    }
    if (classes.some((c, i) => c !== i)) {
      // the one-hot column of a class is its position among the classes found; the terms were summed with
      // column = class index, which differs only when an index ≥ the number of columns occurs
      throw new MetricError('shape-mismatch', `brier_score_loss: class index ${classes[classes.length - 1]} has no column among the ${k} columns of y_prob`);
    }
    total = emptySum();
    for (const c of present) total = mergeSums(total, state.byClass[c] ?? emptySum());
  }
  let value = sumValue(total) / state.rows;
  const half = scaleByHalf === 'auto' ? k < 3 : scaleByHalf;
  if (half) value *= 0.5;
  return { value, warnings };
}
