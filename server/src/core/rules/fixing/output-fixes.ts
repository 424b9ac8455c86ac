// Fixes of the rules about the output layer: its activation, its units, from_logits on the loss, and an
// activation applied twice.

import type { LayerModel } from '../../model/types';
import { dataNumber, dataString, draft } from './draft';
import { activationEdits, ownOutput, setFromLogits, unitsEdits } from './edits';
import { removeArgument, removeEntry, replaceNode } from './text';
import type { Draft, FixContext, Fixer } from './types';

/** "Use sigmoid on the output layer" / "Make the output layer linear". */
export function outputActivationFix(ctx: FixContext, act: string, preferred: boolean): Draft | undefined {
  const o = ownOutput(ctx);
  const title = act === 'linear' ? 'Make the output layer linear (remove its activation)' : `Use ${act} on the output layer`;
  return draft(title, o && activationEdits(ctx, o, act), preferred);
}

export function outputUnitsFix(ctx: FixContext, units: number, preferred: boolean): Draft | undefined {
  const o = ownOutput(ctx);
  return draft(`Set the output units to ${units}`, o && unitsEdits(o, units), preferred);
}

export function fromLogitsFix(ctx: FixContext, value: boolean, preferred: boolean): Draft | undefined {
  return draft(value ? 'Set from_logits: true on the loss' : 'Remove from_logits: true from the loss', setFromLogits(ctx, value), preferred);
}

/** The activation the diagnostic names, the output's when the rule gives none. */
export const activationFix: Fixer = (ctx) => {
  const act = dataString(ctx, 'activation');
  return act ? [outputActivationFix(ctx, act, true)] : [];
};




/** double-softmax, double-sigmoid: the loss must not apply the activation again. A PyTorch loss has no from_logits
 *  to remove (`data.fromLogits` absent): the output layer made linear is the fix. */
export const doubleActivation: Fixer = (ctx) =>
  ctx.data.fromLogits === false ? [fromLogitsFix(ctx, false, true), outputActivationFix(ctx, 'linear', false)] : [outputActivationFix(ctx, 'linear', true)];

export const outputUnits: Fixer = (ctx) => {
  let units = dataNumber(ctx, 'units');
  // Two classes read as one unit (P(class 1)) need binary_crossentropy: with a categorical loss, one unit per class.
  const family = ctx.facts?.lossFamily;
  if (units === 1 && (family === 'categorical' || family === 'sparse')) units = 2;
  return units !== undefined ? [outputUnitsFix(ctx, units, true)] : [];
};

/** The layer whose activation the diagnostic points at (its `activation:` value, or the activation layer itself). */
export function layerAt(ctx: FixContext): LayerModel | undefined {
  return ctx.facts?.layers?.find((l) => {
    const v = l.args.get('activation')?.value;
    return (v && v.start === ctx.start) || (l.entry?.activationLayer && l.node.start === ctx.start);
  });
}

/** Edits that set one layer's activation (not the output's: a hidden softmax). */
export function layerActivationEdits(l: LayerModel, act: string) {
  if (l.entry?.appliesActivation) return [replaceNode(l.node, `activation(${act})`)];
  const v = l.args.get('activation')?.value;
  return v ? [replaceNode(v, act)] : undefined;
}

/** Removes a layer's activation: the activation layer's line, or the `activation:` argument. */
export function removeActivationEdits(ctx: FixContext, l: LayerModel) {
  if (l.entry?.activationLayer) return [removeEntry(ctx.source, l.node)];
  const arg = l.args.get('activation');
  const e = arg && l.node.kind === 'call' ? removeArgument(l.node, arg) : undefined;
  return e && [e];
}
