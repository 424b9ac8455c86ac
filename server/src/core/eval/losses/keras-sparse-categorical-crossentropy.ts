// keras.losses.SparseCategoricalCrossentropy ("sparse_categorical_crossentropy"): class-index targets,
// ignore_class. Accumulator: metrics/losses/keras-sparse-categorical-crossentropy.ts.

import { numberArg, pyShape } from './args';
import { kerasAccumulator, kerasSetup, predShape, trueShape } from './keras-common';
import type { EvaluatedLoss } from './types';

export const kerasSparseCategoricalCrossentropy: EvaluatedLoss = {
  names: ['sparse_categorical_crossentropy'],
  library: 'keras',
  // Keras's SparseCategoricalCrossentropy has no label_smoothing: passing one is a TypeError in its constructor.
  setup: (inputs) =>
    kerasSetup(inputs, 'SparseCategoricalCrossentropy', ['label_smoothing'], (seen, config) => {
      if (seen.layout !== 'indices') {
        return {
          refused: (n) =>
            `Argument \`output\` must have rank (ndim) \`target.ndim - 1\`. Received: target.shape=${pyShape(trueShape(seen, n))}, output.shape=${pyShape(predShape(seen, n))}`,
        };
      }
      const ignoreClass = numberArg(inputs.call, 'ignore_class') ?? null;
      return {
        accumulator: kerasAccumulator({ loss: 'sparse_categorical_crossentropy', options: { nClasses: config.k, fromLogits: config.fromLogits, ignoreClass } }, config.reduction, ignoreClass !== null),
        yTrue: 'indices',
      };
    }),
};
