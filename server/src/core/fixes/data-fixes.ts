// Fixes of the rules about inline data: shift or re-map the labels, declare what the labels imply, normalise
// prediction rows, set from_logits for raw scores, drop log_loss over hard predictions.

import { ROW_SUM_TOLERANCE } from '../rules';
import type { InlineArray } from '../model/inline-data';
import { mapLabels, normaliseRows, ownArray } from './data';
import { dataNumber, draft } from './draft';
import { editProperty, setFromLogits, setProperty } from './edits';
import { addArgument, insertProperty, removeEntry, removeListItem, replaceNode } from './text';
import type { Draft, FixContext, Fixer, OffsetEdit } from './types';

/** `classes: N` where the classes are declared as a count (names cannot be made up). */
function classCountFix(ctx: FixContext, count: number): Draft | undefined {
  const c = ctx.model?.classes;
  if (!c || c.origin !== 'declared' || c.value.named || !Number.isInteger(count) || count < 2) return undefined;
  return draft(`Declare ${count} classes`, setProperty(ctx, 'classes', String(count)));
}

export const oneBasedLabels: Fixer = (ctx) => {
  const y = ownArray(ctx, 'yTrue');
  const shift = dataNumber(ctx, 'shift') ?? -1;
  const edit = y && mapLabels(ctx, y, (v) => v + shift);
  return [draft(shift === -1 ? 'Subtract 1 from every label' : `Add ${shift} to every label`, edit && [edit], true)];
};

export const binaryLabelsNot01: Fixer = (ctx) => {
  const y = ownArray(ctx, 'yTrue');
  const mapping = ctx.data.mapping as Record<string, unknown> | undefined;
  if (y && mapping && typeof mapping === 'object') {
    const keys = Object.keys(mapping).sort((a, b) => Number(a) - Number(b));
    const image = (v: number) => {
      const to = mapping[String(v)];
      return typeof to === 'number' ? to : undefined;
    };
    const edit = mapLabels(ctx, y, image);
    return [draft(`Map ${keys.map((k) => `${k} → ${String(mapping[k])}`).join(' and ')}`, edit && [edit], true)];
  }
  // More than two values: the labels name several classes.
  return [draft('Declare task: multiclass', setProperty(ctx, 'task', 'multiclass'))];
};

export const negativeLabel: Fixer = (ctx) => {
  const loss = ctx.facts?.loss;
  const y = ctx.facts?.data?.yTrue;
  const value = dataNumber(ctx, 'ignoreClass');
  if (!loss || ctx.facts?.lossFamily !== 'sparse' || !y || value === undefined) return [];
  // ignore_class takes one value: only when every negative label is that one.
  for (const v of y.values) if (v < 0 && v !== value) return [];
  const edits = editProperty(ctx, 'loss', () => {
    const arg = loss.args.get('ignore_class');
    if (arg) return arg.value ? [replaceNode(arg.value, String(value))] : undefined;
    const e = addArgument(loss.node, `ignore_class: ${value}`);
    return e && [e];
  });
  return [draft(`Leave label ${value} out of the loss (ignore_class: ${value})`, edits)];
};

export const labelOutOfRange: Fixer = (ctx) => {
  const y = ctx.facts?.data?.yTrue;
  if (!y) return [];
  let max = -Infinity;
  for (const v of y.values) if (Number.isInteger(v) && v > max) max = v;
  return [classCountFix(ctx, max + 1)];
};

export const onehotWidthMismatch: Fixer = (ctx) => {
  const width = dataNumber(ctx, 'width');
  return width !== undefined ? [classCountFix(ctx, width)] : [];
};

export const multiHotLabelsSingleLabelTask: Fixer = (ctx) => [draft('Declare task: multilabel', setProperty(ctx, 'task', 'multilabel'))];

export const probabilityOutOfRange: Fixer = (ctx) =>
  ctx.data.fromLogits === true ? [draft('Set from_logits: true on the loss (y_pred holds raw scores)', setFromLogits(ctx, true))] : [];

function rowOffends(y: InlineArray, r: number): boolean {
  let sum = 0;
  for (let c = 0; c < y.cols; c++) {
    const v = y.values[r * y.cols + c];
    if (!(v >= 0 && v <= 1)) return false; // probability-out-of-range's
    sum += v;
  }
  return !(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE);
}

export const rowsNotNormalized: Fixer = (ctx) => {
  const y = ownArray(ctx, 'yPred');
  const edit = y && normaliseRows(ctx, y, (r) => rowOffends(y, r));
  return [draft('Rescale the y_pred rows to sum to 1', edit && [edit])];
};

export const hardPredictionsLogLoss: Fixer = (ctx) => {
  const metrics = ctx.model?.properties.get('metrics');
  const value = metrics?.property.value;
  const metric = ctx.model?.metrics.find((m) => m.name === 'log_loss');
  if (!metrics || !value || !metric || !ctx.experiment) return [];
  let edits: OffsetEdit[] | undefined;
  if (value.kind === 'list' && value.items.length > 1) {
    edits = editProperty(ctx, 'metrics', () => {
      const e = removeListItem(value, metric.node);
      return e && [e];
    });
  } else if (metrics.experiment === ctx.model!.name) edits = [removeEntry(ctx.source, metrics.property)];
  else edits = [insertProperty(ctx.source, ctx.experiment, 'metrics: []')];
  return [draft('Remove log_loss from the metrics', edits)];
};
