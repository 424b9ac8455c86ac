/**
 * The Keras losses, by name: one entry point over the four Keras loss modules (a table of their
 * operations), so a caller can create, feed (from any worker thread), merge and finalise whichever
 * Keras loss it needs. The declared loss goes through eval/losses/ (the registry of evaluated losses).
 *
 * API
 *   type KerasLossSpec =
 *     | { loss: 'binary_crossentropy'; options?: BinaryCrossentropyOptions }
 *     | { loss: 'categorical_crossentropy'; options: CategoricalCrossentropyOptions }
 *     | { loss: 'sparse_categorical_crossentropy'; options: SparseCategoricalCrossentropyOptions }
 *     | { loss: 'kl_divergence'; options: KlDivergenceOptions }
 *   type KerasAccumulator = the union of the four states (plain data; `kind` says which)
 *   createKerasLoss(spec): KerasAccumulator
 *   updateKerasLoss(state, chunk): KerasAccumulator      mutates and returns state
 *   mergeKerasLoss(a, b): KerasAccumulator               a and b must come from the same spec
 *   finalizeKerasLoss(state): LossResult
 *   kerasLoss(spec, yTrue, yPred): LossResult            one-shot
 *
 * Chunk layouts (row-major): binary_crossentropy n × width both sides; categorical_crossentropy and
 * kl_divergence n × K both sides; sparse_categorical_crossentropy y_true n labels, y_pred n × K.
 * The reduction is Keras's default, sum_over_batch_size. floatx defaults to 'float32', as in Keras.
 * Semantics of each loss: see its module.
 */

import {
  createBinaryCrossentropy,
  finalizeBinaryCrossentropy,
  mergeBinaryCrossentropy,
  updateBinaryCrossentropy,
  type BinaryCrossentropyOptions,
  type BinaryCrossentropyState,
} from './keras-binary-crossentropy';
import {
  createCategoricalCrossentropy,
  finalizeCategoricalCrossentropy,
  mergeCategoricalCrossentropy,
  updateCategoricalCrossentropy,
  type CategoricalCrossentropyOptions,
  type CategoricalCrossentropyState,
} from './keras-categorical-crossentropy';
import {
  createKlDivergence,
  finalizeKlDivergence,
  mergeKlDivergence,
  updateKlDivergence,
  type KlDivergenceOptions,
  type KlDivergenceState,
} from './keras-kl-divergence';
import {
  createSparseCategoricalCrossentropy,
  finalizeSparseCategoricalCrossentropy,
  mergeSparseCategoricalCrossentropy,
  updateSparseCategoricalCrossentropy,
  type SparseCategoricalCrossentropyOptions,
  type SparseCategoricalCrossentropyState,
} from './keras-sparse-categorical-crossentropy';
import type { LossChunk, LossResult } from './types';

export type KerasLossSpec =
  | { readonly loss: 'binary_crossentropy'; readonly options?: BinaryCrossentropyOptions }
  | { readonly loss: 'categorical_crossentropy'; readonly options: CategoricalCrossentropyOptions }
  | { readonly loss: 'sparse_categorical_crossentropy'; readonly options: SparseCategoricalCrossentropyOptions }
  | { readonly loss: 'kl_divergence'; readonly options: KlDivergenceOptions };

export type KerasAccumulator =
  | BinaryCrossentropyState
  | CategoricalCrossentropyState
  | SparseCategoricalCrossentropyState
  | KlDivergenceState;

/** A Keras loss's accumulator operations (each module exports its own four functions). */
interface KerasOps {
  create(options: unknown): KerasAccumulator;
  update(state: KerasAccumulator, chunk: LossChunk): KerasAccumulator;
  merge(a: KerasAccumulator, b: KerasAccumulator): KerasAccumulator;
  finalize(state: KerasAccumulator): LossResult;
}

/** The four Keras losses by name: a table, so a loss is one line here and no switch elsewhere. */
const OPS: Record<KerasLossSpec['loss'], KerasOps> = {
  binary_crossentropy: ops(createBinaryCrossentropy, updateBinaryCrossentropy, mergeBinaryCrossentropy, finalizeBinaryCrossentropy),
  categorical_crossentropy: ops(createCategoricalCrossentropy, updateCategoricalCrossentropy, mergeCategoricalCrossentropy, finalizeCategoricalCrossentropy),
  sparse_categorical_crossentropy: ops(
    createSparseCategoricalCrossentropy,
    updateSparseCategoricalCrossentropy,
    mergeSparseCategoricalCrossentropy,
    finalizeSparseCategoricalCrossentropy,
  ),
  kl_divergence: ops(createKlDivergence, updateKlDivergence, mergeKlDivergence, finalizeKlDivergence),
};

function ops<O, S extends KerasAccumulator>(
  create: (options: O) => S,
  update: (state: S, chunk: LossChunk) => S,
  merge: (a: S, b: S) => S,
  finalize: (state: S) => LossResult,
): KerasOps {
  return {
    create: (options) => create(options as O),
    update: (state, chunk) => update(state as S, chunk),
    merge: (a, b) => merge(a as S, b as S),
    finalize: (state) => finalize(state as S),
  };
}

export function createKerasLoss(spec: KerasLossSpec): KerasAccumulator {
  return OPS[spec.loss].create(spec.options);
}

export function updateKerasLoss(state: KerasAccumulator, chunk: LossChunk): KerasAccumulator {
  return OPS[state.kind].update(state, chunk);
}

export function mergeKerasLoss(a: KerasAccumulator, b: KerasAccumulator): KerasAccumulator {
  if (a.kind !== b.kind) throw new Error(`mergeKerasLoss: cannot merge ${a.kind} with ${b.kind}`);
  return OPS[a.kind].merge(a, b);
}

export function finalizeKerasLoss(state: KerasAccumulator): LossResult {
  return OPS[state.kind].finalize(state);
}

export function kerasLoss(spec: KerasLossSpec, yTrue: ArrayLike<number>, yPred: ArrayLike<number>): LossResult {
  const state = createKerasLoss(spec);
  updateKerasLoss(state, { yTrue, yPred });
  return finalizeKerasLoss(state);
}
