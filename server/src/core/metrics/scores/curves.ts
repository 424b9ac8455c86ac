/**
 * The curves a practitioner draws with matplotlib, computed as scikit-learn 1.9.x computes them, point for
 * point (the report view thins them only for drawing):
 *
 *   rocCurve(isPositive, scores, dropIntermediate = true)       sklearn.metrics.roc_curve
 *       { fpr, tpr, thresholds }: (0, 0) first with threshold +∞; with drop_intermediate the collinear points
 *       are dropped (np.diff(_, 2) of fps and tps both 0). No negatives: fpr all NaN; no positives: tpr NaN.
 *   precisionRecallCurve(isPositive, scores, dropIntermediate = false)   sklearn.metrics.precision_recall_curve
 *       { precision, recall, thresholds }: recall decreasing, (P, R) = (1, 0) appended; drop_intermediate keeps
 *       only the first and last point of each run of equal tps. No positives: recall 1 everywhere.
 *   calibrationCurve(isPositive, prob, nBins = 10)              sklearn.calibration.calibration_curve, 'uniform'
 *       { prob_true, prob_pred, counts, edges }: bins np.linspace(0, 1, n_bins + 1), a probability p goes
 *       to bin np.searchsorted(edges[1:-1], p) (left), the sums are np.bincount's (in sample order), empty
 *       bins are left out. counts (the samples per kept bin) are what the expected calibration error weighs by.
 *   expectedCalibrationError(curve, n)    Σ_b (count_b / n)·|prob_true_b − prob_pred_b| over the kept bins
 *   histogram(values, nBins)              np.histogram(values, bins=nBins, range=(0, 1)): counts and edges
 *   reportCurves(store, options)          everything the report view draws, from a RankingStore:
 *       binary: the positive class's ROC and PR curves, the reliability diagram of P(class 1);
 *       multiclass: one-vs-rest curves per class (y == k against column k), micro (every entry of the
 *       one-hot matrix against every probability, as the scikit-learn example ravels them) and macro (the
 *       mean of the per-class AUCs / APs; the macro ROC curve is the per-class TPRs interpolated on
 *       np.linspace(0, 1, 201) and averaged, as in scikit-learn's ROC example); the reliability diagram of the
 *       top label (confidence = the largest probability, correct = the argmax is the true class, first
 *       maximum on ties as np.argmax);
 *       multilabel: per label, micro and macro likewise; the reliability diagram of every (sample, label)
 *       entry;
 *       always: the histogram (20 bins) of the probability given to the true class (binary: p or 1 − p;
 *       multilabel: each entry's probability of its true value), which is what log loss averages −log of.
 *   AUC = the trapezoid under the drop_intermediate ROC curve (= roc_auc_score's binary value); AP = scikit-
 *   learn's average_precision_score (ranking-curve.ts). A class absent from y_true (or present everywhere)
 *   has no ROC AUC: null, as scikit-learn's NaN.
 */
import { pairwiseSum } from '../classification/reductions';
import { averagePrecisionOfCurve, interp, thresholdCounts, trapezoid } from './ranking-curve';
import type { RankingStore } from './ranking-store';
import type { CalibrationCurve, ClassCurves, PrCurve, ReportCurves, RocCurve } from '../../../../../shared/results';

export type { CalibrationCurve, ClassCurves, PrCurve, ReportCurves, RocCurve };

/** The sorted distinct-score curve with its thresholds (scikit-learn's confusion_matrix_at_thresholds). */
function countsWithThresholds(isPositive: ArrayLike<number>, scores: ArrayLike<number>) {
  const c = thresholdCounts(isPositive, scores);
  // The thresholds are the distinct scores, descending: the same order thresholdCounts walks.
  const distinct = Float64Array.from(scores).sort().reverse();
  const thresholds: number[] = [];
  for (let j = 0; j < distinct.length; j++) if (j === distinct.length - 1 || distinct[j + 1] !== distinct[j]) thresholds.push(distinct[j]);
  return { tps: Array.from(c.tps), fps: Array.from(c.fps), thresholds };
}

export function rocCurve(isPositive: ArrayLike<number>, scores: ArrayLike<number>, dropIntermediate = true): RocCurve {
  let { tps, fps, thresholds } = countsWithThresholds(isPositive, scores);
  if (dropIntermediate && fps.length > 2) {
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      const d2f = fps[i + 1] - fps[i] - (fps[i] - fps[i - 1]);
      const d2t = tps[i + 1] - tps[i] - (tps[i] - tps[i - 1]);
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    tps = keep.map((i) => tps[i]);
    fps = keep.map((i) => fps[i]);
    thresholds = keep.map((i) => thresholds[i]);
  }
  tps = [0, ...tps];
  fps = [0, ...fps];
  const fLast = fps[fps.length - 1];
  const tLast = tps[tps.length - 1];
  return {
    fpr: fps.map((f) => (fLast <= 0 ? NaN : f / fLast)),
    tpr: tps.map((t) => (tLast <= 0 ? NaN : t / tLast)),
    thresholds: [Infinity, ...thresholds],
  };
}

