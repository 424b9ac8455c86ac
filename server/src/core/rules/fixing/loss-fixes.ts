// Fixes of the rules about the loss against the labels and the task: switch to the matching loss (with the output
// layer made to fit it), or convert the inline labels to what the loss expects.

import { findParam, lookup } from '../../catalogue';
import { nameText, ownArray, toIndices, toOneHot } from './data';
import { draft } from './draft';
import { setProperty, switchLoss } from './edits';
import type { Draft, FixContext, OffsetEdit } from './types';

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
export function labelsFollow(ctx: FixContext, encoding: 'integer' | 'onehot'): OffsetEdit[] | undefined {
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
