// Reading csv("path", y_true: ..., y_pred: ..., features: ...) data: the header, the schema, and a
// sequential, memory-bounded scan that delivers fixed-size chunks of float64 rows.
//
// Memory: one read buffer (1 MiB by default, grown only when a single row is longer) and one chunk of
// output rows at a time, whatever the file size. The file is never read whole.
// For the parallel reader (worker threads over byte ranges), see csv-parallel.ts.

import { promises as fsp } from 'node:fs';
import { createCsvEngine, type CsvPlan, type EngineChunk, type EngineError, type EngineState } from './csv-engine';
import { resolveCsvSchema, type CsvColumns, type CsvSchema } from './csv-schema';
import { quoteExcerpt } from './excerpt';
import { createNumberParser } from './number';
import { checkUnchanged, openRegularFile, type OpenedFile } from './safe-open';
import {
  cancelledError,
  dataError,
  fsError,
  type ConfineOptions,
  type DataChunk,
  type DataError,
  type DataResult,
  type ProgressFn,
} from './types';

export type { CsvSchema, CsvColumns } from './csv-schema';

export const DEFAULT_CHUNK_ROWS = 65536;
export const DEFAULT_BUFFER_SIZE = 1 << 20;

export interface CsvScanOptions extends ConfineOptions {
  /** How the file is named in messages (e.g. "runs/val.csv" as written in the .xent file). */
  displayPath?: string;
  /** Rows per chunk (default 65536). Every chunk but the last of the file (or, in parallel, of a range)
   *  has exactly this many rows. */
  chunkRows?: number;
  /** Read buffer size in bytes (default 1 MiB); grows when a single row is longer. Tests use tiny ones. */
  bufferSize?: number;
  /** Cancels the scan: the result is then a `cancelled` error. */
  signal?: AbortSignal;
  /** Called after each delivered chunk with the file offset reached and the file size. */
  onProgress?: ProgressFn;
  /** Receives the chunks in row order. May return a promise: the scan waits for it (backpressure).
   *  If it throws (or its promise rejects), the scan stops, releases the file and its workers, and the
   *  scan's promise rejects with that exception: the only exception a scan lets out is the caller's own. */
  onChunk: (chunk: DataChunk) => void | Promise<void>;
  /**
   * Reuse each chunk's arrays once onChunk has returned (or its promise resolved): no allocation in the
   * steady state, so memory stays flat however many rows there are. Only for consumers that do not keep
   * a chunk's arrays (accumulators); copy what you keep. In a parallel scan the arrays are handed back to
   * their worker, so a kept array is detached (length 0) rather than overwritten. Default false.
   */
  reuseChunks?: boolean;
}

export interface CsvScanSummary {
  columns: CsvColumns;
  /** Data rows read. */
  rows: number;
  /** File size in bytes. */
  bytes: number;
  /** y_true cells read through the declared class names, and cells read as numbers. */
  labelsByName: number;
  labelsNumeric: number;
  /** How the file was read: one thread, or worker threads over byte ranges. */
  mode: 'sequential' | 'parallel';
  workers: number;
  /** Why a parallel scan read (part of) the file sequentially, if it did. */
  fallback?: string;
}

export type CsvScanResult = DataResult<CsvScanSummary>;

export interface CsvHeader {
  /** Header names, trimmed, in file order. */
  header: string[];
  /** 1-based line of the header row. */
  headerLine: number;
  /** File offset of the first byte after the header row. */
  dataStart: number;
  /** Line number at dataStart. */
  dataLine: number;
  /** File size. */
  size: number;
}

const numberParser = createNumberParser();
export const csvEngine = createCsvEngine(numberParser, (text) => quoteExcerpt(text, 40));

/** The longest header row read (a file whose first row is longer is not a CSV this reader accepts): the
 *  header is read whole before any data, so it is bounded like every other read. */
export const MAX_HEADER_BYTES = 16 << 20;

/** The longest data row read: a row is held whole while it is parsed, so a file without line breaks (or a
 *  quote that never closes) would otherwise grow the buffer to the file's size. */
export const MAX_ROW_BYTES = 64 << 20;

export function rowTooLong(line: number): EngineError {
  return { code: 'data-parse', line, reason: `a row longer than ${MAX_ROW_BYTES >> 20} MiB starts here (a file without line breaks, or a quote that never closes?)` };
}

export function engineErrorToDataError(file: string, e: EngineError, lineBase = 0): DataError {
  return dataError(e.code, file, e.reason, e.line + lineBase, e.column);
}