export function precisionRecallCurve(isPositive: ArrayLike<number>, scores: ArrayLike<number>, dropIntermediate = false): PrCurve {
  let { tps, fps, thresholds } = countsWithThresholds(isPositive, scores);
  if (dropIntermediate && fps.length > 2) {
    const keep: number[] = [0];
    // np.diff(tps[:-1]) or np.diff(tps[1:]) at i − 1: tps changes just before or just after point i
    for (let i = 1; i < tps.length - 1; i++) if (tps[i] !== tps[i - 1] || tps[i + 1] !== tps[i]) keep.push(i);
    keep.push(tps.length - 1);
    tps = keep.map((i) => tps[i]);
    fps = keep.map((i) => fps[i]);
    thresholds = keep.map((i) => thresholds[i]);
  }
  const tLast = tps[tps.length - 1];
  const precision = tps.map((t, i) => (t + fps[i] !== 0 ? t / (t + fps[i]) : 0));
  const recall = tps.map((t) => (tLast === 0 ? 1 : t / tLast));
  return { precision: [...precision.reverse(), 1], recall: [...recall.reverse(), 0], thresholds: thresholds.reverse() };
}

/** np.linspace(0, 1, n + 1): i·step + 0 with step = 1 / n, the last edge exactly 1. */
function unitEdges(n: number): number[] {
  const step = 1 / n;
  const edges = Array.from({ length: n + 1 }, (_, i) => i * step + 0);
  edges[n] = 1;
  return edges;
}

export function calibrationCurve(isPositive: ArrayLike<number>, prob: ArrayLike<number>, nBins = 10): CalibrationCurve {
  const edges = unitEdges(nBins);
  const sums = new Float64Array(nBins);
  const trues = new Float64Array(nBins);
  const totals = new Float64Array(nBins);
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i];
    // np.searchsorted(edges[1:-1], p, 'left'): the inner edges strictly below p
    let b = 0;
    let lo = 1;
    let hi = nBins; // inner edges are edges[1..nBins−1]
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    b = lo - 1;
    sums[b] += p;
    trues[b] += isPositive[i];
    totals[b] += 1;
  }
  const out: CalibrationCurve = { prob_true: [], prob_pred: [], counts: [], bins: [], edges };
  for (let b = 0; b < nBins; b++) {
    if (totals[b] === 0) continue;
    out.prob_true.push(trues[b] / totals[b]);
    out.prob_pred.push(sums[b] / totals[b]);
    out.counts.push(totals[b]);
    out.bins.push(b);
  }
  return out;
}

export function expectedCalibrationError(curve: CalibrationCurve, n: number): number {
  const terms = curve.counts.map((c, i) => (c / n) * Math.abs(curve.prob_true[i] - curve.prob_pred[i]));
  return pairwiseSum(terms);
}

/** np.histogram(values, bins=nBins, range=(0, 1)); values outside [0, 1] are not counted. */
export function histogram(values: ArrayLike<number>, nBins: number): { counts: number[]; edges: number[] } {
  const edges = unitEdges(nBins);
  const counts = new Array<number>(nBins).fill(0);
  const norm = nBins / (1 - 0);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!(x >= 0 && x <= 1)) continue;
    let j = Math.floor((x - 0) * norm);
    if (j === nBins) j = nBins - 1;
    // numpy's corrections for rounding at the edges
    if (x < edges[j]) j -= 1;
    else if (j !== nBins - 1 && x >= edges[j + 1]) j += 1;
    counts[j] += 1;
  }
  return { counts, edges };
}

// ------------------------------------------------------------------------------------------ the report's set

export const CALIBRATION_BINS = 10;
export const HISTOGRAM_BINS = 20;
export const MACRO_GRID = 201;

function classCurves(isPositive: ArrayLike<number>, scores: ArrayLike<number>): ClassCurves {
  const roc = rocCurve(isPositive, scores);
  const n = isPositive.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += isPositive[i];
  const auc = positives === 0 || positives === n ? null : trapezoid(roc.tpr, roc.fpr);
  return { roc, auc, pr: precisionRecallCurve(isPositive, scores), ap: averagePrecisionOfCurve(thresholdCounts(isPositive, scores)).value };
}

/** np.interp(grid, xp, fp) with xp increasing (repeats allowed: the last of equal xp wins, as numpy's search). */
function interpOn(grid: readonly number[], xp: readonly number[], fp: readonly number[]): number[] {
  let j = 0;
  return grid.map((x) => {
    while (j + 1 < xp.length && xp[j + 1] <= x) j++;
    if (x >= xp[xp.length - 1]) return fp[fp.length - 1];
    if (x < xp[0]) return fp[0];
    return interp(x, xp[j], xp[j + 1], fp[j], fp[j + 1]);
  });
}

/** NaN-skipping mean of the per-class values that exist (scikit-learn averages what it computed). */
function meanOf(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length === 0 ? null : pairwiseSum(v) / v.length;
}

