// What the PyTorch losses' modules share: the constructor checks (reduction, Keras-only arguments), and a run
// over the PyTorch accumulators (their reductions are computed inside; 'none' is reported as the mean).

import type { TorchLossState, TorchReduction } from '../../metrics/losses/torch-common';
import type { LossChunk, LossResult } from '../../metrics/losses/types';
import { nameArg, writtenArgs } from './args';
import type { LossAccumulator, LossInputs } from './types';

export interface TorchConfig {
  readonly reduction: TorchReduction;
}

/** torch.nn's constructor checks: reduction (torch.nn._reduction.get_enum) and keyword arguments it lacks. */
export function torchConfig(inputs: LossInputs, className: string, foreign: readonly string[]): TorchConfig | { error: string } {
  const bad = writtenArgs(inputs.call).find((a) => foreign.includes(a));
  if (bad) return { error: `${className}.__init__() got an unexpected keyword argument '${bad}'` };
  const reduction = nameArg(inputs.call, 'reduction') ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') return { error: `${reduction} is not a valid value for reduction` };
  return { reduction };
}

export interface TorchOps<S> {
  create(): S;
  update(state: S, chunk: LossChunk): S;
  merge(a: S, b: S): S;
  finalize(state: S): LossResult;
}

const MERGED_CASCADE =
  'merged from parts: PyTorch sums float32 in a cascade over the rows in order, which parts scored apart cannot continue, so this is the exact sum rounded to float32 (it can differ from PyTorch\'s in the last float32 digit)';

/** The loss used PyTorch's float32 cascade (index targets) and the state merges parts: the cascade is not used. */
function cascadeBroken(state: TorchLossState<unknown>): boolean {
  return !state.exact && (state.cascade.loss.some((v) => v !== 0) || state.cascade.weight.some((w) => w !== 0));
}

/** A PyTorch accumulator; reduction 'none' reports the mean of what PyTorch returns, and says so. */
export function torchAccumulator<S extends TorchLossState<unknown>>(ops: TorchOps<S>, reduction: TorchReduction, per: 'sample' | 'element'): LossAccumulator<S> {
  return {
    create: ops.create,
    update: ops.update,
    merge: ops.merge,
    records: (state) => state.records,
    finish: (state) => {
      const result = ops.finalize(state);
      // JSON has no NaN (it prints null): say why PyTorch's value is nan.
      if (result.value !== null && Number.isNaN(result.value)) {
        const why = state.valid === 0 ? 'every target is ignore_index, so the mean divides 0 by 0' : 'the loss is not a number on this data';
        return { result, value: result.value, note: `PyTorch gives nan: ${why}` };
      }
      // PyTorch sums float32 in a cascade over the rows in order; merged parts cannot continue one another's.
      const merged = cascadeBroken(state) ? MERGED_CASCADE : undefined;
      if (reduction !== 'none' || result.value === null) return { result, value: result.value, ...(merged ? { note: merged } : {}) };
      const count = per === 'sample' ? `${state.rows} samples` : `${state.elements} elements (samples × columns)`;
      const what = per === 'sample' ? 'one loss per sample (0 for an ignored one)' : 'one loss per element';
      return { result, value: result.value, note: `reduction none gives ${what}; the value shown is their mean over ${count}${merged ? `; ${merged}` : ''}` };
    },
  };
}