export function toDataChunk(c: EngineChunk, rowBase = 0, lineBase = 0): DataChunk {
  if (lineBase !== 0) {
    const ln = c.lines;
    for (let i = 0; i < ln.length; i++) ln[i] += lineBase;
  }
  const out: DataChunk = { rowStart: c.rowStart + rowBase, n: c.n, yTrue: c.yTrue, yPred: c.yPred, lines: c.lines, predDtype: 'float64' };
  if (c.features) out.features = c.features;
  return out;
}

/** The ArrayBuffers behind a chunk, in the order the engine's `take` expects. */
export function chunkBuffers(c: EngineChunk): ArrayBuffer[] {
  const b = [c.yTrue.buffer as ArrayBuffer, c.yPred.buffer as ArrayBuffer, c.lines.buffer as ArrayBuffer];
  if (c.features) b.push(c.features.buffer as ArrayBuffer);
  return b;
}

/** Opens a data file the one safe way (safe-open.ts): a regular file, inside opts.root if given. */
export async function openForRead(path: string, file: string, opts: ConfineOptions = {}): Promise<DataResult<OpenedFile>> {
  return openRegularFile(path, { displayPath: file, root: opts.root, rootName: opts.rootName });
}

/** A file that changed while it was read explains any other error found in it (a row cut by a
 *  truncation, a missing byte range): report the change. Otherwise the error itself. */
export async function preferChanged(opened: OpenedFile, error: DataError): Promise<DataError> {
  if (error.code === 'cancelled') return error;
  return (await checkUnchanged(opened)) ?? error;
}

/** The header row is longer than MAX_HEADER_BYTES. */
export function headerTooLongError(file: string): DataError {
  return dataError('data-parse', file, `the first row is longer than ${MAX_HEADER_BYTES >> 20} MiB: not a CSV header`);
}

/**
 * Finds the header row in the first `filled` bytes of the input (a UTF-8 BOM and blank lines before it are
 * skipped): the header, or an error, or null when more bytes are needed (only when !eof). Shared by the file
 * reader (readHeaderFrom) and the stream reader (csv-stream.ts), so both read a header the same way.
 */
export function parseHeaderBytes(buf: Uint8Array, filled: number, eof: boolean, file: string, size: number): DataResult<CsvHeader> | null {
  let p = 0;
  if (filled >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) p = 3;
  else if (!eof && filled < 3) return null;
  let line = 1;
  // Blank lines before the header.
  while (p < filled && (buf[p] === 10 || buf[p] === 13)) {
    if (buf[p] === 13 && p + 1 < filled && buf[p + 1] === 10) p++;
    p++;
    line++;
  }
  if (p >= filled) {
    if (eof) return { ok: false, error: dataError('empty-data', file, 'the file is empty') };
    return null;
  }
  const row = csvEngine.readRow(buf, p, filled, eof);
  if (row === null) {
    if (csvEngine.rowError !== null) {
      return { ok: false, error: dataError('data-parse', file, `header: ${csvEngine.rowError}`, line) };
    }
    if (eof) return { ok: false, error: dataError('empty-data', file, 'the file is empty') };
    return null;
  }
  return {
    ok: true,
    value: {
      header: row.fields.map((h) => h.replace(/^[ \t]+|[ \t]+$/g, '')),
      headerLine: line,
      dataStart: row.next,
      dataLine: line + row.lines,
      size,
    },
  };
}

/** Reads the header row of an open file: skips a UTF-8 BOM and blank lines before it. */
export async function readHeaderFrom(fh: fsp.FileHandle, size: number, file: string): Promise<DataResult<CsvHeader>> {
  let buf = new Uint8Array(Math.min(Math.max(size, 1), 65536));
  let filled = 0;
  try {
    for (;;) {
      if (filled === buf.length) {
        if (buf.length >= MAX_HEADER_BYTES) return { ok: false, error: headerTooLongError(file) };
        const bigger = new Uint8Array(Math.min(buf.length * 2, MAX_HEADER_BYTES));
        bigger.set(buf);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, filled, buf.length - filled, filled);
      filled += bytesRead;
      const eof = bytesRead === 0 || filled >= size;
      const head = parseHeaderBytes(buf, filled, eof, file, size);
      if (head !== null) return head;
    }
  } catch (err) {
    return { ok: false, error: fsError(file, err) };
  }
}

/** Reads only the header row of a CSV file (for completions and hovers). */
export async function readCsvHeader(
  path: string,
  opts: { displayPath?: string } & ConfineOptions = {},
): Promise<DataResult<CsvHeader>> {
  const file = opts.displayPath ?? path;
  const opened = await openForRead(path, file, opts);
  if (!opened.ok) return opened;
  try {
    const head = await readHeaderFrom(opened.value.handle, opened.value.stat.size, file);
    if (!head.ok) return { ok: false, error: await preferChanged(opened.value, head.error) };
    const changed = await checkUnchanged(opened.value);
    return changed ? { ok: false, error: changed } : head;
  } finally {
    await opened.value.handle.close().catch(() => undefined);
  }
}

