// torch.nn.BCEWithLogitsLoss ("bce_with_logits"): logits, 0/1 targets of the same shape, weight, pos_weight,
// reduction. Accumulator: metrics/losses/torch-binary-cross-entropy.ts.

import { createTorchBceWithLogits } from '../../metrics/losses/torch-binary-cross-entropy';
import { numbersArg } from './args';
import { binaryLayout } from './torch-binary';
import { torchConfig } from './torch-common';
import type { EvaluatedLoss } from './types';

export const torchBceWithLogits: EvaluatedLoss = {
  names: ['bce_with_logits'],
  library: 'pytorch',
  setup: (inputs) => {
    const config = torchConfig(inputs, 'BCEWithLogitsLoss', ['from_logits', 'axis', 'label_smoothing', 'ignore_index']);
    if ('error' in config) return config;
    const weight = numbersArg(inputs.call, 'weight');
    const posWeight = numbersArg(inputs.call, 'pos_weight');
    return {
      predictions: 'logits',
      onLayout: (seen) =>
        binaryLayout(
          seen,
          (target, input) => `Target size (${target}) must be the same as input size (${input})`,
          (width) => createTorchBceWithLogits({ width, weight, posWeight, reduction: config.reduction }),
          config.reduction,
        ),
    };
  },
};
