// The registry of evaluated losses: one module per loss, one line each. Adding a loss xent computes takes its
// catalogue entry (catalogue/losses.ts), its accumulator (metrics/losses/), its module here, and this line.

import type { Framework } from '../../catalogue/types';
import type { CallModel } from '../../model/types';
import { kerasBinaryCrossentropy } from './keras-binary-crossentropy';
import { kerasCategoricalCrossentropy } from './keras-categorical-crossentropy';
import { kerasKlDivergence } from './keras-kl-divergence';
import { kerasSparseCategoricalCrossentropy } from './keras-sparse-categorical-crossentropy';
import { sklearnLogLoss } from './sklearn-log-loss';
import { torchBce } from './torch-bce';
import { torchBceWithLogits } from './torch-bce-with-logits';
import { torchCrossEntropy } from './torch-cross-entropy';
import { torchNllLoss } from './torch-nll-loss';
import type { EvaluatedLoss } from './types';

export type { EvaluatedLoss, LayoutDecision, LayoutSeen, LossAccumulator, LossSetup, Predictions, SetupResult, TargetLayout } from './types';

export const EVALUATED_LOSSES: readonly EvaluatedLoss[] = [
  kerasBinaryCrossentropy,
  kerasCategoricalCrossentropy,
  kerasSparseCategoricalCrossentropy,
  kerasKlDivergence,
  sklearnLogLoss,
  torchCrossEntropy,
  torchNllLoss,
  torchBceWithLogits,
  torchBce,
];

/**
 * The module that computes a declared loss: by its catalogue name; for a name two libraries share (bce), the
 * one of the experiment's framework (Keras unless PyTorch: design decision). Undefined: xent does not compute it.
 */
export function evaluatedLoss(call: CallModel, framework: Framework | undefined): EvaluatedLoss | undefined {
  const name = call.entry?.name;
  if (!name) return undefined;
  const candidates = EVALUATED_LOSSES.filter((l) => l.names.includes(name));
  if (candidates.length <= 1) return candidates[0];
  return candidates.find((l) => l.framework === (framework ?? 'keras')) ?? candidates[0];
}
