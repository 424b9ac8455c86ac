// Edits in the vocabulary of the semantic model: set a property, switch the loss, set from_logits, the output
// activation or units. Each respects `extends`: a property the experiment inherits is overridden by a new line in
// the experiment itself (changing the parent would change its other children too), and the layers are only
// edited where the experiment writes them.

import { type CatalogueEntry, findParam, lookup } from '../../catalogue';
import type { CallModel, LayerModel } from '../../model/types';
import type { Argument, Call, Value } from '../../syntax/ast';
import { activationParamOf } from '../../model/layer-params';
import type { OutputFacts } from '../facts';
import { addArgument, insertProperty, removeArgument, removeEntry, replaceNode, rewriteNode } from './text';
import type { FixContext, OffsetEdit } from './types';

/**
 * Edits the value of a top-level property: `inner` edits the value as written; when the experiment inherits the
 * property, the edited value becomes an override line in the experiment. All edits of one property must be made
 * in one call (two override lines would be a duplicate property).
 */
export function editProperty(ctx: FixContext, key: string, inner: (value: Value) => readonly OffsetEdit[] | undefined): OffsetEdit[] | undefined {
  const owned = ctx.model?.properties.get(key);
  const value = owned?.property.value;
  if (!owned || !value || !ctx.experiment) return undefined;
  const edits = inner(value);
  if (!edits || edits.length === 0) return undefined;
  if (owned.experiment === ctx.model!.name) return [...edits];
  const rewritten = rewriteNode(ctx.text, value, edits);
  return rewritten === undefined ? undefined : [insertProperty(ctx.source, ctx.experiment, `${key}: ${rewritten}`)];
}

/** `key: value`, replacing the value where the experiment has the property, else as a new line. */
export function setProperty(ctx: FixContext, key: string, valueText: string): OffsetEdit[] | undefined {
  if (!ctx.experiment || !ctx.model) return undefined;
  if (ctx.model.properties.has(key)) return editProperty(ctx, key, (v) => [replaceNode(v, valueText)]);
  return [insertProperty(ctx.source, ctx.experiment, `${key}: ${valueText}`)];
}

/** Removes several arguments of one call: one removal keeps the layout; more rewrite the argument list. */
export function removeArguments(text: string, call: Call, remove: readonly Argument[]): OffsetEdit[] | undefined {
  if (remove.length === 0) return [];
  if (remove.length === 1) {
    const e = removeArgument(call, remove[0]);
    return e && [e];
  }
  if (call.openParen < 0 || call.closeParen < 0) return undefined;
  const kept = call.args.filter((a) => !remove.includes(a));
  if (kept.length === 0) return [{ start: call.openParen, end: call.closeParen + 1, text: '' }];
  return [{ start: call.openParen + 1, end: call.closeParen, text: kept.map((a) => text.slice(a.start, a.end)).join(', ') }];
}

/** The loss as written in its property (a bare name or a call). */
function lossCall(loss: CallModel): Call | undefined {
  return loss.node.kind === 'call' ? loss.node : undefined;
}

/**
 * Edits of the loss call as written: the new name, without the arguments the new loss does not take (and without
 * from_logits when `dropLogits`).
 */
function renameLossEdits(ctx: FixContext, loss: CallModel, entry: CatalogueEntry, dropLogits: boolean): OffsetEdit[] | undefined {
  const edits: OffsetEdit[] = [replaceNode(loss.nameNode, entry.name)];
  const call = lossCall(loss);
  if (call) {
    const foreign = call.args.filter((a) => !a.name || !findParam(entry, a.name.name) || (dropLogits && a === loss.args.get('from_logits')));
    const removed = removeArguments(ctx.text, call, foreign);
    if (!removed) return undefined;
    edits.push(...removed);
  }
  return edits;
}

/** How a loss change leaves the output layer. */
export interface OutputChange {
  readonly edits: OffsetEdit[];
  /** False when the output still does not fit the new loss (it is inherited, or its units are unknown). */
  readonly consistent: boolean;
}

/**
 * What the output layer needs to fit a loss family: softmax over one unit per class for the categorical losses,
 * sigmoid for binary_crossentropy on one unit or per label; raw logits stay when `from_logits` is on.
 */
export function outputFor(ctx: FixContext, family: CatalogueEntry['family'], fromLogits: boolean): OutputChange {
  const f = ctx.facts;
  const o = f?.output;
  if (!f || !o) return { edits: [], consistent: true }; // no layers: nothing to keep consistent
  const own = ownOutput(ctx);
  const edits: OffsetEdit[] = [];
  let consistent = true;
  const logits = o.range === 'linear' && fromLogits;
  if (family === 'categorical' || family === 'sparse') {
    const k = f.task !== 'binary' && f.k !== undefined && f.k > 2 ? f.k : undefined;
    if (o.units === 1) {
      const e = k !== undefined && own ? unitsEdits(own, k) : undefined;
      if (e) edits.push(...e);
      else consistent = false;
    }
    if (o.activation !== 'softmax' && !logits) {
      const e = own ? activationEdits(ctx, own, 'softmax') : undefined;
      if (e) edits.push(...e);
      else consistent = false;
    }
  } else if (family === 'binary') {
    const perUnit = o.units === 1 || f.task === 'multilabel';
    if (perUnit && o.range !== 'probability' && !logits) {
      const e = own ? activationEdits(ctx, own, 'sigmoid') : undefined;
      if (e) edits.push(...e);
      else consistent = false;
    }
  }
  return { edits, consistent };
}

