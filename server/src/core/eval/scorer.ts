// Feeds chunks of rows into the accumulators an experiment needs (confusion counts, log loss, the declared
// Keras loss, and whatever the declared metrics need: a ranking store only for auc / average_precision) and
// turns the totals into results. One Scorer per experiment; chunks may come from inline data, CSV or .npy.
// A bad value never ends the evaluation: it is kept, located, and reported on the numbers it affects.

import {
  classificationReport,
  ConfusionAccumulator,
  confusionMatrix,
  MetricError,
  MultilabelAccumulator,
  multilabelConfusionMatrix,
  precisionRecallFscoreSupport,
  pyRepr,
  type ConfusionState,
  type Counts,
  type MultilabelState,
  type MetricWarning,
} from '../metrics/classification';
import { createEntropy, updateEntropy, finalizeEntropy, mergeEntropy, type EntropyState } from '../metrics/losses/entropy';
import { createKerasLoss, mergeKerasLoss, updateKerasLoss, type KerasAccumulator } from '../metrics/losses/keras';
import { createLogLoss, mergeLogLoss, updateLogLoss, type LogLossState } from '../metrics/losses/log-loss';
import { addTo } from '../metrics/losses/exact-sum';
import type { LossRecord, LossResult } from '../metrics/losses/types';
import {
  createBrier,
  createKerasAccuracy,
  createTopK,
  mergeBrier,
  mergeKerasAccuracy,
  mergeTopK,
  RankingStore,
  updateBrier,
  updateKerasAccuracy,
  updateTopK,
  type BrierOptions,
  type BrierState,
  type KerasAccuracyState,
  type RankingStoreState,
  type TopKState,
} from '../metrics/scores';
import type { DeclaredSpec } from './declared';
import { computeDeclared, type DeclaredInputs } from './declared-metrics';
import { resolvePosLabel } from './pos-label';
import { finishLogLoss } from './log-loss-check';
import type { EvalPlan, TargetLayout } from './plan';
import type { LayoutDecision, Predictions } from './losses';
import type { AveragedScores, DeclaredMetric, EvalMetrics } from './types';
import { reportCurves, type ReportCurves } from '../metrics/scores/curves';

/** A block of rows in the engine's terms: targets as indices (single-label) or a matrix, predictions raw. */
export interface ScoreChunk {
  readonly rowStart: number;
  readonly n: number;
  /** n class indices (single-label tasks given as indices). */
  readonly indices?: Float64Array;
  /** n × k 0/1 rows (one-hot or multilabel indicator). */
  readonly matrix?: Float64Array;
  /** n × cols predictions as written (probabilities, or logits with from_logits). */
  readonly yPred: Float64Array;
  readonly cols: number;
  /** Names a row for messages ("row 12", "runs/val.csv:13"); with a role, in the array that holds it. */
  readonly where: (row: number, role?: 'y_true' | 'y_pred') => string;
  /** The row's line in its data file, for a diagnostic's related information (a click opens the row). */
  readonly locate?: (row: number, role?: 'y_true' | 'y_pred') => DataLocation | undefined;
  /** The dtype y_pred had in its file (.npy: its dtype's float kind; CSV: float64), for dtype-dependent
   *  rules such as log_loss's eps (scikit-learn keeps float16 and float32, converts integers to float64). */
  readonly predDtype?: 'float16' | 'float32' | 'float64';
}

/** Data that cannot be read at all (a missing file, no rows): the only thing that ends an evaluation. */
export class DataProblem extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const FLOAT16_LOG_LOSS =
  'y_pred is float16 in its file: scikit-learn computes log_loss in float16 (eps 2**-10), which xent does not emulate; save the predictions as float32 or float64';

/** How many distinct y_true values that are not classes are kept apart (beyond that, declare the classes). */
const OUTSIDE_SLOTS = 8;

/** A bad y_true row: every number that reads y_true as labels reports it instead of a value. */
export interface TargetProblem {
  readonly code: 'label-out-of-range' | 'invalid-onehot-row' | 'invalid-indicator' | 'prediction-columns-mismatch' | 'soft-targets';
  readonly message: string;
  /** A warning when the rows are valid for the declared loss (soft targets) but not for scikit-learn. */
  readonly severity?: 'warning';
}

/** A row of a data file: the absolute path and the 1-based line. */
export interface DataLocation {
  readonly file: string;
  readonly line: number;
}

export interface ScoreResults {
  metrics: EvalMetrics;
  loss: { value: number | null; error?: string; note?: string } | undefined;
  declared: DeclaredMetric[];
  /** Findings about the data, each a diagnostic (with its place in the data file). */
  records: { severity: 'error' | 'warning'; code: string; message: string; location?: DataLocation }[];
  warnings: MetricWarning[];
  /** The report's curves, when asked for (ScorerOptions.curves): exact points, or why there are none. */
  curves?: ReportCurves | string;
}

export interface ScorerOptions {
  /** Keep every row's scores for the report's curves (O(n) memory, as the ranking metrics). */
  readonly curves?: boolean;
  /**
   * The rows come from one byte range of a CSV file scored on a worker thread (csv-score-worker.ts), whose
   * first line is not known yet: its places read `${relativeLines}:N` with N counted from the range's first
   * row, and its locations likewise. The state says so, and `absorb(state, { lines })` moves them.
   */
  readonly relativeLines?: string;
}

/** Where an absorbed state's rows are in their file: the line of its first row (relativeLines states). */
export interface AbsorbAt {
  readonly lines: number;
}

