/**
 * numpy's floating-point reductions, reproduced operation for operation, so that averages over labels come
 * out bit-identical to scikit-learn's (which matters when a value sits on a rounding tie of the report).
 *
 * API
 *   pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number
 *       np.sum of a float64 array: numpy's pairwise summation (8 accumulators per block of ≤ 128 items,
 *       recursive halving above that, a plain loop below 8 items).
 *   mean(a): number                       np.mean: pairwiseSum(a) / n
 *   nanMean(a): number                    np.nanmean: pairwiseSum(a with NaN → 0) / (number of non-NaN)
 *   average(a, weights): number           np.average(a, weights=w): pairwiseSum(a·w) / pairwiseSum(w);
 *                                         throws ZeroWeightsError when the weights sum to 0
 *   nanAverage(a, weights?): number       scikit-learn's _nanaverage (used by every average of
 *                                         precision_recall_fscore_support): NaN for an empty or all-NaN `a`;
 *                                         without weights np.nanmean; with weights, the NaN entries and their
 *                                         weights are dropped, then np.average, and when the remaining weights
 *                                         sum to zero, the unweighted mean of the remaining values.
 *   exactSumOfMultiples(values, counts): number
 *       Σ counts[i]·values[i] computed exactly (BigInt) and rounded once to the nearest double. Used for
 *       average='samples', whose per-sample values are accumulated as a histogram (so that chunks merge):
 *       the result equals numpy's pairwise sum whenever that sum is exact, and is otherwise the correctly
 *       rounded value (numpy's pairwise sum is within a few ulps of it).
 */
import { decomposeDouble } from './pyformat';

export class ZeroWeightsError extends Error {
  constructor() {
    super("Weights sum to zero, can't be normalized");
    this.name = 'ZeroWeightsError';
  }
}

const BLOCK = 128;

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = -0.0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3];
    let r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7];
    let i = 8;
    const end = n - (n % 8);
    for (; i < end; i += 8) {
      const o = start + i;
      r0 += a[o];
      r1 += a[o + 1];
      r2 += a[o + 2];
      r3 += a[o + 3];
      r4 += a[o + 4];
      r5 += a[o + 5];
      r6 += a[o + 6];
      r7 += a[o + 7];
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  // numpy's add.reduce starts from the identity 0 and adds the pairwise sum of the whole array
  return 0 + pairwise(a, start, n);
}

export function mean(a: ArrayLike<number>): number {
  return pairwiseSum(a) / a.length;
}

export function nanMean(a: ArrayLike<number>): number {
  const filled = new Float64Array(a.length);
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (Number.isNaN(v)) continue;
    filled[i] = v;
    count++;
  }
  return pairwiseSum(filled) / count;
}

export function average(a: ArrayLike<number>, weights: ArrayLike<number>): number {
  const scale = pairwiseSum(weights);
  if (scale === 0) throw new ZeroWeightsError();
  const prod = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) prod[i] = a[i] * weights[i];
  return pairwiseSum(prod) / scale;
}

export function nanAverage(a: ArrayLike<number>, weights?: ArrayLike<number>): number {
  if (a.length === 0) return NaN;
  let nonNaN = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i])) nonNaN++;
  if (nonNaN === 0) return NaN;
  if (weights === undefined) return nanMean(a);
  const av = new Float64Array(nonNaN);
  const wv = new Float64Array(nonNaN);
  for (let i = 0, j = 0; i < a.length; i++) {
    if (Number.isNaN(a[i])) continue;
    av[j] = a[i];
    wv[j] = weights[i];
    j++;
  }
  try {
    return average(av, wv);
  } catch (e) {
    if (e instanceof ZeroWeightsError) return mean(av);
    throw e;
  }
}

/** Exact Σ counts[i]·values[i] (finite values, non-negative integer counts), rounded once. */
export function exactSumOfMultiples(values: ArrayLike<number>, counts: ArrayLike<number>): number {
  // every finite double is m·2^e with e ≥ -1074: sum m·c·2^(e+1074) as an integer
  let total = 0n;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const c = counts[i];
    if (c === 0 || v === 0) continue;
    if (!Number.isFinite(v)) return NaN;
    const { negative, mantissa, exponent } = decomposeDouble(v);
    const term = (mantissa * BigInt(c)) << BigInt(exponent + 1074);
    total += negative ? -term : term;
  }
  return bigScaledToDouble(total, -1074);
}

/** The double nearest to n·2^scale (ties to even). */
function bigScaledToDouble(n: bigint, scale: number): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  let m = negative ? -n : n;
  const bits = m.toString(2).length;
  let shift = 0;
  if (bits > 64) {
    // keep 64 bits plus a sticky bit: rounding those to 53 bits rounds the full value correctly
    shift = bits - 64;
    const kept = m >> BigInt(shift);
    const sticky = (kept << BigInt(shift)) !== m ? 1n : 0n;
    m = kept | sticky;
  }
  let x = Number(m); // exact up to 53 bits, else rounded to nearest even (ECMAScript's Number(bigint))
  let e = scale + shift;
  // scale by 2^e in steps that keep every intermediate normal (the results here are normal numbers)
  while (e > 0) {
    const step = Math.min(e, 1000);
    x *= 2 ** step;
    e -= step;
  }
  while (e < 0) {
    const step = Math.max(e, -1000);
    x *= 2 ** step;
    e -= step;
  }
  return negative ? -x : x;
}
