// Reading Parquet files (parquet("preds.parquet", y_true: "label", y_pred: ["p_a", "p_b"] or "p_*")),
// streamed one row group at a time through hyparquet (pure JavaScript, MIT).
//
// - Files: one file, a directory's *.parquet or a glob (parquet-files.ts), read in name order as one
//   dataset; each opened through safe-open.ts and read only through that descriptor (parquet-buffer.ts),
//   checked unchanged before each row group is delivered and at the end ('data-changed').
// - Columns: resolved as csv() resolves them (csv-schema.ts: names, lists, "p_*" patterns), against the
//   file's top-level column names. Every file of a dataset must have the same y_true / y_pred columns.
// - Types: labels may be integers, floats, booleans or strings (class names, dictionary-encoded or not,
//   mapped to the declared classes exactly as CSV cells are); probabilities integers, floats or booleans.
//   y_pred keeps float32 when every y_pred column of every file is FLOAT (scikit-learn's eps rule follows
//   the dtype, as for .npy); anything else is float64 (check_array's upcast). Nested, temporal, binary and
//   FLOAT16 columns are 'parquet-type' errors; a null is a 'data-parse' error naming file, column and row.
// - Codecs: uncompressed, snappy (parquet-snappy.ts: hyparquet's format, copying whole ranges), gzip and
//   brotli (node:zlib), zstd where node:zlib has it;
//   LZO / LZ4 are 'parquet-format' errors naming the file and column, found from the footer before any
//   row is read.
// - Memory: one row group's selected columns decoded at a time, delivered in chunks of at most
//   DEFAULT_CHUNK_ROWS rows through reused arrays: flat in the number of row groups, bounded by the
//   largest row group (writers use 64 Ki to 1 Mi rows; see docs/data-files.md). The bytes read and the
//   decompressed pages go to memory reused from one row group to the next (parquet-pages.ts ColumnArena).

import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import { parquetMetadataAsync, parquetSchema, type Compressors, type FileMetaData, type SchemaTree } from 'hyparquet';
import { DEFAULT_CHUNK_ROWS } from './csv';
import { resolveCsvSchema, shownName } from './csv-schema';
import { quoteExcerpt } from './excerpt';
import { parseNumberText } from './number';
import { ParquetFileShrank, ParquetReadCancelled, fileHandleBuffer, type ReadableBuffer } from './parquet-buffer';
import { ColumnArena, chunkRange, decodeColumnChunk, flatColumn } from './parquet-pages';
import { snappyDecompress } from './parquet-snappy';
import type { ParquetFileRef } from './parquet-files';
import { changedError, checkUnchanged, identityOf, openRegularFile, type OpenedFile } from './safe-open';
import {
  cancelledError,
  dataError,
  fsError,
  placeMessage,
  type ConfineOptions,
  type DataChunk,
  type DataError,
  type DataErrorCode,
  type DataResult,
  type PredDtype,
  type ProgressFn,
} from './types';

/** Which columns of a Parquet dataset hold what (the same shape as CsvSchema). */
export interface ParquetSchemaSpec {
  yTrue: string | readonly string[];
  yPred: string | readonly string[];
  /** Declared class names: a y_true value equal to one of them reads as its index (single y_true column). */
  classes?: readonly string[];
}

/** What the footers of a dataset say, before any row is read. */
export interface ParquetHeader {
  /** The y_true and y_pred column names, in output order. */
  yTrue: string[];
  yPred: string[];
  /** float32 when every y_pred column of every file is FLOAT, else float64. */
  predDtype: PredDtype;
  /** Rows of all files together. */
  rows: number;
  /** Bytes of all files together. */
  bytes: number;
}

export interface ParquetScanOptions extends ConfineOptions {
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** Called once per chunk of rows, in row order; with reuseChunks the arrays are recycled after it returns. */
  onChunk: (chunk: DataChunk, file: ParquetFileRef) => void;
  reuseChunks?: boolean;
  /** Rows per delivered chunk (default DEFAULT_CHUNK_ROWS). */
  chunkRows?: number;
}

