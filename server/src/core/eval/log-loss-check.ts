// scikit-learn's log_loss on the accumulated totals, with the checks it makes on the whole arrays, in its
// order (sklearn/metrics/_classification.py, _validate_multiclass_probabilistic_prediction, 1.9.x):
//   1. y_prob > 1 or < 0 anywhere: "y_prob contains values greater than 1: <max>" (the array's max / min);
//   2. the labels: with declared classes xent passes them as labels=; without, scikit-learn infers them from
//      y_true (LabelBinarizer), so one class in y_true, or a number of classes other than y_prob's columns,
//      raises — xent's inferred classes (e.g. from y_pred's width) must not hide that;
//   3. the loss itself (non-finite values, labels outside the classes: the accumulator's records).

import { compareLabels, numpyArrayStr, pyRepr, type Label } from '../metrics/classification';
import { sumValue } from '../metrics/losses/exact-sum';
import { finalizeLogLoss, type LogLossState } from '../metrics/losses/log-loss';
import type { LossRecord } from '../metrics/losses/types';
import type { EvalPlan } from './plan';

export interface LogLossOutcome {
  /** The mean (normalize=True); null with `error`. */
  readonly value: number | null;
  /** normalize=False: the sum of the per-sample losses. */
  readonly sum: number | null;
  readonly error?: string;
  /** Findings to show as diagnostics (the warning about rows that do not sum to 1, located errors). */
  readonly records: readonly LossRecord[];
}

export interface LogLossContext {
  readonly plan: EvalPlan;
  readonly trueSeen: Uint8Array;
  /** y_true values that are not classes, and where the first is. */
  readonly outside?: { readonly values: readonly number[]; readonly place: string };
  readonly yPredMax: number;
  readonly yPredMin: number;
  readonly place: (r: LossRecord) => string;
}

export function finishLogLoss(state: LogLossState, ctx: LogLossContext): LogLossOutcome {
  const { plan } = ctx;
  const result = finalizeLogLoss(state);
  // Multilabel prediction rows are independent probabilities: their sums mean nothing (design decision),
  // although scikit-learn's log_loss warns about them.
  const outside = ctx.outside?.values ?? [];
  // The accumulator saw values that are not classes as count slots (K, K + 1, …): its out-of-range records
  // would name the slot, not the value in the file, so they are replaced by the message built from `outside`.
  const records = result.records.filter(
    (r) => !(plan.task === 'multilabel' && r.code === 'rows-not-normalized') && !(outside.length > 0 && r.code === 'label-out-of-range'),
  );
  const fail = (error: string): LogLossOutcome => ({ value: null, sum: null, error, records });
  // With from_logits the probabilities are the softmax / sigmoid of the logits: always in [0, 1].
  if (!plan.fromLogits) {
    // scikit-learn's message names the array's extreme; xent adds where the first such value is.
    const range = records.find((r) => r.code === 'probability-out-of-range');
    const at = range ? ` (first at ${ctx.place(range).replace(/: the probability.*$/s, '')})` : '';
    if (ctx.yPredMax > 1) return fail(`y_prob contains values greater than 1: ${pyRepr(ctx.yPredMax)}${at}`);
    if (ctx.yPredMin < 0) return fail(`y_prob contains values lower than 0: ${pyRepr(ctx.yPredMin)}${at}`);
  }
  if (plan.labelsGiven && outside.length > 0) {
    return fail(`${undeclaredLabelsMessage(outside, plan.classNames)} (first at ${ctx.outside!.place})`);
  }
  if (!plan.labelsGiven && plan.task !== 'multilabel') {
    const found: Label[] = [];
    ctx.trueSeen.forEach((seen, i) => {
      if (seen) found.push(labelValue(plan.classNames[i]));
    });
    found.push(...outside);
    found.sort(compareLabels);
    const probCols = state.options.yPred === 'positive-column' ? 2 : state.options.nClasses;
    if (found.length === 1) {
      return fail(
        `y_true contains only one label (${String(found[0])}). Please provide the list of all expected class labels explicitly through the labels argument.`,
      );
    }
    if (found.length !== probCols && found.length > 0) {
      return fail(
        `y_true and y_prob contain different number of classes: ${found.length} vs ${probCols}. Please provide the true labels explicitly ` +
          `through the labels argument. Classes found in y_true: ${numpyArrayStr(found)}`,
      );
    }
  }
  if (outside.length > 0) {
    // No classes declared and as many distinct labels as columns: scikit-learn would map the sorted labels to
    // the columns; xent has already read the numbers as column indices, so it says so instead of guessing.
    return fail(
      `y_true holds ${outside.map((v) => pyRepr(v).replace(/\.0$/, '')).join(', ')} (first at ${ctx.outside!.place}), which is not a column index of y_pred; ` +
        'declare the classes (classes: [...]) so that each label names its column',
    );
  }
  const error = records.find((r) => r.severity === 'error');
  if (error || result.value === null) return fail(error ? ctx.place(error) : 'log_loss could not be computed');
  const total = sumValue(state.sum);
  return { value: result.value, sum: state.options.dtype === 'float32' ? Math.fround(total) : total, records };
}

/** A class as scikit-learn holds it: a number when the class names are numbers, else the name. */
function labelValue(name: string): Label {
  return /^[+-]?\d+$/.test(name) ? Number(name) : name;
}

/** scikit-learn's log_loss with labels= given and y_true holding other values (its set and list reprs). */
function undeclaredLabelsMessage(values: readonly number[], classNames: readonly string[]): string {
  const numeric = classNames.every((n) => /^[+-]?\d+$/.test(n));
  const labels = numeric ? `[${classNames.join(', ')}]` : `[${classNames.map((n) => `'${n.replace(/'/g, "\\'")}'`).join(', ')}]`;
  const set = `{${[...values].sort((a, b) => a - b).map((v) => pyRepr(v).replace(/\.0$/, '')).join(', ')}}`;
  return `y_true contains values ${set} not belonging to the passed labels ${labels}.`;
}
