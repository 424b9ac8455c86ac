// Shared shapes of the data readers (CSV, .npy and Parquet): errors as values, chunks of rows, scan results.
// Pure TypeScript: nothing here imports vscode or the language server.

/** Why a data file could not be read. Every reader returns one of these instead of throwing. */
export type DataErrorCode =
  | 'data-not-found' // the file does not exist
  | 'data-unreadable' // it exists but cannot be read (not a regular file: a FIFO, device, directory; no permission; an I/O error)
  | 'data-outside-root' // its real location is outside the folder data must stay in (the workspace, --root)
  | 'data-too-large' // larger than the caller's limit (maxBytes)
  | 'data-changed' // the file changed (size, mtime or inode) between its opening and the end of the read
  | 'empty-data' // an empty file, a header without rows, a .npy with no rows
  | 'missing-column' // a column the schema names is not in the header
  | 'data-schema' // the schema itself is unusable (a column used twice, a column named twice in the header)
  | 'data-parse' // a cell that is not a number, a row with too few/many fields, an unterminated quote
  | 'non-finite' // nan or ±infinity in a label, probability or feature
  | 'undeclared-classes' // a class name in y_true while the experiment declares no class names
  | 'label-out-of-range' // a class name in y_true that is not one of the declared classes
  | 'length-mismatch' // y_true, y_pred and features (.npy files) do not have the same number of rows
  | 'npy-format' // not a .npy file, or a header that cannot be read
  | 'npy-dtype' // a dtype the reader does not convert (object, string, complex, structured, ...)
  | 'npy-shape' // 0-D or more than 2-D
  | 'npy-truncated' // fewer data bytes than the header promises
  | 'parquet-format' // not a Parquet file, a footer that cannot be read, a compression codec xent does not decompress
  | 'parquet-type' // a Parquet column type the reader does not convert (nested, timestamp, binary, strings as probabilities)
  | 'cancelled' // the caller's AbortSignal fired
  | 'internal-error'; // a worker thread died: a bug, reported rather than hidden

/** An error with its place. `message` is the full text to show, place included:
 *  "runs/val.csv:10234: column p_dog is 'abc', not a number". */
export interface DataError {
  code: DataErrorCode;
  /** The file as the caller named it (options.displayPath), else the path given. */
  file: string;
  /** 1-based line, as a text editor counts them (CSV only; absent for whole-file errors). */
  line?: number;
  /** 1-based row the error is about (.npy; CSV errors give the line instead). */
  row?: number;
  /** The column the error is about (CSV: the header name; .npy: absent). */
  column?: string;
  /** Full message, starting with "file:line: " or "file: ". */
  message: string;
  /** The message without the place. */
  reason: string;
}

/** A block of consecutive rows, converted to float64. Arrays are row-major and exactly n rows long. */
export interface DataChunk {
  /** 0-based index of the first row of this chunk among all data rows of the file. */
  rowStart: number;
  /** Number of rows in this chunk. */
  n: number;
  /** n × yTrueCols values (one column: class indices / labels; several: one-hot or indicator). */
  yTrue: Float64Array;
  /** n × yPredCols values (empty when the schema names no y_pred). */
  yPred: Float64Array;
  /** n × featureCols values, present when the schema names features. */
  features?: Float64Array;
  /** CSV only: the 1-based line on which each row starts (quoted newlines and blank lines make rows and
   *  lines differ, so this is given per row). Absent for .npy. */
  lines?: Uint32Array;
  /** The dtype y_pred has in its file, which scikit-learn keeps for dtype-dependent rules (log_loss's eps):
   *  .npy float16 / float32 stay themselves, every other dtype (integers, bool) becomes float64, as
   *  check_array(dtype=[float64, float32, float16]) does; CSV cells are float64 (pandas' default). */
  predDtype?: PredDtype;
}

export type PredDtype = 'float16' | 'float32' | 'float64';

/** Where a data file may be: the folder it must stay in, and how messages name that folder. */
export interface ConfineOptions {
  /** Refuse a file whose real location is outside this folder (the workspace folder; the CLI's --root). */
  root?: string;
  /** How refusals name the root: "the workspace" (default) or "--root". */
  rootName?: string;
}

export type DataResult<T> = { ok: true; value: T } | { ok: false; error: DataError };

/** Called after each delivered chunk: bytes of the file consumed so far, and the file size. */
export type ProgressFn = (bytesDone: number, bytesTotal: number) => void;

export function placeMessage(file: string, line: number | undefined, reason: string): string {
  return line === undefined ? `${file}: ${reason}` : `${file}:${line}: ${reason}`;
}

export function dataError(
  code: DataErrorCode,
  file: string,
  reason: string,
  line?: number,
  column?: string,
): DataError {
  const e: DataError = { code, file, message: placeMessage(file, line, reason), reason };
  if (line !== undefined) e.line = line;
  if (column !== undefined) e.column = column;
  return e;
}

/** Maps an fs error (ENOENT, EACCES, EISDIR, ...) to a DataError. */
export function fsError(file: string, err: unknown): DataError {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return dataError('data-not-found', file, 'file not found');
  if (code === 'EISDIR') return dataError('data-unreadable', file, 'is a directory, not a file');
  if (code === 'EACCES' || code === 'EPERM') return dataError('data-unreadable', file, 'permission denied');
  const msg = err instanceof Error ? err.message : String(err);
  return dataError('data-unreadable', file, `cannot be read (${msg})`);
}

export function cancelledError(file: string): DataError {
  return dataError('cancelled', file, 'cancelled');
}
