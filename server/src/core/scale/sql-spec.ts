// What `xent sql` needs from an experiment, resolved before the query is written (sql.ts is pure): the y_true
// column, the y_pred columns in class order, the classes. The columns are named as csv() / parquet() name them
// (eval/sources.ts tableArgs); patterns such as "p_*" are expanded against the local data file's header (CSV)
// or footer (Parquet) with the readers' own resolution, so the query selects exactly the columns xent eval
// would read. When the file is not here (the data lives in the engine), written names are used as they are,
// and a pattern is refused: it cannot be expanded without the header.
//
// Refused, each with the reason: multilabel experiments, one-hot y_true (several columns), inline data, npy()
// data, features (a fitted model), and y_pred that the declared loss reads as logits or log-probabilities (the
// metrics read softmax / sigmoid / exp of them, which the query does not compute).

import { isAbsolute, resolve } from 'node:path';
import { readCsvHeader } from '../data/csv';
import { resolveCsvSchema } from '../data/csv-schema';
import { readParquetHeader } from '../data/parquet';
import { listParquetFiles } from '../data/parquet-files';
import { planEvaluation } from '../eval/plan';
import { tableArgs } from '../eval/sources';
import type { DataSpec, ExperimentModel } from '../model/types';
import type { SqlDialect, SqlSpec } from './sql';

export interface SqlSpecOptions {
  readonly dialect: SqlDialect;
  readonly table: string;
  /** The .xent file's folder: data paths are relative to it. */
  readonly baseDir: string;
  /** Data files are read only inside this folder (the CLI's --root). */
  readonly root?: string;
  readonly rootName?: string;
}

export type SqlSpecResult =
  | { ok: true; value: SqlSpec; warnings: string[] }
  /** Why this experiment has no query (without the experiment's name: the caller places it). */
  | { ok: false; error: string };

/** csv(...) or parquet(...) (the model's one variant for file data; npy is refused before). */
type TableData = Exclude<DataSpec, { kind: 'inline' }> & { readonly kind: 'csv' | 'parquet' };

export async function resolveSqlSpec(m: ExperimentModel, opts: SqlSpecOptions): Promise<SqlSpecResult> {
  const refuse = (error: string): SqlSpecResult => ({ ok: false, error });
  const data = m.data;
  if (!data) return refuse('it has no data: to name a table by (data: csv("file.csv", y_true: ..., y_pred: ...) or parquet(...))');
  if (data.kind === 'inline') return refuse('its data is inline; xent sql writes a query over a table whose columns csv(...) or parquet(...) name (score inline data with xent eval)');
  if (data.kind === 'npy') return refuse('its data is npy() arrays, which name no columns; describe the table with csv(...) or parquet(...) (same column names as the engine\'s table)');
  if (data.call.args.has('features')) {
    return refuse('its data has features: (a model fitted by xent); xent sql computes from the y_pred columns of the table, so give y_pred and no features');
  }
  if (m.task?.value === 'multilabel' || m.labels?.value === 'indicator') {
    return refuse('it is multilabel; xent sql computes the statistics of single-label experiments (binary or multiclass) only');
  }
  const reader = data.kind;
  const table = tableArgs(m, data, reader, data.kind === 'csv' ? 'the file path' : 'the file, directory or glob');
  if (typeof table === 'string') return refuse(table);
  const columns = await resolveColumns({ ...data, kind: reader }, table.rel, table.schema, opts);
  if ('error' in columns) return refuse(columns.error);
  const { yTrue, yPred, warnings } = columns;
  if (yTrue.length !== 1) {
    return refuse(`its y_true is ${yTrue.length} columns (${yTrue.join(', ')}), one-hot rows; xent sql reads one column of labels`);
  }
  const plan = planEvaluation(m, { indices: true, trueCols: 1, predCols: yPred.length });
  if (typeof plan === 'string') return refuse(plan);
  if (typeof plan !== 'object') return refuse('its classes cannot be known; declare task: and classes:');
  if (plan.task === 'multilabel') return refuse('it is multilabel; xent sql computes the statistics of single-label experiments (binary or multiclass) only');
  if (plan.predictions !== 'probabilities') {
    const what = plan.predictions === 'logits' ? 'logits' : 'log-probabilities';
    return refuse(`its loss ${plan.lossName ?? ''} reads y_pred as ${what}, and the metrics read the probabilities derived from them, which the query does not compute; give probabilities (drop from_logits) to use xent sql`.replace('loss  ', 'loss '));
  }
  const single = yPred.length === 1;
  if (single && plan.task !== 'binary') return refuse(`y_pred is one column (${yPred[0]}) but the task is ${plan.task} with ${plan.k} classes`);
  if (!single && yPred.length !== plan.k) {
    return refuse(`y_pred has ${yPred.length} columns (${yPred.join(', ')}) but there are ${plan.k} classes (${plan.classNames.join(', ')})`);
  }
  // The names a y_true cell is read by: exactly those the CSV and Parquet readers are given (tableArgs).
  const classNames = table.schema.classes;
  return {
    ok: true,
    value: { dialect: opts.dialect, table: opts.table, yTrue: yTrue[0], yPred, k: plan.k, ...(classNames ? { classNames } : {}) },
    warnings,
  };
}

