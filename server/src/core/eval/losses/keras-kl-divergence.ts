// keras.losses.KLDivergence ("kl_divergence"): distribution targets. Accumulator: metrics/losses/keras-kl-divergence.ts.

import { kerasAccumulator, kerasSetup } from './keras-common';
import type { EvaluatedLoss } from './types';

export const kerasKlDivergence: EvaluatedLoss = {
  names: ['kl_divergence'],
  library: 'keras',
  setup: (inputs) =>
    kerasSetup(inputs, 'KLDivergence', [], (seen, config) => {
      // TensorFlow's broadcasting error for (n,) against (n, k).
      if (seen.layout === 'indices') return { refused: (n) => `Incompatible shapes: [${n}] vs. [${n},${seen.predCols}] [Op:RealDiv]` };
      return { accumulator: kerasAccumulator({ loss: 'kl_divergence', options: { nClasses: config.k } }, config.reduction, false), yTrue: 'matrix' };
    }),
};
