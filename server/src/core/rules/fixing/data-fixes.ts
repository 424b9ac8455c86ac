// Fixes of the rules about inline data: shift or re-map the labels, declare what the labels imply, normalise
// prediction rows, set from_logits for raw scores, drop log_loss over hard predictions.

import type { InlineArray } from '../../model/inline-data';
import { ROW_SUM_TOLERANCE } from '../helpers/predictions-data';
import { draft } from './draft';
import { setProperty } from './edits';
import type { Draft, FixContext } from './types';

/** `classes: N` where the classes are declared as a count (names cannot be made up). */
export function classCountFix(ctx: FixContext, count: number): Draft | undefined {
  const c = ctx.model?.classes;
  if (!c || c.origin !== 'declared' || c.value.named || !Number.isInteger(count) || count < 2) return undefined;
  return draft(`Declare ${count} classes`, setProperty(ctx, 'classes', String(count)));
}

export function rowOffends(y: InlineArray, r: number): boolean {
  let sum = 0;
  for (let c = 0; c < y.cols; c++) {
    const v = y.values[r * y.cols + c];
    if (!(v >= 0 && v <= 1)) return false; // probability-out-of-range's
    sum += v;
  }
  return !(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE);
}