export class Scorer {
  private readonly k: number;
  private counts: Counts;
  private logLoss: LogLossState | undefined;
  /** y_true classes seen (scikit-learn's log_loss infers its labels from y_true when none are declared). */
  private trueSeen: Uint8Array;
  private readonly layout: TargetLayout;
  /** The declared loss on the layout seen (its module's accumulator), or its library's refusal. */
  private readonly loss: LayoutDecision | undefined;
  /** Its accumulator's state (plain data). */
  private lossState: unknown;
  /** H(p), H(p, q), KL(p‖q) of the headline set: only where y_true rows are distributions as written. */
  private entropy: EntropyState | undefined;
  /** The declared entropy / cross_entropy metrics: class indices count as one-hot rows. */
  private declaredEntropy: EntropyState | undefined;
  /** The declared kl_divergence metric (Keras's KLDivergence). */
  private klMetric: KerasAccumulator | undefined;
  private ranking: RankingStore | undefined;
  private readonly brier = new Map<number, BrierState>();
  private readonly topK = new Map<number, TopKState>();
  private readonly kerasAccuracy = new Map<number, KerasAccuracyState>();
  /** Per-metric setup errors (scikit-learn's constructor-time refusals), by declared index. */
  private readonly setupErrors = new Map<number, string>();
  private targetProblem: TargetProblem | undefined;
  /** Only the counts and log_loss's sums were given (a SQL engine's statistics): why the other numbers are not computed. */
  private countsOnly: string | undefined;
  /** Why the report's curves cannot be drawn although they were asked for. */
  private noScores: string | undefined;
  /** What the first chunk showed: the accumulators were set up for it (a restored scorer is set up the same way). */
  private readonly shape: ScorerShape;
  /** The declared loss takes rows of class probabilities as targets (PyTorch's cross_entropy). */
  private readonly softTargets: boolean;
  private samples = 0;
  private yPredMax = -Infinity;
  private yPredMin = Infinity;
  /** The place (file and line, or inline row) of every row a record names, found while its chunk is at hand. */
  private readonly places = new Map<string, string>();
  private readonly locations = new Map<string, DataLocation>();

  constructor(
    private readonly plan: EvalPlan,
    first: ScoreChunk,
    private readonly options: ScorerOptions = {},
  ) {
    const k = (this.k = plan.k);
    const predCols = first.cols;
    this.shape = { indices: !!first.indices, trueCols: first.indices ? 1 : first.n > 0 && first.matrix ? first.matrix.length / first.n : k, predCols, predDtype: first.predDtype ?? 'float64' };
    const multilabel = plan.task === 'multilabel';
    this.layout = first.indices ? 'indices' : multilabel ? 'indicator' : 'onehot';
    const trueCols = first.indices ? 1 : first.n > 0 && first.matrix ? first.matrix.length / first.n : k;
    // Single-label counts keep a few slots after the classes for y_true values that are not classes:
    // scikit-learn reads them as label values (accuracy counts them wrong, labels= leaves them out of the
    // per-class counts), while Keras's loss refuses them.
    this.counts = multilabel ? new MultilabelAccumulator(k) : new ConfusionAccumulator(k + OUTSIDE_SLOTS);
    this.trueSeen = new Uint8Array(k);
    const single = predCols === 1;
    if (single && plan.task !== 'binary') this.targetProblem = { code: 'prediction-columns-mismatch', message: `y_pred has one column but the task is ${plan.task} with ${k} classes` };
    else if (!single && predCols !== k) {
      this.targetProblem = { code: 'prediction-columns-mismatch', message: `y_pred has ${predCols} columns but there are ${k} classes (${plan.classNames.join(', ')})` };
    } else if (!first.indices && trueCols !== k) {
      this.targetProblem = { code: 'prediction-columns-mismatch', message: `y_true rows have ${trueCols} columns but there are ${k} classes (${plan.classNames.join(', ')})` };
    }
    const dtype = first.predDtype === 'float32' ? 'float32' : 'float64';
    this.float16 = first.predDtype === 'float16';
    if (!this.targetProblem) {
      if (!multilabel && !single) this.entropy = createEntropy({ nClasses: k });
      this.logLoss = createLogLoss({ nClasses: k, yTrue: multilabel ? 'indicator' : 'indices', yPred: single ? 'positive-column' : 'matrix', dtype });
    }
    if (plan.loss?.kind === 'module') this.loss = plan.loss.setup.onLayout({ layout: this.layout, trueCols, predCols });
    if (this.loss && 'accumulator' in this.loss) this.lossState = this.loss.accumulator.create();
    this.softTargets = plan.loss?.kind === 'module' && plan.loss.setup.softTargets === true;

    const names = new Set(plan.declared.map((d) => d.metric));
    // Multilabel: each label is a Bernoulli distribution [1 − y, y] against [1 − q, q] (one row per label).
    if (names.has('entropy') || names.has('cross_entropy')) this.declaredEntropy = createEntropy({ nClasses: multilabel ? 2 : k });
    if (names.has('kl_divergence') && this.layout !== 'indices' && predCols === k) this.klMetric = createKerasLoss({ loss: 'kl_divergence', options: { nClasses: k } });
    const curves = options.curves === true && !this.targetProblem;
    if (plan.needsRanking || curves) this.ranking = new RankingStore({ cols: rankingCols(plan, predCols), yTrue: multilabel ? 'indicator' : 'indices' });
    plan.declared.forEach((d, i) => {
      try {
        if (d.metric === 'brier_score_loss') this.brier.set(i, createBrier(brierOptions(plan, d, predCols)));
        // scikit-learn's top_k_accuracy_score takes one label per row: a multilabel target is refused at the end.
        else if (d.metric === 'top_k_accuracy' && !multilabel) {
          this.topK.set(i, createTopK({ k: num(d.params.k, 2), normalize: d.params.normalize !== false, cols: predCols, labels: plan.labelsGiven ? k : undefined }));
        } else if (d.metric === 'binary_accuracy' || d.metric === 'categorical_accuracy' || d.metric === 'sparse_categorical_accuracy') {
          this.kerasAccuracy.set(i, createKerasAccuracy({ kind: d.metric, cols: predCols, threshold: d.metric === 'binary_accuracy' ? num(d.params.threshold, 0.5) : undefined }));
        }
      } catch (err) {
        this.setupErrors.set(i, messageOf(err));
      }
    });
  }

