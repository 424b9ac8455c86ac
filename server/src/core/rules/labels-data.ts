// Rules: the labels in inline data (y_true) against the task, the encoding and the class count.

import type { InlineArray } from '../model/inline-data';
import type { ExperimentModel } from '../model/types';
import {
  arrayAnchor,
  className,
  classesAnchor,
  classesPhrase,
  labelsAnchor,
  labelsPhrase,
  moreRows,
  num,
  plural,
  rowText,
  taskAnchor,
  taskPhrase,
  type Facts,
} from './facts';
import type { RuleContext } from './types';

/** y_true as numbers, one per sample (not class names, not rows). */
function numericLabels(f: Facts): InlineArray | undefined {
  const y = f.data?.yTrue;
  return y && y.dims === 1 && !y.names && y.rows > 0 ? y : undefined;
}

/** The ignore_class of a sparse_categorical_crossentropy loss, when set. */
function ignoreClass(f: Facts): number | undefined {
  const v = f.lossFamily === 'sparse' ? f.loss?.args.get('ignore_class')?.value : undefined;
  return v?.kind === 'number' ? v.value : undefined;
}

function rowsWhere(y: InlineArray, test: (v: number) => boolean): number[] {
  const rows: number[] = [];
  for (let i = 0; i < y.rows; i++) if (test(y.values[i])) rows.push(i);
  return rows;
}

function also(rows: readonly number[], what: string): string {
  return rows.length > 1 ? ` (${plural(rows.length, what)} like this)` : '';
}

/** Labels that run 1..K for K classes (and never 0): one-based indices. */
function isOneBased(y: InlineArray, k: number): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < y.rows; i++) {
    const v = y.values[i];
    if (!Number.isInteger(v)) return false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return k >= 2 && min >= 1 && max === k;
}

export function onehotWidthMismatch(m: ExperimentModel, ctx: RuleContext): void {
  const { data } = ctx.facts;
  const y = data?.yTrue;
  const c = m.classes;
  if (!data || !y || y.dims !== 2 || y.rows === 0 || c?.origin !== 'declared' || c.value.count < 1 || y.cols === c.value.count) return;
  const k = c.value.count;
  const multilabel = m.task?.value === 'multilabel';
  ctx.report({
    at: arrayAnchor(y, 'y_true', data),
    related: [classesAnchor(c)],
    message:
      `the rows of y_true have ${plural(y.cols, 'column')} but ${classesPhrase(c)}: ${multilabel ? 'an indicator row needs one column per label' : 'a one-hot row needs one column per class'}, ` +
      `in class order, so Keras fails on the shape against the output and scikit-learn reads a different set of classes. Make every row ${k} wide, or fix the classes.`,
    data: { width: y.cols, classes: k },
  });
}

export function multiHotLabelsSingleLabelTask(m: ExperimentModel, ctx: RuleContext): void {
  const { data } = ctx.facts;
  const y = data?.yTrue;
  if (!data || !y || y.dims !== 2 || !m.task || m.task.value === 'multilabel') return;
  const rows: number[] = [];
  for (let r = 0; r < y.rows; r++) {
    let ones = 0;
    for (let c = 0; c < y.cols; c++) if (y.values[r * y.cols + c] === 1) ones++;
    if (ones > 1) rows.push(r);
  }
  if (rows.length === 0) return;
  const r = rows[0];
  ctx.report({
    at: { node: y.rowNodes[r], experiment: data.experiment, note: `y_true row ${r + 1}: ${rowText(y, r)}` },
    related: [taskAnchor(m.task), ...moreRows(y, rows, 'y_true', data, 'also')],
    message:
      `row ${r + 1} of y_true, ${rowText(y, r)}, marks several classes, but ${taskPhrase(m.task)}${also(rows, 'row')}: a single-label sample has exactly one class, ` +
      `so categorical_crossentropy reads a "distribution" that sums to more than 1 and scikit-learn switches to multilabel scoring. Keep one 1 per row, or declare task: multilabel.`,
    data: { rows: rows.slice(0, 100) },
  });
}

export function labelOutOfRange(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = numericLabels(f);
  const lc = f.labelClasses;
  if (!f.data || !y || !lc || lc.count < 2 || m.task?.value === 'binary') return; // binary: binary-labels-not-01
  if (isOneBased(y, lc.count)) return; // one-based-labels
  const k = lc.count;
  const ignore = ignoreClass(f);
  // Negative labels are negative-label's, fractional ones non-integer-labels'.
  const rows = rowsWhere(y, (v) => Number.isInteger(v) && v >= k && v !== ignore);
  if (rows.length === 0) return;
  const v = y.values[rows[0]];
  ctx.report({
    at: { node: y.rowNodes[rows[0]], experiment: f.data.experiment, note: `y_true value ${num(v)} (row ${rows[0] + 1})` },
    related: [lc.anchor, ...moreRows(y, rows, 'y_true', f.data, 'also out of range:')],
    message:
      `Received a label value of ${num(v)} which is outside the valid range of [0, ${k}): Keras stops training with this error, since class indices ` +
      `run from 0 to ${k - 1} (${lc.anchor.note})${also(rows, 'label')}. Fix the label, or declare the missing classes.`,
    data: { value: v, classes: k },
  });
}

