// Rules: the output layer (units and activation, the last layer's) against the loss, the task and the classes.
// Every rule here needs a model that declares layers whose output units are known: otherwise it stays silent.

import { lookup, type ActivationRange } from '../catalogue';
import type { ExperimentModel, LayerModel } from '../model/types';
import {
  activationAnchor,
  classesAnchor,
  classesPhrase,
  fromLogitsAnchor,
  labelsAnchor,
  line,
  lossAnchor,
  taskAnchor,
  taskPhrase,
  units,
  unitsAnchor,
  type Facts,
} from './facts';
import { isCategoricalSingleOutput } from './loss-labels';
import type { Anchor, RuleContext } from './types';

/** The activation that fits the task: sigmoid for one unit or a multilabel task, softmax otherwise. */
function fittingActivation(f: Facts): 'sigmoid' | 'softmax' {
  return f.task === 'multilabel' || f.output?.units === 1 ? 'sigmoid' : 'softmax';
}

const RANGE_WORDS: Partial<Record<ActivationRange, string>> = {
  'non-negative': 'non-negative scores that can exceed 1',
  unbounded: 'any real number',
  'bounded-signed': 'values in (−1, 1) that can be negative',
  probability: 'values in (0, 1)',
  simplex: 'probabilities that sum to 1',
};

export function softmaxSingleUnit(m: ExperimentModel, ctx: RuleContext): void {
  const { output, k, task, loss } = ctx.facts;
  if (!output || output.activation !== 'softmax' || output.units !== 1) return;
  const multi = task !== 'binary' && k !== undefined && k > 2;
  ctx.report({
    at: activationAnchor(output),
    related: loss ? [lossAnchor(loss)] : [],
    message:
      `softmax over a single unit always outputs 1.0 (e^z / e^z), so the prediction never changes and the loss gives no gradient. ` +
      (multi ? `Give the output layer ${units(k!)}, one per class.` : `For two classes use sigmoid on this unit (with binary_crossentropy).`),
    data: multi ? { units: k, activation: 'sigmoid' } : { activation: 'sigmoid' },
  });
}

export function sigmoidWithCategoricalLoss(m: ExperimentModel, ctx: RuleContext): void {
  const { output, loss, lossFamily, task } = ctx.facts;
  if (!output || !loss || output.range !== 'probability' || output.units <= 1) return;
  if ((lossFamily !== 'categorical' && lossFamily !== 'sparse') || task === 'multilabel') return;
  ctx.report({
    at: activationAnchor(output),
    related: [lossAnchor(loss)],
    message:
      `${output.activation} scores each of the ${output.units} outputs on its own, so they do not sum to 1, but ${loss.name} expects a ` +
      `distribution over classes: Keras rescales each row silently and the classes never compete during training. Use softmax on the output layer.`,
    data: { activation: 'softmax' },
  });
}

export function doubleSoftmax(m: ExperimentModel, ctx: RuleContext): void {
  const { output, loss, fromLogits } = ctx.facts;
  if (!output || !loss || !fromLogits || output.activation !== 'softmax') return;
  ctx.report({
    at: fromLogitsAnchor(loss),
    related: [activationAnchor(output)],
    message:
      `from_logits: true makes ${loss.name} apply softmax again to outputs that are already softmax probabilities: they are squashed ` +
      `towards uniform, the gradients shrink and training stalls (Keras warns that the output "was produced by a Softmax activation and thus does not represent logits"). ` +
      `Remove from_logits: true, or make the last layer linear.`,
    data: { fromLogits: false, activation: 'linear' },
  });
}

export function doubleSigmoid(m: ExperimentModel, ctx: RuleContext): void {
  const { output, loss, lossFamily, fromLogits } = ctx.facts;
  if (!output || !loss || !fromLogits || lossFamily !== 'binary' || output.range !== 'probability') return;
  ctx.report({
    at: fromLogitsAnchor(loss),
    related: [activationAnchor(output)],
    message:
      `from_logits: true makes ${loss.name} apply sigmoid again to outputs that are already ${output.activation} probabilities: every ` +
      `prediction lands in (0.5, 0.73), the gradients shrink and training stalls (Keras warns that the output "was produced by a Sigmoid activation and thus does not represent logits"). ` +
      `Remove from_logits: true, or make the last layer linear.`,
    data: { fromLogits: false, activation: 'linear' },
  });
}

