/**
 * Shared shapes of the loss modules: the chunk an accumulator is fed, the records it reports, the
 * result it finalises to.
 *
 * API
 *   interface LossChunk { yTrue; yPred; rowStart?; n? }
 *       A block of consecutive rows. Structurally compatible with the data readers' DataChunk
 *       (rowStart, n, yTrue, yPred as row-major Float64Array), so a reader's chunk can be passed as is.
 *   type LossRecordCode, interface LossRecord { severity; code; message; row; count; value? }
 *       An error or warning about the data, with the 0-based global row of the FIRST offending row
 *       (rowStart + index in chunk) and how many rows were affected. Accumulators keep one record per
 *       code; merging keeps the lower row and adds the counts, so the record does not depend on how
 *       the rows were split into chunks or in which order the chunks were merged.
 *   interface LossResult { value; rows; records }
 *       value is null when an error record makes the loss undefined (scikit-learn would raise).
 *   type FloatDtype = 'float64' | 'float32'
 *   addRecord(records, record): void        keep the first row per code, add the counts
 *   mergeRecords(a, b): LossRecord[]        the same over two lists (new array, inputs untouched)
 *   hasError(records): boolean
 *   rowsOf(chunk, width, name): number      rows in a chunk (n, or yPred.length / width), checked
 *
 * Everything here is plain data (no classes, no functions in state), so accumulator states survive
 * structuredClone / postMessage between worker threads.
 */

export type FloatDtype = 'float64' | 'float32';

/** A block of consecutive rows. yTrue and yPred are row-major. */
export interface LossChunk {
  /** Class indices (one per row), or n × K target rows (one-hot, indicator, soft targets), per the loss. */
  readonly yTrue: ArrayLike<number>;
  /** n × K predictions (probabilities or logits), row-major. */
  readonly yPred: ArrayLike<number>;
  /** 0-based index of the chunk's first row among all rows (for the row in records). Default 0. */
  readonly rowStart?: number;
  /** Number of rows; default yPred.length / width. */
  readonly n?: number;
}

export type LossRecordCode =
  /** a prediction row whose sum is not 1 within scikit-learn's tolerance (warning: used as is) */
  | 'rows-not-normalized'
  /** a probability < 0 or > 1 (error: scikit-learn raises ValueError) */
  | 'probability-out-of-range'
  /** NaN or ±Infinity in y_true or y_pred (error: scikit-learn's check_array raises) */
  | 'non-finite-value'
  /** a class index outside [0, K), not an integer, or an indicator entry other than 0/1 (error) */
  | 'label-out-of-range'
  /** fewer than 2 classes (error: "y_true contains only one label") */
  | 'too-few-classes'
  /** y_true / y_pred lengths do not fit the declared number of columns (error) */
  | 'length-mismatch'
  /** no rows at all (error: scikit-learn raises on empty input) */
  | 'empty-input'
  /** entropy module: p > 0 where q = 0, so H(p, q) and KL(p‖q) are +∞ (warning: the value is Infinity) */
  | 'zero-probability'
  /** a per-sample loss that is NaN or ±∞ although the inputs are finite (a row of zeros divided by its sum) */
  | 'non-finite-loss';

export interface LossRecord {
  readonly severity: 'error' | 'warning';
  readonly code: LossRecordCode;
  /** Full sentence, naming the first offending row (1-based in the text, as people count rows). */
  readonly message: string;
  /** 0-based global index of the first offending row (rowStart + index in its chunk); -1 = not row-bound. */
  readonly row: number;
  /** How many rows had this problem. */
  readonly count: number;
  /** The offending value in the first offending row, when there is one (a label, a probability, a row sum). */
  readonly value?: number;
}

export interface LossResult {
  /** The loss; null when an error record makes it undefined. */
  readonly value: number | null;
  /** Rows accumulated. */
  readonly rows: number;
  /** Errors and warnings, sorted by row. */
  readonly records: readonly LossRecord[];
}

/** Keep one record per code: the one with the lowest row; counts add up. Mutates `records`. */
export function addRecord(records: LossRecord[], record: LossRecord): void {
  const i = records.findIndex((r) => r.code === record.code);
  if (i < 0) {
    records.push(record);
    return;
  }
  const old = records[i];
  const first = record.row >= 0 && (old.row < 0 || record.row < old.row) ? record : old;
  records[i] = { ...first, count: old.count + record.count };
}

/** The records of two accumulators together (new array). */
export function mergeRecords(a: readonly LossRecord[], b: readonly LossRecord[]): LossRecord[] {
  const out = a.map((r) => ({ ...r }));
  for (const r of b) addRecord(out, { ...r });
  return out;
}

export function sortRecords(records: readonly LossRecord[]): LossRecord[] {
  return [...records].sort((x, y) => x.row - y.row || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
}

export function hasError(records: readonly LossRecord[]): boolean {
  return records.some((r) => r.severity === 'error');
}

/**
 * Rows in a chunk: chunk.n if given, else yPred.length / width. Returns -1 when yPred's length does not
 * fit (the caller reports 'length-mismatch').
 */
export function rowsOf(chunk: LossChunk, width: number): number {
  const n = chunk.n ?? (width > 0 ? chunk.yPred.length / width : 0);
  if (!Number.isInteger(n) || n < 0 || chunk.yPred.length !== n * width) return -1;
  return n;
}

/** "row 12" for the 0-based row 11. */
export function rowName(row: number): string {
  return `row ${row + 1}`;
}

/** A number as Python's repr prints a float (enough for messages). */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x);
}