const DECOMPRESSORS: Compressors = {
  SNAPPY: snappyDecompress,
  GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input: Uint8Array) => new Uint8Array(brotliDecompressSync(input)),
};
// zstd is in node:zlib from Node 22.15; on older Node a zstd file is a clear error (codecOk below).
const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Uint8Array }).zstdDecompressSync;
if (zstd) DECOMPRESSORS.ZSTD = (input: Uint8Array) => new Uint8Array(zstd(input));
const READ_CODECS = new Set(['UNCOMPRESSED', 'SNAPPY', ...Object.keys(DECOMPRESSORS)]);

/** A DataError thrown across hyparquet's callbacks and caught by the scan. */
class Found extends Error {
  constructor(readonly error: DataError) {
    super(error.message);
  }
}

function rowError(code: DataErrorCode, file: string, row: number, column: string, reason: string): DataError {
  const e = dataError(code, file, `row ${row}: ${reason}`, undefined, column);
  e.row = row;
  return e;
}

/** How a column's values are read. */
type ColumnKind = 'number' | 'integer' | 'string';

interface FileSchema {
  metadata: FileMetaData;
  yTrue: string[];
  yPred: string[];
  kinds: Map<string, ColumnKind>;
  predDtype: PredDtype;
  rows: number;
}

const TEMPORAL = new Set(['DATE', 'TIME', 'TIMESTAMP', 'INTERVAL', 'TIME_MILLIS', 'TIME_MICROS', 'TIMESTAMP_MILLIS', 'TIMESTAMP_MICROS']);

/** The kind of a top-level column, or why it cannot be read. */
function columnKind(node: SchemaTree): ColumnKind | string {
  const el = node.element;
  if (node.children.length > 0 || el.repetition_type === 'REPEATED') return 'a nested column (a list, map or struct)';
  const logical = el.logical_type?.type;
  if ((logical && TEMPORAL.has(logical)) || (el.converted_type && TEMPORAL.has(el.converted_type))) {
    return `a ${String(logical ?? el.converted_type).toLowerCase()} column`;
  }
  switch (el.type) {
    case 'BOOLEAN':
    case 'INT32':
    case 'INT64':
      return logical === 'DECIMAL' || el.converted_type === 'DECIMAL' ? 'number' : 'integer';
    case 'FLOAT':
    case 'DOUBLE':
      return 'number';
    case 'BYTE_ARRAY':
      if (logical === 'STRING' || logical === 'ENUM' || el.converted_type === 'UTF8' || el.converted_type === 'ENUM') return 'string';
      return 'a binary column (BYTE_ARRAY without a string type)';
    case 'FIXED_LEN_BYTE_ARRAY':
      return logical === 'FLOAT16' ? 'a float16 column (not read: write float32)' : 'a fixed-length binary column';
    default:
      return `a ${String(el.type).toLowerCase()} column`;
  }
}

function listing(names: readonly string[]): string {
  const shown = names.slice(0, 12).map(shownName);
  return `the file has columns ${shown.join(', ')}${names.length > 12 ? `, … (${names.length - 12} more)` : ''}`;
}

