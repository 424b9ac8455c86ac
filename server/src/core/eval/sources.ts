// Where an experiment's rows come from: inline arrays, or csv()/npy()/parquet() files beside the .xent file.
// Each source delivers ScoreChunks; file sources stream, so memory stays bounded whatever the file size.

import { isAbsolute, resolve } from 'node:path';
import { readCsvHeader } from '../data/csv';
import { scanCsvParallel, type RangeWorkers } from '../data/csv-parallel';
import { resolveCsvSchema, type CsvSchema } from '../data/csv-schema';
import { openCsvStream } from '../data/csv-stream';
import { readNpyHeader, scanNpyData } from '../data/npy';
import { readParquetHeader, scanParquet } from '../data/parquet';
import { listParquetFiles } from '../data/parquet-files';
import { fitLogisticRegression, predictProba } from '../metrics/logistic';
import type { DataChunk } from '../data/types';
import type { DataSpec, ExperimentModel } from '../model/types';
import type { Value } from '../syntax/ast';
import { DataProblem, type AbsorbAt, type ScoreChunk, type ScorerState } from './scorer';
import type { EvalPlan, TargetLayout } from './plan';
import { csvScoreWorkerScript, errorOf, planDigest, type PlanRecipe } from './range-scoring';

export interface SourceOptions {
  readonly baseDir: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  readonly workers?: number;
  /** Data files must really be inside this folder (the server: the workspace folder; the CLI: --root). A
   *  path or symlink leading out is refused, and the check is made on the opened file (safe-open.ts). */
  readonly root?: string;
  /** How refusals name the root: "the workspace" (default) or "--root". */
  readonly rootName?: string;
  /** Another file of the same columns in place of the csv() / parquet() path (`xent eval --data`): absolute,
   *  with its name for messages as the user gave it; or CSV bytes from a stream (`--data -`: stdin). */
  readonly data?: DataOverride;
}

export type DataOverride =
  | { readonly path: string; readonly display: string }
  | { readonly stream: AsyncIterable<Uint8Array>; readonly display: string };

/** Names a row for messages. Without a role, a row of a source with one file ("runs/val.csv:13") or with
 *  y_true and y_pred in two files ("row 3 of runs/y.npy (y_true) and runs/p.npy (y_pred)"); with a role,
 *  the file that holds it ("runs/p.npy row 3"). ScoreChunk.where accepts it (the role is optional). */
export type RowPlace = (row: number, role?: 'y_true' | 'y_pred') => string;

/** What the data holds, as seen in it (never converted): labels (one CSV column, a 1-D .npy) or a matrix
 *  (several CSV columns, a 2-D .npy: one-hot or indicator rows), with the columns and where it was seen. */
export interface SeenTargets {
  readonly kind: 'labels' | 'matrix';
  /** y_true columns (1 for labels). */
  readonly columns: number;
  /** For messages: "runs/y.npy has shape (1000, 3)", "runs/val.csv: y_true is the column label". */
  readonly description: string;
}

export interface Source {
  /** How y_true is laid out as seen in the data, known before any row is scored (inline: from the
   *  values; files: from the CSV header or the .npy header): 'indices' for labels; for a matrix,
   *  'indicator' when the experiment is multilabel or declares `labels: indicator`, else 'onehot'. */
  readonly layout: TargetLayout;
  /** The same, with the column count and a description for messages (files and inline). */
  readonly seen: SeenTargets;
  readonly predCols: number;
  /** Reads every row, calling `consume` per chunk in row order. */
  read(consume: (chunk: ScoreChunk) => void): Promise<void>;
  /** For fitted models: what the fit found (scikit-learn's coef_, intercept_, n_iter_). */
  readonly fit?: { coef: number[][]; intercept: number[]; n_iter: number; warning?: string };
  /**
   * Reads every row with the rows of each byte range scored on the worker thread that parsed it (csv() with
   * the bundled scoring worker: range-scoring.ts): `into.state` gets each range's scorer state in row order,
   * with the line of its first row; rows read on this thread (small files, a quote fallback, no worker) go to
   * `into.chunk`, in row order after them. Absent where the source has no such workers.
   */
  readonly scoreRanges?: (plan: EvalPlan, recipe: PlanRecipe, into: RangeScores) => Promise<void>;
}

