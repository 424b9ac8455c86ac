// The mismatch rule catalogue (issue 4): one table of every rule with its id, default severity and one-line
// summary (it drives docs/rules.md and severity overrides), and the runner that places each finding.
//
// Placement ("report each problem once, on the experiment where it arises"):
//   - A finding whose natural place (`at`) lies in the experiment's own text is reported there.
//   - A finding whose natural place lies in an ancestor is dropped when that ancestor, or any other ancestor,
//     found the same problem (same rule, same place): it was reported there.
//   - Otherwise the experiment changed something that caused it (a child that switches the loss): the finding
//     moves to the first related anchor in the experiment's own text (its loss line), and the natural place
//     becomes related information; failing that, to the experiment's name.

import type { Reporter } from '../report';
import type { Diagnostic, Severity } from '../diagnostic';
import type { ExperimentModel } from '../model/types';
import type { Range } from '../syntax/source';
import { factsOf } from './facts';
import { labelSmoothingRange } from './label-smoothing';
import {
  binaryLabelsNot01,
  invalidOnehotRow,
  labelOutOfRange,
  multiHotLabelsSingleLabelTask,
  negativeLabel,
  nonIntegerLabels,
  oneBasedLabels,
  onehotWidthMismatch,
} from './labels-data';
import {
  binaryLossMulticlassTask,
  categoricalLossIntegerLabels,
  categoricalLossSingleOutput,
  softmaxLossMultilabelTask,
  sparseLossOnehotLabels,
  tooFewClasses,
} from './loss-labels';
import { accuracyOnImbalancedData, binaryAverageMulticlass, samplesAverageNotMultilabel } from './metrics';
import { learningRateInvalid, learningRateRange, optimizerParamRange } from './optimizer';
import {
  doubleSigmoid,
  doubleSoftmax,
  extraOutputUnits,
  logitsWithoutFromLogits,
  outputUnitsMismatch,
  redundantActivation,
  sigmoidWithCategoricalLoss,
  softmaxMultilabel,
  softmaxSingleUnit,
  unboundedOutputActivation,
} from './output';
import {
  hardPredictionsLogLoss,
  lengthMismatch,
  predictionColumnsMismatch,
  probabilityOutOfRange,
  rowsNotNormalized,
} from './predictions-data';
import type { Anchor, Finding, Rule, RuleContext } from './types';

export type { Anchor, Finding, Rule, RuleCheck, RuleContext, RuleGroup } from './types';
export { ROW_SUM_TOLERANCE } from './predictions-data';

const E: Severity = 'error';
const W: Severity = 'warning';

