// keras.losses.BinaryCrossentropy ("binary_crossentropy"; also `bce` when the experiment is not PyTorch).
// Accumulator: metrics/losses/keras-binary-crossentropy.ts.

import { numberArg } from './args';
import { kerasAccumulator, kerasSetup, rankError } from './keras-common';
import type { EvaluatedLoss } from './types';

export const kerasBinaryCrossentropy: EvaluatedLoss = {
  names: ['binary_crossentropy', 'bce'],
  library: 'keras',
  framework: 'keras',
  setup: (inputs) =>
    kerasSetup(inputs, 'BinaryCrossentropy', ['weight'], (seen, config) => {
      // Class indices are (n,) targets: Keras accepts them only against a one-column output.
      if (seen.layout === 'indices' && seen.predCols !== 1) return { refused: rankError(seen) };
      const labelSmoothing = numberArg(inputs.call, 'label_smoothing') ?? 0;
      return {
        accumulator: kerasAccumulator({ loss: 'binary_crossentropy', options: { fromLogits: config.fromLogits, labelSmoothing, width: seen.predCols } }, config.reduction, false),
        yTrue: seen.layout === 'indices' ? 'indices' : 'matrix',
      };
    }),
};