  add(chunk: ScoreChunk): void {
    const { n, cols, rowStart } = chunk;
    const k = this.k;
    if (n === 0) return;
    if (this.predCols !== undefined && cols !== this.predCols) {
      this.targetProblem ??= { code: 'prediction-columns-mismatch', message: `${chunk.where(0)}: y_pred has ${cols} columns, expected ${this.predCols}` };
    }
    this.predCols ??= cols;
    const probs = toProbabilities(this.plan.predictions, chunk.yPred, n, cols, this.plan.task === 'multilabel');
    for (let i = 0; i < probs.length; i++) {
      const v = probs[i];
      if (v > this.yPredMax) this.yPredMax = v;
      if (v < this.yPredMin) this.yPredMin = v;
    }

    // The declared loss reads the targets as its library does (its own checks, its own messages).
    const loss = this.loss && 'accumulator' in this.loss ? this.loss : undefined;
    if (loss) {
      const yTrue = loss.yTrue === 'indices' ? (chunk.indices ?? chunk.matrix!) : (chunk.matrix ?? chunk.indices!);
      const acc = loss.accumulator;
      this.track(acc.records(this.lossState), chunk, () => (this.lossState = acc.update(this.lossState, { yTrue, yPred: chunk.yPred, rowStart, n })));
    }
    // Metrics read probabilities (softmax / sigmoid / exp of what the loss takes), the declared loss the raw y_pred.
    if (this.klMetric && chunk.matrix) this.track(this.klMetric.records, chunk, () => updateKerasLoss(this.klMetric!, { yTrue: chunk.matrix!, yPred: probs, rowStart, n }));
    for (const [i, acc] of this.kerasAccuracy) {
      try {
        const d = this.plan.declared[i].metric;
        const yTrue = d === 'sparse_categorical_accuracy' ? (chunk.indices ?? chunk.matrix!) : (chunk.matrix ?? chunk.indices!);
        updateKerasAccuracy(acc, { yTrue, yPred: probs, rowStart, n });
      } catch (err) {
        this.setupErrors.set(i, messageOf(err));
        this.kerasAccuracy.delete(i);
      }
    }
    if (this.declaredEntropy && this.plan.task === 'multilabel') {
      if (chunk.matrix && chunk.matrix.length === probs.length) {
        updateEntropy(this.declaredEntropy, { yTrue: twoColumns(chunk.matrix), yPred: twoColumns(probs), rowStart: rowStart * cols, n: n * cols });
      }
    } else if (this.declaredEntropy) {
      const p = chunk.matrix ?? oneHot(chunk.indices!, k);
      const q = cols === 1 ? twoColumns(probs) : probs;
      if (p.length === n * k && q.length === n * k) this.track(this.declaredEntropy.records, chunk, () => updateEntropy(this.declaredEntropy!, { yTrue: p, yPred: q, rowStart, n }));
    }
    this.samples += n;

    // H(p), H(p, q), KL(p‖q) of the headline set read y_true rows as distributions (soft rows included).
    if (this.entropy && chunk.matrix && !this.targetProblem?.code.startsWith('prediction')) {
      this.track(this.entropy.records, chunk, () => updateEntropy(this.entropy!, { yTrue: chunk.matrix!, yPred: probs, rowStart, n }));
    } else this.entropy = undefined; // class indices are not a distribution as written
    // scikit-learn's numbers read y_true as labels: a bad row there stops them all (reported on each).
    if (this.targetProblem) return;
    const problem = this.plan.task === 'multilabel' ? checkIndicator(chunk, k) : chunk.indices ? checkFinite(chunk) : checkOneHot(chunk, k, this.softTargets);
    if (problem) {
      this.targetProblem = problem;
      return;
    }
    if (this.counts instanceof MultilabelAccumulator) {
      const m = chunk.matrix!;
      const hard = new Float64Array(n * k);
      for (let i = 0; i < n * k; i++) hard[i] = probs[i] > 0.5 ? 1 : 0;
      this.counts.addBatch(m, hard, n, rowStart);
      this.track(this.logLoss!.records, chunk, () => updateLogLoss(this.logLoss!, { yTrue: m, yPred: probs, rowStart, n }));
      this.ranking?.append(m, rankingScores(probs, n, cols, this.ranking.cols), n);
      for (const s of this.brier.values()) updateBrier(s, { yTrue: m, yPred: probs, rowStart, n });
      for (const s of this.topK.values()) updateTopK(s, { yTrue: m, yPred: probs, rowStart, n });
      return;
    }
    const trueIdx = chunk.indices ? this.labelSlots(chunk) : argmaxRows(chunk.matrix!, n, k);
    if (this.targetProblem) return;
    for (let i = 0; i < n; i++) if (trueIdx[i] < k) this.trueSeen[trueIdx[i]] = 1;
    const predIdx = new Float64Array(n);
    if (cols === 1) for (let i = 0; i < n; i++) predIdx[i] = probs[i] > 0.5 ? 1 : 0;
    else for (let i = 0; i < n; i++) predIdx[i] = argmax(probs, i * cols, cols);
    this.counts.addBatch(trueIdx, predIdx);
    this.track(this.logLoss!.records, chunk, () => updateLogLoss(this.logLoss!, { yTrue: trueIdx, yPred: probs, rowStart, n }));
    // The probability metrics need every label to be a class (their columns): one that is not stops them.
    if (this.outsideValues.length > 0) return;
    this.ranking?.append(trueIdx, rankingScores(probs, n, cols, this.ranking.cols), n);
    for (const s of this.brier.values()) updateBrier(s, { yTrue: trueIdx, yPred: probs, rowStart, n });
    for (const s of this.topK.values()) updateTopK(s, { yTrue: trueIdx, yPred: probs, rowStart, n });
  }

  /** Class indices for the counts: a class stays itself; another value takes a slot after the classes. */
  private labelSlots(chunk: ScoreChunk): Float64Array {
    const idx = chunk.indices!;
    const k = this.k;
    let out: Float64Array | undefined;
    for (let i = 0; i < chunk.n; i++) {
      const v = idx[i];
      if (Number.isInteger(v) && v >= 0 && v < k) continue;
      out ??= Float64Array.from(idx.subarray(0, chunk.n));
      let slot = this.outsideValues.indexOf(v);
      if (slot < 0) {
        if (this.outsideValues.length === OUTSIDE_SLOTS) {
          this.targetProblem = {
            code: 'label-out-of-range',
            message: `${chunk.where(i, 'y_true')}: y_true holds more than ${OUTSIDE_SLOTS} values that are not classes (${this.outsideValues.join(', ')}, ${v}, …); declare the classes`,
          };
          return out;
        }
        this.outsideValues.push(v);
        slot = this.outsideValues.length - 1;
        if (slot === 0) {
          this.outsidePlace = chunk.where(i, 'y_true');
          this.outsideLocation = chunk.locate?.(i, 'y_true');
        }
      }
      out[i] = k + slot;
    }
    return out ?? idx;
  }

