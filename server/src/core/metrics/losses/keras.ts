/**
 * The declared Keras loss, by name: one entry point over the four Keras loss modules, so an
 * orchestrator can create, feed (from any worker thread), merge and finalise whichever loss an
 * experiment declares without a switch of its own.
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

export function createKerasLoss(spec: KerasLossSpec): KerasAccumulator {
  switch (spec.loss) {
    case 'binary_crossentropy':
      return createBinaryCrossentropy(spec.options);
    case 'categorical_crossentropy':
      return createCategoricalCrossentropy(spec.options);
    case 'sparse_categorical_crossentropy':
      return createSparseCategoricalCrossentropy(spec.options);
    case 'kl_divergence':
      return createKlDivergence(spec.options);
  }
}

export function updateKerasLoss(state: KerasAccumulator, chunk: LossChunk): KerasAccumulator {
  switch (state.kind) {
    case 'binary_crossentropy':
      return updateBinaryCrossentropy(state as BinaryCrossentropyState, chunk);
    case 'categorical_crossentropy':
      return updateCategoricalCrossentropy(state as CategoricalCrossentropyState, chunk);
    case 'sparse_categorical_crossentropy':
      return updateSparseCategoricalCrossentropy(state as SparseCategoricalCrossentropyState, chunk);
    case 'kl_divergence':
      return updateKlDivergence(state as KlDivergenceState, chunk);
  }
}

export function mergeKerasLoss(a: KerasAccumulator, b: KerasAccumulator): KerasAccumulator {
  if (a.kind !== b.kind) throw new Error(`mergeKerasLoss: cannot merge ${a.kind} with ${b.kind}`);
  switch (a.kind) {
    case 'binary_crossentropy':
      return mergeBinaryCrossentropy(a as BinaryCrossentropyState, b as BinaryCrossentropyState);
    case 'categorical_crossentropy':
      return mergeCategoricalCrossentropy(a as CategoricalCrossentropyState, b as CategoricalCrossentropyState);
    case 'sparse_categorical_crossentropy':
      return mergeSparseCategoricalCrossentropy(
        a as SparseCategoricalCrossentropyState,
        b as SparseCategoricalCrossentropyState,
      );
    case 'kl_divergence':
      return mergeKlDivergence(a as KlDivergenceState, b as KlDivergenceState);
  }
}

export function finalizeKerasLoss(state: KerasAccumulator): LossResult {
  switch (state.kind) {
    case 'binary_crossentropy':
      return finalizeBinaryCrossentropy(state as BinaryCrossentropyState);
    case 'categorical_crossentropy':
      return finalizeCategoricalCrossentropy(state as CategoricalCrossentropyState);
    case 'sparse_categorical_crossentropy':
      return finalizeSparseCategoricalCrossentropy(state as SparseCategoricalCrossentropyState);
    case 'kl_divergence':
      return finalizeKlDivergence(state as KlDivergenceState);
  }
}

export function kerasLoss(spec: KerasLossSpec, yTrue: ArrayLike<number>, yPred: ArrayLike<number>): LossResult {
  const state = createKerasLoss(spec);
  updateKerasLoss(state, { yTrue, yPred });
  return finalizeKerasLoss(state);
}
