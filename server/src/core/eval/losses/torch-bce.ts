// torch.nn.BCELoss ("bce" when the experiment is PyTorch): probabilities, the log clamped at −100, weight,
// reduction. Accumulator: metrics/losses/torch-binary-cross-entropy.ts.

import { createTorchBce } from '../../metrics/losses/torch-binary-cross-entropy';
import { numbersArg } from './args';
import { binaryLayout } from './torch-binary';
import { torchConfig } from './torch-common';
import type { EvaluatedLoss } from './types';

export const torchBce: EvaluatedLoss = {
  names: ['bce'],
  library: 'pytorch',
  framework: 'pytorch',
  setup: (inputs) => {
    const config = torchConfig(inputs, 'BCELoss', ['from_logits', 'axis', 'label_smoothing']);
    if ('error' in config) return config;
    const weight = numbersArg(inputs.call, 'weight');
    return {
      predictions: 'probabilities',
      onLayout: (seen) =>
        binaryLayout(
          seen,
          (target, input) => `Using a target size (${target}) that is different to the input size (${input}) is deprecated. Please ensure they have the same size.`,
          (width) => createTorchBce({ width, weight, reduction: config.reduction }),
          config.reduction,
        ),
    };
  },
};