export interface RegionResult {
  error?: DataError;
  rows: number;
  byName: number;
  numeric: number;
}

const noop = (): void => undefined;

/** One block of input bytes: how many were read, and whether they are the last ones. */
export interface BlockRead {
  n: number;
  last: boolean;
}

/** Where scanBlocks gets its bytes: a file region (scanRegion) or a stream (csv-stream.ts). */
export interface BlockSource {
  /** Fills `into` from its start with the next bytes: into.length of them unless they are the last. Called
   *  again only after the previous read has resolved, and never after one that was `last`. */
  read(into: Uint8Array): Promise<BlockRead>;
  /** The scan ends early while a read runs: wait for it (a file whose handle the caller is about to close) or
   *  abandon it (a stream that may never deliver). */
  stop(running: Promise<BlockRead>): Promise<void>;
  /** The error a read failed with, as a DataError; `line` is the line of the first row not yet complete. */
  failed(err: unknown, line: number): DataError;
}

/**
 * Parses file bytes [start, end) sequentially on this thread, delivering chunks in order.
 * `line` is the line number at `start`, `rowBase` the number of data rows before it.
 */
export async function scanRegion(
  fh: fsp.FileHandle,
  plan: CsvPlan,
  start: number,
  end: number,
  line: number,
  rowBase: number,
  file: string,
  size: number,
  opts: Omit<CsvScanOptions, 'displayPath'>,
  verify: () => Promise<DataError | null>,
): Promise<RegionResult> {
  let filePos = start;
  const source: BlockSource = {
    read: (into) => {
      const want = Math.min(into.length, end - filePos);
      if (want <= 0) return Promise.resolve({ n: 0, last: true });
      return fh.read(into, 0, want, filePos).then(({ bytesRead }) => {
        filePos += bytesRead;
        return { n: bytesRead, last: filePos >= end || bytesRead === 0 };
      });
    },
    // Never leave a read running on a handle the caller is about to close.
    stop: (running) => running.then(noop, noop),
    failed: (err) => fsError(file, err),
  };
  return scanBlocks(source, plan, start, line, rowBase, file, opts, verify, size);
}

/**
 * Parses the bytes of `source` sequentially on this thread, delivering chunks in order. `start` is the
 * input offset of its first byte, `line` the line number there, `rowBase` the number of data rows before it;
 * `verify` runs before every chunk and at the end; progress is reported against `total` bytes.
 */
export async function scanBlocks(
  source: BlockSource,
  plan: CsvPlan,
  start: number,
  line: number,
  rowBase: number,
  file: string,
  opts: Omit<CsvScanOptions, 'displayPath'>,
  verify: () => Promise<DataError | null>,
  total: number,
): Promise<RegionResult> {
  const chunkRows = Math.max(1, Math.floor(opts.chunkRows ?? DEFAULT_CHUNK_ROWS));
  // One spare byte after the data: the engine puts a sentinel there.
  const blockSize = Math.max(1, Math.floor(opts.bufferSize ?? DEFAULT_BUFFER_SIZE));
  let buf = new Uint8Array(blockSize + 1);
  const queue: EngineChunk[] = [];
  const st: EngineState = csvEngine.newState(plan, chunkRows, line, rowBase, (c) => queue.push(c));
  const spare: ArrayBuffer[][] = [];
  if (opts.reuseChunks) st.take = () => spare.pop() ?? null;
  let filled = 0;
  let bufOffset = start;
  const signal = opts.signal;

  const deliver = async (): Promise<DataError | undefined> => {
    while (queue.length > 0) {
      const c = queue.shift()!;
      // The bytes of this chunk were read before this check: if the file is still as it was opened, they
      // are the file's; if not, nothing more is delivered and the scan fails (never a partial result).
      const changed = await verify();
      if (changed) return changed;
      await opts.onChunk(toDataChunk(c));
      if (opts.reuseChunks) spare.push(chunkBuffers(c));
      opts.onProgress?.(c.byteEnd, total);
      if (signal?.aborted) return cancelledError(file);
    }
    return undefined;
  };
  const done = (error?: DataError): RegionResult => {
    const r: RegionResult = { rows: st.rowBase + st.n - rowBase, byName: st.byName, numeric: st.numeric };
    if (error) r.error = error;
    return r;
  };

  // Read-ahead: the next block is read (on libuv's thread pool, or from the stream) into `next` while this
  // thread parses `buf`; then it is appended after the unconsumed tail of `buf`.
  const next = new Uint8Array(blockSize);
  let pending: Promise<BlockRead> | null = null;
  const startRead = () => {
    pending = source.read(next);
  };
  const settle = async () => {
    if (pending) await source.stop(pending);
    pending = null;
  };
  startRead();
  {
    for (;;) {
      if (signal?.aborted) {
        await settle();
        return done(cancelledError(file));
      }
      let got: BlockRead;
      try {
        got = await pending!;
      } catch (err) {
        pending = null;
        return done((await verify()) ?? source.failed(err, st.line));
      }
      pending = null;
      const n = got.n;
      if (filled > MAX_ROW_BYTES) {
        await settle();
        return done((await verify()) ?? engineErrorToDataError(file, rowTooLong(st.line)));
      }
      if (filled + n + 1 > buf.length) {
        const bigger = new Uint8Array(Math.max(buf.length * 2, filled + n + 1));
        bigger.set(buf.subarray(0, filled));
        buf = bigger;
      }
      buf.set(next.subarray(0, n), filled);
      filled += n;
      const eof = got.last;
      if (!eof) startRead();
      st.bufOffset = bufOffset;
      const pos = csvEngine.parse(st, buf, 0, filled, eof);
      if (st.err) {
        await settle();
        const e = await deliver();
        return done(e ?? (await verify()) ?? engineErrorToDataError(file, st.err));
      }
      if (eof) break;
      let e: DataError | undefined;
      try {
        e = await deliver();
      } catch (thrown) {
        await settle(); // the caller's exception: let it out, but not with a read still running
        throw thrown;
      }
      if (e) {
        await settle();
        return done(e);
      }
      if (pos > 0) {
        buf.copyWithin(0, pos, filled);
        filled -= pos;
        bufOffset += pos;
      }
    }
    csvEngine.flush(st);
    const e = await deliver();
    if (e) return done(e);
    const changed = await verify();
    if (changed) return done(changed);
    return done();
  }
}

