/**
 * Ranking, agreement and threshold metrics (issue 8), each exactly as scikit-learn 1.9.x or Keras 3 computes
 * it. Pure functions of counts, stored samples or streamed chunks; nothing here knows .xent files, and
 * nothing imports vscode or the language server.
 *
 *   ranking-store.ts        RankingStore: y_true and scores kept whole (O(n)) for the ranking metrics
 *   ranking-curve.ts        the (fps, tps) curve at distinct thresholds (scikit-learn's tie handling), ROC area,
 *                           partial AUC, step-function AP, numpy's trapezoid / interp        (internal)
 *   ranking-target.ts       type_of_target, finite-score check, one-vs-rest columns of a store   (internal)
 *   average-binary.ts       _average_binary_score: per column / per row / micro, then averaged (internal)
 *   numpy-scalar.ts         numpy's scalar division with its RuntimeWarning                  (internal)
 *   roc-auc.ts              rocAucScore               sklearn.metrics.roc_auc_score
 *   average-precision.ts    averagePrecisionScore     sklearn.metrics.average_precision_score
 *   balanced-accuracy.ts    balancedAccuracyScore     sklearn.metrics.balanced_accuracy_score
 *   matthews.ts             matthewsCorrcoef          sklearn.metrics.matthews_corrcoef
 *   cohen-kappa.ts          cohenKappaScore           sklearn.metrics.cohen_kappa_score
 *   jaccard.ts              jaccardScore              sklearn.metrics.jaccard_score
 *   hamming.ts              hammingLoss               sklearn.metrics.hamming_loss
 *   normalize-confusion.ts  normalizeConfusionMatrix  confusion_matrix(normalize=...)
 *   brier.ts                create/update/merge/finalizeBrier        sklearn.metrics.brier_score_loss
 *   top-k.ts                create/update/merge/finalizeTopK         sklearn.metrics.top_k_accuracy_score
 *   keras-accuracy.ts       create/update/merge/finalizeKerasAccuracy
 *                           keras.metrics.BinaryAccuracy / CategoricalAccuracy / SparseCategoricalAccuracy
 *   types.ts                ScoreResult { value, warnings }, StoredError
 *
 * Conventions (as classification/ and losses/):
 *   - Every function returns { value: number | number[] | null, warnings: MetricWarning[] } and throws
 *     MetricError (message = the library's own message) where the library raises.
 *   - The accumulators are plain data (structuredClone / postMessage safe): create → update (any chunks) →
 *     merge (any order) → finalize. An error found while streaming is kept in the state and thrown by
 *     finalize, as the library raises it on the whole array.
 *   - Class indices 0..K−1 stand for the classes in scikit-learn's order; the caller maps labels to indices.
 */
export * from './types';
export * from './ranking-store';
export * from './roc-auc';
export * from './average-precision';
export * from './balanced-accuracy';
export * from './matthews';
export * from './cohen-kappa';
export * from './jaccard';
export * from './hamming';
export * from './normalize-confusion';
export * from './brier';
export * from './top-k';
export * from './keras-accuracy';