/** Every rule, in the order of issue 4's table (and of docs/rules.md). */
export const RULES: readonly Rule[] = [
  // The loss against the labels, the task and the classes.
  { id: 'sparse-loss-onehot-labels', group: 'loss-labels', severity: E, summary: 'sparse_categorical_crossentropy with one-hot labels (declared or seen in data)', check: sparseLossOnehotLabels },
  { id: 'categorical-loss-integer-labels', group: 'loss-labels', severity: E, summary: 'categorical_crossentropy with integer labels', check: categoricalLossIntegerLabels },
  { id: 'onehot-width-mismatch', group: 'labels-data', severity: E, summary: 'one-hot rows have a width other than the number of classes', check: onehotWidthMismatch },
  { id: 'multi-hot-labels-single-label-task', group: 'labels-data', severity: E, summary: 'rows with several 1s while the task is not multilabel', check: multiHotLabelsSingleLabelTask },
  { id: 'invalid-onehot-row', group: 'labels-data', severity: E, summary: 'a one-hot y_true row that is not 0s and a single 1 (no class, a value other than 0/1, a soft row)', check: invalidOnehotRow },
  { id: 'categorical-loss-single-output', group: 'loss-labels', severity: E, summary: 'categorical or sparse loss with a single output unit (the loss is always 0)', supersedes: ['output-units-mismatch'], check: categoricalLossSingleOutput },
  { id: 'binary-loss-multiclass-task', group: 'loss-labels', severity: W, summary: 'binary_crossentropy on a single-label task with more than 2 classes (inflated accuracy)', check: binaryLossMulticlassTask },
  { id: 'softmax-loss-multilabel-task', group: 'loss-labels', severity: E, summary: 'categorical or sparse loss on a multilabel task', check: softmaxLossMultilabelTask },
  { id: 'too-few-classes', group: 'loss-labels', severity: E, summary: 'fewer than 2 classes', check: tooFewClasses },
  // The output layer.
  { id: 'softmax-single-unit', group: 'output', severity: E, summary: 'softmax on one unit (always outputs 1.0)', supersedes: ['output-units-mismatch'], check: softmaxSingleUnit },
  { id: 'sigmoid-with-categorical-loss', group: 'output', severity: W, summary: 'sigmoid on more than one unit with a categorical loss, task not multilabel', check: sigmoidWithCategoricalLoss },
  { id: 'double-softmax', group: 'output', severity: W, summary: 'softmax output with from_logits: true', check: doubleSoftmax },
  { id: 'double-sigmoid', group: 'output', severity: W, summary: 'sigmoid output with binary_crossentropy from_logits: true', check: doubleSigmoid },
  { id: 'logits-without-from-logits', group: 'output', severity: E, summary: 'linear (no) output activation with a cross-entropy loss and from_logits false', check: logitsWithoutFromLogits },
  { id: 'unbounded-output-activation', group: 'output', severity: E, summary: 'relu / tanh / elu / … output with a cross-entropy loss', check: unboundedOutputActivation },
  { id: 'softmax-multilabel', group: 'output', severity: E, summary: 'softmax output on a multilabel task', check: softmaxMultilabel },
  { id: 'redundant-activation', group: 'output', severity: W, summary: 'two activations in a row, or softmax before the last layer', check: redundantActivation },
  { id: 'output-units-mismatch', group: 'output', severity: E, summary: 'output units ≠ classes (multiclass), ≠ 1 or 2 (binary), ≠ labels (multilabel)', check: outputUnitsMismatch },
  { id: 'extra-output-units', group: 'output', severity: W, summary: 'integer labels and more output units than classes (never-target outputs)', supersedes: ['output-units-mismatch'], check: extraOutputUnits },
  // Labels in data.
  { id: 'label-out-of-range', group: 'labels-data', severity: E, summary: 'integer label ≥ the number of classes ("Received a label value of 3 which is outside the valid range of [0, 3)")', check: labelOutOfRange },
  { id: 'one-based-labels', group: 'labels-data', severity: E, summary: 'labels run 1..K', supersedes: ['label-out-of-range'], check: oneBasedLabels },
  { id: 'negative-label', group: 'labels-data', severity: E, summary: 'a negative label such as −1 (Keras to_categorical wraps it to the last class; use ignore_class)', supersedes: ['label-out-of-range'], check: negativeLabel },
  { id: 'non-integer-labels', group: 'labels-data', severity: E, summary: 'fractional class ids with integer encoding', supersedes: ['label-out-of-range', 'binary-labels-not-01'], check: nonIntegerLabels },
  { id: 'binary-labels-not-01', group: 'labels-data', severity: E, summary: 'binary labels not in {0, 1} (for example −1/1 or 1/2)', supersedes: ['one-based-labels', 'negative-label', 'label-out-of-range'], check: binaryLabelsNot01 },
  // Predictions in data.
  { id: 'probability-out-of-range', group: 'predictions-data', severity: E, summary: 'a predicted probability < 0 or > 1', supersedes: ['rows-not-normalized'], check: probabilityOutOfRange },
  { id: 'rows-not-normalized', group: 'predictions-data', severity: W, summary: "a prediction row of a single-label task whose sum is not 1 (scikit-learn's tolerance)", check: rowsNotNormalized },
  { id: 'hard-predictions-log-loss', group: 'predictions-data', severity: W, summary: 'log_loss over predictions that are all exactly 0 or 1', check: hardPredictionsLogLoss },
  { id: 'prediction-columns-mismatch', group: 'predictions-data', severity: E, summary: 'prediction columns ≠ classes', check: predictionColumnsMismatch },
  { id: 'length-mismatch', group: 'predictions-data', severity: E, summary: 'y_true and y_pred (or features) have different numbers of rows', check: lengthMismatch },
  // Metrics.
  { id: 'accuracy-on-imbalanced-data', group: 'metrics', severity: W, summary: 'accuracy is the only metric and one class holds ≥ 80% of y_true', check: accuracyOnImbalancedData },
  { id: 'binary-average-multiclass', group: 'metrics', severity: E, summary: 'f1 / precision / recall with average: binary on a multiclass or multilabel task', check: binaryAverageMulticlass },
  { id: 'samples-average-not-multilabel', group: 'metrics', severity: E, summary: 'average: samples on a task that is not multilabel', check: samplesAverageNotMultilabel },
  // The optimizer.
  { id: 'learning-rate-invalid', group: 'optimizer', severity: E, summary: 'learning rate ≤ 0', replaces: ['learning-rate-invalid'], check: learningRateInvalid },
  { id: 'learning-rate-range', group: 'optimizer', severity: E, severities: ['error', 'warning', 'info'], summary: 'Adam-family learning rate > 1 (E), > 0.01 (W) or < 1e-7 (I)', check: learningRateRange },
  { id: 'optimizer-param-range', group: 'optimizer', severity: E, summary: 'momentum or a beta outside [0, 1), epsilon ≤ 0, and the like', replaces: ['optimizer-param-range'], check: optimizerParamRange },
  // Label smoothing.
  { id: 'label-smoothing-range', group: 'label-smoothing', severity: E, severities: ['error', 'warning'], summary: 'label_smoothing outside [0, 1] (E), ≥ 0.5 (W), on sparse_categorical_crossentropy (E)', replaces: ['label-smoothing-range', 'unknown-name'], check: labelSmoothingRange },
];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export interface RuleOptions {
  /** Per-rule severity overrides; 'off' silences the rule. An override replaces value-dependent severities too. */
  readonly severity?: Readonly<Record<string, Severity | 'off'>>;
}