/** Resolves the schema against one file's footer: columns, their kinds, codecs. */
function resolveFile(metadata: FileMetaData, spec: ParquetSchemaSpec, file: string): DataResult<FileSchema> {
  const tree = parquetSchema(metadata);
  const names = tree.children.map((c) => c.element.name);
  const resolved = resolveCsvSchema(names, { yTrue: spec.yTrue, yPred: spec.yPred }, file);
  if (!resolved.ok) {
    const e = resolved.error;
    if (e.code !== 'missing-column') return resolved;
    // csv-schema.ts words the listing for a CSV header; a Parquet file lists its columns.
    const reason = e.reason.replace(/; the (header has|first row has) .*$/s, `; ${listing(names)}`);
    return { ok: false, error: { ...e, reason, message: placeMessage(file, undefined, reason) } };
  }
  const { yTrue, yPred } = resolved.value.columns;
  const kinds = new Map<string, ColumnKind>();
  for (const name of [...yTrue, ...yPred]) {
    const node = tree.children.find((c) => c.element.name === name)!;
    const kind = columnKind(node);
    if (kind !== 'number' && kind !== 'integer' && kind !== 'string') {
      return { ok: false, error: dataError('parquet-type', file, `column ${shownName(name)} is ${kind}, which xent does not read as numbers or labels`, undefined, name) };
    }
    const asLabels = yTrue.length === 1 && name === yTrue[0];
    if (kind === 'string' && !asLabels) {
      const role = yTrue.includes(name) ? 'a y_true column of a one-hot / indicator matrix' : 'a y_pred column';
      return { ok: false, error: dataError('parquet-type', file, `column ${shownName(name)} holds strings, not numbers (it is ${role})`, undefined, name) };
    }
    kinds.set(name, kind);
  }
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const col = chunk.meta_data?.path_in_schema[0];
      if (col === undefined || !kinds.has(col)) continue;
      const codec = chunk.meta_data!.codec;
      if (!READ_CODECS.has(codec)) {
        const readable = [...READ_CODECS].map((c) => c.toLowerCase()).join(', ');
        return {
          ok: false,
          error: dataError('parquet-format', file, `column ${shownName(col)} is compressed with ${codec.toLowerCase()}, which xent does not decompress (${readable} are read); write it with compression="snappy"`, undefined, col),
        };
      }
    }
  }
  const allFloat32 = yPred.length > 0 && yPred.every((n) => tree.children.find((c) => c.element.name === n)!.element.type === 'FLOAT');
  return { ok: true, value: { metadata, yTrue, yPred, kinds, predDtype: allFloat32 ? 'float32' : 'float64', rows: Number(metadata.num_rows) } };
}

/** What hyparquet threw, as a DataError of `file`. */
function readFailure(err: unknown, file: string, what: string): DataError {
  if (err instanceof Found) return err.error;
  if (err instanceof ParquetReadCancelled) return cancelledError(file);
  if (err instanceof ParquetFileShrank) return dataError('data-changed', file, `changed while reading (${err.message}); nothing was scored from it, read it again`);
  const msg = err instanceof Error ? err.message : String(err);
  if ((err as { code?: unknown } | null)?.code !== undefined) return fsError(file, err);
  return dataError('parquet-format', file, `${what} cannot be read as Parquet (${msg.replace(/^parquet /, '')})`);
}

async function openFile(ref: ParquetFileRef, opts: ConfineOptions & { signal?: AbortSignal }): Promise<DataResult<{ opened: OpenedFile; schemaOf: (spec: ParquetSchemaSpec) => DataResult<FileSchema> }>> {
  const got = await openRegularFile(ref.path, { root: opts.root, rootName: opts.rootName, displayPath: ref.display });
  if (!got.ok) return got;
  const opened = got.value;
  try {
    if (opened.stat.size < 12) {
      await opened.handle.close().catch(() => undefined);
      return { ok: false, error: dataError('parquet-format', ref.display, `is not a Parquet file (${opened.stat.size} bytes, too short for a Parquet footer)`) };
    }
    const buffer = fileHandleBuffer(opened.handle, opened.stat.size, opts.signal);
    const metadata = await parquetMetadataAsync(buffer);
    const schemaOf = (spec: ParquetSchemaSpec): DataResult<FileSchema> => {
      try {
        return resolveFile(metadata, spec, ref.display);
      } catch (err) {
        // A footer that parsed but describes an impossible schema (a damaged file).
        return { ok: false, error: dataError('parquet-format', ref.display, `its schema cannot be read (${err instanceof Error ? err.message : String(err)})`) };
      }
    };
    return { ok: true, value: { opened, schemaOf } };
  } catch (err) {
    await opened.handle.close().catch(() => undefined);
    const e = readFailure(err, ref.display, 'the footer');
    if (e.code === 'parquet-format') {
      const reason = `is not a Parquet file, or its footer is damaged (${(err as Error).message.replace(/^parquet /, '')})`;
      return { ok: false, error: dataError('parquet-format', ref.display, reason) };
    }
    return { ok: false, error: e };
  }
}

