// Rule: the loss's label_smoothing. Outside [0, 1] the catalogue's range check also fires (rangeCode), and on
// sparse_categorical_crossentropy the call check reports an unknown parameter; this rule replaces both diagnostics
// (see `replaces` in the table) with one that says why and how to fix it.

import type { ExperimentModel } from '../model/types';
import { line, num, rawArgument } from './facts';
import type { RuleContext } from './types';

export function labelSmoothingRange(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily, k, output } = ctx.facts;
  if (!loss?.entry) return;
  const arg = rawArgument(loss, 'label_smoothing');
  if (!arg?.name) return;
  const v = arg.value?.kind === 'number' ? arg.value : undefined;
  const takes = loss.entry.params.some((p) => p.name === 'label_smoothing');

  if (!takes) {
    if (lossFamily !== 'sparse') return; // an unknown parameter of another loss: unknown-name says it
    ctx.report({
      at: { node: arg.name, experiment: loss.experiment, note: `${loss.name}(label_smoothing: …) (line ${line(arg.name)})` },
      message:
        `${loss.name} has no label_smoothing: Keras raises a TypeError (unexpected keyword argument 'label_smoothing'), because smoothing needs ` +
        `a target for every class. Use categorical_crossentropy(label_smoothing: ${v ? v.raw : '0.1'}) with one-hot labels, or drop the argument.`,
      data: { replacement: 'categorical_crossentropy' },
    });
    return;
  }
  if (!v) return;
  const s = v.value;
  const at = { node: v, experiment: loss.experiment, note: `label_smoothing: ${v.raw} (line ${line(v)})` };
  const binary = lossFamily === 'binary';
  const classes = binary ? 2 : (k ?? output?.units);
  const formula = binary ? 'y·(1 − s) + s/2' : 'y·(1 − s) + s/K';
  if (s < 0 || s > 1) {
    ctx.report({
      at,
      severity: 'error',
      message:
        `label_smoothing ${v.raw} is outside [0, 1]: the targets become ${formula}, so ` +
        (s > 1
          ? `the true class gets a lower target than the others and the loss rewards wrong predictions`
          : `the targets move beyond 0 and 1 and the loss is no longer a cross-entropy`) +
        `; Keras accepts it without a word. Use a value in [0, 1), typically 0.1.`,
      data: { labelSmoothing: 0.1 },
    });
  } else if (s >= 0.5) {
    const target = classes !== undefined && classes >= 2 ? 1 - s + s / classes : undefined;
    const other = classes !== undefined && classes >= 2 ? s / classes : undefined;
    ctx.report({
      at,
      severity: 'warning',
      message:
        s === 1
          ? `label_smoothing 1 replaces every target by the uniform distribution: the labels are ignored and nothing is learned. Usual values are 0.05 to 0.2.`
          : `label_smoothing ${v.raw} moves the targets at least halfway to uniform` +
            (target !== undefined ? ` (the true class's target becomes ${num(target)}, each other class's ${num(other!)})` : '') +
            `: the model is trained to be unsure and its probabilities are badly calibrated. Usual values are 0.05 to 0.2.`,
      data: { labelSmoothing: 0.1 },
    });
  }
}