export function oneBasedLabels(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = numericLabels(f);
  const lc = f.labelClasses;
  if (!f.data || !y || !lc || m.task?.value === 'binary' || !isOneBased(y, lc.count)) return;
  const k = lc.count;
  ctx.report({
    at: arrayAnchor(y, 'y_true', f.data),
    related: [lc.anchor],
    message:
      `y_true runs from 1 to ${k}, but class indices start at 0 (${lc.anchor.note}): Keras raises "Received a label value of ${k} which is outside ` +
      `the valid range of [0, ${k})", and every other sample trains the wrong class (label 1 is the second class). Subtract 1 from every label.`,
    data: { shift: -1 },
  });
}

export function negativeLabel(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = numericLabels(f);
  if (!f.data || !y || m.task?.value === 'binary') return; // binary: binary-labels-not-01
  const ignore = ignoreClass(f);
  const rows = rowsWhere(y, (v) => Number.isInteger(v) && v < 0 && v !== ignore);
  if (rows.length === 0) return;
  const v = y.values[rows[0]];
  const k = f.labelClasses?.count ?? f.k;
  const wraps = k !== undefined && k + v >= 0 ? `wraps ${num(v)} to class ${className(m, k + v)}` : `wraps ${num(v)} around to the last classes`;
  const range = k !== undefined ? `[0, ${k})` : '[0, K)';
  ctx.report({
    at: { node: y.rowNodes[rows[0]], experiment: f.data.experiment, note: `y_true value ${num(v)} (row ${rows[0] + 1})` },
    related: moreRows(y, rows, 'y_true', f.data, 'also negative:'),
    message:
      `label ${num(v)} is not a class index${also(rows, 'negative label')}: Keras's to_categorical ${wraps}, silently training these samples on it, and ` +
      `sparse_categorical_crossentropy raises "Received a label value of ${num(v)} which is outside the valid range of ${range}". ` +
      `If ${num(v)} marks samples to leave out, set ignore_class: ${num(v)} on sparse_categorical_crossentropy; otherwise fix the label.`,
    data: { value: v, ignoreClass: v },
  });
}

export function nonIntegerLabels(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = numericLabels(f);
  if (!f.data || !y || m.labels?.value !== 'integer') return;
  const rows = rowsWhere(y, (v) => Number.isFinite(v) && !Number.isInteger(v));
  if (rows.length === 0) return;
  const v = y.values[rows[0]];
  ctx.report({
    at: { node: y.rowNodes[rows[0]], experiment: f.data.experiment, note: `y_true value ${num(v)} (row ${rows[0] + 1})` },
    related: moreRows(y, rows, 'y_true', f.data, 'also fractional:'),
    message:
      `label ${num(v)} is not a whole class index${also(rows, 'fractional label')}: with integer labels each y_true value names one class, ` +
      `so Keras's sparse_categorical_crossentropy silently truncates it to class ${Math.trunc(v)} and scikit-learn rejects the labels as continuous. ` +
      `Use whole class indices, or one-hot rows for soft targets.`,
    data: { value: v },
  });
}

export function binaryLabelsNot01(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = numericLabels(f);
  if (!f.data || !y || m.task?.value !== 'binary') return;
  const distinct = new Set<number>();
  for (let i = 0; i < y.rows; i++) {
    const v = y.values[i];
    if (!Number.isInteger(v)) return; // non-integer-labels
    distinct.add(v);
  }
  const values = [...distinct].sort((a, b) => a - b);
  if (values.every((v) => v === 0 || v === 1)) return;
  // Hinge losses take −1/1 targets.
  if (f.lossFamily === 'hinge' && values.every((v) => v === -1 || v === 1)) return;
  const shown = values.slice(0, 6).map(num).join(', ') + (values.length > 6 ? ', …' : '');
  const pair = values.length === 2 ? values : undefined;
  const fix = pair
    ? `Map ${num(pair[0])} → 0 and ${num(pair[1])} → 1.`
    : values.length > 2
      ? `There are ${values.length} different labels: declare task: multiclass, or map them to 0 and 1.`
      : `Use 0 for the negative class and 1 for the positive one.`;
  ctx.report({
    at: arrayAnchor(y, 'y_true', f.data),
    related: [taskAnchor(m.task)],
    message:
      `${taskPhrase(m.task)}, which needs labels 0 and 1, but y_true holds ${shown}: binary_crossentropy reads y as the probability of class 1, ` +
      `so other values make the loss meaningless (it can turn negative) and Keras trains on it without an error, while scikit-learn's pos_label=1 picks the wrong positive class. ${fix}`,
    data: pair ? { mapping: { [num(pair[0])]: 0, [num(pair[1])]: 1 } } : { values },
  });
}

