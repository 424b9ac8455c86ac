/**
 * The classification half of xent's metrics engine: scikit-learn-exact accuracy, precision / recall /
 * F-beta, confusion matrices and classification_report, computed from mergeable counts.
 *
 * Typical use by an orchestrator:
 *   1. map the experiment's classes to indices 0..K−1 (declared order; else sortedUniqueLabels order);
 *   2. per chunk (possibly on worker threads): hard predictions (hard-predictions.ts) from the probability
 *      rows, then ConfusionAccumulator.addBatch(yTrueIdx, yPredIdx) — or MultilabelAccumulator.addBatch;
 *   3. post `acc.state()` back, `merge` the states;
 *   4. accuracy / precisionRecallFscoreSupport / confusionMatrix / classificationReport on the merged counts;
 *      MetricError → an error diagnostic, MetricWarning records → warning diagnostics.
 * Nothing here imports vscode or the language server.
 */
export * from './errors';
export * from './pyformat';
export * from './labels';
export * from './reductions';
export * from './hard-predictions';
export * from './confusion';
export * from './prf';
export * from './report';
