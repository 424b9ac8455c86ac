// The scores a ranking metric keeps (auc, average_precision), as a partial document carries them: each
// distinct row (its y_true and its scores) once, with how many rows it stands for. For one score column this
// is, per distinct score, the counts of positives and negatives; rounded or discrete scores make a document
// far smaller than its rows. Exact: the metrics group ties by distinct score and count rows as integers, so
// the rows expanded back (in sorted order) give the same numbers as the rows in any order.

import type { RankingStoreState } from '../metrics/scores';

export interface RankingRows {
  readonly kind: 'ranking-rows';
  readonly cols: number;
  readonly yTrue: 'indices' | 'indicator';
  /** Rows stood for (Σ counts). */
  readonly rows: number;
  /** The distinct rows: y_true (1 or cols values each) and scores (cols each), sorted. */
  readonly trueValues: Float64Array;
  readonly scores: Float64Array;
  readonly counts: Float64Array;
}

export function compactRanking(state: RankingStoreState): RankingRows {
  const { cols, rows } = state;
  const tw = state.yTrue === 'indices' ? 1 : cols;
  const order = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  // Object.is-like: NaN sorts after numbers and equals NaN; −0 and 0 are kept apart (they print apart).
  const cmp = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : Number.isNaN(y) ? -1 : Object.is(x, y) ? 0 : Object.is(x, -0) ? -1 : 1);
  const rowCmp = (a: number, b: number) => {
    for (let c = 0; c < cols; c++) {
      const d = cmp(state.scores[a * cols + c], state.scores[b * cols + c]);
      if (d !== 0) return d;
    }
    for (let c = 0; c < tw; c++) {
      const d = cmp(state.trueValues[a * tw + c], state.trueValues[b * tw + c]);
      if (d !== 0) return d;
    }
    return 0;
  };
  order.sort(rowCmp);
  const keep: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < rows; i++) {
    if (keep.length > 0 && rowCmp(keep[keep.length - 1], order[i]) === 0) counts[counts.length - 1]++;
    else {
      keep.push(order[i]);
      counts.push(1);
    }
  }
  const trueValues = new Float64Array(keep.length * tw);
  const scores = new Float64Array(keep.length * cols);
  keep.forEach((r, j) => {
    trueValues.set(state.trueValues.subarray(r * tw, r * tw + tw), j * tw);
    scores.set(state.scores.subarray(r * cols, r * cols + cols), j * cols);
  });
  return { kind: 'ranking-rows', cols, yTrue: state.yTrue, rows, trueValues, scores, counts: Float64Array.from(counts) };
}

/** The rows back, each distinct row repeated as often as it stood for; a string says why the data is not one. */
export function expandRanking(c: RankingRows): RankingStoreState | string {
  const { cols, rows } = c;
  const tw = c.yTrue === 'indices' ? 1 : cols;
  const m = c.counts.length;
  if (!(cols >= 1) || c.trueValues.length !== m * tw || c.scores.length !== m * cols) return 'its ranking rows do not fit their columns';
  let total = 0;
  for (const k of c.counts) {
    if (!Number.isSafeInteger(k) || k < 1) return 'its ranking rows have counts that are not whole numbers';
    total += k;
  }
  if (total !== rows) return `its ranking rows stand for ${total} rows, not ${rows}`;
  const trueValues = new Float64Array(rows * tw);
  const scores = new Float64Array(rows * cols);
  let at = 0;
  for (let j = 0; j < m; j++) {
    for (let r = 0; r < c.counts[j]; r++, at++) {
      trueValues.set(c.trueValues.subarray(j * tw, j * tw + tw), at * tw);
      scores.set(c.scores.subarray(j * cols, j * cols + cols), at * cols);
    }
  }
  return { kind: 'ranking-store', cols, yTrue: c.yTrue, rows, trueValues, scores };
}
