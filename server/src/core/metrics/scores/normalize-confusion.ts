/** confusion_matrix(normalize=...) applied to a count matrix. */
export type ConfusionNormalize = 'true' | 'pred' | 'all' | null;

export function normalizeConfusionMatrix(matrix: readonly (readonly number[])[], normalize: ConfusionNormalize): number[][] {
  void matrix;
  void normalize;
  throw new Error('not implemented');
}
