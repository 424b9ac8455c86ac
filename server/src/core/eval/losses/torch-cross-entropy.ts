// torch.nn.CrossEntropyLoss ("cross_entropy"): logits, class-index or class-probability targets, weight,
// ignore_index, label_smoothing, reduction. Accumulator: metrics/losses/torch-cross-entropy.ts.

import { createTorchCrossEntropy, finalizeTorchCrossEntropy, mergeTorchCrossEntropy, updateTorchCrossEntropy } from '../../metrics/losses/torch-cross-entropy';
import { numberArg, numbersArg } from './args';
import { torchAccumulator, torchConfig } from './torch-common';
import type { EvaluatedLoss, LayoutSeen } from './types';

/** F.nll_loss's refusals of targets that are not one class index per row, shared with nll_loss. */
export function indexTargetRefusal(seen: LayoutSeen): ((n: number) => string) | undefined {
  if (seen.predCols === 1) return (n) => `For 1D input, 1D target must have size 1, but got target size: ${n}`;
  if (seen.layout !== 'indices') return () => '0D or 1D target tensor expected, multi-target not supported';
  return undefined;
}

export function weightRefusal(weight: readonly number[] | undefined, k: number): ((n: number) => string) | undefined {
  if (!weight || weight.length === k) return undefined;
  return () => `weight tensor should be defined either for all ${k} classes or no classes but got weight tensor of shape: [${weight.length}]`;
}

export const torchCrossEntropy: EvaluatedLoss = {
  names: ['cross_entropy'],
  library: 'pytorch',
  setup: (inputs) => {
    const config = torchConfig(inputs, 'CrossEntropyLoss', ['from_logits', 'axis', 'ignore_class', 'pos_weight']);
    if ('error' in config) return config;
    const weight = numbersArg(inputs.call, 'weight');
    const ignoreIndex = numberArg(inputs.call, 'ignore_index') ?? -100;
    const labelSmoothing = numberArg(inputs.call, 'label_smoothing') ?? 0;
    // The check F.cross_entropy makes before it computes anything.
    if (labelSmoothing > 1) return { error: `label_smoothing must be between 0.0 and 1.0. Got: ${pyFloat(labelSmoothing)}` };
    return {
      predictions: 'logits',
      softTargets: true,
      onLayout: (seen) => {
        // Rows of the y_pred's width are class probabilities (PyTorch: target.shape == input.shape).
        const probabilities = seen.layout !== 'indices' && seen.trueCols === seen.predCols && seen.predCols > 1;
        const refused = (probabilities ? undefined : indexTargetRefusal(seen)) ?? weightRefusal(weight, seen.predCols);
        if (refused) return { refused };
        if (probabilities && ignoreIndex >= 0) return { refused: () => 'ignore_index is not supported for floating point target' };
        const options = { nClasses: seen.predCols, targets: probabilities ? ('probabilities' as const) : ('indices' as const), weight, ignoreIndex, labelSmoothing, reduction: config.reduction };
        const ops = { create: () => createTorchCrossEntropy(options), update: updateTorchCrossEntropy, merge: mergeTorchCrossEntropy, finalize: finalizeTorchCrossEntropy };
        return { accumulator: torchAccumulator(ops, config.reduction, 'sample'), yTrue: probabilities ? 'matrix' : 'indices' };
      },
    };
  },
};

/** A float as Python prints it: 1.5, 2.0. */
export function pyFloat(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}
