/**
 * Compensated (Neumaier) summation as plain data, so partial sums computed on different worker threads
 * merge without losing digits.
 *
 * API
 *   interface CompensatedSum { s: number; c: number }     running sum and its compensation term
 *   emptySum(): CompensatedSum
 *   addTo(acc, x): void                                    acc += x (Neumaier step; mutates acc)
 *   mergeSums(a, b): CompensatedSum                        a + b (new object)
 *   sumValue(acc): number                                  s + c, or s when s is ±∞ / NaN
 *
 * Why: scikit-learn averages with np.average, i.e. numpy's pairwise summation (error O(log n · ε));
 * a Neumaier sum is within about one ulp of the exact sum whatever the order, so a result computed
 * from chunks merged in any order stays within ~1e-16 relative of the one-shot result and of
 * numpy's. The hot loops of the losses inline the same step on local variables (see neumaierStep's
 * comment) and store the pair back once per chunk.
 */

export interface CompensatedSum {
  s: number;
  c: number;
}

export function emptySum(): CompensatedSum {
  return { s: 0, c: 0 };
}

/**
 * acc += x. Neumaier's variant of Kahan summation:
 *   t = s + x;  c += |s| ≥ |x| ? (s − t) + x : (x − t) + s;  s = t
 */
export function addTo(acc: CompensatedSum, x: number): void {
  const s = acc.s;
  const t = s + x;
  if (Math.abs(s) >= Math.abs(x)) acc.c += s - t + x;
  else acc.c += x - t + s;
  acc.s = t;
}

export function mergeSums(a: CompensatedSum, b: CompensatedSum): CompensatedSum {
  const out = { s: a.s, c: a.c };
  addTo(out, b.s);
  addTo(out, b.c);
  return out;
}

export function sumValue(acc: CompensatedSum): number {
  return Number.isFinite(acc.s) ? acc.s + acc.c : acc.s;
}