export function logitsWithoutFromLogits(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const { output, loss } = f;
  if (!output || !loss || !f.crossEntropy || f.fromLogits || output.range !== 'linear') return;
  const act = fittingActivation(f);
  const takesLogits = loss.entry?.params.some((p) => p.name === 'from_logits') ?? false;
  ctx.report({
    at: fromLogitsAnchor(loss),
    related: [activationAnchor(output)],
    message:
      `the output layer has no activation, so the model outputs raw scores (logits), but ${loss.name} reads y_pred as probabilities: ` +
      `they are clipped to [1e-7, 1 − 1e-7] and the network trains on a wrong, mostly flat loss without any error. ` +
      (takesLogits ? `Set from_logits: true on the loss (or put ${act} on the last layer).` : `Put ${act} on the last layer.`),
    data: takesLogits ? { fromLogits: true, activation: act } : { activation: act },
  });
}

export function unboundedOutputActivation(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const { output, loss } = f;
  if (!output || !loss || !f.crossEntropy || f.fromLogits) return;
  if (output.range !== 'non-negative' && output.range !== 'unbounded' && output.range !== 'bounded-signed') return;
  const act = fittingActivation(f);
  ctx.report({
    at: activationAnchor(output),
    related: [lossAnchor(loss)],
    message:
      `${output.activation} on the output layer gives ${RANGE_WORDS[output.range]}, not probabilities, but ${loss.name} reads y_pred as ` +
      `probabilities: Keras clips the outputs to [1e-7, 1 − 1e-7], so the gradients vanish and training silently goes wrong. ` +
      `Use ${act} on the last layer.`,
    data: { activation: act },
  });
}

export function softmaxMultilabel(m: ExperimentModel, ctx: RuleContext): void {
  const { output } = ctx.facts;
  if (!output || output.activation !== 'softmax' || m.task?.value !== 'multilabel') return;
  ctx.report({
    at: activationAnchor(output),
    related: [taskAnchor(m.task)],
    message:
      `softmax makes the ${output.units} outputs sum to 1, so the labels compete, but ${taskPhrase(m.task)}: a sample cannot be confidently ` +
      `positive for two labels, and with a 0.5 threshold at most one label is ever predicted. Use sigmoid on the output layer (with binary_crossentropy).`,
    data: { activation: 'sigmoid' },
  });
}

function activationNodeOf(l: LayerModel) {
  return l.entry?.activationLayer ? l.node : (l.args.get('activation')?.value ?? l.node);
}

export function redundantActivation(m: ExperimentModel, ctx: RuleContext): void {
  const layers = ctx.facts.layers;
  if (!layers || layers.length < 2) return;
  let lastUnit = -1;
  layers.forEach((l, i) => {
    if (l.entry?.unitsParam || l.entry?.opaque) lastUnit = i;
  });
  let prev: { layer: LayerModel; reported: boolean } | undefined;
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    const act = l.activation;
    let reported = false;
    if (act === 'softmax' && i < lastUnit) {
      const node = activationNodeOf(l);
      ctx.report({
        at: { node, experiment: l.experiment, note: `softmax on ${l.name} (line ${line(node)})` },
        message:
          `softmax on ${l.name}, before the output layer, squeezes its outputs to sum to 1 and starves the layers after it of signal; ` +
          `softmax belongs on the last layer only. Use relu (or another hidden activation) here.`,
        data: { activation: 'relu' },
      });
      reported = true;
    } else if (l.entry?.activationLayer && act && act !== 'linear' && prev && !prev.reported) {
      const before = prev.layer.activation;
      if (before && before !== 'linear') {
        const first = activationNodeOf(prev.layer);
        const second = activationNodeOf(l);
        const range = lookup('activation', before)?.range;
        const what = before === act ? `${act} is applied twice in a row` : `${act} (line ${line(second)}) comes right after ${before} (line ${line(first)})`;
        ctx.report({
          at: { node: second, experiment: l.experiment, note: `${act} (line ${line(second)})` },
          related: [{ node: first, experiment: prev.layer.experiment, note: `${before} on ${prev.layer.name} (line ${line(first)})` }],
          message:
            `${what}: the second activation only ever sees the first one's output (${range ? RANGE_WORDS[range] ?? before : before}), ` +
            `which distorts it — almost always an accident. Keep one activation.`,
          data: { first: before, second: act },
        });
        reported = true;
      }
    }
    if (l.entry?.name !== 'dropout') prev = { layer: l, reported };
  }
}