/** Reads the footers of every file: the resolved columns, y_pred's dtype, rows and bytes. Never throws. */
export async function readParquetHeader(files: readonly ParquetFileRef[], spec: ParquetSchemaSpec, opts: ConfineOptions & { signal?: AbortSignal } = {}): Promise<DataResult<ParquetHeader>> {
  let first: FileSchema | undefined;
  let firstFile = '';
  let rows = 0;
  let bytes = 0;
  let predDtype: PredDtype = 'float32';
  for (const ref of files) {
    if (opts.signal?.aborted) return { ok: false, error: cancelledError(ref.display) };
    const got = await openFile(ref, opts);
    if (!got.ok) return got;
    await got.value.opened.handle.close().catch(() => undefined);
    const schema = got.value.schemaOf(spec);
    if (!schema.ok) return schema;
    const s = schema.value;
    if (first === undefined) {
      first = s;
      firstFile = ref.display;
    } else {
      const differ = sameColumns(first, s, firstFile, ref.display);
      if (differ) return { ok: false, error: differ };
    }
    if (s.predDtype !== 'float32') predDtype = 'float64';
    rows += s.rows;
    bytes += got.value.opened.stat.size;
  }
  if (!first) return { ok: false, error: dataError('data-not-found', '', 'no Parquet file to read') };
  return { ok: true, value: { yTrue: first.yTrue, yPred: first.yPred, predDtype, rows, bytes } };
}

function sameColumns(a: Pick<FileSchema, 'yTrue' | 'yPred'>, b: FileSchema, aFile: string, bFile: string): DataError | null {
  for (const role of ['yTrue', 'yPred'] as const) {
    const x = a[role].join(', ');
    const y = b[role].join(', ');
    if (x !== y) {
      const name = role === 'yTrue' ? 'y_true' : 'y_pred';
      return dataError('data-schema', bFile, `its ${name} columns (${y}) are not those of ${aFile} (${x}); every file of a dataset must have the same columns`);
    }
  }
  return null;
}

/** Maps a label value to a class index, as a CSV cell holding it would be read. */
interface LabelReader {
  (v: unknown, row: number): number;
}

function labelReader(file: string, column: string, kind: ColumnKind, classes: readonly string[] | undefined): LabelReader {
  const shown = shownName(column);
  const byName = new Map<string, number>();
  let nameFirst = false;
  (classes ?? []).forEach((name, i) => {
    const c = name.trim();
    if (!byName.has(c)) byName.set(c, i);
    const v = parseNumberText(c);
    if (v !== undefined && v !== i) nameFirst = true;
  });
  const hasClasses = classes !== undefined && classes.length > 0;
  return (v, row) => {
    if (typeof v === 'string') {
      const text = v.trim();
      const idx = hasClasses ? byName.get(text) : undefined;
      if (idx !== undefined) return idx;
      const x = parseNumberText(v);
      if (x !== undefined) return x;
      if (text !== '' && (hasClasses || /^[A-Za-z_\u0080-\uffff]/.test(text))) {
        if (!hasClasses) {
          throw new Found(rowError('undeclared-classes', file, row, column, `column ${shown} is ${quoteExcerpt(v)}, a class name, but the experiment declares no class names; declare them (classes: [...]) or use class indices`));
        }
        throw new Found(rowError('label-out-of-range', file, row, column, `column ${shown} is ${quoteExcerpt(v)}, which is not one of the declared classes (${classes!.join(', ')})`));
      }
      throw new Found(rowError('data-parse', file, row, column, text === '' ? `column ${shown} is empty, not a number` : `column ${shown} is ${quoteExcerpt(v)}, not a number`));
    }
    const x = numberOf(v, file, column, row);
    // An integer label is the text a CSV cell would hold ("2"): a declared class named "2" whose index is
    // not 2 reads it by name, as the CSV reader does (classes: [1, 2]).
    if (nameFirst && kind === 'integer') {
      const idx = byName.get(String(x));
      if (idx !== undefined) return idx;
    }
    return x;
  };
}

