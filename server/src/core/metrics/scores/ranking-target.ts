/**
 * What scikit-learn's ranking metrics see in a RankingStore: the target type (type_of_target), the present
 * classes, the finite-score check (check_array), and one-vs-rest columns (label_binarize / multilabel).
 *
 * API
 *   describeTarget(store): RankingTarget
 *       { type: 'binary' | 'multiclass' | 'multilabel-indicator', present: class indices in y_true ascending
 *       (single-label), n, cols }. Throws scikit-learn's errors for an empty store, a non-integer or negative
 *       class index (the caller's mistake), and indicator entries other than 0/1 ("multiclass-multioutput
 *       format is not supported").
 *   checkFiniteScores(store): void       "Input contains NaN." / "Input contains infinity or a value too large
 *                                        for dtype('float64')." (check_array on y_score)
 *   scoreShape(store): string            y_score.shape as Python prints it: "(n,)" or "(n, k)"
 *   indicatorColumn(store, c, classes?): Uint8Array
 *       column c of the multilabel indicator, or of label_binarize(y_true, classes) (single-label)
 *   scoreColumn(store, c): Float64Array
 *   rowIndicator / rowScores(store, i)   row i (average='samples')
 */
import { MetricError } from '../classification/errors';
import { RankingStore } from './ranking-store';

export interface RankingTarget {
  readonly type: 'binary' | 'multiclass' | 'multilabel-indicator';
  readonly present: number[];
  readonly n: number;
  readonly cols: number;
}

export function describeTarget(store: RankingStore, functionEmptyMessage?: string): RankingTarget {
  const n = store.rows;
  const cols = store.cols;
  if (n === 0) {
    throw new MetricError(
      'empty-input',
      functionEmptyMessage ?? 'Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.',
    );
  }
  const t = store.trueValues();
  if (store.yTrueLayout === 'indicator' && cols > 1) {
    let nonBinary = false;
    let nonInteger = false;
    for (let i = 0; i < t.length; i++) {
      const v = t[i];
      if (v !== 0 && v !== 1) {
        if (Number.isInteger(v)) nonBinary = true;
        else nonInteger = true;
      }
    }
    if (nonInteger) throw new MetricError('unsupported-target', 'continuous-multioutput format is not supported');
    if (nonBinary) throw new MetricError('unsupported-target', 'multiclass-multioutput format is not supported');
    return { type: 'multilabel-indicator', present: [], n, cols };
  }
  const seen = new Set<number>();
  for (let i = 0; i < t.length; i++) {
    const v = t[i];
    if (!Number.isInteger(v) || v < 0) {
      throw new MetricError('invalid-argument', `y_true row ${i + 1}: ${v} is not a class index`);
    }
    seen.add(v);
  }
  const present = [...seen].sort((a, b) => a - b);
  return { type: present.length <= 2 ? 'binary' : 'multiclass', present, n, cols };
}

export function checkFiniteScores(store: RankingStore): void {
  const s = store.scoreValues();
  let inf = false;
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    if (Number.isNaN(v)) throw new MetricError('invalid-scores', 'Input contains NaN.');
    if (v === Infinity || v === -Infinity) inf = true;
  }
  if (inf) throw new MetricError('invalid-scores', "Input contains infinity or a value too large for dtype('float64').");
}

export function scoreShape(store: RankingStore): string {
  return store.cols === 1 ? `(${store.rows},)` : `(${store.rows}, ${store.cols})`;
}

/** Column c of the indicator matrix (multilabel), or of label_binarize(y_true, classes) (single-label). */
export function indicatorColumn(store: RankingStore, c: number, classes?: readonly number[]): Uint8Array {
  const n = store.rows;
  const t = store.trueValues();
  const out = new Uint8Array(n);
  if (store.yTrueLayout === 'indicator' && store.cols > 1) {
    for (let i = 0; i < n; i++) out[i] = t[i * store.cols + c];
  } else {
    const cls = classes ? classes[c] : c;
    for (let i = 0; i < n; i++) out[i] = t[i] === cls ? 1 : 0;
  }
  return out;
}

export function scoreColumn(store: RankingStore, c: number): Float64Array {
  const n = store.rows;
  const k = store.cols;
  const s = store.scoreValues();
  if (k === 1) return s.slice();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = s[i * k + c];
  return out;
}

/** y_true as one column of 0/1 for `positive` (binary single-label targets). */
export function positivesOf(store: RankingStore, positive: number): Uint8Array {
  const t = store.trueValues();
  const out = new Uint8Array(store.rows);
  for (let i = 0; i < out.length; i++) out[i] = t[i] === positive ? 1 : 0;
  return out;
}
