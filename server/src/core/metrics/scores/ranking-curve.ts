/**
 * The binary ranking curve as scikit-learn builds it (confusion_matrix_at_thresholds): samples sorted by
 * score, descending; one point per DISTINCT score (ties form one step, whatever their order); cumulative
 * true and false positives at each point. Then roc_curve, precision_recall_curve's average precision, and
 * numpy's trapezoid / interp, operation for operation.
 *
 * API
 *   thresholdCounts(isPositive, scores): { tps, fps }
 *       isPositive[i] ∈ {0, 1}; scores finite. tps[j] / fps[j]: positives / negatives scored ≥ the j-th
 *       largest distinct score (integers held exactly in doubles; fps = 1 + last index − tps as scikit-learn).
 *   rocAucOfCurve(tps, fps, maxFpr): number
 *       _binary_roc_auc_score after its one-class check: roc_curve(drop_intermediate=True) (collinear points
 *       dropped, as scikit-learn does, since that changes the trapezoid's rounding), (0, 0) prepended, the
 *       trapezoid area; maxFpr < 1: McClish's standardised partial AUC 0.5·(1 + (A − m²/2)/(m − m²/2)).
 *   averagePrecisionOfCurve(tps, fps): { value; noPositives }
 *       −Σ (R_{j+1} − R_j)·P_j over the reversed curve with (P, R) = (1, 0) appended, clipped at 0.0
 *       (no positives: recall is 1 everywhere, so AP = 0 and scikit-learn warns).
 *   trapezoid(y, x): number             numpy.trapezoid: pairwise Σ (x_{i+1} − x_i)·(y_{i+1} + y_i) / 2
 *   interp(x, x0, x1, y0, y1): number   numpy.interp on two points (x0 ≤ x < x1)
 */
import { pairwiseSum } from '../classification/reductions';

export interface ThresholdCounts {
  readonly tps: Float64Array;
  readonly fps: Float64Array;
}

export function thresholdCounts(isPositive: ArrayLike<number>, scores: ArrayLike<number>): ThresholdCounts {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // descending by score; the order among equal scores does not matter: ties are one threshold
  order.sort((a, b) => scores[b] - scores[a]);
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  for (let j = 0; j < n; j++) {
    tp += isPositive[order[j]];
    if (j === n - 1 || scores[order[j + 1]] !== scores[order[j]]) {
      tps.push(tp);
      fps.push(1 + j - tp);
    }
  }
  return { tps: Float64Array.from(tps), fps: Float64Array.from(fps) };
}

/** numpy.trapezoid(y, x) for 1-D arrays. */
export function trapezoid(y: ArrayLike<number>, x: ArrayLike<number>): number {
  const m = x.length - 1;
  if (m <= 0) return 0;
  const terms = new Float64Array(m);
  for (let i = 0; i < m; i++) terms[i] = ((x[i + 1] - x[i]) * (y[i + 1] + y[i])) / 2.0;
  return pairwiseSum(terms);
}

/** numpy.interp(x, [x0, x1], [y0, y1]) for x0 ≤ x < x1 (numpy's compiled formula). */
export function interp(x: number, x0: number, x1: number, y0: number, y1: number): number {
  if (x === x0) return y0;
  const slope = (y1 - y0) / (x1 - x0);
  let r = slope * (x - x0) + y0;
  if (Number.isNaN(r)) {
    r = slope * (x - x1) + y1;
    if (Number.isNaN(r) && y0 === y1) r = y0;
  }
  return r;
}

/** roc_curve's drop_intermediate: keep the ends and every point where the curve bends. */
function dropIntermediate(tps: Float64Array, fps: Float64Array): { tps: Float64Array; fps: Float64Array } {
  const m = tps.length;
  if (m <= 2) return { tps, fps };
  const keep: number[] = [0];
  for (let i = 1; i < m - 1; i++) {
    const d2f = fps[i + 1] - fps[i] - (fps[i] - fps[i - 1]);
    const d2t = tps[i + 1] - tps[i] - (tps[i] - tps[i - 1]);
    if (d2f !== 0 || d2t !== 0) keep.push(i);
  }
  keep.push(m - 1);
  return { tps: Float64Array.from(keep, (i) => tps[i]), fps: Float64Array.from(keep, (i) => fps[i]) };
}

/** Area under the ROC curve of a sample with both classes (scikit-learn's _binary_roc_auc_score). */
export function rocAucOfCurve(counts: ThresholdCounts, maxFpr: number | null): number {
  const d = dropIntermediate(counts.tps, counts.fps);
  const m = d.tps.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const fLast = d.fps[d.fps.length - 1];
  const tLast = d.tps[d.tps.length - 1];
  for (let i = 1; i < m; i++) {
    fpr[i] = d.fps[i - 1] / fLast;
    tpr[i] = d.tps[i - 1] / tLast;
  }
  if (maxFpr === null || maxFpr === 1) return trapezoid(tpr, fpr);
  // np.searchsorted(fpr, max_fpr, 'right'): the number of fpr values ≤ max_fpr
  let stop = 0;
  while (stop < m && fpr[stop] <= maxFpr) stop++;
  const y = interp(maxFpr, fpr[stop - 1], fpr[stop], tpr[stop - 1], tpr[stop]);
  const px = new Float64Array(stop + 1);
  const py = new Float64Array(stop + 1);
  px.set(fpr.subarray(0, stop));
  py.set(tpr.subarray(0, stop));
  px[stop] = maxFpr;
  py[stop] = y;
  const partial = trapezoid(py, px);
  const minArea = 0.5 * (maxFpr * maxFpr);
  const maxArea = maxFpr;
  return 0.5 * (1 + (partial - minArea) / (maxArea - minArea));
}

/** scikit-learn's _binary_uninterpolated_average_precision on the curve. */
export function averagePrecisionOfCurve(counts: ThresholdCounts): { value: number; noPositives: boolean } {
  const { tps, fps } = counts;
  const m = tps.length;
  const tLast = tps[m - 1];
  const noPositives = tLast === 0;
  // reversed curve: precision_r[i] = P at threshold m−1−i, recall likewise; then (1, 0) appended
  const terms = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const j = m - 1 - i;
    const p = tps[j] / (tps[j] + fps[j]);
    const r = noPositives ? 1.0 : tps[j] / tLast;
    const jNext = j - 1;
    const rNext = i === m - 1 ? 0.0 : noPositives ? 1.0 : tps[jNext] / tLast;
    terms[i] = (rNext - r) * p;
  }
  const negated = -pairwiseSum(terms);
  // Python's max(0.0, x): 0.0 unless x > 0 (so −0.0 and NaN give 0.0)
  const value = negated > 0 ? negated : 0.0;
  return { value, noPositives };
}
