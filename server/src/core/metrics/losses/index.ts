/**
 * The loss modules of the metrics engine (pure TypeScript; no vscode, no language server).
 *
 *   log-loss.ts                               scikit-learn log_loss
 *   keras.ts                                  the Keras losses by name (a table over:)
 *     keras-binary-crossentropy.ts            keras.losses.BinaryCrossentropy
 *     keras-categorical-crossentropy.ts       keras.losses.CategoricalCrossentropy
 *     keras-sparse-categorical-crossentropy.ts keras.losses.SparseCategoricalCrossentropy
 *     keras-kl-divergence.ts                  keras.losses.KLDivergence
 *     keras-common.ts                         floatx emulation, clip bounds, sum_over_batch_size
 *   torch-common.ts                           PyTorch: float32 emulation, nll_loss's cascade sum, reductions
 *   torch-cross-entropy.ts                    torch.nn.CrossEntropyLoss and torch.nn.NLLLoss
 *   torch-binary-cross-entropy.ts             torch.nn.BCELoss and torch.nn.BCEWithLogitsLoss
 *   entropy.ts                                H(p), H(p, q), KL(p‖q) of distribution targets
 *   exact-sum.ts                        exact, order-independent sums as plain data
 *   types.ts                                  LossChunk, LossRecord, LossResult
 *
 * Every loss is an accumulator with the same life cycle, designed for chunks scored on worker threads:
 *   const s = createX(options)            // plain data: structuredClone / postMessage safe
 *   updateX(s, chunk)                     // any number of chunks, in any order, on any thread
 *   const m = mergeX(s1, s2)              // associative and commutative up to ~1e-16 relative
 *   finalizeX(m)                          // { value | null, rows, records }
 * Records name the first offending global row (chunk.rowStart + index), whatever the chunking.
 */

export * from './types';
export * from './exact-sum';
export * from './log-loss';
export * from './keras-common';
export * from './keras-binary-crossentropy';
export * from './keras-categorical-crossentropy';
export * from './keras-sparse-categorical-crossentropy';
export * from './keras-kl-divergence';
export * from './keras';
export * from './torch-common';
export * from './torch-cross-entropy';
export * from './torch-binary-cross-entropy';
export * from './entropy';
