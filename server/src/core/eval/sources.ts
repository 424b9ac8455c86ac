// Where an experiment's rows come from: inline arrays, or csv()/npy() files beside the .xent file.
// Each source delivers ScoreChunks; file sources stream, so memory stays bounded whatever the file size.

import { isAbsolute, resolve } from 'node:path';
import { scanCsvParallel } from '../data/csv-parallel';
import { scanNpyData } from '../data/npy';
import { fitLogisticRegression, predictProba } from '../metrics/logistic';
import type { DataChunk } from '../data/types';
import type { DataSpec, ExperimentModel } from '../model/types';
import type { Value } from '../syntax/ast';
import { DataProblem, type ScoreChunk } from './scorer';
import type { TargetLayout } from './plan';

export interface SourceOptions {
  readonly baseDir: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  readonly workers?: number;
}

export interface Source {
  /** How y_true is laid out, known before reading (inline) or after the header (files). */
  readonly layout: TargetLayout;
  readonly predCols: number;
  /** Reads every row, calling `consume` per chunk in row order. */
  read(consume: (chunk: ScoreChunk) => void): Promise<void>;
  /** For fitted models: what the fit found (scikit-learn's coef_, intercept_, n_iter_). */
  readonly fit?: { coef: number[][]; intercept: number[]; n_iter: number; warning?: string };
}

/** Opens the experiment's data; a string explains why there is nothing to score. */
export async function openSource(m: ExperimentModel, layoutHint: TargetLayout, opts: SourceOptions): Promise<Source | string> {
  const data = m.data;
  if (!data) return 'there is no data block to score';
  if (data.kind === 'inline') return inlineSource(m, data);
  if (data.kind === 'csv') return csvSource(m, data, layoutHint, opts);
  return npySource(m, data, layoutHint, opts);
}

function inlineSource(m: ExperimentModel, data: Extract<DataSpec, { kind: 'inline' }>): Source | string {
  const yTrue = data.yTrue;
  if (!yTrue) return 'the data block has no y_true';
  let yPred: { values: Float64Array; cols: number; rows: number } | undefined = data.yPred;
  if (!yPred && !data.features) return 'the data block has y_true but no y_pred to score';
  const n = yTrue.rows;
  let indices: Float64Array | undefined;
  let matrix: Float64Array | undefined;
  if (yTrue.dims === 1) {
    if (yTrue.names) {
      const names = m.classes?.value.names ?? [];
      indices = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const at = names.indexOf(yTrue.names[i]);
        if (at < 0) return `y_true row ${i + 1}: '${yTrue.names[i]}' is not one of the classes ${names.join(', ')}`;
        indices[i] = at;
      }
    } else indices = yTrue.values;
  } else matrix = yTrue.values;
  const layout: TargetLayout = yTrue.dims === 1 ? 'indices' : m.task?.value === 'multilabel' || m.labels?.value === 'indicator' ? 'indicator' : 'onehot';
  const where = (node: readonly Value[]) => (row: number) => `y_true row ${row + 1} (line ${(node[row]?.range.start.line ?? 0) + 1})`;
  if (yPred && yPred.rows !== n) throw new DataProblem('length-mismatch', `y_true has ${n} rows but y_pred has ${yPred.rows}`);
  let fit: Source['fit'];
  if (!yPred && data.features) {
    const fitted = fitModel(m, data.features.values, data.features.cols, data.features.rows, indices, n);
    if (typeof fitted === 'string') return fitted;
    yPred = fitted.yPred;
    fit = fitted.fit;
  }
  return {
    layout,
    predCols: yPred ? yPred.cols : 1,
    fit,
    async read(consume) {
      if (!yPred) return;
      consume({ rowStart: 0, n, indices, matrix, yPred: yPred.values, cols: yPred.cols, where: where(yTrue.rowNodes) });
    },
  };
}

/** Fits the declared estimator on the features and predicts the same rows, as the seed script does. */
function fitModel(
  m: ExperimentModel,
  X: Float64Array,
  cols: number,
  rows: number,
  y: Float64Array | undefined,
  n: number,
): { yPred: { values: Float64Array; cols: number; rows: number }; fit: NonNullable<Source['fit']> } | string {
  if (m.model?.kind !== 'estimator' || m.model.estimator.name !== 'logistic_regression') {
    return 'features are given without y_pred: declare model: logistic_regression() to fit one, or give y_pred';
  }
  if (!y) return 'fitting needs class indices in y_true';
  if (rows !== n) throw new DataProblem('length-mismatch', `y_true has ${n} rows but features has ${rows}`);
  const num = (name: string) => {
    const v = m.model?.kind === 'estimator' ? m.model.estimator.args.get(name)?.value : undefined;
    return v?.kind === 'number' ? v.value : undefined;
  };
  const bool = (name: string) => {
    const v = m.model?.kind === 'estimator' ? m.model.estimator.args.get(name)?.value : undefined;
    return v?.kind === 'boolean' ? v.value : undefined;
  };
  const { model, records } = fitLogisticRegression(X, y, cols, { C: num('C'), fitIntercept: bool('fit_intercept'), maxIter: num('max_iter'), tol: num('tol') });
  const error = records.find((r) => r.severity === 'error');
  if (!model || error) throw new DataProblem(error?.code ?? 'fit-failed', error?.message ?? 'the fit failed');
  const proba = predictProba(model, X);
  const k = model.classes.length;
  // A binary fit scores P(class 1), as scikit-learn's predict_proba(X)[:, 1] in the seed script.
  const values = k === 2 ? Float64Array.from({ length: n }, (_, i) => proba[i * 2 + 1]) : proba;
  const warning = records.find((r) => r.severity === 'warning')?.message;
  return {
    yPred: { values, cols: k === 2 ? 1 : k, rows: n },
    fit: { coef: model.coef, intercept: model.intercept, n_iter: model.nIter, ...(warning ? { warning } : {}) },
  };
}

