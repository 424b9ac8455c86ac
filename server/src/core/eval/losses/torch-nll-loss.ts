// torch.nn.NLLLoss ("nll_loss"): log-probabilities, class-index targets, weight, ignore_index, reduction.
// Accumulator: metrics/losses/torch-cross-entropy.ts (the nll part of cross_entropy, without log_softmax).

import { createTorchNllLoss, finalizeTorchCrossEntropy, mergeTorchCrossEntropy, updateTorchCrossEntropy } from '../../metrics/losses/torch-cross-entropy';
import { numberArg, numbersArg } from './args';
import { torchAccumulator, torchConfig } from './torch-common';
import { indexTargetRefusal, weightRefusal } from './torch-cross-entropy';
import type { EvaluatedLoss } from './types';

export const torchNllLoss: EvaluatedLoss = {
  names: ['nll_loss'],
  library: 'pytorch',
  setup: (inputs) => {
    const config = torchConfig(inputs, 'NLLLoss', ['from_logits', 'axis', 'ignore_class', 'pos_weight', 'label_smoothing']);
    if ('error' in config) return config;
    const weight = numbersArg(inputs.call, 'weight');
    const ignoreIndex = numberArg(inputs.call, 'ignore_index') ?? -100;
    return {
      predictions: 'log-probabilities',
      onLayout: (seen) => {
        const refused = indexTargetRefusal(seen) ?? weightRefusal(weight, seen.predCols);
        if (refused) return { refused };
        const create = () => createTorchNllLoss({ nClasses: seen.predCols, weight, ignoreIndex, reduction: config.reduction });
        const ops = { create, update: updateTorchCrossEntropy, merge: mergeTorchCrossEntropy, finalize: finalizeTorchCrossEntropy };
        return { accumulator: torchAccumulator(ops, config.reduction, 'sample'), yTrue: 'indices' };
      },
    };
  },
};