/** What is wrong with a row that should be one-hot, or undefined when it is a valid one. */
type OnehotFault = 'no-class' | 'several' | 'not-binary' | 'soft';

/** Rows summing to 1 within this are distributions (the tolerance of the label inference, model/build.ts). */
const DISTRIBUTION_TOLERANCE = 1e-6;

function onehotFault(y: InlineArray, r: number): OnehotFault | undefined {
  let ones = 0;
  let binary = true;
  let inUnit = true;
  let sum = 0;
  for (let c = 0; c < y.cols; c++) {
    const v = y.values[r * y.cols + c];
    sum += v;
    if (v === 1) ones++;
    else if (v !== 0) binary = false;
    if (!(v >= 0 && v <= 1)) inUnit = false;
  }
  if (binary) return ones === 1 ? undefined : ones === 0 ? 'no-class' : 'several';
  return inUnit && Math.abs(sum - 1) <= DISTRIBUTION_TOLERANCE ? 'soft' : 'not-binary';
}

/** The first cell of a row that is neither 0 nor 1. */
function firstNonBinary(y: InlineArray, r: number): number {
  for (let c = 0; c < y.cols; c++) {
    const v = y.values[r * y.cols + c];
    if (v !== 0 && v !== 1) return v;
  }
  return NaN;
}

/**
 * Every row of a one-hot y_true holds 0s and exactly one 1. One-hot is what `labels: onehot` declares (or the
 * data shows), and what a 2-D y_true must be on a binary or multiclass task unless the labels are declared
 * indicator. Soft rows (a distribution summing to 1) are accepted only for PyTorch's cross_entropy, which
 * takes probability targets (design decisions); Keras's soft targets come from label_smoothing on one-hot rows.
 * Several 1s on a single-label task are multi-hot-labels-single-label-task's.
 */
export function invalidOnehotRow(m: ExperimentModel, ctx: RuleContext): void {
  const { data } = ctx.facts;
  const y = data?.yTrue;
  if (!data || !y || y.dims !== 2 || y.rows === 0 || y.cols === 0) return;
  const labels = m.labels;
  const task = m.task;
  const singleLabelTask = task !== undefined && task.value !== 'multilabel';
  const declaredIndicator = labels?.origin === 'declared' && labels.value === 'indicator';
  if (!(labels?.value === 'onehot' || (singleLabelTask && !declaredIndicator))) return;
  const softAllowed = ctx.facts.loss?.name === 'cross_entropy';
  const rows: number[] = [];
  let first: OnehotFault | undefined;
  for (let r = 0; r < y.rows; r++) {
    const fault = onehotFault(y, r);
    if (!fault || (fault === 'soft' && softAllowed) || (fault === 'several' && singleLabelTask)) continue;
    first ??= fault;
    rows.push(r);
  }
  if (!first) return;
  const r = rows[0];
  const row = `row ${r + 1} of y_true, ${rowText(y, r)},`;
  const why = labels?.value === 'onehot' ? labelsPhrase(labels) : `${taskPhrase(task!)}, so a 2-D y_true is one-hot`;
  const needs = `${why}: a one-hot row holds 0s and exactly one 1, at the sample's class${also(rows, 'row')}`;
  const v = firstNonBinary(y, r);
  const message = {
    'no-class':
      `${row} marks no class, but ${needs}. Keras's categorical_crossentropy scores such a sample 0 without a word (it adds nothing to the loss), ` +
      `argmax reads it as class ${className(m, 0)}, and scikit-learn reads a multilabel row with no label. Put the 1 at the sample's class, or drop the row.`,
    several:
      `${row} marks several classes, but ${needs}. categorical_crossentropy reads a "distribution" that sums to more than 1, and scikit-learn ` +
      `switches to multilabel scoring. Keep one 1 per row, or declare labels: indicator and task: multilabel.`,
    'not-binary':
      `${row} holds ${num(v)}, but ${needs}. Keras's categorical_crossentropy multiplies the log-probability by it without a word, and scikit-learn ` +
      `raises "Multioutput target data is not supported with label binarization". Write 1 at the sample's class and 0 elsewhere.`,
    soft:
      `${row} is a soft target (it sums to 1), but ${needs}. scikit-learn's metrics raise "Classification metrics can't handle a mix of ` +
      `continuous-multioutput and multilabel-indicator targets", and argmax keeps only the largest share. Write one-hot rows (Keras: soften them with ` +
      `label_smoothing on the loss); only PyTorch's cross_entropy takes probability targets.`,
  }[first];
  const related = [labels?.value === 'onehot' ? labelsAnchor(labels) : taskAnchor(task!), ...moreRows(y, rows, 'y_true', data, 'also')];
  ctx.report({
    at: { node: y.rowNodes[r], experiment: data.experiment, note: `y_true row ${r + 1}: ${rowText(y, r)}` },
    related,
    message,
    data: { row: r, fault: first, rows: rows.slice(0, 100) },
  });
}
