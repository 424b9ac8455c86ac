// What BCELoss and BCEWithLogitsLoss share: PyTorch's shape check (target and input of the same size) and the run.

import { finalizeTorchBinary, mergeTorchBinary, updateTorchBinary, type TorchBinaryState } from '../../metrics/losses/torch-binary-cross-entropy';
import type { TorchReduction } from '../../metrics/losses/torch-common';
import { torchSize } from './args';
import { predShape, trueShape } from './keras-common';
import { torchAccumulator } from './torch-common';
import type { LayoutDecision, LayoutSeen } from './types';

/** The same size on both sides, or PyTorch's ValueError (its text differs between the two losses). */
export function binaryLayout(seen: LayoutSeen, refusal: (target: string, input: string) => string, create: (width: number) => TorchBinaryState, reduction: TorchReduction): LayoutDecision {
  const same = (seen.layout === 'indices' ? seen.predCols === 1 : seen.trueCols === seen.predCols);
  if (!same) return { refused: (n) => refusal(torchSize(trueShape(seen, n)), torchSize(predShape(seen, n))) };
  return {
    accumulator: torchAccumulator({ create: () => create(seen.predCols), update: updateTorchBinary, merge: mergeTorchBinary, finalize: finalizeTorchBinary }, reduction, 'element'),
    yTrue: seen.layout === 'indices' ? 'indices' : 'matrix',
  };
}
