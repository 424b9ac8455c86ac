// Reading CSV data from a stream (stdin: `xent eval FILE --data -`, fed by Spark's mapInPandas or rdd.pipe)
// with the file reader's guarantees: the same header handling, row engine, limits, chunks, errors and line
// numbers as scanCsv gives for a file with the same bytes (csv.ts's parseHeaderBytes and scanBlocks do the
// work for both), and memory bounded by the block size plus the longest row, whatever the input's length.
//
// What a stream cannot have: the file checks of safe-open.ts (regular file, inside the root, unchanged while
// read) have nothing to check on a pipe, its size is unknown until it ends (progress reports a total of 0 until
// then), and it can be read only once. A stream that stops with an error (an 'error' event, EPIPE, ECONNRESET)
// or a caller's AbortSignal ends the read with a DataError; nothing here throws, and a read waiting for bytes
// that never come is abandoned at once when the signal fires.

import {
  MAX_HEADER_BYTES,
  headerTooLongError,
  noRowsError,
  parseHeaderBytes,
  scanBlocks,
  type BlockSource,
  type CsvHeader,
  type CsvScanOptions,
  type CsvScanResult,
} from './csv';
import { resolveCsvSchema, type CsvSchema } from './csv-schema';
import { cancelledError, dataError, type DataError, type DataResult } from './types';

export interface CsvStream {
  /** As readCsvHeader gives for a file with the same bytes, except `size`: the bytes received when the
   *  header was found (a stream's length is known only at its end; the scan's summary has it). */
  readonly header: CsvHeader;
  /** Reads every row once (a second call fails with a clear error), delivering chunks exactly as scanCsv
   *  does for a file with the same bytes. `bytes` in the summary is the number of bytes read; onProgress
   *  gets a total of 0 (unknown) until the end. opts.displayPath is ignored: the stream's own is used. */
  scan(schema: CsvSchema, opts: CsvScanOptions): Promise<CsvScanResult>;
}

export interface CsvStreamOptions {
  /** How messages name the stream ("stdin"). */
  displayPath: string;
  /** Cancels reading the header and any scan of this stream: the result is then a `cancelled` error. */
  signal?: AbortSignal;
}

/** What a read waiting for the input fails with when it is stopped: the caller's signal fired (reported as
 *  `cancelled`), or the scan ended early (nobody awaits the read any more). */
class Stopped {}

const noop = (): void => undefined;
const encoder = new TextEncoder();

/**
 * The input's bytes as they arrive, handed out in blocks of the size asked for. Holds at most the piece
 * being consumed, one piece read ahead (to know whether the input ends) and the bytes after the header.
 */
class PieceReader {
  /** Bytes received and not yet handed out, in order. */
  private queue: Uint8Array[] = [];
  private ended = false;
  private stopped: Stopped | null = null;
  /** Rejects the read that is waiting for the input (to stop it at once). */
  private interrupt: ((reason: Stopped) => void) | null = null;
  /** Bytes received from the input. */
  received = 0;

  constructor(private readonly it: AsyncIterator<Uint8Array | string>) {}

  /** Waits for the next piece; false at the end of the input. */
  private pull(): Promise<boolean> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise<boolean>((resolve, reject) => {
      this.interrupt = reject;
      // Promise.resolve().then: an iterator whose next() throws synchronously fails like one that rejects.
      Promise.resolve()
        .then(() => this.it.next())
        .then(
          (r) => {
            this.interrupt = null;
            if (this.stopped) return;
            if (r.done) {
              this.ended = true;
              resolve(false);
              return;
            }
            const piece = typeof r.value === 'string' ? encoder.encode(r.value) : r.value;
            if (!(piece instanceof Uint8Array)) {
              reject(new TypeError(`the input gave a ${typeof piece}, not bytes`));
              return;
            }
            this.received += piece.length;
            if (piece.length > 0) this.queue.push(piece);
            resolve(true);
          },
          (err: unknown) => {
            this.interrupt = null;
            reject(err);
          },
        );
    });
  }

  /** Copies the next bytes into into[from, to); fewer than asked only at the end of the input. */
  async fill(into: Uint8Array, from: number, to: number): Promise<number> {
    let at = from;
    while (at < to) {
      if (this.queue.length === 0) {
        if (this.ended || !(await this.pull())) break;
        continue;
      }
      const head = this.queue[0];
      const k = Math.min(head.length, to - at);
      into.set(k === head.length ? head : head.subarray(0, k), at);
      at += k;
      if (k === head.length) this.queue.shift();
      else this.queue[0] = head.subarray(k);
    }
    return at - from;
  }

  /** Copies the bytes at hand (at least one, waiting for a piece if none) into into[from, to); 0 at the end. */
  async fillSome(into: Uint8Array, from: number, to: number): Promise<number> {
    if (this.queue.length === 0 && (this.ended || !(await this.pull()))) return 0;
    return this.fill(into, from, Math.min(to, from + this.queue[0].length));
  }

  /** Whether no byte follows what was handed out (waits for the next piece to know). */
  async atEnd(): Promise<boolean> {
    while (this.queue.length === 0) {
      if (this.ended || !(await this.pull())) return true;
    }
    return false;
  }

  /** Puts bytes back in front (the bytes after the header, read with it). */
  unread(bytes: Uint8Array): void {
    if (bytes.length > 0) this.queue.unshift(bytes);
  }

  /** Stops waiting for the input: the read in progress, and any later one, fail with `why`. */
  stop(why: Stopped): void {
    if (this.stopped) return;
    this.stopped = why;
    this.interrupt?.(why);
    this.interrupt = null;
  }

  /** Done with the input: drop what is held and let the stream go (a Readable is destroyed by return()). */
  release(): void {
    this.stop(new Stopped());
    this.queue = [];
    Promise.resolve()
      .then(() => this.it.return?.())
      .catch(noop);
  }
}

