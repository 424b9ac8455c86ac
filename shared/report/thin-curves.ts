// The curves as the editor's report view needs them: every point a drawing can show, no more. The engine's
// curves are exact (every distinct score is a threshold, as scikit-learn's), which for a million continuous
// scores is a million points per class: too much to keep per result and to send to the view. Points closer
// than `step` to the last kept one in both coordinates are left out (the ends and every point farther away
// stay); at 1/2000 of the unit square that is below a pixel on any plot the view draws.

import type { ClassCurves, ReportCurves } from '../results';

export const VIEW_STEP = 1 / 2000;

function keepIndices(xs: readonly number[], ys: readonly number[], step: number): number[] | null {
  const n = Math.min(xs.length, ys.length);
  if (n <= 2) return null;
  const keep: number[] = [];
  let lx = NaN;
  let ly = NaN;
  for (let i = 0; i < n; i++) {
    const near = Math.abs(xs[i] - lx) < step && Math.abs(ys[i] - ly) < step;
    if (!near || i === n - 1) {
      keep.push(i);
      lx = xs[i];
      ly = ys[i];
    }
  }
  return keep.length === n ? null : keep;
}

const pick = (a: readonly number[], idx: readonly number[]) => idx.map((i) => a[i]);

function thinClass(c: ClassCurves, step: number): ClassCurves {
  const r = keepIndices(c.roc.fpr, c.roc.tpr, step);
  const p = keepIndices(c.pr.recall, c.pr.precision, step);
  return {
    ...c,
    roc: r ? { fpr: pick(c.roc.fpr, r), tpr: pick(c.roc.tpr, r), thresholds: pick(c.roc.thresholds, r) } : c.roc,
    // precision_recall_curve has one threshold fewer than points (the appended (1, 0) has none)
    pr: p ? { precision: pick(c.pr.precision, p), recall: pick(c.pr.recall, p), thresholds: p.filter((i) => i < c.pr.thresholds.length).map((i) => c.pr.thresholds[i]) } : c.pr,
  };
}

/** The curves thinned for the view; AUC, AP, the calibration and the histogram are untouched. */
export function thinCurvesForView(curves: ReportCurves, step = VIEW_STEP): ReportCurves {
  return { ...curves, per_class: curves.per_class.map((c) => thinClass(c, step)), micro: curves.micro && thinClass(curves.micro, step) };
}