export function reportCurves(store: RankingStore, options: { readonly k: number; readonly task: 'binary' | 'multiclass' | 'multilabel' }): ReportCurves | string {
  const n = store.rows;
  if (n === 0) return 'there are no rows';
  const yTrue = store.trueValues();
  const scores = store.scoreValues();
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) return 'y_pred holds a value that is not a finite number';
    if (scores[i] < 0 || scores[i] > 1) return 'y_pred holds values outside [0, 1] (calibration_curve: "y_prob has values outside [0, 1].")';
  }
  const k = options.k;

  if (options.task === 'binary' && store.cols === 1) {
    const pos = Uint8Array.from(yTrue, (y) => (y === 1 ? 1 : 0));
    const cal = calibrationCurve(pos, scores, CALIBRATION_BINS);
    const truth = Float64Array.from(scores, (p, i) => (pos[i] ? p : 1 - p));
    return {
      kind: 'binary',
      per_class: [classCurves(pos, scores)],
      micro: null,
      macro: null,
      calibration: { ...cal, of: 'positive class', ece: expectedCalibrationError(cal, n), brier: binaryBrier(pos, scores) },
      true_class_probability: histogram(truth, HISTOGRAM_BINS),
    };
  }

  const cols = store.cols;
  if (cols !== k) return `y_pred has ${cols} columns for ${k} classes`;
  // The n × k indicator of the truth: one-hot rows of the class index, or the multilabel rows as they are.
  const indicator = new Uint8Array(n * k);
  if (options.task === 'multilabel') for (let i = 0; i < n * k; i++) indicator[i] = yTrue[i] === 1 ? 1 : 0;
  else for (let i = 0; i < n; i++) if (yTrue[i] >= 0 && yTrue[i] < k) indicator[i * k + yTrue[i]] = 1;

  const per_class: ClassCurves[] = [];
  for (let c = 0; c < k; c++) {
    const pos = new Uint8Array(n);
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      pos[i] = indicator[i * k + c];
      col[i] = scores[i * k + c];
    }
    per_class.push(classCurves(pos, col));
  }
  const micro = classCurves(indicator, scores);
  const grid = Array.from({ length: MACRO_GRID }, (_, i) => i * (1 / (MACRO_GRID - 1)) + 0);
  grid[MACRO_GRID - 1] = 1;
  const withCurve = per_class.filter((c) => c.auc !== null);
  const sum = new Array<number>(MACRO_GRID).fill(0);
  for (const c of withCurve) interpOn(grid, c.roc.fpr, c.roc.tpr).forEach((t, i) => (sum[i] += t));
  const macro = {
    fpr: grid,
    tpr: sum.map((s) => s / Math.max(1, withCurve.length)),
    auc: meanOf(per_class.map((c) => c.auc)),
    ap: meanOf(per_class.map((c) => c.ap)) ?? 0,
  };

  let calibration: ReportCurves['calibration'];
  const truth = new Float64Array(options.task === 'multilabel' ? n * k : n);
  if (options.task === 'multilabel') {
    const cal = calibrationCurve(indicator, scores, CALIBRATION_BINS);
    calibration = { ...cal, of: 'every label', ece: expectedCalibrationError(cal, n * k), brier: null };
    for (let i = 0; i < n * k; i++) truth[i] = indicator[i] ? scores[i] : 1 - scores[i];
  } else {
    const confidence = new Float64Array(n);
    const correct = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (scores[i * k + c] > scores[i * k + best]) best = c;
      confidence[i] = scores[i * k + best];
      correct[i] = best === yTrue[i] ? 1 : 0;
      truth[i] = yTrue[i] >= 0 && yTrue[i] < k ? scores[i * k + yTrue[i]] : 0;
    }
    const cal = calibrationCurve(correct, confidence, CALIBRATION_BINS);
    calibration = { ...cal, of: 'top label', ece: expectedCalibrationError(cal, n), brier: multiclassBrier(indicator, scores, n, k) };
  }
  return {
    kind: options.task === 'multilabel' ? 'labels' : 'one-vs-rest',
    per_class,
    micro,
    macro,
    calibration,
    true_class_probability: histogram(truth, HISTOGRAM_BINS),
  };
}

/** brier_score_loss on one column: scikit-learn stacks [1 − p, p] against [1 − y, y], then halves the mean. */
function binaryBrier(pos: ArrayLike<number>, p: ArrayLike<number>): number {
  const rows = Float64Array.from(p, (q, i) => ((1 - pos[i]) - (1 - q)) ** 2 + (pos[i] - q) ** 2);
  return (pairwiseSum(rows) / rows.length) * 0.5;
}

/** brier_score_loss with labels = every class: the mean over rows of Σ_k (y_ik − p_ik)² (k ≥ 3: not halved). */
function multiclassBrier(indicator: Uint8Array, p: Float64Array, n: number, k: number): number {
  const rows = new Float64Array(n);
  const row = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) row[c] = (indicator[i * k + c] - p[i * k + c]) ** 2;
    rows[i] = pairwiseSum(row);
  }
  return (pairwiseSum(rows) / n) * (k < 3 ? 0.5 : 1);
}