/** Where Source.scoreRanges delivers: scorer states of ranges scored elsewhere, and rows to score here. */
export interface RangeScores {
  state(state: ScorerState, at: AbsorbAt): void;
  chunk(chunk: ScoreChunk): void;
}

/**
 * Opens the experiment's data; a string explains why there is nothing to score. File headers are read
 * here, so `layout` / `seen` are what the data holds before any row is scored. `_declared` (the layout
 * `labels:` declares) converts nothing: data is never re-encoded to fit a declaration (docs/metrics.md);
 * the caller compares the declaration with `seen` and reports a mismatch.
 */
export async function openSource(m: ExperimentModel, _declared: TargetLayout, opts: SourceOptions): Promise<Source | string> {
  const data = m.data;
  if (!data) return 'there is no data block to score';
  if (opts.data && data.kind !== 'csv' && data.kind !== 'parquet') {
    return `--data replaces the file of csv() or parquet(); ${m.name}'s data is ${data.kind === 'inline' ? 'inline' : 'npy() (two files)'}`;
  }
  if (opts.data && 'stream' in opts.data && data.kind !== 'csv') return `--data - reads CSV from stdin; ${m.name}'s data is parquet() (Parquet needs a file)`;
  if (data.kind === 'inline') return inlineSource(m, data);
  if (data.kind === 'csv') return csvSource(m, data, opts);
  if (data.kind === 'parquet') return parquetSource(m, data, opts);
  return npySource(m, data, opts);
}

/** A data source read from files: csv(...), npy(...) or parquet(...). */
type FileData = Exclude<DataSpec, { kind: 'inline' }>;

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
    } else indices = numbersAsClasses(yTrue.values, m);
  } else matrix = yTrue.values;
  const layout: TargetLayout = yTrue.dims === 1 ? 'indices' : m.task?.value === 'multilabel' || m.labels?.value === 'indicator' ? 'indicator' : 'onehot';
  // A y_pred finding (a probability above 1) names the y_pred row and its line; anything else the y_true row.
  const where =
    (node: readonly Value[]): RowPlace =>
    (row, role) => {
      const rows = role === 'y_pred' && data.yPred ? data.yPred.rowNodes : node;
      return `${role === 'y_pred' && data.yPred ? 'y_pred' : 'y_true'} row ${row + 1} (line ${(rows[row]?.range.start.line ?? 0) + 1})`;
    };
  if (yPred && yPred.rows !== n) throw new DataProblem('length-mismatch', `y_true has ${n} rows but y_pred has ${yPred.rows}`);
  let fit: Source['fit'];
  if (!yPred && data.features) {
    const fitted = fitModel(m, data.features.values, data.features.cols, data.features.rows, indices, n);
    if (typeof fitted === 'string') return fitted;
    yPred = fitted.yPred;
    fit = fitted.fit;
  }
  const seen: SeenTargets =
    yTrue.dims === 1
      ? { kind: 'labels', columns: 1, description: 'the inline y_true is a list of labels' }
      : { kind: 'matrix', columns: yTrue.cols, description: `the inline y_true is a list of rows of ${yTrue.cols} values` };
  return {
    layout,
    seen,
    predCols: yPred ? yPred.cols : 1,
    fit,
    async read(consume) {
      if (!yPred) return;
      consume({ rowStart: 0, n, indices, matrix, yPred: yPred.values, cols: yPred.cols, where: where(yTrue.rowNodes) });
    },
  };
}

/**
 * Inline numbers in y_true, read as CSV cells are (issue 8 case 10): a value that is a declared class name
 * (classes: [1, 2] and y_true 2) is that class; any other number is a class index (Keras's reading).
 */
