// What the Keras losses' modules share: the constructor checks (reduction), from_logits, the shape error
// Keras raises for targets of another rank, and a run over the Keras accumulators with Keras's reductions.

import { createKerasLoss, finalizeKerasLoss, mergeKerasLoss, updateKerasLoss, type KerasAccumulator, type KerasLossSpec } from '../../metrics/losses/keras';
import { reduceKerasLoss } from './keras-reduction';
import { booleanArg, nameArg, pyShape, writtenArgs } from './args';
import type { LayoutDecision, LayoutSeen, LossAccumulator, LossInputs, LossSetup, SetupResult } from './types';

/** Keras 3's standardize_reduction accepts these. */
const KERAS_REDUCTIONS = ['sum_over_batch_size', 'sum', 'none', 'mean', 'mean_with_sample_weight'];

export interface KerasConfig {
  readonly fromLogits: boolean;
  readonly reduction: string;
  readonly k: number;
}

/**
 * The setup of a Keras loss: `reduction` checked as Keras's constructor checks it, arguments Keras's class does
 * not take refused with its TypeError, then the module's layout decision.
 */
export function kerasSetup(
  inputs: LossInputs,
  className: string,
  foreign: readonly string[],
  onLayout: (seen: LayoutSeen, config: KerasConfig) => LayoutDecision,
): SetupResult {
  const { call } = inputs;
  const bad = writtenArgs(call).find((a) => foreign.includes(a));
  if (bad) return { error: `${className}.__init__() got an unexpected keyword argument '${bad}'` };
  const reduction = nameArg(call, 'reduction') ?? 'sum_over_batch_size';
  if (!KERAS_REDUCTIONS.includes(reduction)) {
    return {
      error: `Invalid value for argument \`reduction\`. Expected one of {'sum_over_batch_size', 'sum', None, 'none', 'mean', 'mean_with_sample_weight'}. Received: reduction=${reduction}`,
    };
  }
  const config: KerasConfig = { fromLogits: booleanArg(call, 'from_logits') === true, reduction, k: inputs.k };
  const setup: LossSetup = { predictions: config.fromLogits ? 'logits' : 'probabilities', onLayout: (seen) => onLayout(seen, config) };
  return setup;
}

/** Keras's error for targets whose rank differs from the output's. */
export function rankError(seen: LayoutSeen): (n: number) => string {
  return (n) =>
    `Arguments \`target\` and \`output\` must have the same rank (ndim). Received: target.shape=${pyShape(trueShape(seen, n))}, output.shape=${pyShape(predShape(seen, n))}`;
}

export function trueShape(seen: LayoutSeen, n: number): number[] {
  return seen.layout === 'indices' ? [n] : [n, seen.trueCols];
}

export function predShape(seen: LayoutSeen, n: number): number[] {
  return seen.predCols === 1 ? [n] : [n, seen.predCols];
}

/** A Keras accumulator, finished at the declared reduction (with the mask of ignore_class). */
export function kerasAccumulator(spec: KerasLossSpec, reduction: string, masked: boolean): LossAccumulator<KerasAccumulator> {
  return {
    create: () => createKerasLoss(spec),
    update: updateKerasLoss,
    merge: mergeKerasLoss,
    records: (state) => state.records,
    finish: (state) => {
      const result = finalizeKerasLoss(state);
      const reduced = reduceKerasLoss(state, result, reduction, masked);
      return { result, value: reduced.value, ...(reduced.note ? { note: reduced.note } : {}) };
    },
  };
}