type Columns = { yTrue: string[]; yPred: string[]; warnings: string[] } | { error: string };

/**
 * The y_true and y_pred columns: resolved against the local file's header or footer when it can be read
 * (patterns expanded, names checked); when it is not found, the names as written, unless one is a pattern.
 */
async function resolveColumns(
  data: TableData,
  rel: string,
  schema: { yTrue: string | readonly string[]; yPred: string | readonly string[]; classes: readonly string[] | undefined },
  opts: SqlSpecOptions,
): Promise<Columns> {
  const confine = { root: opts.root, rootName: opts.rootName };
  const asList = (v: string | readonly string[]) => (typeof v === 'string' ? [v] : [...v]);
  const notHere = (reason: string): Columns => {
    const pattern = [...asList(schema.yTrue), ...asList(schema.yPred)].find((c) => c.includes('*'));
    if (pattern !== undefined) {
      return {
        error:
          `the column pattern '${pattern}' can only be expanded from the data file's ${data.kind === 'csv' ? 'header' : 'footer'}, ` +
          `and ${reason}; list the columns instead (y_pred: ["p_a", "p_b", ...])`,
      };
    }
    return { yTrue: asList(schema.yTrue), yPred: asList(schema.yPred), warnings: [] };
  };
  if (data.kind === 'csv') {
    const path = isAbsolute(rel) ? rel : resolve(opts.baseDir, rel);
    const head = await readCsvHeader(path, { displayPath: rel, ...confine });
    if (!head.ok) return head.error.code === 'data-not-found' ? notHere(`${rel} is not here to read`) : { error: head.error.message };
    const resolved = resolveCsvSchema(head.value.header, schema, rel, head.value.headerLine);
    if (!resolved.ok) return { error: resolved.error.message };
    return { yTrue: resolved.value.columns.yTrue, yPred: resolved.value.columns.yPred, warnings: [] };
  }
  const files = await listParquetFiles(rel, opts.baseDir, confine);
  if (!files.ok) return files.error.code === 'data-not-found' ? notHere(`${rel} is not here to read`) : { error: files.error.message };
  const head = await readParquetHeader(files.value, schema, confine);
  if (!head.ok) return head.error.code === 'data-not-found' ? notHere(`${rel} is not here to read`) : { error: head.error.message };
  const warnings =
    head.value.predDtype === 'float32'
      ? [
          `the y_pred columns of ${rel} are float32: xent eval computes log_loss on them in float32 (eps 2**-23), as scikit-learn does, ` +
            'while the query computes in float64 (eps 2**-52); the counts are the same, log_loss may differ from xent eval in the 7th digit',
        ]
      : [];
  return { yTrue: [...head.value.yTrue], yPred: [...head.value.yPred], warnings };
}
