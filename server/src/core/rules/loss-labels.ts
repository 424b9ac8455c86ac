// Rules: the loss against the labels, the task and the class count.

import type { ExperimentModel } from '../model/types';
import {
  classesAnchor,
  classesPhrase,
  labelsAnchor,
  labelsPhrase,
  lossAnchor,
  taskAnchor,
  taskPhrase,
  units,
  unitsAnchor,
} from './facts';
import type { Anchor, RuleContext } from './types';

export function sparseLossOnehotLabels(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily } = ctx.facts;
  if (!loss || lossFamily !== 'sparse' || m.labels?.value !== 'onehot') return;
  ctx.report({
    at: lossAnchor(loss),
    related: [labelsAnchor(m.labels)],
    message:
      `${loss.name} expects one class index per sample, but ${labelsPhrase(m.labels)}: Keras stops with a shape error ` +
      `before the first step. Use categorical_crossentropy, or give y_true as class indices.`,
    data: { replacement: 'categorical_crossentropy' },
  });
}

export function categoricalLossIntegerLabels(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily } = ctx.facts;
  if (!loss || lossFamily !== 'categorical' || m.labels?.value !== 'integer') return;
  ctx.report({
    at: lossAnchor(loss),
    related: [labelsAnchor(m.labels)],
    message:
      `${loss.name} expects one-hot rows (one column per class), but ${labelsPhrase(m.labels)}: Keras stops with a shape ` +
      `error (targets (N, 1) against outputs (N, K)). Use sparse_categorical_crossentropy, which takes class indices, or one-hot encode y_true.`,
    data: { replacement: 'sparse_categorical_crossentropy' },
  });
}

export function categoricalLossSingleOutput(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily, output, task, k } = ctx.facts;
  if (!loss || !output || output.units !== 1 || (lossFamily !== 'categorical' && lossFamily !== 'sparse')) return;
  const why =
    lossFamily === 'sparse'
      ? 'only label 0 is in the valid range [0, 1), so Keras raises on any other label, and label 0 always costs 0'
      : 'a one-column prediction is always 1 once Keras normalises the row, so the loss is always 0 and nothing is learned';
  const multi = task !== 'binary' && k !== undefined && k > 2;
  ctx.report({
    at: lossAnchor(loss),
    related: [unitsAnchor(output)],
    message:
      `${loss.name} over a single output unit: ${why}. ` +
      (multi ? `Give the output layer ${units(k!)} (one per class) with softmax.` : `Use binary_crossentropy with one sigmoid unit, or one softmax unit per class.`),
    data: multi ? { units: k } : { replacement: 'binary_crossentropy', activation: 'sigmoid' },
  });
}

export function binaryLossMulticlassTask(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily, k } = ctx.facts;
  if (!loss || lossFamily !== 'binary' || m.task?.value !== 'multiclass' || (k !== undefined && k <= 2)) return;
  const n = k ?? 3;
  const replacement = m.labels?.value === 'integer' ? 'sparse_categorical_crossentropy' : 'categorical_crossentropy';
  const related: Anchor[] = [taskAnchor(m.task)];
  if (m.classes && m.classes.node !== m.task.node) related.push(classesAnchor(m.classes));
  ctx.report({
    at: lossAnchor(loss),
    related,
    message:
      `${loss.name} scores each of the ${n} outputs as an independent yes/no, but ${taskPhrase(m.task)}: the classes do not compete, ` +
      `and Keras's 'accuracy' becomes per-output binary accuracy, inflated (always predicting 0 already scores ${Math.round(((n - 1) / n) * 100)}%). ` +
      `Use ${replacement} with a softmax output.`,
    data: { replacement },
  });
}

export function softmaxLossMultilabelTask(m: ExperimentModel, ctx: RuleContext): void {
  const { loss, lossFamily } = ctx.facts;
  if (!loss || (lossFamily !== 'categorical' && lossFamily !== 'sparse') || m.task?.value !== 'multilabel') return;
  ctx.report({
    at: lossAnchor(loss),
    related: [taskAnchor(m.task)],
    message:
      `${loss.name} assumes exactly one true class per sample, but ${taskPhrase(m.task)}: a row with several 1s is no longer a ` +
      `distribution and the labels are made to compete, so a sample cannot be confidently positive for two of them. ` +
      `Use binary_crossentropy with one sigmoid unit per label.`,
    data: { replacement: 'binary_crossentropy' },
  });
}

export function tooFewClasses(m: ExperimentModel, ctx: RuleContext): void {
  const c = m.classes;
  if (!c || c.value.count >= 2) return;
  const fix =
    c.origin === 'declared'
      ? 'Declare every class the model must tell apart (at least 2).'
      : 'Declare the classes (classes: [...]) so that scikit-learn and Keras know every class, not only those in this data.';
  ctx.report({
    at: classesAnchor(c),
    message:
      `a classifier needs at least 2 classes, but ${classesPhrase(c)}: there is nothing to tell apart, the loss is always 0 and ` +
      `scikit-learn's log_loss raises "y_true contains only one label". ${fix}`,
    data: { classes: c.value.count },
  });
}

/** Exported for the output rules: a categorical loss on one unit is reported by categorical-loss-single-output. */
export function isCategoricalSingleOutput(ctx: RuleContext): boolean {
  const { loss, lossFamily, output } = ctx.facts;
  return !!loss && !!output && output.units === 1 && (lossFamily === 'categorical' || lossFamily === 'sparse');
}