function numbersAsClasses(values: Float64Array, m: ExperimentModel): Float64Array {
  const classes = m.classes?.origin === 'declared' && m.classes.value.named ? m.classes.value.names : undefined;
  if (!classes) return values;
  const byValue = new Map<number, number>();
  classes.forEach((name, i) => {
    const v = name.trim() === '' ? NaN : Number(name);
    if (Number.isFinite(v) && !byValue.has(v)) byValue.set(v, i);
  });
  if (byValue.size === 0) return values;
  return values.map((v) => byValue.get(v) ?? v);
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

/** The layout a matrix y_true stands for: indicator rows for multilabel experiments, else one-hot. */
function matrixLayout(m: ExperimentModel): TargetLayout {
  return m.task?.value === 'multilabel' || m.labels?.value === 'indicator' ? 'indicator' : 'onehot';
}

/** A data error found before any row is scored (a header that cannot be read): the experiment's error. */
function unreadable(error: { code: string; message: string }): never {
  throw new DataProblem(error.code, error.message);
}

/**
 * npy(y_true: "a.npy", y_pred: "b.npy"): the headers are read first (the layout of y_true is its shape: 1-D
 * labels, 2-D a matrix, whatever `labels:` says), then the arrays are streamed in lockstep, chunk by chunk.
 */
async function npySource(m: ExperimentModel, data: FileData, opts: SourceOptions): Promise<Source | string> {
  const args = data.call.args;
  const yTrueRel = stringArg(args.get('y_true')?.value);
  const yPredRel = stringArg(args.get('y_pred')?.value);
  if (typeof yTrueRel !== 'string') return 'npy() needs y_true: "labels.npy"';
  if (typeof yPredRel !== 'string') return 'npy() needs y_pred: "predictions.npy"';
  const abs = (rel: string) => (isAbsolute(rel) ? rel : resolve(opts.baseDir, rel));
  const confine = { root: opts.root, rootName: opts.rootName };
  const trueHead = await readNpyHeader(abs(yTrueRel), { displayPath: yTrueRel, ...confine });
  if (!trueHead.ok) unreadable(trueHead.error);
  const predHead = await readNpyHeader(abs(yPredRel), { displayPath: yPredRel, ...confine });
  if (!predHead.ok) unreadable(predHead.error);
  const shape = trueHead.value.shape;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const matrix = shape.length === 2;
  const seen: SeenTargets = {
    kind: matrix ? 'matrix' : 'labels',
    columns: matrix ? shape[1] : 1,
    description: `${yTrueRel} has shape ${shapeText}`,
  };
  let predCols = predHead.value.cols;
  const where = (rowStart: number): RowPlace => (row, role) => {
    const r = rowStart + row + 1;
    if (role === 'y_true') return `${yTrueRel} row ${r}`;
    if (role === 'y_pred' || yTrueRel === yPredRel) return `${yPredRel} row ${r}`;
    return `row ${r} of ${yTrueRel} (y_true) and ${yPredRel} (y_pred)`;
  };
  return {
    layout: matrix ? matrixLayout(m) : 'indices',
    seen,
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
          ...confine,
          onChunk: (c: DataChunk) => {
            const trueCols = c.n > 0 ? c.yTrue.length / c.n : seen.columns;
            // The files were re-opened for the scan: a y_true that is not what its header said is a change.
            if (c.n > 0 && trueCols !== seen.columns) {
              throw new DataProblem('data-changed', `${yTrueRel}: changed while reading (its shape is no longer ${shapeText})`);
            }
            predCols = c.n > 0 ? c.yPred.length / c.n : predCols;
            consume({
              rowStart: c.rowStart,
              n: c.n,
              indices: matrix ? undefined : c.yTrue,
              matrix: matrix ? c.yTrue : undefined,
              yPred: c.yPred,
              cols: predCols,
              where: where(c.rowStart),
              predDtype: c.predDtype,
            });
          },
        },
      );
      if (!result.ok) throw new DataProblem(result.error.code, result.error.message);
    },
  };
}

function stringArg(v: Value | undefined): string | readonly string[] | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'list') return v.items.flatMap((i) => (i.kind === 'string' ? [i.value] : []));
  return undefined;
}

/** The arguments csv() and parquet() share: the path, the y_true and y_pred columns, the declared class
 *  names; a string says what is missing. (Also read by xent sql: scale/sql-spec.ts.) */
export function tableArgs(
  m: ExperimentModel,
  data: FileData,
  reader: 'csv' | 'parquet',
  pathIs: string,
  override?: DataOverride,
): { rel: string; schema: { yTrue: string | readonly string[]; yPred: string | readonly string[]; classes: readonly string[] | undefined } } | string {
  const args = data.call.args;
  const rel = override ? override.display : stringArg(args.get('path')?.value);
  if (typeof rel !== 'string') return `${reader}() needs ${pathIs} as its first argument`;
  const yTrue = stringArg(args.get('y_true')?.value);
  const yPred = stringArg(args.get('y_pred')?.value);
  if (yTrue === undefined) return `${reader}() needs y_true: "column"`;
  if (yPred === undefined) return `${reader}() needs y_pred: ["column", ...] or "prefix*"`;
  const classes = m.classes?.value.named ? m.classes.value.names : undefined;
  return { rel, schema: { yTrue, yPred, classes } };
}

