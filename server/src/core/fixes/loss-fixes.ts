// Fixes of the rules about the loss against the labels and the task: switch to the matching loss (with the output
// layer made to fit it), or convert the inline labels to what the loss expects.

import { findParam, lookup } from '../catalogue';
import { rawArgument } from '../rules/facts';
import { nameText, ownArray, toIndices, toOneHot } from './data';
import { dataString, draft } from './draft';
import { editProperty, outputFor, ownOutput, setProperty, switchLoss, unitsEdits } from './edits';
import { removeArgument, replaceNode } from './text';
import type { Draft, FixContext, Fixer, OffsetEdit } from './types';

/** "Use NAME" (naming the arguments the new loss drops, which change what is trained). */
export function useLoss(ctx: FixContext, name: string, preferIfConsistent: boolean): Draft | undefined {
  const switched = switchLoss(ctx, name);
  if (!switched) return undefined;
  const entry = lookup('loss', name)!;
  const loss = ctx.facts!.loss!;
  const dropped = loss.node.kind === 'call' ? loss.node.args.filter((a) => a.name && !findParam(entry, a.name.name)).map((a) => a.name!.name) : [];
  const output = switched.output;
  const also = output.edits.length ? ' and fit the output layer to it' : '';
  const without = switched.droppedLogits ? [...dropped, 'from_logits'] : dropped;
  const title = `Use ${name}${without.length ? ` without ${without.join(', ')}` : ''}${also}`;
  return draft(title, [...switched.loss, ...output.edits], preferIfConsistent && output.consistent && dropped.length === 0);
}

/** The `labels:` line follows converted data when it is declared (inferred labels follow by themselves). */
function labelsFollow(ctx: FixContext, encoding: 'integer' | 'onehot'): OffsetEdit[] | undefined {
  const labels = ctx.model?.labels;
  if (!labels || labels.origin !== 'declared' || labels.value === encoding) return [];
  return setProperty(ctx, 'labels', encoding);
}

/** Inline y_true as class indices → one-hot rows (class names are looked up in the class list). */
export function oneHotFix(ctx: FixContext): Draft | undefined {
  const y = ownArray(ctx, 'yTrue');
  const classes = ctx.model?.classes;
  if (!y || !classes) return undefined;
  const names = classes.value.names;
  const edit = toOneHot(ctx, y, classes.value.count, (label) => {
    if (typeof label === 'number') return Number.isInteger(label) ? label : undefined;
    const i = names.indexOf(label);
    return i >= 0 ? i : undefined;
  });
  const labels = labelsFollow(ctx, 'onehot');
  // Names learned from y_true alone would be lost with them: declare them.
  const keepNames = y.names && classes.origin !== 'declared' ? setProperty(ctx, 'classes', `[${names.map(nameText).join(', ')}]`) : [];
  return draft('Convert y_true to one-hot rows', labels && keepNames && edit ? [...labels, ...keepNames, edit] : undefined);
}

/** Inline one-hot y_true → class indices. */
export function indicesFix(ctx: FixContext): Draft | undefined {
  const y = ownArray(ctx, 'yTrue');
  const edit = y && toIndices(ctx, y);
  const labels = labelsFollow(ctx, 'integer');
  // The width of the rows said how many classes there are; indices alone would say only max + 1.
  const classes = ctx.model?.classes;
  const keepCount = y && classes && classes.origin !== 'declared' ? setProperty(ctx, 'classes', String(y.cols)) : [];
  return draft('Convert y_true to class indices', edit && labels && keepCount ? [...labels, ...keepCount, edit] : undefined);
}

export const sparseLossOnehotLabels: Fixer = (ctx) => [useLoss(ctx, dataString(ctx, 'replacement') ?? 'categorical_crossentropy', true), indicesFix(ctx)];

export const categoricalLossIntegerLabels: Fixer = (ctx) => {
  const switchDraft = useLoss(ctx, dataString(ctx, 'replacement') ?? 'sparse_categorical_crossentropy', true);
  const convert = oneHotFix(ctx);
  // Switching drops label_smoothing (the sparse loss has none): then converting the labels keeps the training as written.
  const preferConvert = !!convert && !!switchDraft && !switchDraft.preferred && rawArgument(ctx.facts!.loss!, 'label_smoothing') !== undefined;
  return [switchDraft, convert && preferConvert ? { ...convert, preferred: true } : convert];
};

export const categoricalLossSingleOutput: Fixer = (ctx) => {
  const k = typeof ctx.data.units === 'number' ? ctx.data.units : undefined;
  if (k !== undefined) {
    const o = ownOutput(ctx);
    const units = o && unitsEdits(o, k);
    if (!units) return [];
    // The units, and softmax over them (outputFor, as if the layer already had k units).
    const facts = ctx.facts!;
    const widened = { ...ctx, facts: { ...facts, output: { ...o!, units: k } } };
    const act = outputFor(widened, facts.lossFamily, facts.fromLogits);
    return [draft(`Give the output layer ${k} units${act.edits.length ? ' with softmax' : ''}`, [...units, ...act.edits], act.consistent)];
  }
  return [useLoss(ctx, dataString(ctx, 'replacement') ?? 'binary_crossentropy', true)];
};

export const binaryLossMulticlassTask: Fixer = (ctx) => [useLoss(ctx, dataString(ctx, 'replacement') ?? 'categorical_crossentropy', true)];

export const softmaxLossMultilabelTask: Fixer = (ctx) => [useLoss(ctx, dataString(ctx, 'replacement') ?? 'binary_crossentropy', true)];

/** label_smoothing out of range, or on the sparse loss that has none. */
export const labelSmoothingRange: Fixer = (ctx) => {
  const loss = ctx.facts?.loss;
  const arg = loss && rawArgument(loss, 'label_smoothing');
  if (!loss || !arg || loss.node.kind !== 'call') return [];
  const call = loss.node;
  const remove = editProperty(ctx, 'loss', () => {
    const e = removeArgument(call, arg);
    return e && [e];
  });
  const replacement = dataString(ctx, 'replacement');
  if (replacement) {
    // On sparse_categorical_crossentropy: drop it, or switch to the categorical loss that takes it — right as it is
    // when the labels are one-hot (or unknown); integer labels must become one-hot rows with it, else it only
    // trades this error for categorical-loss-integer-labels.
    const labels = ctx.model?.labels?.value;
    const switchDraft = useLoss(ctx, replacement, labels === 'onehot');
    let switchFix: Draft | undefined;
    if (switchDraft && labels === 'integer') {
      const convert = oneHotFix(ctx);
      switchFix = convert && draft(`${switchDraft.title} and convert y_true to one-hot rows`, [...switchDraft.edits, ...convert.edits]);
    } else if (switchDraft) switchFix = { ...switchDraft, title: `${switchDraft.title}, which takes label_smoothing` };
    return [draft('Remove label_smoothing', remove, labels !== 'onehot'), switchFix];
  }
  const value = typeof ctx.data.labelSmoothing === 'number' ? ctx.data.labelSmoothing : 0.1;
  const set = arg.value && editProperty(ctx, 'loss', () => [replaceNode(arg.value!, String(value))]);
  return [draft(`Set label_smoothing to ${value}`, set, true), draft('Remove label_smoothing', remove)];
};
