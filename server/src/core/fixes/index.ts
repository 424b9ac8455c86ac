// Quick fixes (issue 4): for a diagnostic of an analysed document, the text edits that fix it mechanically.
// One table says which codes have a fix and which have none (and why): a rule added to the catalogue must be
// entered in one of the two (test/fixes.test.ts checks it), and every fix of every docs/rules.md example is applied
// and re-checked there.
//
// Where a fix needs a second change to stay consistent, it makes it: switching the loss also fits the output layer
// to it, converting y_true also updates a declared `labels:`. A fix is preferred (the one an editor applies on
// "auto fix") only where it is clearly right and leaves no new diagnostic; at most one per diagnostic is.

import type { Analysis } from '../check';
import type { Diagnostic } from '../diagnostic';
import { factsOf } from '../rules/facts';
import * as data from './data-fixes';
import * as language from './language-fixes';
import * as loss from './loss-fixes';
import * as output from './output-fixes';
import * as settings from './setting-fixes';
import type { Draft, Fix, FixContext, Fixer, TextEdit } from './types';
import { verifyDrafts } from './verify';

export type { Fix, FixKind, TextEdit } from './types';
export { applyOffsetEdits } from './text';

interface FixerEntry {
  readonly fix: Fixer;
  /** The fix applies only in some cases (else: always, on the rule's docs/rules.md example at least). */
  readonly when?: string;
  /** The fix only replaces the diagnosed name, so it is safe in an experiment that does not parse. */
  readonly local?: true;
}

/** Every code with a mechanical fix. */
export const FIXERS: Readonly<Record<string, FixerEntry>> = {
  // The loss against the labels and the task.
  'sparse-loss-onehot-labels': { fix: loss.sparseLossOnehotLabels },
  'categorical-loss-integer-labels': { fix: loss.categoricalLossIntegerLabels },
  'onehot-width-mismatch': { fix: data.onehotWidthMismatch, when: 'the classes are declared as a count' },
  'multi-hot-labels-single-label-task': { fix: data.multiHotLabelsSingleLabelTask },
  'categorical-loss-single-output': { fix: loss.categoricalLossSingleOutput },
  'binary-loss-multiclass-task': { fix: loss.binaryLossMulticlassTask },
  'softmax-loss-multilabel-task': { fix: loss.softmaxLossMultilabelTask },
  // The output layer.
  'softmax-single-unit': { fix: output.softmaxSingleUnit },
  'sigmoid-with-categorical-loss': { fix: output.sigmoidWithCategoricalLoss },
  'double-softmax': { fix: output.doubleActivation },
  'double-sigmoid': { fix: output.doubleActivation },
  'logits-without-from-logits': { fix: output.logitsWithoutFromLogits },
  'unbounded-output-activation': { fix: output.unboundedOutputActivation },
  'softmax-multilabel': { fix: output.softmaxMultilabel },
  'redundant-activation': { fix: output.redundantActivation },
  'output-units-mismatch': { fix: output.outputUnits },
  'extra-output-units': { fix: output.outputUnits },
  // Labels and predictions in data.
  'label-out-of-range': { fix: data.labelOutOfRange, when: 'the classes are declared as a count' },
  'one-based-labels': { fix: data.oneBasedLabels },
  'negative-label': { fix: data.negativeLabel },
  'binary-labels-not-01': { fix: data.binaryLabelsNot01 },
  'probability-out-of-range': { fix: data.probabilityOutOfRange, when: 'the loss takes from_logits' },
  'rows-not-normalized': { fix: data.rowsNotNormalized },
  'hard-predictions-log-loss': { fix: data.hardPredictionsLogLoss, when: 'log_loss is a metric (not the loss)' },
  // Metrics and optimizer.
  'accuracy-on-imbalanced-data': { fix: settings.accuracyOnImbalancedData },
  'binary-average-multiclass': { fix: settings.binaryAverageMulticlass },
  'samples-average-not-multilabel': { fix: settings.samplesAverageNotMultilabel },
  'learning-rate-invalid': { fix: settings.learningRate },
  'learning-rate-range': { fix: settings.learningRate },
  'optimizer-param-range': { fix: settings.optimizerParamRange },
  'label-smoothing-range': { fix: loss.labelSmoothingRange },
  // Language-level codes.
  'unknown-name': { fix: language.unknownName, when: 'a close name exists, or the name is a parameter', local: true },
  'unknown-experiment': { fix: language.unknownExperiment, when: 'a close experiment name exists', local: true },
  'missing-loss': { fix: language.missingLoss },
  'duplicate-property': { fix: language.duplicateProperty },
  'duplicate-class': { fix: language.duplicateClass },
  'duplicate-argument': { fix: language.duplicateArgument },
  'invalid-argument': { fix: language.invalidArgument, when: 'the value fits exactly one parameter not yet given' },
};