/** What y_true holds, from its resolved columns: one column of labels, or several (one-hot / indicator rows). */
function columnsSeen(rel: string, trueColumns: readonly string[]): SeenTargets {
  const multiColumn = trueColumns.length > 1;
  return {
    kind: multiColumn ? 'matrix' : 'labels',
    columns: trueColumns.length,
    description: multiColumn
      ? `${rel}: y_true is ${trueColumns.length} columns (${trueColumns.slice(0, 6).join(', ')}${trueColumns.length > 6 ? ', …' : ''})`
      : `${rel}: y_true is the single column ${trueColumns[0]}`,
  };
}

/**
 * csv("path", y_true: ..., y_pred: ...): the header is read first and the columns resolved (names, lists,
 * patterns such as "t_*" alike), so the layout is known before scoring: one y_true column holds labels,
 * several hold one-hot or indicator rows. Nothing is encoded: a label column stays labels whatever
 * `labels:` declares (the plan then reports the mismatch, as Keras would refuse the arrays).
 */
async function csvSource(m: ExperimentModel, data: FileData, opts: SourceOptions): Promise<Source | string> {
  const table = tableArgs(m, data, 'csv', 'the file path', opts.data);
  if (typeof table === 'string') return table;
  const { rel, schema } = table;
  if (opts.data && 'stream' in opts.data) return csvStreamSource(m, rel, schema, opts.data.stream, opts);
  const path = opts.data && 'path' in opts.data ? opts.data.path : isAbsolute(rel) ? rel : resolve(opts.baseDir, rel);
  const confine = { root: opts.root, rootName: opts.rootName };
  const head = await readCsvHeader(path, { displayPath: rel, ...confine });
  if (!head.ok) unreadable(head.error);
  const resolved = resolveCsvSchema(head.value.header, schema, rel, head.value.headerLine);
  if (!resolved.ok) unreadable(resolved.error);
  const columns = resolved.value.columns;
  const rows = csvRows(m, rel, path, columns);
  const scan = async (onChunk: (c: DataChunk) => void, rangeWorkers?: RangeWorkers) => {
    const result = await scanCsvParallel(path, schema, {
      displayPath: rel,
      signal: opts.signal,
      onProgress: opts.onProgress,
      workers: opts.workers,
      ...confine,
      // The scorer reads each chunk before onChunk returns, so the reader may recycle the arrays: memory
      // then stays flat however many rows the file has.
      reuseChunks: true,
      onChunk,
      ...(rangeWorkers ? { rangeWorkers } : {}),
    });
    if (!result.ok) throw new DataProblem(result.error.code, result.error.message);
  };
  const script = csvScoreWorkerScript();
  return {
    ...rows.described,
    read: (consume) => scan(rows.chunks(consume)),
    ...(script
      ? {
          scoreRanges: (plan: EvalPlan, recipe: PlanRecipe, into: RangeScores) =>
            scan(rows.chunks(into.chunk), {
              script,
              job: { ...recipe, planDigest: planDigest(plan), rel, path, columns: { yTrue: [...columns.yTrue], yPred: [...columns.yPred] } },
              // A range without rows has no state.
              onRange: (state, at) => {
                if (state !== null) into.state(state as ScorerState, { lines: at.line });
              },
              failed: errorOf,
            }),
        }
      : {}),
  };
}

/** csv() with its bytes from a stream (`xent eval --data -`): the header first, then every row once. */
async function csvStreamSource(m: ExperimentModel, rel: string, schema: CsvSchema, stream: AsyncIterable<Uint8Array>, opts: SourceOptions): Promise<Source | string> {
  const opened = await openCsvStream(stream, { displayPath: rel, signal: opts.signal });
  if (!opened.ok) unreadable(opened.error);
  const head = opened.value.header;
  const resolved = resolveCsvSchema(head.header, schema, rel, head.headerLine);
  if (!resolved.ok) unreadable(resolved.error);
  const rows = csvRows(m, rel, undefined, resolved.value.columns);
  return {
    ...rows.described,
    async read(consume) {
      const result = await opened.value.scan(schema, { signal: opts.signal, onProgress: opts.onProgress, reuseChunks: true, onChunk: rows.chunks(consume) });
      if (!result.ok) throw new DataProblem(result.error.code, result.error.message);
    },
  };
}