  private predCols: number | undefined;
  /** y_pred was float16 in its file: scikit-learn keeps float16 for log_loss, which xent does not emulate. */
  private float16: boolean;
  /** y_true values that are not classes, in order of appearance (their count slots follow the classes). */
  private outsideValues: number[] = [];
  /** Where the first of them is. */
  private outsidePlace = '';
  private outsideLocation: DataLocation | undefined;

  /** Runs an accumulator update and remembers where the rows its new records name are. */
  private track(records: readonly LossRecord[], chunk: ScoreChunk, update: () => void): void {
    const before = records.length;
    const rows = records.map((r) => r.row);
    update();
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const key = placeKey(r);
      if ((i >= before || rows[i] !== r.row) && r.row >= chunk.rowStart && r.row < chunk.rowStart + chunk.n && !this.places.has(key)) {
        this.places.set(key, chunk.where(r.row - chunk.rowStart, roleOf(r)));
        const location = chunk.locate?.(r.row - chunk.rowStart, roleOf(r));
        if (location) this.locations.set(key, location);
      }
    }
  }

  /** A record's message with its place: "row 3: …" becomes "runs/val.csv:4: …". */
  private placed(r: LossRecord): string {
    const place = this.places.get(placeKey(r));
    if (!place || r.row < 0) return r.message;
    // Rows whose probabilities do not sum to 1 are usually many (a rounded export): the first is named, the
    // others counted over the whole file.
    const more = r.code === 'rows-not-normalized' && r.count > 1 ? ` (and ${r.count - 1} more row${r.count === 2 ? '' : 's'} like it)` : '';
    const prefix = `row ${r.row + 1}`;
    return r.message.startsWith(prefix) ? place + more + r.message.slice(prefix.length) : `${place}${more}: ${r.message}`;
  }

  /** Everything accumulated so far, as plain data (typed arrays included): scale/partial.ts writes it as JSON. */
  exportState(): ScorerState {
    const entries = <S>(m: Map<number, S>): [number, S][] => [...m.entries()];
    return {
      shape: this.shape,
      samples: this.samples,
      predCols: this.predCols ?? this.shape.predCols,
      yPredMax: this.yPredMax,
      yPredMin: this.yPredMin,
      float16: this.float16,
      counts: this.counts.state(),
      trueSeen: [...this.trueSeen],
      ...(this.logLoss ? { logLoss: this.logLoss } : {}),
      ...(this.lossState !== undefined ? { lossState: this.lossState } : {}),
      ...(this.entropy ? { entropy: this.entropy } : {}),
      ...(this.declaredEntropy ? { declaredEntropy: this.declaredEntropy } : {}),
      ...(this.klMetric ? { klMetric: this.klMetric } : {}),
      ...(this.ranking ? { ranking: this.ranking.state() } : {}),
      brier: entries(this.brier),
      topK: entries(this.topK),
      kerasAccuracy: entries(this.kerasAccuracy),
      ...(this.targetProblem ? { targetProblem: this.targetProblem } : {}),
      outsideValues: [...this.outsideValues],
      outsidePlace: this.outsidePlace,
      ...(this.outsideLocation ? { outsideLocation: this.outsideLocation } : {}),
      places: [...this.places.entries()],
      locations: [...this.locations.entries()],
      setupErrors: [...this.setupErrors.entries()],
      ...(this.options.relativeLines !== undefined ? { relativeLines: this.options.relativeLines } : {}),
    };
  }

  /** A scorer set up as the one that exported `state` was (same plan, same first-chunk shape), holding it. */
  static restore(plan: EvalPlan, state: ScorerState, options: ScorerOptions = {}, at?: AbsorbAt): Scorer {
    const { shape } = state;
    const first: ScoreChunk = {
      rowStart: 0,
      n: 1,
      ...(shape.indices ? { indices: new Float64Array(1) } : { matrix: new Float64Array(shape.trueCols) }),
      yPred: new Float64Array(shape.predCols),
      cols: shape.predCols,
      where: () => '',
      predDtype: shape.predDtype,
    };
    const scorer = new Scorer(plan, first, options);
    scorer.absorb(state, at);
    return scorer;
  }

  /**
   * Adds the rows another scorer accumulated (its exported state), as if they followed this scorer's rows:
   * every sum is exact and every count an integer, so the numbers do not depend on the order of absorption;
   * the row numbers its findings name move by this scorer's sample count, so "the first bad row" follows it.
   * A state of range-relative lines (ScorerOptions.relativeLines) has its places moved to `at.lines`.
   */
  absorb(other: ScorerState, at?: AbsorbAt): void {
    if (other.samples === 0) return;
    const s = shiftRows(other, this.samples, at?.lines ?? 0);
    const k = this.k;
    if (s.predCols !== (this.predCols ?? s.predCols)) {
      this.targetProblem ??= { code: 'prediction-columns-mismatch', message: `y_pred has ${s.predCols} columns in one part and ${this.predCols} in another` };
    }
    if (this.samples === 0 || this.predCols === undefined) this.predCols = s.predCols;
    this.targetProblem ??= s.targetProblem;
    // The slots of y_true values that are not classes are numbered by first appearance in each part.
    const slotOf: number[] = [];
    for (const v of s.outsideValues) {
      let slot = this.outsideValues.indexOf(v);
      if (slot < 0) {
        if (this.outsideValues.length === OUTSIDE_SLOTS) {
          this.targetProblem ??= { code: 'label-out-of-range', message: `y_true holds more than ${OUTSIDE_SLOTS} values that are not classes (${[...this.outsideValues, v].join(', ')}, …); declare the classes` };
          slot = OUTSIDE_SLOTS - 1;
        } else {
          this.outsideValues.push(v);
          slot = this.outsideValues.length - 1;
        }
      }
      slotOf.push(slot);
    }
    if (this.outsidePlace === '' && s.outsidePlace !== '') {
      this.outsidePlace = s.outsidePlace;
      this.outsideLocation = s.outsideLocation;
    }
    if (this.counts instanceof MultilabelAccumulator) this.counts.merge(s.counts as MultilabelState);
    else this.counts.merge(remapSlots(s.counts as ConfusionState, k, slotOf));
    s.trueSeen.forEach((v, i) => {
      if (v) this.trueSeen[i] = 1;
    });
    if (this.logLoss && s.logLoss) this.logLoss = mergeLogLoss(this.logLoss, s.logLoss);
    if (this.loss && 'accumulator' in this.loss && s.lossState !== undefined) this.lossState = this.loss.accumulator.merge(this.lossState, s.lossState);
    // The headline entropy needs every row to be a distribution as written: one part of class indices ends it.
    this.entropy = this.entropy && s.entropy ? mergeEntropy(this.entropy, s.entropy) : undefined;
    if (this.declaredEntropy && s.declaredEntropy) this.declaredEntropy = mergeEntropy(this.declaredEntropy, s.declaredEntropy);
    if (this.klMetric && s.klMetric) this.klMetric = mergeKerasLoss(this.klMetric, s.klMetric);
    if (this.ranking && s.ranking) this.ranking.merge(s.ranking);
    else if (this.ranking) {
      // A part that kept no scores (no ranking metric declared): the report's curves cannot be drawn.
      this.ranking = undefined;
      this.noScores = 'the partial results keep no scores (they do when auc or average_precision is declared)';
    }
    for (const [i, b] of s.brier) {
      const a = this.brier.get(i);
      if (a) this.brier.set(i, mergeBrier(a, b));
    }
    for (const [i, b] of s.topK) {
      const a = this.topK.get(i);
      if (a) this.topK.set(i, mergeTopK(a, b));
    }
    for (const [i, b] of s.kerasAccuracy) {
      const a = this.kerasAccuracy.get(i);
      if (a) this.kerasAccuracy.set(i, mergeKerasAccuracy(a, b));
    }
    this.samples += s.samples;
    this.yPredMax = Math.max(this.yPredMax, s.yPredMax);
    this.yPredMin = Math.min(this.yPredMin, s.yPredMin);
    this.float16 ||= s.float16;
    for (const [key, place] of s.places) if (!this.places.has(key)) this.places.set(key, place);
    for (const [key, location] of s.locations) if (!this.locations.has(key)) this.locations.set(key, location);
    // A metric its update refused (a Keras accuracy on a shape it does not take) stays refused.
    for (const [i, message] of s.setupErrors ?? []) {
      if (!this.setupErrors.has(i)) this.setupErrors.set(i, message);
      this.kerasAccuracy.delete(i);
    }
  }

  /**
   * A scorer holding statistics computed elsewhere (xent sql's query, scale/sql-merge.ts): the confusion
   * counts and log_loss's sums per (true class, predicted class). Everything else needs the rows: the numbers
   * that read it say `reason` in their place.
   */
  static fromCounts(plan: EvalPlan, predCols: number, stats: CountStatistics, reason: string): Scorer {
    const first: ScoreChunk = { rowStart: 0, n: 1, indices: new Float64Array(1), yPred: new Float64Array(predCols), cols: predCols, where: () => '' };
    const scorer = new Scorer(plan, first, {});
    scorer.countsOnly = reason;
    scorer.predCols = predCols;
    const k = plan.k;
    const K = k + OUTSIDE_SLOTS;
    const counts = new Float64Array(K * K);
    for (const cell of stats.cells) {
      let t = cell.trueIndex;
      if (t === undefined) {
        let slot = scorer.outsideValues.indexOf(cell.outsideValue!);
        if (slot < 0) {
          if (scorer.outsideValues.length === OUTSIDE_SLOTS) {
            scorer.targetProblem ??= { code: 'label-out-of-range', message: `${cell.place}: y_true holds more than ${OUTSIDE_SLOTS} values that are not classes; declare the classes` };
            continue;
          }
          scorer.outsideValues.push(cell.outsideValue!);
          slot = scorer.outsideValues.length - 1;
          if (slot === 0) scorer.outsidePlace = cell.place;
        }
        t = k + slot;
      } else scorer.trueSeen[t] = 1;
      counts[t * K + cell.pred] += cell.n;
      scorer.samples += cell.n;
      if (scorer.logLoss) {
        scorer.logLoss.rows += cell.n;
        if (cell.logLossSum !== null) addTo(scorer.logLoss.sum, cell.logLossSum);
      }
    }
    if (scorer.counts instanceof ConfusionAccumulator) scorer.counts.merge({ kind: 'single-label', k: K, counts });
    scorer.yPredMax = stats.pMax;
    scorer.yPredMin = stats.pMin;
    scorer.entropy = undefined;
    return scorer;
  }

  get sampleCount(): number {
    return this.samples;
  }

  /** The totals as results, with the warnings and errors scikit-learn and Keras would raise. */
  finish(digits: number): ScoreResults {
    const plan = this.plan;
    const metrics: EvalMetrics = {};
    const warnings: MetricWarning[] = [];
    const records: ScoreResults['records'] = [];
    const record = (r: LossRecord) => {
      const message = this.placed(r);
      const location = r.row >= 0 ? this.locations.get(placeKey(r)) : undefined;
      if (!records.some((x) => x.code === r.code && x.message === message)) records.push({ severity: r.severity, code: r.code, message, ...(location ? { location } : {}) });
    };
    const problem = this.targetProblem;
    if (problem) records.push({ severity: problem.severity ?? 'error', code: problem.code, message: problem.message });

    // ---- the declared loss, by its library's rules
    let loss: ScoreResults['loss'];
    if (plan.loss?.kind === 'error') loss = { value: null, error: plan.loss.error };
    else if (plan.loss?.kind === 'module' && this.loss && this.countsOnly) loss = { value: null, error: this.countsOnly };
    else if (plan.loss?.kind === 'module' && this.loss) {
      if ('refused' in this.loss) loss = { value: null, error: this.loss.refused(this.samples) };
      else {
        const done = this.loss.accumulator.finish(this.lossState);
        const r: LossResult = done.result;
        r.records.forEach(record);
        const firstError = r.records.find((x) => x.severity === 'error');
        loss = firstError ? { value: null, error: this.placed(firstError) } : { value: done.value, ...(done.note ? { note: done.note } : {}) };
      }
    }

    // ---- log_loss (scikit-learn), shared by the headline set, the log_loss loss and the declared metric
    const outside = this.outsideValues.length > 0 ? { values: this.outsideValues, place: this.outsidePlace } : undefined;
    const ll = this.float16
      ? { value: null, sum: null, error: FLOAT16_LOG_LOSS, records: [] }
      : this.logLoss && !problem ? finishLogLoss(this.logLoss, { plan, trueSeen: this.trueSeen, outside, yPredMax: this.yPredMax, yPredMin: this.yPredMin, place: (r) => this.placed(r) }) : undefined;
    if (ll) {
      ll.records.forEach(record);
      metrics.log_loss = ll.error ? null : ll.value;
    }
    // A y_true value that is not a class is a data finding of its own (scikit-learn counts it as a wrong
    // prediction; log_loss and the losses refuse it): said once, by its value, unless a loss said it already.
    if (outside && !records.some((r) => r.code === 'label-out-of-range')) {
      const values = outside.values.map((v) => pyRepr(v).replace(/\.0$/, '')).join(', ');
      const one = outside.values.length === 1;
      records.push({
        severity: 'error',
        code: 'label-out-of-range',
        message: `${outside.place}: y_true holds ${values}, which ${one ? 'is not one of the classes' : 'are not classes'} (${plan.classNames.join(', ')})`,
        ...(this.outsideLocation ? { location: this.outsideLocation } : {}),
      });
    }
    if (plan.loss?.kind === 'log_loss') {
      loss = ll && !ll.error ? { value: plan.loss.normalize ? ll.value : ll.sum } : { value: null, error: ll?.error ?? problem?.message ?? 'there are no rows to score' };
    }

    if (this.entropy) {
      const e = finalizeEntropy(this.entropy);
      metrics.entropy = e.entropy === null || e.crossEntropy === null || e.klDivergence === null ? null : { entropy: e.entropy, cross_entropy: e.crossEntropy, kl_divergence: e.klDivergence };
    }

    // ---- the headline set (kept as before for the tools that read it), when y_true could be read as labels
    const labels = plan.labelsGiven || plan.task === 'multilabel' ? Array.from({ length: plan.k }, (_, i) => i) : undefined;
    const counts = this.counts;
    if (!problem && counts.samples > 0) {
      metrics.accuracy = counts instanceof MultilabelAccumulator ? counts.exactMatches / counts.samples : counts.correct / counts.samples;
      const scores = (pick: 'precision' | 'recall' | 'fscore'): AveragedScores => {
        const per = precisionRecallFscoreSupport(counts, { average: null, labels, zeroDivision: plan.zeroDivision });
        const out: AveragedScores = { per_class: per[pick] };
        for (const average of plan.averages) {
          try {
            const r = precisionRecallFscoreSupport(counts, { average, labels, posLabel: 1, zeroDivision: plan.zeroDivision });
            out[average] = r[pick];
          } catch (err) {
            if (!(err instanceof MetricError)) throw err;
          }
        }
        return out;
      };
      metrics.precision = scores('precision');
      metrics.recall = scores('recall');
      metrics.f1 = scores('fscore');
      metrics.averages_used = plan.averagesUsed;
      // scikit-learn raises here when no declared class occurs in y_true (every target ignored, say): the
      // headline matrix and report are then left out with its reason; the other numbers still come out.
      try {
        if (counts instanceof MultilabelAccumulator) {
          metrics.multilabel_confusion_matrix = multilabelConfusionMatrix(counts, labels).matrices.map((m) => m.map((row) => [...row]));
        } else {
          metrics.confusion_matrix = confusionMatrix(counts, labels).matrix;
        }
        const report = classificationReport(counts, {
          labels,
          targetNames: plan.labelsGiven || plan.classNames.some((n, i) => n !== String(i)) ? plan.classNames : undefined,
          digits,
          zeroDivision: plan.zeroDivision,
        });
        warnings.push(...report.warnings);
        metrics.report = Object.fromEntries(report.entries);
        metrics.report_text = report.text;
      } catch (err) {
        if (!(err instanceof MetricError)) throw err;
        records.push({ severity: 'error', code: 'metric-error', message: `confusion_matrix and classification_report: ${err.message}` });
      }
    }

    // ---- every declared metric, each with its own parameters
    const inputs: DeclaredInputs = {
      plan,
      counts,
      labels,
      samples: this.samples,
      targetProblem: problem?.message,
      logLoss: ll,
      outside: outside && {
        message: `${outside.place}: y_true holds ${outside.values.join(', ')}, not ${outside.values.length === 1 ? 'a class' : 'classes'} (${plan.classNames.join(', ')}): this metric needs every label to be one of y_pred's columns`,
        names: outside.values.map((v) => String(v)),
      },
      ranking: this.ranking,
      brier: this.brier,
      topK: this.topK,
      kerasAccuracy: this.kerasAccuracy,
      setupErrors: this.setupErrors,
      declaredEntropy: this.declaredEntropy,
      klMetric: this.klMetric,
      layout: this.layout,
      predCols: this.predCols ?? 0,
      digits,
      place: (r) => this.placed(r),
      record,
    };
    const declared = computeDeclared(inputs, warnings).map((d) =>
      this.countsOnly && !FROM_COUNTS.has(d.metric) && d.error === null ? { ...d, value: null, error: this.countsOnly } : d,
    );
    const done: ScoreResults = { metrics, loss, declared, records, warnings };
    if (this.options.curves) {
      done.curves = this.ranking && !problem ? reportCurves(this.ranking, { k: this.k, task: plan.task }) : (problem?.message ?? this.noScores ?? this.countsOnly ?? 'no scores were kept');
    }
    return done;
  }
}


