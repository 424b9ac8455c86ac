// Scores one experiment: plan what to compute, stream the rows through the accumulators, and shape the
// result (`xent eval --json`'s experiment object) with diagnostics placed in the .xent document.

import { MetricError } from '../metrics/classification';
import type { ExperimentModel } from '../model/types';
import type { Range } from '../syntax/source';
import { NEEDS_DATA_SHAPE, planEvaluation, type DataShape, type EvalPlan, type TargetLayout } from './plan';
import { basename } from 'node:path';
import type { RelatedInformation } from '../diagnostic';
import { DataProblem, Scorer, type DataLocation, type ScoreChunk } from './scorer';
import { declaredSpecs } from './declared';
import { unreadDeclared } from './declared-metrics';
import { openSource, type SeenTargets, type Source, type SourceOptions } from './sources';
import type { ExperimentResult, RangedDiagnostic } from './types';

export interface EvaluateOptions extends SourceOptions {
  /** Decimals of the classification report text (scikit-learn's digits, default 2). */
  readonly digits?: number;
  /** Compute the report's curves (ROC, precision–recall, reliability, true-class histogram) into result.curves. */
  readonly curves?: boolean;
}

export interface Evaluation {
  readonly result: ExperimentResult;
  /** The result's diagnostics with their ranges in the .xent document. */
  readonly diagnostics: readonly RangedDiagnostic[];
}

export async function evaluateExperiment(m: ExperimentModel, options: EvaluateOptions): Promise<Evaluation> {
  return resultOf(m, options, async (plan) => {
    const source = await openSource(m, layoutHintOf(m), options);
    if (typeof source === 'string') return { nothing: source };
    return { scored: await scoreSource(m, plan, source, options) };
  });
}

/** What reading an experiment's rows gives: the plan (made from the data's shape when it had to be), the
 *  scorer holding every accumulator, and what the data showed. A scorer with no rows is possible. */
export interface Scored {
  readonly plan: EvalPlan | undefined;
  readonly scorer: Scorer | undefined;
  readonly seen: SeenTargets;
  readonly fit?: Source['fit'];
}

/** Reads every row of the source into a scorer (not finished: partial results export its state). */
export async function scoreSource(m: ExperimentModel, firstPlan: EvalPlan | typeof NEEDS_DATA_SHAPE, source: Source, options: EvaluateOptions): Promise<Scored> {
  const ranged = source.scoreRanges ? rangedPlan(m, firstPlan, source, options) : undefined;
  if (ranged) return scoreRanges(m, ranged, source, options);
  let scorer: Scorer | undefined;
  let plan = firstPlan === NEEDS_DATA_SHAPE ? undefined : firstPlan;
  await source.read((chunk) => {
    if (options.signal?.aborted) throw new DataProblem('cancelled', 'cancelled');
    if (!scorer) {
      // Without declared task and classes, a file's first chunk shows them (its columns).
      if (!plan) {
        const p = planEvaluation(m, shapeOf(chunk));
        if (typeof p !== 'object') throw new DataProblem('cannot-evaluate', typeof p === 'string' ? p : 'the data shows no classes');
        plan = p;
      }
      scorer = new Scorer(plan, chunk, { curves: options.curves });
    }
    scorer.add(chunk);
  });
  return { plan, scorer, seen: source.seen, fit: source.fit };
}

/**
 * The plan for scoring on the reader's workers (Source.scoreRanges), when it can be used: planned before any
 * row (from the header's shape when the experiment declares neither task nor classes, as the first chunk
 * would show it), and with no accumulator that keeps every score (the ranking metrics and the report's
 * curves: their states are O(n), so those experiments are scored here from transferred chunks, as before).
 */
function rangedPlan(m: ExperimentModel, firstPlan: EvalPlan | typeof NEEDS_DATA_SHAPE, source: Source, options: EvaluateOptions): { plan: EvalPlan; shape?: DataShape } | undefined {
  if (options.curves) return undefined;
  let shape: DataShape | undefined;
  let plan: EvalPlan | string | typeof NEEDS_DATA_SHAPE = firstPlan;
  if (plan === NEEDS_DATA_SHAPE) {
    shape = { indices: source.seen.kind === 'labels', trueCols: source.seen.columns, predCols: source.predCols };
    plan = planEvaluation(m, shape);
  }
  if (typeof plan !== 'object' || plan.needsRanking) return undefined;
  return shape ? { plan, shape } : { plan };
}