/**
 * Switches the loss to `name` (dropping the arguments it does not take) and, where needed, the output layer to
 * match it. Undefined when the loss cannot be edited.
 */
export function switchLoss(ctx: FixContext, name: string): { loss: OffsetEdit[]; output: OutputChange; droppedLogits: boolean } | undefined {
  const f = ctx.facts;
  const loss = f?.loss;
  const entry = lookup('loss', name);
  if (!f || !loss || !entry) return undefined;
  // from_logits stays only while the output is raw scores: over an activation it would apply it twice.
  const takesLogits = entry.params.some((p) => p.name === 'from_logits');
  const droppedLogits = f.fromLogits && takesLogits && !!f.output && f.output.range !== 'linear';
  const lossEdits = editProperty(ctx, 'loss', () => renameLossEdits(ctx, loss, entry, droppedLogits));
  if (!lossEdits) return undefined;
  // A PyTorch loss that takes logits (cross_entropy, bce_with_logits) wants a linear output.
  if (entry.takes === 'logits') return { loss: lossEdits, output: linearOutput(ctx), droppedLogits };
  return { loss: lossEdits, output: outputFor(ctx, entry.family, f.fromLogits && takesLogits && !droppedLogits), droppedLogits };
}

/** The output layer made linear (logits), where it has an activation. */
function linearOutput(ctx: FixContext): OutputChange {
  const o = ctx.facts?.output;
  if (!o || o.range === 'linear') return { edits: [], consistent: true };
  const own = ownOutput(ctx);
  const e = own ? activationEdits(ctx, own, 'linear') : undefined;
  return e ? { edits: e, consistent: true } : { edits: [], consistent: false };
}

/** Sets `from_logits` on the loss: `true` is written (added to a bare name), `false` removes the argument. */
export function setFromLogits(ctx: FixContext, value: boolean): OffsetEdit[] | undefined {
  const loss = ctx.facts?.loss;
  if (!loss?.entry?.params.some((p) => p.name === 'from_logits')) return undefined;
  return editProperty(ctx, 'loss', () => {
    const arg = loss.args.get('from_logits');
    if (value) {
      if (arg) return arg.value ? [replaceNode(arg.value, 'true')] : undefined;
      const e = addArgument(loss.node, 'from_logits: true');
      return e && [e];
    }
    const call = lossCall(loss);
    const e = arg && call ? removeArgument(call, arg) : undefined;
    return e && [e];
  });
}

/** The output layer when the experiment's own text declares it (its layers are never edited in a parent). */
export function ownOutput(ctx: FixContext): OutputFacts | undefined {
  const o = ctx.facts?.output;
  return o && ctx.model && o.experiment === ctx.model.name ? o : undefined;
}

/** Sets the output units (a number written in the layer). */
export function unitsEdits(o: OutputFacts, units: number): OffsetEdit[] | undefined {
  const node = o.unitsNode as Value;
  return node && 'kind' in node && node.kind === 'number' ? [replaceNode(node, String(units))] : undefined;
}

/** The activation layers after the output layer (the last of them is the effective activation). */
function activationLayersAfter(ctx: FixContext, o: OutputFacts): LayerModel[] {
  const layers = ctx.facts?.layers ?? [];
  const i = layers.indexOf(o.layer);
  return i < 0 ? [] : layers.slice(i + 1).filter((l) => l.entry?.activationLayer);
}

/**
 * Makes the output activation `act`, where it is written: the `activation:` argument, the activation layer after
 * the output layer, or a new `activation:` argument. 'linear' removes the activation instead.
 */
export function activationEdits(ctx: FixContext, o: OutputFacts, act: string): OffsetEdit[] | undefined {
  const after = activationLayersAfter(ctx, o);
  const param = activationParamOf(o.layer.entry); // a backbone's is classifier_activation
  const ownArg = o.layer.args.get(param);
  const layerCall = o.layer.node.kind === 'call' ? o.layer.node : undefined;
  if (act === 'linear') {
    const edits = after.map((l) => removeEntry(ctx.source, l.node));
    if (ownArg && layerCall) {
      const e = removeArgument(layerCall, ownArg);
      if (!e) return undefined;
      edits.push(e);
    } else if (!ownArg && o.layer.activation && o.layer.activation !== 'linear') {
      // A layer whose default activation is not linear (lstm: tanh).
      const e = addArgument(o.layer.node, `${param}: linear`);
      if (!e) return undefined;
      edits.push(e);
    }
    return edits.length ? edits : undefined;
  }
  const effective = after.find((l) => l.node === o.activationNode);
  if (effective) {
    if (effective.entry?.appliesActivation) return [replaceNode(effective.node, `activation(${act})`)];
    const v = effective.args.get('activation')?.value;
    return v ? [replaceNode(v, act)] : undefined;
  }
  if (ownArg?.value) return [replaceNode(ownArg.value, act)];
  const e = addArgument(o.layer.node, `${param}: ${act}`);
  return e && [e];
}
