// Feeds chunks of rows into the metric accumulators (confusion counts, log loss, the declared Keras loss) and
// turns the totals into results. One Scorer per experiment; chunks may come from inline data, CSV or .npy.

import {
  classificationReport,
  ConfusionAccumulator,
  confusionMatrix,
  MetricError,
  MultilabelAccumulator,
  multilabelConfusionMatrix,
  precisionRecallFscoreSupport,
  type Counts,
  type MetricWarning,
} from '../metrics/classification';
import { createEntropy, finalizeEntropy, updateEntropy, type EntropyState } from '../metrics/losses/entropy';
import { createKerasLoss, finalizeKerasLoss, updateKerasLoss, type KerasAccumulator } from '../metrics/losses/keras';
import { createLogLoss, finalizeLogLoss, updateLogLoss, type LogLossState } from '../metrics/losses/log-loss';
import type { LossRecord } from '../metrics/losses/types';
import type { EvalPlan } from './plan';
import type { AveragedScores, EvalMetrics } from './types';

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
  /** Names a row for messages ("row 12", "runs/val.csv:13"). */
  readonly where: (row: number) => string;
  /** The dtype y_pred had in its file (.npy: its dtype's float kind; CSV: float64), for dtype-dependent
   *  rules such as log_loss's eps (scikit-learn keeps float16 and float32, converts integers to float64). */
  readonly predDtype?: 'float16' | 'float32' | 'float64';
}

export class DataProblem extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class Scorer {
  private readonly counts: Counts;
  private readonly logLoss: LogLossState | undefined;
  private keras: KerasAccumulator | undefined;
  /** H(p), H(p, q), KL(p‖q) where y_true rows are distributions (one-hot) and y_pred has a column per class. */
  private entropy: EntropyState | undefined;
  private samples = 0;
  private predCols: number | undefined;

  constructor(private readonly plan: EvalPlan, predCols: number) {
    this.counts = plan.task === 'multilabel' ? new MultilabelAccumulator(plan.k) : new ConfusionAccumulator(plan.k);
    this.predCols = predCols;
    const single = predCols === 1;
    if (single && plan.task !== 'binary') throw new DataProblem('prediction-columns-mismatch', `y_pred has one column but the task is ${plan.task} with ${plan.k} classes`);
    if (!single && predCols !== plan.k) {
      throw new DataProblem('prediction-columns-mismatch', `y_pred has ${predCols} columns but there are ${plan.k} classes (${plan.classNames.join(', ')})`);
    }
    if (plan.task !== 'multilabel' && !single) this.entropy = createEntropy({ nClasses: plan.k });
    this.logLoss = createLogLoss({ nClasses: plan.k, yTrue: plan.task === 'multilabel' ? 'indicator' : 'indices', yPred: single ? 'positive-column' : 'matrix' });
    if (plan.keras && 'spec' in plan.keras) {
      const spec = plan.keras.spec;
      this.keras = createKerasLoss(spec.loss === 'binary_crossentropy' ? { loss: spec.loss, options: { ...spec.options, width: predCols } } : spec);
    }
  }

