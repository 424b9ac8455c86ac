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
 *   addMany(acc, xs, n): void        acc += xs[0] + … + xs[n − 1], exactly; fast (the hot loops' way): xs is
 *                                    scratch, overwritten. termBuffer(n) lends such a scratch array.
 *   class SumBatch                   a loop's terms for one sum: push(x) per row, done() after the loop
 *                                    (adds them with addMany; every 4,096 terms on the way)
 *   mergeSums(a, b): ExactSum        a + b, exactly (a new object)
 *   sumValue(acc): number            the exact sum rounded once, to nearest, ties to even (as Python's
 *                                    math.fsum); NaN or ±Infinity when a non-finite value was added
 *
 * Why exact rather than compensated: a Neumaier or Kahan sum is within an ulp of the exact sum, but which
 * ulp depends on the order, so one run over all rows and a merge of shards could differ in the last bit.
 * The exact sum rounded once cannot. It is also never further from the true sum than numpy's pairwise sum,
 * which scikit-learn uses (np.average), so the numbers agree with scikit-learn as before (to ~1e-16).
 *
 * Cost: one addTo walks the partials (often a dozen after millions of terms: 40 ns per add), so the loops
 * over rows collect a chunk's terms and call addMany, which extracts them exactly in a few vectorisable
 * passes (Rump, Ogita and Oishi's ExtractVector, "Accurate floating-point summation", SIAM J. Sci. Comput.
 * 31(1), 2008) and adds only the few extracted sums to the partials: about 3 ns per term (docs/benchmarks.md).
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

let scratch = new Float64Array(1024);

/** A scratch array of at least n values for addMany (shared: fill it and pass it to addMany before reusing it). */
export function termBuffer(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch;
}

/** The exponent of the smallest power of two ≥ x (x > 0, finite). */
function ceilLog2(x: number): number {
  let e = Math.ceil(Math.log2(x));
  while (2 ** e < x) e++;
  while (e > -1074 && 2 ** (e - 1) >= x) e--;
  return e;
}

/**
 * acc += Σ xs[0..n), exactly. Each pass splits every term x into q + r with q a multiple of σ·2⁻⁵³ for a
 * power of two σ ≥ (n + 2)·max|x| ("ExtractScalar": q = (σ + x) − σ, r = x − q, both exact): the q sum
 * without rounding (multiples of σ·2⁻⁵³ below σ in magnitude), so each pass adds one exact double to the
 * partials, and the residuals r, 53 − log2(n + 2) bits smaller, go to the next pass until none is left.
 */
export function addMany(acc: ExactSum, xs: Float64Array, n: number): void {
  let max = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (x - x !== 0) {
      acc.special += x;
      xs[i] = 0;
    } else {
      const a = Math.abs(x);
      if (a > max) max = a;
    }
  }
  const lead = ceilLog2(n + 2);
  while (max !== 0) {
    const k = lead + ceilLog2(max);
    // σ must be a normal double (k ≥ −1022) that does not overflow: outside that, add the terms one by one.
    if (k > 1023 || k < -1000) {
      for (let i = 0; i < n; i++) if (xs[i] !== 0) addTo(acc, xs[i]);
      return;
    }
    const sigma = 2 ** k;
    let tau = 0;
    let next = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      const q = sigma + x - sigma;
      const r = x - q;
      tau += q;
      xs[i] = r;
      const a = Math.abs(r);
      if (a > next) next = a;
    }
    addTo(acc, tau);
    max = next;
  }
}

const BATCH = 4096;
const pool: Float64Array[] = [];

/**
 * The terms a loop adds to one exact sum, collected and added with addMany (a plain addTo per row walks the
 * partials each time). Call done() after the loop: until then the sum misses the pending terms.
 */
export class SumBatch {
  private buf: Float64Array;
  private n = 0;
  constructor(private readonly acc: ExactSum) {
    this.buf = pool.pop() ?? new Float64Array(BATCH);
  }

  push(x: number): void {
    this.buf[this.n++] = x;
    if (this.n === BATCH) {
      addMany(this.acc, this.buf, BATCH);
      this.n = 0;
    }
  }

  done(): void {
    addMany(this.acc, this.buf, this.n);
    this.n = 0;
    pool.push(this.buf);
  }
}