/** Rules with no mechanical fix: what the right change is depends on what the user meant. */
export const NO_MECHANICAL_FIX: Readonly<Record<string, string>> = {
  'too-few-classes': 'the missing classes cannot be named',
  'non-integer-labels': 'rounding a fractional label guesses the class',
  'prediction-columns-mismatch': 'the missing probabilities cannot be made up',
  'length-mismatch': 'which rows are missing is unknown',
  'invalid-onehot-row': 'which class a row with no 1, a 2 or a soft share belongs to is unknown',
};

function experimentAt(analysis: Analysis, offset: number) {
  const experiment = analysis.parse.document.experiments.find((e) => e.start <= offset && offset < Math.max(e.end, e.start + 1));
  const model = experiment && analysis.models.find((m) => m.node === experiment);
  return { experiment, model };
}

function contextFor(analysis: Analysis, diagnostic: Diagnostic): FixContext {
  const source = analysis.parse.source;
  const start = source.offsetAt(diagnostic.range.start);
  const end = source.offsetAt(diagnostic.range.end);
  const { experiment, model } = experimentAt(analysis, start);
  return {
    analysis,
    diagnostic,
    source,
    text: source.text,
    start,
    end,
    experiment,
    model,
    facts: model && factsOf(model),
    data: (diagnostic.data ?? {}) as Record<string, unknown>,
  };
}

function toFix(ctx: FixContext, d: Draft, preferred: boolean): Fix {
  const edits: TextEdit[] = [...d.edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((e) => ({ range: ctx.source.rangeOf(e.start, e.end), newText: e.text }));
  return { title: d.title, edits, kind: 'quickfix', ...(preferred ? { isPreferred: true } : {}) };
}

/** Whether edits overlap (an editor rejects such a fix); a fixer bug, but never worth a broken document. */
function overlapping(d: Draft): boolean {
  const sorted = [...d.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((e, i) => i > 0 && e.start < sorted[i - 1].end);
}

/** Whether a syntax error lies inside the experiment: its structure is then a guess of the parser's recovery. */
function broken(ctx: FixContext): boolean {
  const e = ctx.experiment;
  if (!e) return true;
  const { start, end } = ctx.source.rangeOf(e.start, e.end);
  return ctx.analysis.diagnostics.some(
    (d) => d.code === 'syntax-error' && d.range.start.line >= start.line && d.range.start.line <= end.line,
  );
}

export interface FixOptions {
  /**
   * Re-check each fix on the experiments it can affect before offering it (see verify.ts): drop one that would
   * not parse or not fix the diagnostic, and un-prefer one that would add a diagnostic. Default true; the tests
   * turn it off to prove the fixes right as computed.
   */
  readonly verify?: boolean;
}

/** The fixes of one diagnostic of `analysis` (none when its code has no mechanical fix here). */
export function fixesFor(analysis: Analysis, diagnostic: Diagnostic, options: FixOptions = {}): Fix[] {
  const entry = FIXERS[diagnostic.code];
  if (!entry) return [];
  const ctx = contextFor(analysis, diagnostic);
  if (!entry.local && broken(ctx)) return [];
  let drafts = entry.fix(ctx).filter((d): d is Draft => d !== undefined && d.edits.length > 0 && !overlapping(d));
  if (options.verify !== false) drafts = verifyDrafts(ctx, drafts);
  // Identical titles would read as one choice offered twice.
  const seen = new Set<string>();
  let preferredTaken = false;
  const fixes: Fix[] = [];
  for (const d of drafts) {
    if (seen.has(d.title)) continue;
    seen.add(d.title);
    const preferred: boolean = !!d.preferred && !preferredTaken;
    preferredTaken ||= preferred;
    fixes.push(toFix(ctx, d, preferred));
  }
  // The preferred fix first, as the light-bulb menu lists it.
  return fixes.sort((a, b) => Number(!!b.isPreferred) - Number(!!a.isPreferred));
}