/** extra-output-units applies (integer labels, more units than classes): it replaces output-units-mismatch. */
function extraUnits(m: ExperimentModel, f: Facts): boolean {
  const o = f.output;
  const k = classCount(m);
  return !!o && k !== undefined && m.labels?.value === 'integer' && f.task !== 'multilabel' && o.units > k;
}

/** The class count to compare the output units with: known, at least 2, and not itself read from the output layer. */
function classCount(m: ExperimentModel): number | undefined {
  const c = m.classes;
  if (c && c.from !== 'the output layer') return c.value.count >= 2 ? c.value.count : undefined;
  // A declared binary task says 2 classes even where the class count was read from the output layer.
  if (m.task?.value === 'binary' && m.task.from !== 'the output layer') return 2;
  return undefined;
}

export function outputUnitsMismatch(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const o = f.output;
  const k = classCount(m);
  if (!o || k === undefined || !m.task) return;
  const task = m.task.value;
  const twoClasses = task !== 'multilabel' && k === 2;
  if (twoClasses ? o.units === 1 || o.units === 2 : o.units === k) return;
  // Specific rules first (design decision): these describe the same fault better.
  if (o.activation === 'softmax' && o.units === 1) return; // softmax-single-unit
  if (extraUnits(m, f)) return; // extra-output-units
  if (isCategoricalSingleOutput(ctx)) return; // categorical-loss-single-output
  const classes = m.classes && m.classes.from !== 'the output layer' ? m.classes : undefined;
  const related: Anchor[] = classes ? [classesAnchor(classes)] : [];
  if (!classes || (m.task.node !== classes.node && (twoClasses || task === 'multilabel'))) related.push(taskAnchor(m.task));
  const there = classes ? classesPhrase(classes) : `${taskPhrase(m.task)}, so there are 2 classes`;
  let message: string;
  let expected = k;
  if (twoClasses) {
    expected = o.activation === 'softmax' ? 2 : 1;
    message =
      `a task with 2 classes needs 1 output unit (sigmoid: P(class 1)) or 2 (softmax), not ${o.units}: Keras fails on the shape ` +
      `of the targets, or the extra units are never a target. Set units to ${expected}.`;
  } else if (task === 'multilabel') {
    message =
      `a multilabel task needs one output per label, but the output layer has ${units(o.units)} and ${there}: ` +
      `Keras fails on the shape of the indicator rows ((N, ${k}) against (N, ${o.units})). Set units to ${k}.`;
  } else if (o.units < k) {
    message =
      `the output layer has ${units(o.units)} but ${there}: the model can never predict ${k - o.units === 1 ? 'the last class' : `the last ${k - o.units} classes`}, ` +
      `and Keras fails on the targets (a label value of ${o.units} is outside the valid range of [0, ${o.units}), or the one-hot rows are wider than the output). Set units to ${k}.`;
  } else {
    message =
      `the output layer has ${units(o.units)} but ${there}: Keras fails on the shape of one-hot targets ` +
      `((N, ${k}) against (N, ${o.units})), and the extra units are never a target. Set units to ${k}.`;
  }
  ctx.report({ at: unitsAnchor(o), related, message, data: { units: expected } });
}

export function extraOutputUnits(m: ExperimentModel, ctx: RuleContext): void {
  const f = ctx.facts;
  const o = f.output;
  const k = classCount(m);
  if (!o || k === undefined || !m.labels || !extraUnits(m, f)) return;
  const related: Anchor[] = [];
  if (m.classes && m.classes.from !== 'the output layer') related.push(classesAnchor(m.classes));
  else if (m.task) related.push(taskAnchor(m.task));
  related.push(labelsAnchor(m.labels));
  ctx.report({
    at: unitsAnchor(o),
    related,
    message:
      `the output layer has ${units(o.units)} but the labels are class indices of ${k} classes: ` +
      `${o.units - k === 1 ? `unit ${k} is` : `units ${k}..${o.units - 1} are`} never a target, so training silently pushes them towards 0 ` +
      `while argmax can still pick them. Set units to ${k}.`,
    data: { units: k },
  });
}