/** scoreSource on the reader's workers: each range's scorer state absorbed in row order, rows read here added. */
async function scoreRanges(m: ExperimentModel, ranged: { plan: EvalPlan; shape?: DataShape }, source: Source, options: EvaluateOptions): Promise<Scored> {
  const { plan } = ranged;
  let scorer: Scorer | undefined;
  const live = () => {
    if (options.signal?.aborted) throw new DataProblem('cancelled', 'cancelled');
  };
  const recipe = { text: m.node.documentText, experimentStart: m.node.start, ...(ranged.shape ? { shape: ranged.shape } : {}) };
  await source.scoreRanges!(plan, recipe, {
    state: (state, at) => {
      live();
      if (scorer) scorer.absorb(state, at);
      else scorer = Scorer.restore(plan, state, {}, at);
    },
    chunk: (chunk) => {
      live();
      scorer ??= new Scorer(plan, chunk, {});
      scorer.add(chunk);
    },
  });
  return { plan, scorer, seen: source.seen, fit: source.fit };
}

/** The layout of y_true that `labels:` declares (a hint: nothing is converted). */
export function layoutHintOf(m: ExperimentModel): TargetLayout {
  return m.labels?.value === 'onehot' ? 'onehot' : m.labels?.value === 'indicator' ? 'indicator' : 'indices';
}

/** What a chunk shows of the data: labels or rows, and the columns of each array. */
export function shapeOf(chunk: ScoreChunk): DataShape {
  const trueCols = chunk.indices ? 1 : chunk.n > 0 && chunk.matrix ? chunk.matrix.length / chunk.n : 1;
  return { indices: !!chunk.indices, trueCols, predCols: chunk.cols };
}

/**
 * The one way an experiment's result is made, whatever gave the rows (a data source, or merged partial
 * results): plans, lets `score` read (or restore) the accumulators, finishes them and places the findings.
 */
export async function resultOf(
  m: ExperimentModel,
  options: EvaluateOptions,
  score: (plan: EvalPlan | typeof NEEDS_DATA_SHAPE) => Promise<{ nothing: string } | { scored: Scored }>,
): Promise<Evaluation> {
  const started = performance.now();
  const diagnostics: RangedDiagnostic[] = [];
  // Evaluation findings sit on the `data` key (or the experiment name), not across the whole data block.
  const at: Range = (m.data?.node.key ?? m.node.name ?? m.node).range;
  const result: ExperimentResult = {
    name: m.name,
    task: m.task?.value ?? null,
    classes: [...(m.classes?.value.names ?? [])],
    samples: 0,
    loss: m.loss ? { name: m.loss.name, value: null, error: null } : null,
    metrics: {},
    declared: [],
    diagnostics: [],
    error: null,
    elapsed_ms: 0,
  };
  const fail = (message: string, code = 'cannot-evaluate') => {
    result.error = message;
    diagnostics.push({ range: at, severity: 'error', code, message: `cannot evaluate: ${message}` });
  };

  try {
    const plan = planEvaluation(m);
    if (typeof plan === 'string') fail(plan);
    else {
      const got = await score(plan);
      if ('nothing' in got) fail(got.nothing, 'nothing-to-score');
      else {
        diagnostics.push(...layoutFindings(m, got.scored.seen));
        finishScored(m, got.scored, options, result, diagnostics, at);
      }
    }
  } catch (err) {
    // Only data that cannot be read at all ends here; a bad value is reported on the numbers it affects.
    if (err instanceof DataProblem) fail(err.message, err.code);
    else if (err instanceof MetricError) fail(err.message, 'metric-error');
    else fail(`internal error: ${(err as Error)?.message ?? String(err)}`, 'internal-error');
  }
  // Every experiment lists its declared metrics; when nothing could be read, each says so in its place.
  if (result.error !== null && result.declared.length === 0 && m.metrics.length > 0) {
    result.declared = unreadDeclared(declaredSpecs(m.metrics, m.task?.value ?? 'multiclass'), result.error);
  }
  result.elapsed_ms = performance.now() - started;
  result.diagnostics = diagnostics.map((d) => ({
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  }));
  return { result, diagnostics };
}