function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

interface Pending {
  readonly rule: Rule;
  readonly finding: Finding;
  /** The rule and the natural place: the identity of a problem across an extends chain. */
  readonly key: string;
}

/** Runs every rule on every experiment and reports the findings, each once, through `report`. */
export function runRules(models: readonly ExperimentModel[], report: Reporter, options: RuleOptions = {}): void {
  const overrides = options.severity ?? {};
  const found = new Map<string, Pending[]>();
  for (const m of models) {
    const facts = factsOf(m);
    const list: Pending[] = [];
    for (const rule of RULES) {
      if (overrides[rule.id] === 'off') continue;
      const ctx: RuleContext = {
        facts,
        report: (finding) => list.push({ rule, finding, key: `${rule.id}@${rangeKey(finding.at.node.range)}` }),
      };
      rule.check(m, ctx);
    }
    found.set(m.name, list);
  }
  const keysOf = new Map<string, Set<string>>();
  for (const [name, list] of found) keysOf.set(name, new Set(list.map((p) => p.key)));

  for (const m of models) {
    for (const { rule, finding, key } of found.get(m.name) ?? []) {
      let at: Anchor = finding.at;
      let related: readonly Anchor[] = finding.related ?? [];
      if (at.experiment !== m.name) {
        if (m.ancestors.some((a) => keysOf.get(a)?.has(key))) continue; // reported where it arises
        const own = related.find((r) => r.experiment === m.name);
        if (own) {
          related = [at, ...related.filter((r) => r !== own)];
          at = own;
        } else if (m.node.name) {
          related = [at, ...related];
          at = { node: m.node.name, experiment: m.name, note: '' };
        } else continue;
      }
      const override = overrides[rule.id];
      const severity = override && override !== 'off' ? override : (finding.severity ?? rule.severity);
      report(rule.id, severity, finding.message, at.node, {
        ...(related.length ? { related: related.map((r) => ({ message: r.note, range: r.node.range })) } : {}),
        ...(finding.data ? { data: finding.data } : {}),
      });
    }
  }
}

/**
 * Language diagnostics and rule diagnostics together: a language diagnostic is dropped where a rule replaces it
 * (same range, a code in the rule's `replaces`), and where its code is a rule turned 'off'.
 */
export function mergeRuleDiagnostics(language: readonly Diagnostic[], fromRules: readonly Diagnostic[], options: RuleOptions = {}): Diagnostic[] {
  const replaced = new Set<string>();
  for (const d of fromRules) {
    for (const code of RULE_BY_ID.get(d.code)?.replaces ?? []) replaced.add(`${code}@${rangeKey(d.range)}`);
  }
  const off = options.severity ?? {};
  const kept = language.filter((d) => off[d.code] !== 'off' && !replaced.has(`${d.code}@${rangeKey(d.range)}`));
  return [...kept, ...fromRules];
}