/**
 * Reads a CSV file on this thread, delivering chunks of rows in order through `onChunk`.
 * Never throws: every failure is a DataError with its place.
 */
export async function scanCsv(path: string, schema: CsvSchema, opts: CsvScanOptions): Promise<CsvScanResult> {
  const file = opts.displayPath ?? path;
  if (opts.signal?.aborted) return { ok: false, error: cancelledError(file) };
  const opened = await openForRead(path, file, opts);
  if (!opened.ok) return opened;
  const fh = opened.value.handle;
  const size = opened.value.stat.size;
  try {
    const head = await readHeaderFrom(fh, size, file);
    if (!head.ok) return { ok: false, error: await preferChanged(opened.value, head.error) };
    const resolved = resolveCsvSchema(head.value.header, schema, file, head.value.headerLine);
    if (!resolved.ok) return { ok: false, error: await preferChanged(opened.value, resolved.error) };
    const { plan, columns } = resolved.value;
    const verify = () => checkUnchanged(opened.value);
    const r = await scanRegion(fh, plan, head.value.dataStart, size, head.value.dataLine, 0, file, size, opts, verify);
    if (r.error) return { ok: false, error: r.error };
    if (r.rows === 0) return { ok: false, error: noRowsError(file) };
    opts.onProgress?.(size, size);
    return {
      ok: true,
      value: {
        columns,
        rows: r.rows,
        bytes: size,
        labelsByName: r.byName,
        labelsNumeric: r.numeric,
        mode: 'sequential',
        workers: 0,
      },
    };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

export function noRowsError(file: string): DataError {
  return dataError('empty-data', file, 'the file has a header but no data rows');
}

/** Reads a whole CSV into memory (small files: tests, inline previews). */
export async function readCsv(
  path: string,
  schema: CsvSchema,
  opts: Omit<CsvScanOptions, 'onChunk'> = {},
): Promise<DataResult<{ summary: CsvScanSummary; yTrue: Float64Array; yPred: Float64Array; features: Float64Array; lines: Uint32Array }>> {
  const chunks: DataChunk[] = [];
  const res = await scanCsv(path, schema, { ...opts, onChunk: (c) => void chunks.push(c) });
  if (!res.ok) return res;
  const s = res.value;
  const cat = (parts: Float64Array[], width: number): Float64Array => {
    const out = new Float64Array(s.rows * width);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  const lines = new Uint32Array(s.rows);
  let o = 0;
  for (const c of chunks) {
    lines.set(c.lines!, o);
    o += c.n;
  }
  return {
    ok: true,
    value: {
      summary: s,
      yTrue: cat(chunks.map((c) => c.yTrue), s.columns.yTrue.length),
      yPred: cat(chunks.map((c) => c.yPred), s.columns.yPred.length),
      features: cat(chunks.map((c) => c.features ?? new Float64Array(0)), s.columns.features.length),
      lines,
    },
  };
}
