// Rules: the predictions in inline data (y_pred) and the lengths of the data arrays.
// With `from_logits: true` y_pred holds logits (any real numbers): the probability rules do not apply.

import type { InlineArray } from '../model/inline-data';
import type { ExperimentModel } from '../model/types';
import {
  arrayAnchor,
  cellNode,
  classesAnchor,
  classesPhrase,
  fromLogitsAnchor,
  line,
  metricAnchor,
  moreRows,
  num,
  plural,
  rowText,
  type Facts,
  type InlineData,
} from './facts';
import type { Anchor, RuleContext } from './types';

/**
 * scikit-learn's tolerance for a row sum (sklearn/metrics/_classification.py, log_loss →
 * _validate_multiclass_probabilistic_prediction): isclose(y_prob_sum, 1, rtol=sqrt(eps)) with the default
 * atol 1e-8, i.e. |s − 1| ≤ 1e-8 + √ε·1 with ε the float64 machine epsilon (≈ 2.49e-8).
 */
export const ROW_SUM_TOLERANCE = 1e-8 + Math.sqrt(2.220446049250313e-16);

function takesLogits(f: Facts): boolean {
  return f.loss?.entry?.params.some((p) => p.name === 'from_logits') ?? false;
}

function also(rows: readonly number[], what: string): string {
  return rows.length > 1 ? ` (${plural(rows.length, what)} like this)` : '';
}

function lossRelated(f: Facts): Anchor[] {
  if (!f.loss) return [];
  const a = fromLogitsAnchor(f.loss);
  return [{ ...a, note: `${a.note}: y_pred is read as probabilities` }];
}

export function probabilityOutOfRange(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = f.data?.yPred;
  if (!f.data || !y || f.fromLogits) return;
  const rows: number[] = [];
  let first: { r: number; c: number } | undefined;
  for (let r = 0; r < y.rows; r++) {
    for (let c = 0; c < y.cols; c++) {
      const v = y.values[r * y.cols + c];
      if (v < 0 || v > 1) {
        first ??= { r, c };
        rows.push(r);
        break;
      }
    }
  }
  if (!first) return;
  const v = y.values[first.r * y.cols + first.c];
  const logits = takesLogits(f);
  ctx.report({
    at: { node: cellNode(y, first.r, first.c), experiment: f.data.experiment, note: `y_pred value ${num(v)} (row ${first.r + 1})` },
    related: [...lossRelated(f), ...moreRows(y, rows, 'y_pred', f.data, 'also outside [0, 1]:')],
    message:
      `y_pred holds ${num(v)}, which is not a probability${also(rows, 'row')}: scikit-learn's log_loss raises "y_prob contains values ` +
      `${v > 1 ? 'greater than 1' : 'lower than 0'}" and Keras clips it to [1e-7, 1 − 1e-7], so every score computed from it is wrong. ` +
      (logits
        ? `If y_pred holds raw scores (logits), set from_logits: true on the loss; otherwise fix the predictions.`
        : `Give probabilities (apply sigmoid or softmax to raw scores).`),
    data: logits ? { value: v, fromLogits: true } : { value: v },
  });
}