/** The input failed after `bytes` bytes; `line` is the line of the first row not yet read whole (absent
 *  before the header was read). The rows before it were delivered, the others never will be. */
function streamError(file: string, err: unknown, bytes: number, line?: number): DataError {
  const e = err as { message?: unknown; code?: unknown } | null;
  const text = typeof e?.message === 'string' && e.message !== '' ? e.message : typeof e?.code === 'string' ? e.code : String(err);
  const what = `the input stream failed after ${bytes} byte${bytes === 1 ? '' : 's'} (${text})`;
  return dataError('data-unreadable', file, line === undefined ? `${what}, before the header was read` : `${what}; the rows from this line on were not read`, line);
}

/**
 * Watches the header's bytes as they arrive for a line break that may end the header row, following the row
 * engine's field syntax (a quoted field runs to its closing quote; blank lines before the header are
 * skipped). Only says when a parse is worth trying: the parse (parseHeaderBytes) decides, so a wrong guess
 * costs time, never a different result. Without it, a header followed by a pause in the input would wait for
 * a full buffer, or every piece would re-parse the header from its start (quadratic in 1-byte pieces).
 */
class HeaderEndWatch {
  // 0 before the row (blank lines), 1 at a field's start, 2 in an unquoted field, 3 in a quoted field, 4 just
  // after a quote inside a quoted field (a closing quote, or the first of two).
  private state = 0;
  private at = 0;
  /** A line break that may end the header row has been seen. */
  seen = false;

  /** Scans buf[this.at, filled). */
  feed(buf: Uint8Array, filled: number): void {
    if (this.at === 0) {
      // The UTF-8 BOM, skipped as parseHeaderBytes does (wait for 3 bytes to know).
      if (filled < 3) return;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) this.at = 3;
    }
    let st = this.state;
    let i = this.at;
    for (; i < filled && !this.seen; i++) {
      const c = buf[i];
      const lineBreak = c === 10 || c === 13;
      if (st === 3) {
        if (c === 34) st = 4;
      } else if (st === 4 && c === 34) st = 3;
      else if (lineBreak) {
        if (st !== 0) this.seen = true;
      } else if (c === 44) st = 1;
      else if (st === 4) this.seen = true; // text after a closing quote: the parse reports it
      else if (c === 34 && st <= 1) st = 3;
      else st = 2;
    }
    this.state = st;
    this.at = i;
  }
}

/** Reads the header as readHeaderFrom does for a file, from a buffer grown the same way to the same limit;
 *  the bytes after the header are put back for the scan. */
async function readStreamHeader(pieces: PieceReader, file: string): Promise<DataResult<CsvHeader>> {
  let buf = new Uint8Array(65536);
  let filled = 0;
  const watch = new HeaderEndWatch();
  const done = (head: DataResult<CsvHeader>): DataResult<CsvHeader> => {
    if (!head.ok) return head;
    pieces.unread(buf.subarray(head.value.dataStart, filled));
    return { ok: true, value: { ...head.value, size: pieces.received } };
  };
  for (;;) {
    if (filled === buf.length) {
      // A full buffer: try it as a file read of this size would (a header the watch missed is found here).
      const head = parseHeaderBytes(buf, filled, false, file, 0);
      if (head !== null) return done(head);
      if (buf.length >= MAX_HEADER_BYTES) {
        // As for a file: a first row of exactly the limit is a header if the input ends with it.
        if (await pieces.atEnd()) return done(parseHeaderBytes(buf, filled, true, file, 0)!);
        return { ok: false, error: headerTooLongError(file) };
      }
      const bigger = new Uint8Array(Math.min(buf.length * 2, MAX_HEADER_BYTES));
      bigger.set(buf);
      buf = bigger;
    }
    const n = await pieces.fillSome(buf, filled, buf.length);
    if (n === 0) return done(parseHeaderBytes(buf, filled, true, file, 0)!); // with eof, never null
    filled += n;
    watch.feed(buf, filled);
    if (watch.seen) {
      // A header row read whole parses the same whether or not more follows.
      const head = parseHeaderBytes(buf, filled, false, file, 0);
      if (head !== null) return done(head);
    }
  }
}