function numberOf(v: unknown, file: string, column: string, row: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined) throw new Found(rowError('data-parse', file, row, column, `column ${shownName(column)} is null (a missing value), not a number`));
  throw new Found(rowError('parquet-type', file, row, column, `column ${shownName(column)} holds ${typeof v === 'object' ? 'an object' : typeof v}, not a number`));
}

/** The decoded pages of one column of a row group, read in order. */
class ColumnCursor {
  private piece = 0;
  private at = 0;
  constructor(private readonly pieces: readonly ArrayLike<unknown>[]) {}
  /**
   * Writes the next n values to out[offset + i·stride] (row-major rows): typed arrays of numbers directly when
   * `direct`, anything else through `slow` (labels, bigints, booleans, nulls). Returns the index of the first
   * non-finite value (written, so the caller can name it), or -1.
   */
  fill(n: number, out: Float64Array, offset: number, stride: number, direct: boolean, slow: (v: unknown, i: number) => number): number {
    let i = 0;
    while (i < n) {
      const p = this.pieces[this.piece];
      const m = Math.min(n - i, p.length - this.at);
      const at = this.at;
      if (direct && (p instanceof Float64Array || p instanceof Float32Array || p instanceof Int32Array)) {
        for (let k = 0; k < m; k++) {
          const x = p[at + k];
          out[offset + (i + k) * stride] = x;
          if (x - x !== 0) return i + k;
        }
      } else {
        for (let k = 0; k < m; k++) {
          const x = slow(p[at + k], i + k);
          out[offset + (i + k) * stride] = x;
          if (x - x !== 0) return i + k;
        }
      }
      i += m;
      this.at += m;
      if (this.at >= p.length) {
        this.piece++;
        this.at = 0;
      }
    }
    return -1;
  }
}

/** How a row group's rows are delivered (groupReader's read). */
interface GroupDelivery {
  /** Called after the group's columns are decoded and before any of its rows is delivered: an error (the file
   *  changed meanwhile) ends the read with nothing of the group delivered. */
  beforeDelivery?: () => Promise<DataError | null>;
  signal?: AbortSignal;
  chunkRows: number;
  reuseChunks?: boolean;
  /** Chunks of the group in row order; rowStart is the 0-based row of the file. */
  onChunk: (chunk: DataChunk) => void;
}

/** The columns of a file a scan reads: those of the dataset's header. */
type ScanColumns = Pick<ParquetHeader, 'yTrue' | 'yPred' | 'predDtype'>;

/**
 * Decodes and delivers the row groups of a file whose footer resolved to `s`, one at a time. Each read
 * decodes the group's selected columns, one column chunk at a time, into memory reused from the previous
 * group (ColumnArena), then delivers chunks of float64 rows; an error is the result (never thrown): the
 * first bad value of the group in row order, a damaged page, a cancelled or short read.
 */
