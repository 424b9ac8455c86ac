// Keras 3's `reduction` of a loss (keras/src/losses/loss.py, reduce_values and apply_mask), applied to the
// accumulated per-sample losses. The accumulators compute sum_over_batch_size (Keras's default); the other
// reductions are read from the same exact total, rounded to float32 as Keras's ops are.

import { sumValue } from '../../metrics/losses/exact-sum';
import type { KerasAccumulator } from '../../metrics/losses/keras';
import { kerasRounder } from '../../metrics/losses/keras-common';
import type { LossResult } from '../../metrics/losses/types';

export function reduceKerasLoss(state: KerasAccumulator, result: LossResult, reduction: string, masked: boolean): { value: number | null; note?: string } {
  if (result.value === null) return { value: null };
  const r = kerasRounder(state.options.floatx ?? 'float32');
  const n = state.rows;
  switch (reduction) {
    case 'sum_over_batch_size':
    case 'mean':
    case 'mean_with_sample_weight': // no sample weights: the same divisor as sum_over_batch_size
      return { value: result.value };
    case 'sum':
      // The mask (ignore_class) weighs ignored rows 0 and valid rows 1 under `sum`.
      return { value: r(sumValue(state.sum)) };
    case 'none': {
      // Keras returns one loss per sample (0 for an ignored one); xent reports their mean.
      const mean = n === 0 ? 0 : r(r(sumValue(state.sum)) / n);
      return {
        value: mean,
        note: `reduction none gives one loss per sample${masked ? ' (0 for each ignored one)' : ''}; the value shown is their mean over ${n} samples`,
      };
    }
    default:
      return { value: result.value };
  }
}
