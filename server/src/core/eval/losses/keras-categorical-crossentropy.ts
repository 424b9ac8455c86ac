// keras.losses.CategoricalCrossentropy ("categorical_crossentropy"): one-hot (or soft) target rows.
// Accumulator: metrics/losses/keras-categorical-crossentropy.ts.

import { numberArg } from './args';
import { kerasAccumulator, kerasSetup, rankError } from './keras-common';
import type { EvaluatedLoss } from './types';

export const kerasCategoricalCrossentropy: EvaluatedLoss = {
  names: ['categorical_crossentropy'],
  library: 'keras',
  setup: (inputs) =>
    kerasSetup(inputs, 'CategoricalCrossentropy', [], (seen, config) => {
      if (seen.layout === 'indices') return { refused: rankError(seen) };
      const labelSmoothing = numberArg(inputs.call, 'label_smoothing') ?? 0;
      return {
        accumulator: kerasAccumulator({ loss: 'categorical_crossentropy', options: { nClasses: config.k, fromLogits: config.fromLogits, labelSmoothing } }, config.reduction, false),
        yTrue: 'matrix',
      };
    }),
};