/** npy(y_true: "a.npy", y_pred: "b.npy"): the arrays are streamed in lockstep, chunk by chunk. */
function npySource(m: ExperimentModel, data: Extract<DataSpec, { kind: 'csv' | 'npy' }>, layoutHint: TargetLayout, opts: SourceOptions): Source | string {
  const args = data.call.args;
  const yTrueRel = stringArg(args.get('y_true')?.value);
  const yPredRel = stringArg(args.get('y_pred')?.value);
  if (typeof yTrueRel !== 'string') return 'npy() needs y_true: "labels.npy"';
  if (typeof yPredRel !== 'string') return 'npy() needs y_pred: "predictions.npy"';
  const abs = (rel: string) => (isAbsolute(rel) ? rel : resolve(opts.baseDir, rel));
  const k = m.classes?.value.count ?? 0;
  let predCols = -1;
  return {
    // A 1-D y_true holds class indices; a 2-D one holds one-hot or indicator rows (known after the header).
    layout: layoutHint === 'indices' ? 'indices' : layoutHint,
    get predCols() {
      return predCols;
    },
    async read(consume) {
      const result = await scanNpyData(
        { yTrue: abs(yTrueRel), yPred: abs(yPredRel) },
        {
          displayPaths: { yTrue: yTrueRel, yPred: yPredRel },
          signal: opts.signal,
          onProgress: opts.onProgress,
          reuseChunks: true,
          onChunk: (c: DataChunk) => {
            const trueCols = c.n > 0 ? c.yTrue.length / c.n : 1;
            predCols = c.n > 0 ? c.yPred.length / c.n : predCols;
            const single = trueCols === 1;
            consume({
              rowStart: c.rowStart,
              n: c.n,
              indices: single ? c.yTrue : undefined,
              matrix: single ? (layoutHint === 'onehot' ? oneHot(c.yTrue, k) : undefined) : c.yTrue,
              yPred: c.yPred,
              cols: predCols,
              where: (row) => `${yTrueRel} row ${c.rowStart + row + 1}`,
            });
          },
        },
      );
      if (!result.ok) throw new DataProblem(result.error.code, result.error.message);
    },
  };
}

/** to_categorical: row i gets a 1 in column y[i]. Labels outside [0, k) are left to the scorer to report. */
function oneHot(y: Float64Array, k: number): Float64Array {
  const out = new Float64Array(y.length * k);
  for (let i = 0; i < y.length; i++) {
    const c = y[i];
    if (Number.isInteger(c) && c >= 0 && c < k) out[i * k + c] = 1;
  }
  return out;
}

function stringArg(v: Value | undefined): string | readonly string[] | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'list') return v.items.flatMap((i) => (i.kind === 'string' ? [i.value] : []));
  return undefined;
}

async function csvSource(m: ExperimentModel, data: Extract<DataSpec, { kind: 'csv' | 'npy' }>, layoutHint: TargetLayout, opts: SourceOptions): Promise<Source | string> {
  const args = data.call.args;
  const rel = stringArg(args.get('path')?.value);
  if (typeof rel !== 'string') return 'csv() needs the file path as its first argument';
  const path = isAbsolute(rel) ? rel : resolve(opts.baseDir, rel);
  const yTrue = stringArg(args.get('y_true')?.value);
  const yPred = stringArg(args.get('y_pred')?.value);
  if (yTrue === undefined) return 'csv() needs y_true: "column"';
  if (yPred === undefined) return 'csv() needs y_pred: ["column", ...] or "prefix*"';
  const classes = m.classes?.value.named ? m.classes.value.names : undefined;
  const multiColumn = Array.isArray(yTrue) && yTrue.length > 1;
  // A CSV cell cannot hold a one-hot row: with `labels: onehot` declared, a single label column holds the
  // class, and the model saw it one-hot encoded (keras.utils.to_categorical). Encode it the same way here.
  const encodeOneHot = !multiColumn && layoutHint === 'onehot';
  const k = m.classes?.value.count ?? 0;
  const layout: TargetLayout = multiColumn ? (layoutHint === 'indices' ? 'onehot' : layoutHint) : encodeOneHot ? 'onehot' : 'indices';
  let predCols = -1;
  return {
    layout,
    get predCols() {
      return predCols;
    },
    async read(consume) {
      const result = await scanCsvParallel(path, { yTrue, yPred, classes }, {
        displayPath: rel,
        signal: opts.signal,
        onProgress: opts.onProgress,
        workers: opts.workers,
        // The scorer reads each chunk before onChunk returns, so the reader may recycle the arrays: memory
        // then stays flat however many rows the file has.
        reuseChunks: true,
        onChunk: (c: DataChunk) => {
          const cols = c.n > 0 ? c.yPred.length / c.n : predCols;
          predCols = cols;
          const lines = c.lines;
          const chunk: ScoreChunk = {
            rowStart: c.rowStart,
            n: c.n,
            indices: multiColumn ? undefined : c.yTrue,
            matrix: multiColumn ? c.yTrue : encodeOneHot ? oneHot(c.yTrue, k) : undefined,
            yPred: c.yPred,
            cols,
            where: (row) => (lines ? `${rel}:${lines[row]}` : `${rel} row ${c.rowStart + row + 1}`),
          };
          consume(chunk);
        },
      });
      if (!result.ok) throw new DataProblem(result.error.code, result.error.message);
    },
  };
}