function groupReader(file: string, s: FileSchema, buffer: ReadableBuffer, size: number, columns: ScanColumns, classes: readonly string[] | undefined) {
  const { yTrue: trueCols, yPred: predCols, predDtype } = columns;
  const nT = trueCols.length;
  const nP = predCols.length;
  const labels = nT === 1 ? labelReader(file, trueCols[0], s.kinds.get(trueCols[0])!, classes) : undefined;
  const tree = parquetSchema(s.metadata);
  let yt = new Float64Array(0);
  let yp = new Float64Array(0);
  // Each column's bytes and values in memory reused from one row group to the next (parquet-pages.ts).
  const arenas = new Map<string, { arena: ColumnArena; compressors: Compressors }>();
  for (const name of [...trueCols, ...predCols]) {
    const arena = new ColumnArena();
    arenas.set(name, { arena, compressors: { ...DECOMPRESSORS, SNAPPY: (input: Uint8Array, n: number) => snappyDecompress(input, n, arena.bytes(n)) } });
  }
  const read = async (g: number, groupStart: number, how: GroupDelivery): Promise<DataError | null> => {
    const group = s.metadata.row_groups[g];
    const groupRows = Number(group.num_rows);
    // The previous group's rows are delivered: its views are dead.
    for (const a of arenas.values()) a.arena.reset();
    // Every column chunk's read is started at once (the reads overlap in the thread pool, rather than one
    // waiting for the other); a column whose chunk cannot be located has its error kept for its turn, so
    // errors come in column order as before.
    const reads = [...trueCols, ...predCols].map((name) => {
      const { arena } = arenas.get(name)!;
      const meta = group.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name)?.meta_data;
      if (!meta) return { name, error: dataError('parquet-format', file, `row group ${g + 1} has no data for column ${shownName(name)}`, undefined, name) };
      const { start, end } = chunkRange(meta);
      if (!(start >= 0 && end <= size && end >= start)) {
        return { name, error: dataError('parquet-format', file, `row group ${g + 1}, column ${shownName(name)}: its data lies outside the file (bytes ${start} to ${end} of ${size})`, undefined, name) };
      }
      const bytes = buffer.readInto(start, end, arena.bytes(end - start));
      bytes.catch(() => undefined); // awaited in its turn; a later column's failure may never be
      return { name, meta, bytes };
    });
    // One column chunk decoded at a time: memory is this row group's selected columns, dense.
    const decode = async (at: number): Promise<ColumnCursor> => {
      const r = reads[at];
      if ('error' in r) throw new Found(r.error!);
      const { name, meta } = r;
      const { arena, compressors } = arenas.get(name)!;
      const node = tree.children.find((c) => c.element.name === name)!;
      const bytes = await r.bytes;
      let got;
      try {
        got = decodeColumnChunk(bytes, flatColumn(tree, node, meta, compressors, arena), groupRows);
      } catch (err) {
        const msg = (err instanceof Error ? err.message : String(err)).replace(/^parquet /, '');
        throw new Found(dataError('parquet-format', file, `row group ${g + 1}, column ${shownName(name)} cannot be decoded (${msg})`, undefined, name));
      }
      if ('nullAt' in got) throw new Found(rowError('data-parse', file, groupStart + got.nullAt + 1, name, `column ${shownName(name)} is null (a missing value), not a number`));
      return new ColumnCursor(got.pieces);
    };
    const trueCursors: ColumnCursor[] = [];
    const predCursors: ColumnCursor[] = [];
    try {
      for (let j = 0; j < nT; j++) trueCursors.push(await decode(j));
      for (let j = 0; j < nP; j++) predCursors.push(await decode(nT + j));
    } catch (err) {
      return readFailure(err, file, `row group ${g + 1}`);
    }
    const changed = await how.beforeDelivery?.();
    if (changed) return changed;
    const chunkRows = how.chunkRows;
    for (let r0 = 0; r0 < groupRows; r0 += chunkRows) {
      if (how.signal?.aborted) return cancelledError(file);
      const n = Math.min(chunkRows, groupRows - r0);
      if (!how.reuseChunks || yt.length < n * nT) yt = new Float64Array(n * nT);
      if (!how.reuseChunks || yp.length < n * nP) yp = new Float64Array(n * nP);
      const fileRow = groupStart + r0; // 0-based row of the file
      const nonFinite = (column: string, i: number, x: number) =>
        rowError('non-finite', file, fileRow + i + 1, column, `column ${shownName(column)} is ${x !== x ? 'nan' : x > 0 ? 'inf' : '-inf'}, not a finite number`);
      try {
        for (let j = 0; j < nT; j++) {
          const column = trueCols[j];
          const read = labels ?? ((v: unknown, row: number) => numberOf(v, file, column, row));
          const bad = trueCursors[j].fill(n, yt, j, nT, labels === undefined, (v, i) => read(v, fileRow + i + 1));
          if (bad >= 0) return nonFinite(column, bad, yt[j + bad * nT]);
        }
        for (let j = 0; j < nP; j++) {
          const column = predCols[j];
          const bad = predCursors[j].fill(n, yp, j, nP, true, (v, i) => numberOf(v, file, column, fileRow + i + 1));
          if (bad >= 0) return nonFinite(column, bad, yp[j + bad * nP]);
        }
      } catch (err) {
        if (err instanceof Found) return err.error;
        throw err;
      }
      how.onChunk({
        rowStart: fileRow,
        n,
        yTrue: n * nT === yt.length ? yt : yt.subarray(0, n * nT),
        yPred: n * nP === yp.length ? yp : yp.subarray(0, n * nP),
        predDtype,
      });
    }
    return null;
  };
  return { read };
}