/** The declared metrics computed from the confusion counts and log_loss's sum alone (scikit-learn's). */
const FROM_COUNTS = new Set(['accuracy', 'precision', 'recall', 'f1', 'fbeta', 'jaccard', 'log_loss', 'confusion_matrix', 'classification_report', 'balanced_accuracy', 'matthews_corrcoef', 'cohen_kappa', 'hamming_loss']);

/** Counts per (true class, predicted class) and log_loss's sums, computed elsewhere (Scorer.fromCounts). */
export interface CountStatistics {
  readonly cells: readonly {
    /** The class index, or undefined for a y_true value that is not a class (then outsideValue). */
    readonly trueIndex: number | undefined;
    readonly outsideValue?: number;
    readonly pred: number;
    readonly n: number;
    /** Σ of log_loss's row terms (null when y_true is not a class). */
    readonly logLossSum: number | null;
    /** Where the cell was read, for messages ("result.csv:4"). */
    readonly place: string;
  }[];
  readonly pMin: number;
  readonly pMax: number;
}

/** What the first chunk showed, for which the accumulators were set up. */
export interface ScorerShape {
  readonly indices: boolean;
  readonly trueCols: number;
  readonly predCols: number;
  readonly predDtype: 'float16' | 'float32' | 'float64';
}