  add(chunk: ScoreChunk): void {
    const { n, cols } = chunk;
    if (cols !== this.predCols) throw new DataProblem('prediction-columns-mismatch', `y_pred has ${cols} columns, expected ${this.predCols}`);
    const probs = this.plan.fromLogits ? toProbabilities(chunk.yPred, n, cols, this.plan.task === 'multilabel') : chunk.yPred;
    const k = this.plan.k;
    if (this.counts instanceof MultilabelAccumulator) {
      if (!chunk.matrix) throw new DataProblem('invalid-data', 'a multilabel task needs indicator rows in y_true');
      checkIndicator(chunk.matrix, n, k, chunk.where);
      const hard = new Float64Array(n * k);
      for (let i = 0; i < n * k; i++) hard[i] = probs[i] > 0.5 ? 1 : 0;
      this.counts.addBatch(chunk.matrix, hard, n, chunk.rowStart);
      updateLogLoss(this.logLoss!, { yTrue: chunk.matrix, yPred: probs, rowStart: chunk.rowStart, n });
      if (this.keras) updateKerasLoss(this.keras, { yTrue: chunk.matrix, yPred: chunk.yPred, rowStart: chunk.rowStart, n });
    } else {
      const trueIdx = chunk.indices ?? argmaxRows(chunk.matrix!, n, k);
      checkIndices(trueIdx, k, chunk.where, this.plan.classNames);
      const predIdx = new Float64Array(n);
      if (cols === 1) for (let i = 0; i < n; i++) predIdx[i] = probs[i] > 0.5 ? 1 : 0;
      else for (let i = 0; i < n; i++) predIdx[i] = argmax(probs, i * cols, cols);
      this.counts.addBatch(trueIdx, predIdx);
      updateLogLoss(this.logLoss!, { yTrue: trueIdx, yPred: probs, rowStart: chunk.rowStart, n });
      if (this.entropy && chunk.matrix) updateEntropy(this.entropy, { yTrue: chunk.matrix, yPred: probs, rowStart: chunk.rowStart, n });
      else this.entropy = undefined; // class indices are not a distribution as written
      if (this.keras) {
        const kerasTrue = this.plan.keras && 'spec' in this.plan.keras && this.plan.keras.yTrue === 'indices' ? trueIdx : (chunk.matrix ?? trueIdx);
        updateKerasLoss(this.keras, { yTrue: kerasTrue, yPred: chunk.yPred, rowStart: chunk.rowStart, n });
      }
    }
    this.samples += n;
  }

  get sampleCount(): number {
    return this.samples;
  }

  /** The totals as results, with the warnings and errors scikit-learn and Keras would raise. */
  finish(digits: number): { metrics: EvalMetrics; loss: number | null; lossNote?: string; records: LossRecord[]; warnings: MetricWarning[] } {
    const plan = this.plan;
    const metrics: EvalMetrics = {};
    const warnings: MetricWarning[] = [];
    const records: LossRecord[] = [];
    if (this.samples === 0) throw new DataProblem('empty-data', 'there are no rows to score');

    const ll = finalizeLogLoss(this.logLoss!);
    records.push(...ll.records);
    metrics.log_loss = plan.fromLogits || !ll.records.some((r) => r.severity === 'error') ? ll.value : null;

    if (this.entropy) {
      const e = finalizeEntropy(this.entropy);
      metrics.entropy =
        e.entropy === null || e.crossEntropy === null || e.klDivergence === null
          ? null
          : { entropy: e.entropy, cross_entropy: e.crossEntropy, kl_divergence: e.klDivergence };
    }

    const labels = plan.labelsGiven || plan.task === 'multilabel' ? Array.from({ length: plan.k }, (_, i) => i) : undefined;
    const counts = this.counts;
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

    let loss: number | null = null;
    let lossNote: string | undefined;
    if (this.keras) {
      const r = finalizeKerasLoss(this.keras);
      records.push(...r.records.filter((x) => !records.some((y) => y.code === x.code)));
      loss = r.value;
    } else if (plan.lossName === 'log_loss') loss = metrics.log_loss ?? null;
    else if (plan.keras && 'unsupported' in plan.keras) lossNote = plan.keras.unsupported;
    return { metrics, loss, lossNote, records, warnings };
  }
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

function checkIndices(idx: Float64Array, k: number, where: (row: number) => string, names: readonly string[]): void {
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i];
    if (!Number.isInteger(v) || v < 0 || v >= k) {
      throw new DataProblem(
        'label-out-of-range',
        `${where(i)}: Received a label value of ${v} which is outside the valid range of [0, ${k}) (classes ${names.join(', ')})`,
      );
    }
  }
}

function checkIndicator(m: Float64Array, n: number, k: number, where: (row: number) => string): void {
  for (let i = 0; i < n * k; i++) {
    if (m[i] !== 0 && m[i] !== 1) throw new DataProblem('label-out-of-range', `${where(Math.floor(i / k))}: an indicator row holds ${m[i]}; only 0 and 1 are allowed`);
  }
}

/** With from_logits the metrics read sigmoid (one column, multilabel) or softmax (rows) of the logits. */
function toProbabilities(z: Float64Array, n: number, cols: number, perColumn: boolean): Float64Array {
  const out = new Float64Array(z.length);
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