export function rowsNotNormalized(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = f.data?.yPred;
  const task = m.task?.value;
  if (!f.data || !y || y.dims !== 2 || f.fromLogits || (task !== 'binary' && task !== 'multiclass')) return;
  const rows: number[] = [];
  const sums: number[] = [];
  for (let r = 0; r < y.rows; r++) {
    let sum = 0;
    let inRange = true;
    for (let c = 0; c < y.cols; c++) {
      const v = y.values[r * y.cols + c];
      if (!(v >= 0 && v <= 1)) inRange = false; // probability-out-of-range's
      sum += v;
    }
    if (inRange && !(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
      rows.push(r);
      sums.push(sum);
    }
  }
  if (rows.length === 0) return;
  const r = rows[0];
  ctx.report({
    at: { node: y.rowNodes[r], experiment: f.data.experiment, note: `y_pred row ${r + 1}: ${rowText(y, r)}` },
    related: moreRows(y, rows, 'y_pred', f.data, 'also not summing to 1:'),
    message:
      `row ${r + 1} of y_pred sums to ${num(sums[0])}, not 1${also(rows, 'row')}: scikit-learn's log_loss warns "The y_prob values do not sum to one" ` +
      `and scores the row as it is, while Keras's categorical_crossentropy rescales it silently, so the two disagree. ` +
      `Give each row as probabilities that sum to 1 (a softmax output)${takesLogits(f) ? ', or set from_logits: true if these are raw scores' : ''}.`,
    data: { row: r, sum: sums[0] },
  });
}

export function hardPredictionsLogLoss(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const y = f.data?.yPred;
  if (!f.data || !y || y.rows === 0 || f.fromLogits) return;
  const metric = m.metrics.find((x) => x.name === 'log_loss');
  const user = metric ? metricAnchor(metric, 'metric log_loss') : f.loss?.name === 'log_loss' ? metricAnchor(f.loss, 'loss: log_loss') : undefined;
  if (!user) return;
  for (const v of y.values) if (v !== 0 && v !== 1) return;
  ctx.report({
    at: arrayAnchor(y, 'y_pred', f.data),
    related: [user],
    message:
      `every value of y_pred is exactly 0 or 1: these are hard class predictions, not probabilities, so log_loss clips them to [ε, 1 − ε] ` +
      `(ε = 2.2e-16) and each wrong one costs −log ε ≈ 36.04, so the score only counts errors. Give the predicted probabilities (predict_proba), or drop log_loss.`,
  });
}

export function predictionColumnsMismatch(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const data = f.data;
  const y = data?.yPred;
  if (!data || !y || y.rows === 0) return;
  // The class count, from what declares it: the classes, or the width of one-hot / indicator y_true. Integer labels
  // alone do not say (their largest value is the label rules' business: one-based, out of range).
  let k: number;
  let source: Anchor;
  let phrase: string;
  const yTrue = data.yTrue;
  if (m.classes?.origin === 'declared') {
    k = m.classes.value.count;
    source = classesAnchor(m.classes);
    phrase = classesPhrase(m.classes);
  } else if (yTrue && yTrue.dims === 2 && yTrue.rows > 0) {
    k = yTrue.cols;
    source = arrayAnchor(yTrue, 'y_true', data);
    phrase = `y_true has ${plural(k, 'column')} (line ${line(yTrue.node)})`;
  } else return;
  if (k < 2) return; // too-few-classes
  const task = m.task?.value;
  const twoClasses = task === 'binary' || (task !== 'multilabel' && k === 2);
  const ok = y.dims === 2 ? (twoClasses ? y.cols === 1 || y.cols === 2 : y.cols === k) : twoClasses;
  if (ok) return;
  const message =
    y.dims === 1
      ? `y_pred is 1-D (one probability per sample), which only a binary task reads as P(class 1), but ${phrase}: scikit-learn's log_loss raises ` +
        `"y_true and y_prob contain different number of classes". Give one column per class.`
      : twoClasses
        ? `y_pred has ${plural(y.cols, 'column')} but a binary task has 2 classes: give P(class 1) per sample (1-D) or one column per class (n×2); ` +
          `scikit-learn's log_loss raises "y_true and y_prob contain different number of classes".`
        : `y_pred has ${plural(y.cols, 'column')} but ${phrase}: each column is the probability of one class, in class order, so scikit-learn's log_loss raises ` +
          `"y_true and y_prob contain different number of classes" and Keras fails on the shape. Give one column per class.`;
  ctx.report({
    at: arrayAnchor(y, 'y_pred', data),
    related: [source],
    message,
    data: { columns: y.dims === 2 ? y.cols : 1, classes: k },
  });
}

function lengthFinding(a: InlineArray, aKey: string, b: InlineArray, bKey: string, data: InlineData, ctx: RuleContext, fix: string): void {
  if (a.rows === b.rows) return;
  ctx.report({
    at: arrayAnchor(a, aKey, data),
    related: [arrayAnchor(b, bKey, data)],
    message:
      `${aKey} has ${plural(a.rows, 'row')} but ${bKey} has ${b.rows}: scikit-learn raises "Found input variables with inconsistent numbers of samples: ` +
      `[${b.rows}, ${a.rows}]" and Keras refuses arrays of different lengths. ${fix}`,
    data: { rows: a.rows, expected: b.rows },
  });
}

export function lengthMismatch(m: ExperimentModel, ctx: RuleContext): void {
  const data = ctx.facts.data;
  if (!data) return;
  const { yTrue, yPred, features } = data;
  if (yTrue && yPred) lengthFinding(yPred, 'y_pred', yTrue, 'y_true', data, ctx, 'Give exactly one prediction per label.');
  const base = yTrue ?? yPred;
  if (features && base) lengthFinding(features, 'features', base, yTrue ? 'y_true' : 'y_pred', data, ctx, 'Give exactly one feature row per sample.');
}