/** A scorer's accumulators as plain data (Scorer.exportState, Scorer.restore, Scorer.absorb). */
export interface ScorerState {
  readonly shape: ScorerShape;
  readonly samples: number;
  readonly predCols: number;
  readonly yPredMax: number;
  readonly yPredMin: number;
  readonly float16: boolean;
  readonly counts: ConfusionState | MultilabelState;
  readonly trueSeen: number[];
  readonly logLoss?: LogLossState;
  readonly lossState?: unknown;
  readonly entropy?: EntropyState;
  readonly declaredEntropy?: EntropyState;
  readonly klMetric?: KerasAccumulator;
  readonly ranking?: RankingStoreState;
  readonly brier: [number, BrierState][];
  readonly topK: [number, TopKState][];
  readonly kerasAccuracy: [number, KerasAccuracyState][];
  readonly targetProblem?: TargetProblem;
  readonly outsideValues: number[];
  readonly outsidePlace: string;
  readonly outsideLocation?: DataLocation;
  /** Where the rows the records name are, by "row:role" (row numbers count from the part's first row). */
  readonly places: [string, string][];
  readonly locations: [string, DataLocation][];
  /** The declared metrics refused while scoring, by declared index (absent in states of older versions). */
  readonly setupErrors?: [number, string][];
  /** Places of the form `${relativeLines}:N` count N from the part's first row (ScorerOptions.relativeLines). */
  readonly relativeLines?: string;
}