/**
 * Reads every row of the files in order, one row group at a time, delivering chunks of float64 rows
 * (y_true: class indices / matrix; y_pred: probabilities). Never throws: an error is the result.
 */
export async function scanParquet(files: readonly ParquetFileRef[], spec: ParquetSchemaSpec, opts: ParquetScanOptions): Promise<DataResult<{ rows: number }>> {
  const head = await readParquetHeader(files, spec, opts);
  if (!head.ok) return head;
  const totalBytes = head.value.bytes;
  const chunkRows = Math.max(1, opts.chunkRows ?? DEFAULT_CHUNK_ROWS);
  let rowBase = 0;
  let bytesBefore = 0;
  for (const ref of files) {
    const file = ref.display;
    if (opts.signal?.aborted) return { ok: false, error: cancelledError(file) };
    const got = await openFile(ref, opts);
    if (!got.ok) return got;
    const { opened } = got.value;
    try {
      const schema = got.value.schemaOf(spec);
      if (!schema.ok) return schema;
      const s = schema.value;
      // The footer was read once for the header: other columns now is a file rewritten in between.
      if (sameColumns(head.value, s, file, file)) return { ok: false, error: changedError(file, identityOf(opened.stat), { ...identityOf(opened.stat), mtimeMs: NaN }) };
      const buffer = fileHandleBuffer(opened.handle, opened.stat.size, opts.signal);
      const groups = groupReader(file, s, buffer, opened.stat.size, head.value, spec.classes);
      let groupStart = 0;
      for (let g = 0; g < s.metadata.row_groups.length; g++) {
        if (opts.signal?.aborted) return { ok: false, error: cancelledError(file) };
        const groupRows = Number(s.metadata.row_groups[g].num_rows);
        if (groupRows === 0) continue;
        const got = await groups.read(g, groupStart, {
          beforeDelivery: () => checkUnchanged(opened),
          signal: opts.signal,
          chunkRows,
          reuseChunks: opts.reuseChunks,
          onChunk: (chunk) => opts.onChunk({ ...chunk, rowStart: rowBase + chunk.rowStart }, ref),
        });
        if (got) return { ok: false, error: got };
        groupStart += groupRows;
        opts.onProgress?.(bytesBefore + Math.round((opened.stat.size * groupStart) / Math.max(1, s.rows)), totalBytes);
      }
      const changed = await checkUnchanged(opened);
      if (changed) return { ok: false, error: changed };
      rowBase += s.rows;
      bytesBefore += opened.stat.size;
    } finally {
      await opened.handle.close().catch(() => undefined);
    }
  }
  if (rowBase === 0) {
    const where = files.length === 1 ? files[0].display : `${files[0].display} (and ${files.length - 1} more files)`;
    return { ok: false, error: dataError('empty-data', where, 'has no rows') };
  }
  return { ok: true, value: { rows: rowBase } };
}
