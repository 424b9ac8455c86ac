/**
 * Hard predictions from predicted probabilities, as a notebook makes them with numpy.
 *
 * Rules (issue 3): binary p > 0.5 → class index 1 (= classes[1]); n×K rows (n×2 included) → argmax with
 * ties to the first column (np.argmax); multilabel → per column p > 0.5. Exactly 0.5 is NOT above the
 * threshold. A NaN compares false with 0.5 (→ 0); in an argmax, numpy treats the first NaN as the maximum,
 * and so does this module (probability validation is the caller's job: NaN is an error in xent's data).
 * Logits must be turned into probabilities first (sigmoid / softmax, as the loss module does): thresholding
 * the probability is what a Python user's `proba > 0.5` does, and sigmoid(z) may round to exactly 0.5.
 *
 * Inputs are flat, row-major and typed-array friendly, so a chunk from the numeric reader can be used as it
 * is; outputs may be written into caller-provided buffers (`out`) to avoid allocation per chunk.
 *
 * API
 *   binaryPredictions(p1: ArrayLike<number>, out?: Int32Array): Int32Array
 *       1-D P(classes[1]) → 0/1 class indices.
 *   argmaxPredictions(probs: ArrayLike<number>, cols: number, out?: Int32Array): Int32Array
 *       row-major n×cols (n = probs.length / cols) → class index per row.
 *   argmaxRow(probs: ArrayLike<number>, offset: number, cols: number): number
 *       argmax of one row starting at `offset`.
 *   multilabelPredictions(probs: ArrayLike<number>, out?: Uint8Array): Uint8Array
 *       row-major n×L → 0/1 indicators, same layout.
 *   hardPredictions(input: PredictionInput): Int32Array | Uint8Array
 *       dispatch on { kind: 'binary-1d' | 'rows' | 'multilabel', ... }.
 */

export type PredictionInput =
  | { readonly kind: 'binary-1d'; readonly p1: ArrayLike<number> }
  | { readonly kind: 'rows'; readonly probs: ArrayLike<number>; readonly cols: number }
  | { readonly kind: 'multilabel'; readonly probs: ArrayLike<number> };

export function binaryPredictions(p1: ArrayLike<number>, out?: Int32Array): Int32Array {
  const n = p1.length;
  const res = out ?? new Int32Array(n);
  if (res.length < n) throw new RangeError('binaryPredictions: output buffer too small');
  for (let i = 0; i < n; i++) res[i] = p1[i] > 0.5 ? 1 : 0;
  return res;
}

export function argmaxRow(probs: ArrayLike<number>, offset: number, cols: number): number {
  let best = 0;
  let bestValue = probs[offset];
  if (Number.isNaN(bestValue)) return 0;
  for (let j = 1; j < cols; j++) {
    const v = probs[offset + j];
    if (v > bestValue) {
      best = j;
      bestValue = v;
    } else if (Number.isNaN(v)) {
      return j;
    }
  }
  return best;
}

export function argmaxPredictions(probs: ArrayLike<number>, cols: number, out?: Int32Array): Int32Array {
  if (!Number.isInteger(cols) || cols < 1) throw new RangeError(`argmaxPredictions: bad column count ${cols}`);
  if (probs.length % cols !== 0) {
    throw new RangeError(`argmaxPredictions: ${probs.length} values is not a whole number of ${cols}-column rows`);
  }
  const n = probs.length / cols;
  const res = out ?? new Int32Array(n);
  if (res.length < n) throw new RangeError('argmaxPredictions: output buffer too small');
  if (cols === 2) {
    for (let i = 0, o = 0; i < n; i++, o += 2) {
      const a = probs[o];
      const b = probs[o + 1];
      res[i] = Number.isNaN(a) ? 0 : b > a || Number.isNaN(b) ? 1 : 0;
    }
    return res;
  }
  for (let i = 0, o = 0; i < n; i++, o += cols) res[i] = argmaxRow(probs, o, cols);
  return res;
}

export function multilabelPredictions(probs: ArrayLike<number>, out?: Uint8Array): Uint8Array {
  const n = probs.length;
  const res = out ?? new Uint8Array(n);
  if (res.length < n) throw new RangeError('multilabelPredictions: output buffer too small');
  for (let i = 0; i < n; i++) res[i] = probs[i] > 0.5 ? 1 : 0;
  return res;
}

export function hardPredictions(input: PredictionInput): Int32Array | Uint8Array {
  switch (input.kind) {
    case 'binary-1d':
      return binaryPredictions(input.p1);
    case 'rows':
      return argmaxPredictions(input.probs, input.cols);
    case 'multilabel':
      return multilabelPredictions(input.probs);
  }
}