/**
 * The state with every row number moved by `offset`: the records (each accumulator keeps them in a
 * `records` array, with their "row N" message prefix) and the keys of the places that name them; and, for a
 * state of range-relative lines, every place and location moved by `lines` (moveLines).
 */
function shiftRows(state: ScorerState, offset: number, lines = 0): ScorerState {
  if (state.relativeLines !== undefined && lines !== 0) state = moveLines(state, state.relativeLines, lines);
  if (offset === 0) return state;
  const moveKey = (key: string): string => {
    const at = key.indexOf(':');
    return `${Number(key.slice(0, at)) + offset}${key.slice(at)}`;
  };
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) {
      if (key === 'records') return value.map((r: LossRecord) => shiftRecord(r, offset));
      return value.map((v) => walk(v));
    }
    if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return {
    ...state,
    logLoss: walk(state.logLoss) as LogLossState | undefined,
    lossState: walk(state.lossState),
    entropy: walk(state.entropy) as EntropyState | undefined,
    declaredEntropy: walk(state.declaredEntropy) as EntropyState | undefined,
    klMetric: walk(state.klMetric) as KerasAccumulator | undefined,
    places: state.places.map(([k, v]) => [moveKey(k), v]),
    locations: state.locations.map(([k, v]) => [moveKey(k), v]),
  };
}

/**
 * A range-relative state's places at their file lines: every place the scorer wrote (from ScoreChunk.where)
 * starts a place string, an outside-value place or a target problem's message, as `${label}:N`; the
 * locations hold the line as a number. Nothing else in a state names a line.
 */
function moveLines(state: ScorerState, label: string, lines: number): ScorerState {
  const prefix = `${label}:`;
  const move = (text: string): string => {
    if (!text.startsWith(prefix)) return text;
    const digits = /^\d+/.exec(text.slice(prefix.length));
    return digits ? `${prefix}${Number(digits[0]) + lines}${text.slice(prefix.length + digits[0].length)}` : text;
  };
  const at = (l: DataLocation): DataLocation => ({ ...l, line: l.line + lines });
  return {
    ...state,
    places: state.places.map(([k, v]) => [k, move(v)]),
    locations: state.locations.map(([k, v]) => [k, at(v)]),
    outsidePlace: move(state.outsidePlace),
    ...(state.outsideLocation ? { outsideLocation: at(state.outsideLocation) } : {}),
    ...(state.targetProblem ? { targetProblem: { ...state.targetProblem, message: move(state.targetProblem.message) } } : {}),
    relativeLines: undefined,
  };
}

function shiftRecord(r: LossRecord, offset: number): LossRecord {
  if (r.row < 0) return r;
  const prefix = `row ${r.row + 1}`;
  const message = r.message.startsWith(prefix) ? `row ${r.row + offset + 1}${r.message.slice(prefix.length)}` : r.message;
  return { ...r, row: r.row + offset, message };
}

/** Single-label counts whose outside-value slots (after the k classes) are renumbered: slot i → slotOf[i]. */
function remapSlots(state: ConfusionState, k: number, slotOf: readonly number[]): ConfusionState {
  if (slotOf.every((to, from) => to === from)) return state;
  const K = state.k;
  const counts = new Float64Array(K * K);
  const to = (i: number) => (i < k ? i : k + (slotOf[i - k] ?? i - k));
  for (let t = 0; t < K; t++) for (let p = 0; p < K; p++) counts[to(t) * K + to(p)] += state.counts[t * K + p];
  return { ...state, counts };
}

/** Which array a record is about: predictions for probability findings, targets for label findings. */
function roleOf(r: LossRecord): 'y_true' | 'y_pred' {
  if (r.code === 'probability-out-of-range' || r.code === 'rows-not-normalized' || r.code === 'zero-probability') return 'y_pred';
  if (r.code === 'non-finite-value' && /y_pred/.test(r.message)) return 'y_pred';
  return 'y_true';
}

function placeKey(r: LossRecord): string {
  return `${r.row}:${roleOf(r)}`;
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' ? v : fallback;
}

export function messageOf(err: unknown): string {
  if (err instanceof MetricError) return err.message;
  return `internal error: ${(err as Error)?.message ?? String(err)}`;
}