/** An AbortSignal that fires when any of `signals` does; `dispose` removes its listeners. */
function anySignal(signals: (AbortSignal | undefined)[]): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const fire = () => ac.abort();
  const live = signals.filter((s): s is AbortSignal => s !== undefined);
  for (const s of live) {
    if (s.aborted) ac.abort();
    else s.addEventListener('abort', fire, { once: true });
  }
  return { signal: ac.signal, dispose: () => live.forEach((s) => s.removeEventListener('abort', fire)) };
}

/**
 * Reads the header of the CSV on `input` (process.stdin, or any async iterable of byte pieces of any size)
 * and returns a reader for its rows. Never throws: a failure is a DataError naming opts.displayPath.
 */
export async function openCsvStream(
  input: AsyncIterable<Uint8Array>,
  opts: CsvStreamOptions,
): Promise<DataResult<CsvStream>> {
  const file = opts.displayPath;
  if (opts.signal?.aborted) return { ok: false, error: cancelledError(file) };
  let pieces: PieceReader;
  try {
    pieces = new PieceReader(input[Symbol.asyncIterator]());
  } catch (err) {
    return { ok: false, error: streamError(file, err, 0) };
  }
  const cancel = () => pieces.stop(new Stopped());
  opts.signal?.addEventListener('abort', cancel, { once: true });
  let head: DataResult<CsvHeader>;
  try {
    head = await readStreamHeader(pieces, file);
  } catch (err) {
    head = { ok: false, error: err instanceof Stopped ? cancelledError(file) : streamError(file, err, pieces.received) };
  } finally {
    opts.signal?.removeEventListener('abort', cancel);
  }
  if (!head.ok) {
    pieces.release();
    return head;
  }
  const header = head.value;
  let scanned = false;

  const scan = async (schema: CsvSchema, scanOpts: CsvScanOptions): Promise<CsvScanResult> => {
    if (scanned) {
      return { ok: false, error: dataError('data-unreadable', file, 'the input stream has already been read (a stream can be scanned only once)') };
    }
    scanned = true;
    const stopOn = anySignal([opts.signal, scanOpts.signal]);
    const cancelRead = () => pieces.stop(new Stopped());
    stopOn.signal.addEventListener('abort', cancelRead, { once: true });
    try {
      if (stopOn.signal.aborted) return { ok: false, error: cancelledError(file) };
      const resolved = resolveCsvSchema(header.header, schema, file, header.headerLine);
      if (!resolved.ok) return resolved;
      const { plan, columns } = resolved.value;
      const source: BlockSource = {
        read: async (into) => {
          const n = await pieces.fill(into, 0, into.length);
          return { n, last: n < into.length || (await pieces.atEnd()) };
        },
        // A stream may never deliver the bytes a running read waits for: abandon it.
        stop: (running) => {
          pieces.stop(new Stopped());
          running.catch(noop);
          return Promise.resolve();
        },
        failed: (err, line) => (err instanceof Stopped ? cancelledError(file) : streamError(file, err, pieces.received, line)),
      };
      // Nothing to verify on a stream: its bytes are what was read (no file that could change under us).
      const verify = () => Promise.resolve(null);
      const r = await scanBlocks(source, plan, header.dataStart, header.dataLine, 0, file, { ...scanOpts, signal: stopOn.signal }, verify, 0);
      if (r.error) return { ok: false, error: r.error };
      if (r.rows === 0) return { ok: false, error: noRowsError(file) };
      const bytes = pieces.received;
      scanOpts.onProgress?.(bytes, bytes);
      return {
        ok: true,
        value: { columns, rows: r.rows, bytes, labelsByName: r.byName, labelsNumeric: r.numeric, mode: 'sequential', workers: 0 },
      };
    } finally {
      stopOn.signal.removeEventListener('abort', cancelRead);
      stopOn.dispose();
      pieces.release();
    }
  };

  return { ok: true, value: { header, scan } };
}