/** What a CSV's resolved columns show, and its chunks as the scorer takes them (rows named by line). Also
 *  the scoring worker's (csv-score-worker.ts): its ranges' rows are named as the main thread's. */
export function csvRows(m: ExperimentModel, rel: string, path: string | undefined, columns: { yTrue: readonly string[]; yPred: readonly string[] }) {
  const seen = columnsSeen(rel, columns.yTrue);
  const multiColumn = seen.kind === 'matrix';
  let predCols = columns.yPred.length;
  const described = {
    layout: multiColumn ? matrixLayout(m) : ('indices' as TargetLayout),
    seen,
    get predCols() {
      return predCols;
    },
  };
  const chunks = (consume: (chunk: ScoreChunk) => void) => (c: DataChunk) => {
    const trueCols = c.n > 0 ? c.yTrue.length / c.n : seen.columns;
    // The file was re-opened for the scan: other y_true columns than the header showed is a change.
    if (trueCols !== seen.columns) {
      throw new DataProblem('data-changed', `${rel}: changed while reading (its header is no longer the one first read)`);
    }
    const cols = c.n > 0 ? c.yPred.length / c.n : predCols;
    predCols = cols;
    const lines = c.lines;
    const place: RowPlace = (row) => (lines ? `${rel}:${lines[row]}` : `${rel} row ${c.rowStart + row + 1}`);
    consume({
      rowStart: c.rowStart,
      n: c.n,
      indices: multiColumn ? undefined : c.yTrue,
      matrix: multiColumn ? c.yTrue : undefined,
      yPred: c.yPred,
      cols,
      where: place,
      locate: lines && path ? (row) => ({ file: path, line: lines[row] }) : undefined,
      predDtype: c.predDtype ?? 'float64',
    });
  };
  return { described, chunks };
}

/**
 * parquet("path", y_true: ..., y_pred: ...): the path is a file, a directory of *.parquet files or a glob,
 * read as one dataset in name order. The footers are read first and the columns resolved as csv() resolves
 * a header (names, lists, "p_*" patterns), so the layout is known before scoring; rows then stream one row
 * group at a time.
 */
async function parquetSource(m: ExperimentModel, data: FileData, opts: SourceOptions): Promise<Source | string> {
  const table = tableArgs(m, data, 'parquet', 'the file, directory or glob', opts.data);
  if (typeof table === 'string') return table;
  const { rel, schema: spec } = table;
  const confine = { root: opts.root, rootName: opts.rootName };
  const files = await listParquetFiles(opts.data && 'path' in opts.data ? opts.data.path : rel, opts.baseDir, confine);
  if (!files.ok) unreadable(files.error);
  const head = await readParquetHeader(files.value, spec, { ...confine, signal: opts.signal });
  if (!head.ok) unreadable(head.error);
  const seen = columnsSeen(rel, head.value.yTrue);
  const multiColumn = seen.kind === 'matrix';
  const predCols = head.value.yPred.length;
  return {
    layout: multiColumn ? matrixLayout(m) : 'indices',
    seen,
    predCols,
    async read(consume) {
      let fileStart = 0;
      let current = '';
      const result = await scanParquet(files.value, spec, {
        ...confine,
        signal: opts.signal,
        onProgress: opts.onProgress,
        reuseChunks: true,
        onChunk: (c: DataChunk, file) => {
          // Rows are named by their file and their row in it (1-based), as a .npy row is.
          if (file.display !== current) {
            current = file.display;
            fileStart = c.rowStart;
          }
          const base = c.rowStart - fileStart;
          const name = file.display;
          consume({
            rowStart: c.rowStart,
            n: c.n,
            indices: multiColumn ? undefined : c.yTrue,
            matrix: multiColumn ? c.yTrue : undefined,
            yPred: c.yPred,
            cols: predCols,
            where: (row) => `${name} row ${base + row + 1}`,
            predDtype: c.predDtype ?? 'float64',
          });
        },
      });
      if (!result.ok) throw new DataProblem(result.error.code, result.error.message);
    },
  };
}