/** brier_score_loss's options: labels= when the classes are declared; pos_label only when written. */
function brierOptions(plan: EvalPlan, spec: DeclaredSpec, predCols: number): BrierOptions {
  const s = spec.params.scale_by_half;
  let posLabel: number | undefined;
  if (spec.written.has('pos_label')) {
    const pos = resolvePosLabel(spec.params.pos_label, plan.classNames);
    if (typeof pos === 'string') throw new MetricError('invalid-argument', pos);
    posLabel = pos.index;
  }
  // Multilabel: the columns are the classes (scikit-learn's LabelBinarizer keeps indicator rows as they are);
  // labels= names class values, which indicator rows do not hold, so it is not passed (docs/metrics.md).
  if (plan.task === 'multilabel') return { cols: predCols, indicator: true, scaleByHalf: typeof s === 'boolean' ? s : 'auto' };
  return {
    cols: predCols,
    ...(plan.labelsGiven ? { nClasses: plan.k } : {}),
    ...(posLabel !== undefined ? { posLabel } : {}),
    scaleByHalf: typeof s === 'boolean' ? s : 'auto',
  };
}

/** Binary scores are one column (P(class 1)); a two-column binary y_pred is scored on its second column. */
function rankingCols(plan: EvalPlan, predCols: number): number {
  return plan.task === 'binary' ? 1 : predCols;
}

function rankingScores(probs: Float64Array, n: number, cols: number, storeCols: number): Float64Array {
  if (storeCols === cols) return probs;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = probs[i * cols + 1];
  return out;
}

function argmax(a: ArrayLike<number>, offset: number, cols: number): number {
  let best = 0;
  for (let c = 1; c < cols; c++) if (a[offset + c] > a[offset + best]) best = c;
  return best;
}

function argmaxRows(m: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = argmax(m, i * k, k);
  return out;
}

function oneHot(idx: Float64Array, k: number): Float64Array {
  const out = new Float64Array(idx.length * k);
  for (let i = 0; i < idx.length; i++) {
    const c = idx[i];
    if (Number.isInteger(c) && c >= 0 && c < k) out[i * k + c] = 1;
  }
  return out;
}

function twoColumns(p: Float64Array): Float64Array {
  const out = new Float64Array(p.length * 2);
  for (let i = 0; i < p.length; i++) {
    out[2 * i] = 1 - p[i];
    out[2 * i + 1] = p[i];
  }
  return out;
}

/** y_true labels must be numbers (NaN or ±∞ is refused by scikit-learn's input check). */
function checkFinite(chunk: ScoreChunk): TargetProblem | undefined {
  const idx = chunk.indices!;
  for (let i = 0; i < chunk.n; i++) {
    if (!Number.isFinite(idx[i])) return { code: 'label-out-of-range', message: `${chunk.where(i, 'y_true')}: y_true holds ${idx[i]}; scikit-learn refuses NaN and infinity (Input y_true contains NaN.)` };
  }
  return undefined;
}

/**
 * Every one-hot row holds only 0 and 1 and exactly one 1. When the declared loss takes class probabilities
 * (cross_entropy), rows of values in [0, 1] that sum to 1 are its targets: scikit-learn's numbers, which need
 * one label per row, are then not computed, with a warning rather than an error (nothing is converted).
 */
function checkOneHot(chunk: ScoreChunk, k: number, softTargets = false): TargetProblem | undefined {
  const m = chunk.matrix!;
  if (softTargets) {
    const soft = firstSoftRow(m, chunk.n, k);
    if (soft !== undefined) {
      return {
        code: 'soft-targets',
        severity: 'warning',
        message: `${chunk.where(soft)}: y_true holds class probabilities (row [${rowText(m, soft, k)}]), the loss's soft targets; scikit-learn's metrics need one label per row and are not computed`,
      };
    }
  }
  for (let i = 0; i < chunk.n; i++) {
    let ones = 0;
    for (let c = 0; c < k; c++) {
      const v = m[i * k + c];
      if (v === 1) ones++;
      else if (v !== 0) {
        return { code: 'invalid-onehot-row', message: `${chunk.where(i)}: a one-hot row holds ${v}; only 0 and 1 are allowed (row [${rowText(m, i, k)}])` };
      }
    }
    if (ones !== 1) return { code: 'invalid-onehot-row', message: `${chunk.where(i)}: a one-hot row has ${ones} ones, not exactly one (row [${rowText(m, i, k)}])` };
  }
  return undefined;
}

/** The first row of values in [0, 1] summing to 1 (within float32 rounding) that is not one-hot, if every row is such. */
function firstSoftRow(m: Float64Array, n: number, k: number): number | undefined {
  let first: number | undefined;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let oneHot = true;
    for (let c = 0; c < k; c++) {
      const v = m[i * k + c];
      if (!(v >= 0 && v <= 1)) return undefined;
      if (v !== 0 && v !== 1) oneHot = false;
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-6) return undefined;
    if (!oneHot && first === undefined) first = i;
  }
  return first;
}

function checkIndicator(chunk: ScoreChunk, k: number): TargetProblem | undefined {
  const m = chunk.matrix;
  if (!m) return { code: 'invalid-indicator', message: 'a multilabel task needs indicator rows (one 0/1 column per label) in y_true' };
  for (let i = 0; i < chunk.n * k; i++) {
    if (m[i] !== 0 && m[i] !== 1) {
      const row = Math.floor(i / k);
      return { code: 'invalid-indicator', message: `${chunk.where(row)}: an indicator row holds ${m[i]}; only 0 and 1 are allowed (row [${rowText(m, row, k)}])` };
    }
  }
  return undefined;
}

function rowText(m: Float64Array, row: number, k: number): string {
  return Array.from(m.subarray(row * k, row * k + k)).join(', ');
}

/**
 * What the metrics read: y_pred as is when it holds probabilities; sigmoid (one column, multilabel) or softmax
 * (rows) of logits; exp of log-probabilities (nll_loss).
 */
function toProbabilities(predictions: Predictions, z: Float64Array, n: number, cols: number, perColumn: boolean): Float64Array {
  if (predictions === 'probabilities') return z;
  const out = new Float64Array(z.length);
  if (predictions === 'log-probabilities') {
    for (let i = 0; i < z.length; i++) out[i] = Math.exp(z[i]);
    return out;
  }
  if (cols === 1 || perColumn) {
    for (let i = 0; i < z.length; i++) out[i] = 1 / (1 + Math.exp(-z[i]));
    return out;
  }
  for (let r = 0; r < n; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, z[o + c]);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += out[o + c] = Math.exp(z[o + c] - max);
    for (let c = 0; c < cols; c++) out[o + c] /= sum;
  }
  return out;
}
