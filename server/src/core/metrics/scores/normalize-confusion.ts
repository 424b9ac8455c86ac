/**
 * confusion_matrix(normalize=...) of scikit-learn, applied to a count matrix (rows = true, columns =
 * predicted):
 *   'true': each row divided by its sum; 'pred': each column by its sum; 'all': every entry by the total;
 *   null: the counts unchanged (a copy).
 * A zero sum gives 0/0 = NaN, which scikit-learn turns into 0 (np.nan_to_num under np.errstate(all="ignore")).
 * The sums of integer counts are exact, so each entry is one correctly rounded division, as numpy's.
 */
export type ConfusionNormalize = 'true' | 'pred' | 'all' | null;

export function normalizeConfusionMatrix(matrix: readonly (readonly number[])[], normalize: ConfusionNormalize): number[][] {
  const rows = matrix.length;
  const cols = rows === 0 ? 0 : matrix[0].length;
  if (normalize === null) return matrix.map((r) => [...r]);
  let divisor: (i: number, j: number) => number;
  if (normalize === 'true') {
    const sums = matrix.map((r) => r.reduce((a, b) => a + b, 0));
    divisor = (i) => sums[i];
  } else if (normalize === 'pred') {
    const sums = new Array<number>(cols).fill(0);
    for (const r of matrix) r.forEach((v, j) => (sums[j] += v));
    divisor = (_, j) => sums[j];
  } else if (normalize === 'all') {
    let total = 0;
    for (const r of matrix) for (const v of r) total += v;
    divisor = () => total;
  } else {
    throw new Error(`normalize must be one of {'true', 'pred', 'all', None}, got ${String(normalize)}`);
  }
  return matrix.map((r, i) =>
    r.map((v, j) => {
      const x = v / divisor(i, j);
      // np.nan_to_num: NaN → 0 (a zero count over a zero sum); ±∞ cannot occur with counts
      return Number.isNaN(x) ? 0 : x;
    }),
  );
}
