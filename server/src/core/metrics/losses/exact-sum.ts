/**
 * An exact, order-independent sum of doubles, as plain data: partial sums computed on other threads or other
 * machines merge into the same bits whatever the split and the order (issue 13).
 *
 * API
 *   interface ExactSum { p: number[]; special: number }
 *       p: Shewchuk's non-overlapping partials (increasing magnitude), whose exact sum is the sum of every
 *       finite value added; special: the sum of the non-finite values added (0, ±Infinity or NaN).
 *   emptySum(): ExactSum
 *   addTo(acc, x): void              acc += x, exactly (mutates acc)
 *   mergeSums(a, b): ExactSum        a + b, exactly (a new object)
 *   sumValue(acc): number            the exact sum rounded once, to nearest, ties to even (as Python's
 *                                    math.fsum); NaN or ±Infinity when a non-finite value was added
 *
 * Why exact rather than compensated: a Neumaier or Kahan sum is within an ulp of the exact sum, but which
 * ulp depends on the order, so one run over all rows and a merge of shards could differ in the last bit.
 * The exact sum rounded once cannot. It is also never further from the true sum than numpy's pairwise sum,
 * which scikit-learn uses (np.average), so the numbers agree with scikit-learn as before (to ~1e-16).
 *
 * Cost: for sums of terms of one sign (losses) the partials stay one to three long, so an add is a few
 * floating-point operations more than a Neumaier step (docs/benchmarks.md).
 *
 * Overflow: a finite running sum that overflows (beyond ±1.8e308; no loss reaches it) is kept as ±Infinity
 * in `special`, as numpy's sum would overflow; Python's fsum raises instead.
 */

export interface ExactSum {
  p: number[];
  special: number;
}

export function emptySum(): ExactSum {
  return { p: [], special: 0 };
}

export function addTo(acc: ExactSum, x: number): void {
  if (x - x !== 0) {
    // ±Infinity or NaN (x − x is NaN only for them)
    acc.special += x;
    return;
  }
  const p = acc.p;
  const n = p.length;
  let i = 0;
  for (let j = 0; j < n; j++) {
    let y = p[j];
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) p[i++] = lo;
    x = hi;
  }
  if (x - x !== 0) {
    // the finite values overflowed: what numpy's sum would give
    p.length = 0;
    acc.special += x;
    return;
  }
  p.length = i + 1;
  p[i] = x;
}

export function mergeSums(a: ExactSum, b: ExactSum): ExactSum {
  const out: ExactSum = { p: a.p.slice(), special: a.special };
  for (const x of b.p) addTo(out, x);
  out.special += b.special;
  return out;
}

/** The correctly rounded value of the exact sum: CPython's math_fsum, its final step. */
export function sumValue(acc: ExactSum): number {
  if (acc.special !== 0) return acc.special; // ±Infinity or NaN (0 + inf, inf − inf = NaN, as numpy)
  const p = acc.p;
  let n = p.length;
  if (n === 0) return 0;
  let hi = p[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = p[--n];
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  // Round half to even: when the remaining partials push lo past the halfway point, hi + 2·lo is exact.
  if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    const yr = x - hi;
    if (y === yr) hi = x;
  }
  return hi;
}