function finishScored(m: ExperimentModel, scored: Scored, options: EvaluateOptions, result: ExperimentResult, diagnostics: RangedDiagnostic[], at: Range): void {
  const { scorer, plan } = scored;
  if (!scorer || scorer.sampleCount === 0 || !plan) throw new DataProblem('empty-data', 'there are no rows to score');
  const done = scorer.finish(options.digits ?? 2);
  result.task = plan.task;
  result.classes = [...plan.classNames];
  result.samples = scorer.sampleCount;
  if (scored.fit) {
    result.fit = { coef: scored.fit.coef, intercept: scored.fit.intercept, n_iter: scored.fit.n_iter };
    if (scored.fit.warning) diagnostics.push({ range: at, severity: 'warning', code: 'convergence', message: scored.fit.warning });
  }
  result.metrics = done.metrics;
  if (done.curves !== undefined) result.curves = typeof done.curves === 'string' ? { error: done.curves } : done.curves;
  result.declared = done.declared;
  if (result.loss && done.loss) {
    result.loss.value = done.loss.value;
    result.loss.error = done.loss.error ?? null;
    if (done.loss.note) result.loss.note = done.loss.note;
    if (done.loss.error) result.loss.note = done.loss.error; // kept for tools that read the older `note`
    // Whose semantics the loss follows (also when that library refuses it); none for a name no library has.
    if (plan.loss?.kind === 'log_loss') result.loss.library = 'scikit-learn';
    else if (plan.loss?.kind === 'module') result.loss.library = plan.loss.module.library;
    else if (plan.loss?.kind === 'error' && plan.loss.library) result.loss.library = plan.loss.library;
    else if (m.loss?.entry?.keras) result.loss.library = 'keras';
  }
  // A loss its library refuses on this data shows where the loss is written, unless a finding already says why.
  if (m.loss && result.loss?.error) {
    const lossAt = m.loss.nameNode.range;
    const said = diagnostics.some((d) => d.range.start.line === lossAt.start.line && d.range.start.character === lossAt.start.character);
    // A loss xent has no engine for is a fact about xent (information), not about the data (an error).
    const unsupported = plan.loss?.kind === 'error';
    if (!said) {
      diagnostics.push({
        range: lossAt,
        severity: unsupported ? 'info' : 'error',
        code: 'loss-not-computed',
        message: unsupported ? result.loss.error : `${m.loss.name} cannot be computed on this data: ${result.loss.error}`,
      });
    }
  }
  for (const r of done.records) diagnostics.push({ range: at, severity: r.severity, code: r.code, message: r.message, ...(r.location ? { related: [rowOf(r.location)] } : {}) });
  // scikit-learn repeats a warning for each metric it computes; one diagnostic per distinct message is enough.
  for (const message of new Set(done.warnings.map((w) => w.message))) {
    const w = done.warnings.find((x) => x.message === message)!;
    diagnostics.push({ range: at, severity: 'warning', code: w.code, message: w.message });
  }
}

/** The data file's row as related information: the whole line, 0-based as ranges are. */
function rowOf(location: DataLocation): RelatedInformation {
  const line = location.line - 1;
  return { file: location.file, message: `line ${location.line} of ${basename(location.file)}`, range: { start: { line, character: 0 }, end: { line, character: 0 } } };
}

/**
 * The label layout seen in the data against the declared `labels:` and the loss, with the ids the inline
 * rules use (sparse-loss-onehot-labels, categorical-loss-integer-labels), so a file is checked as inline
 * data is. Nothing is converted: the numbers are computed on the data as it is (docs/metrics.md).
 */
function layoutFindings(m: ExperimentModel, seen: SeenTargets): RangedDiagnostic[] {
  if (m.data?.kind === 'inline') return []; // the inline rules see the same values
  const out: RangedDiagnostic[] = [];
  const declared = m.labels?.origin === 'declared' ? m.labels.value : undefined;
  if (declared) {
    const seenMatrix = seen.kind === 'matrix';
    if ((declared === 'integer') === seenMatrix) {
      out.push({
        range: m.labels!.node.range,
        severity: 'error',
        code: 'labels-layout-mismatch',
        message:
          `labels: ${declared} is declared, but ${seen.description}: ${seenMatrix ? `rows of ${seen.columns} values` : 'one label per sample'}. ` +
          `xent computes every number on the data as it is (nothing is re-encoded); fix the declaration or the data.`,
      });
    }
  }
  const loss = m.loss;
  if (loss?.name === 'sparse_categorical_crossentropy' && seen.kind === 'matrix') {
    out.push({
      range: loss.nameNode.range,
      severity: 'error',
      code: 'sparse-loss-onehot-labels',
      message: `${loss.name} expects one class index per sample, but ${seen.description} (rows of ${seen.columns} values): Keras stops with a shape error. Use categorical_crossentropy, or give y_true as class indices.`,
    });
  }
  if (loss?.name === 'categorical_crossentropy' && seen.kind === 'labels') {
    out.push({
      range: loss.nameNode.range,
      severity: 'error',
      code: 'categorical-loss-integer-labels',
      message: `${loss.name} expects one-hot rows (one column per class), but ${seen.description}: Keras stops with a shape error. Use sparse_categorical_crossentropy, which takes class indices, or one-hot encode y_true.`,
    });
  }
  return out;
}
