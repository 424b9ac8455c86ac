// The code that runs on a CSV worker thread, and how it gets there.
//
// How the worker is started — one mechanism that works both under tsx (tests, TypeScript sources) and in
// the esbuild bundles (dist/cli.js, dist/server.js), with no extra entry point in esbuild.mjs:
//
//   new Worker(csvWorkerSource(), { eval: true })
//
// The worker's code is built as a string from the *compiled* functions `createNumberParser`,
// `createCsvEngine`, `excerptText` and `csvWorkerMain` via Function.prototype.toString(). Whatever compiled them (tsx's
// esbuild transform, or the esbuild bundle, minified or not), toString() returns their compiled JavaScript,
// so the worker runs exactly the code the main thread runs. This works because those functions are
// self-contained: they reference nothing from their modules' scope — only their parameters and globals
// (TextDecoder, Atomics, ...); Node modules are passed in as arguments. One wrinkle: tsx compiles with
// esbuild's keepNames, which inserts calls to a module-level helper `__name(fn, "name")` inside function
// bodies; the prelude defines `__name` for the worker. (A separate worker entry file would instead need
// an entry in esbuild.mjs and a path that differs between tsx and the bundle.)
//
// Keep these functions self-contained when editing: a reference to an imported value would be a
// ReferenceError in the worker. The tests run the workers under tsx and from an esbuild bundle.

import { createCsvEngine, type CsvPlan, type EngineChunk, type EngineError } from './csv-engine';
import { excerptText } from './excerpt';
import { createNumberParser } from './number';

export interface CsvWorkerData {
  /** The parent's descriptor, opened and verified by openRegularFile (safe-open.ts). Worker threads share
   *  the process's descriptor table, so this number names the very file the parent checked (a regular
   *  file inside the root, dev+ino as resolved); re-opening the path here would open whatever the path
   *  names by then (a swapped symlink). The parent keeps it open until every worker has exited. */
  fd: number;
  size: number;
  dataStart: number;
  plan: CsvPlan;
  chunkRows: number;
  bufferSize: number;
  /** The longest row (csv.ts MAX_ROW_BYTES): a longer one is a data-parse error, not an unbounded buffer. */
  maxRowBytes: number;
  /** Int32Array over a SharedArrayBuffer: [0] != 0 asks the worker to stop at its next buffer. */
  cancel: SharedArrayBuffer;
  /** Where the main thread sends back the buffers of consumed chunks ([yTrue, yPred, lines, features?])
   *  for reuse, when the caller allows it (reuseChunks). Polled synchronously with receiveMessageOnPort. */
  recycle: import('node:worker_threads').MessagePort;
}

/** main → worker */
export interface RangeRequest {
  type: 'range';
  index: number;
  /** Byte targets; the range is [S(a), S(b)) where S(x) is the first row start at or after x. */
  a: number;
  b: number;
}

/**
 * Where a worker's chunks go when they are consumed on the worker itself (a bundled worker that scores its
 * range, csv-score-worker.ts) rather than sent to the main thread. `chunk` reads the chunk synchronously: its
 * arrays are reused for the range's next chunk once it returns. `end` gives what the range's 'done' or
 * 'quote' message carries (its `result`: plain data, the range's scorer state); it may throw, as `chunk` may:
 * the range then ends with a 'sink-error' carrying `failure(err)`.
 */
export interface RangeSink {
  chunk(index: number, chunk: EngineChunk): void;
  end(index: number): unknown;
  failure(err: unknown): unknown;
}

/** worker → main */
export type WorkerMessage =
  | { type: 'chunk'; index: number; chunk: EngineChunk }
  | {
      type: 'done';
      index: number;
      start: number;
      end: number;
      rows: number;
      lines: number;
      byName: number;
      numeric: number;
      /** What a RangeSink made of the range's rows. */
      result?: unknown;
    }
  | { type: 'error'; index: number; error: EngineError }
  | { type: 'io-error'; index: number; message: string; code?: string }
  | { type: 'quote'; index: number; at: number; rows: number; lines: number; byName: number; numeric: number; result?: unknown }
  | { type: 'sink-error'; index: number; failure: unknown }
  | { type: 'cancelled'; index: number };

type WT = typeof import('node:worker_threads');
type FS = typeof import('node:fs');
type Engine = ReturnType<typeof createCsvEngine>;

/** The worker's main loop (self-contained: see the comment at the top). With a sink, chunks are consumed
 *  here (RangeSink) and only its result goes back; without, they are transferred to the main thread. */
export function csvWorkerMain(wt: WT, fs: FS, engine: Engine, sink?: RangeSink): void {
  const port = wt.parentPort!;
  const data = wt.workerData as CsvWorkerData;
  const cancel = new Int32Array(data.cancel);
  const plan = data.plan;
  // One spare byte after the data: the engine puts a sentinel there.
  let buf = new Uint8Array(Math.max(1, data.bufferSize) + 1);
  // A sink reads each chunk before the engine goes on: the same arrays serve every range.
  let spare: ArrayBuffer[] | null = null;

  // The first row start at or after x: just past the first "\n" at index >= x - 1.
  function rowStartAt(x: number): number {
    if (x <= data.dataStart) return data.dataStart;
    if (x >= data.size) return data.size;
    const probe = new Uint8Array(65536);
    let pos = x - 1;
    while (pos < data.size) {
      const n = fs.readSync(data.fd, probe, 0, probe.length, pos);
      if (n <= 0) break;
      const i = probe.subarray(0, n).indexOf(10);
      if (i >= 0) return pos + i + 1;
      pos += n;
    }
    return data.size;
  }

  function runRange(req: RangeRequest): void {
    const index = req.index;
    const start = rowStartAt(req.a);
    const end = Math.max(start, rowStartAt(req.b));
    const emit = (chunk: EngineChunk) => {
      sinkCall(() => sink!.chunk(index, chunk));
      spare = [chunk.yTrue.buffer as ArrayBuffer, chunk.yPred.buffer as ArrayBuffer, chunk.lines.buffer as ArrayBuffer];
      if (chunk.features) spare.push(chunk.features.buffer as ArrayBuffer);
    };
    const st = engine.newState(plan, data.chunkRows, 0, 0, sink ? emit : (chunk: EngineChunk) => {
      const transfer: ArrayBuffer[] = [
        chunk.yTrue.buffer as ArrayBuffer,
        chunk.yPred.buffer as ArrayBuffer,
        chunk.lines.buffer as ArrayBuffer,
      ];
      if (chunk.features) transfer.push(chunk.features.buffer as ArrayBuffer);
      port.postMessage({ type: 'chunk', index, chunk }, transfer);
    });
    st.stopAtQuote = true;
    st.take = sink
      ? () => {
          const s = spare;
          spare = null;
          return s;
        }
      : () => {
          const m = wt.receiveMessageOnPort(data.recycle);
          return m === undefined ? null : (m.message as ArrayBuffer[]);
        };
    let filled = 0;
    let filePos = start;
    let bufOffset = start;
    for (;;) {
      if (Atomics.load(cancel, 0) !== 0) {
        port.postMessage({ type: 'cancelled', index });
        return;
      }
      const want = Math.min(buf.length - 1 - filled, end - filePos);
      let n = 0;
      if (want > 0) n = fs.readSync(data.fd, buf, filled, want, filePos);
      filePos += n;
      filled += n;
      const eof = filePos >= end || (want > 0 && n === 0);
      st.bufOffset = bufOffset;
      const pos = engine.parse(st, buf, 0, filled, eof);
      if (st.err !== null) {
        engine.flush(st);
        port.postMessage({ type: 'error', index, error: st.err });
        return;
      }
      if (st.quoteAt >= 0) {
        engine.flush(st);
        port.postMessage({
          type: 'quote',
          index,
          at: st.quoteAt,
          rows: st.rowBase,
          lines: st.line,
          byName: st.byName,
          numeric: st.numeric,
          result: sink ? sinkCall(() => sink.end(index)) : undefined,
        });
        return;
      }
      if (eof) break;
      if (pos === 0 && filled === buf.length - 1) {
        if (filled > data.maxRowBytes) {
          engine.flush(st);
          port.postMessage({
            type: 'error',
            index,
            error: {
              code: 'data-parse',
              line: st.line,
              reason: `a row longer than ${data.maxRowBytes / 1048576} MiB starts here (a file without line breaks, or a quote that never closes?)`,
            },
          });
          return;
        }
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      } else if (pos > 0) {
        buf.copyWithin(0, pos, filled);
        filled -= pos;
        bufOffset += pos;
      }
    }
    engine.flush(st);
    port.postMessage({
      type: 'done',
      index,
      start,
      end,
      rows: st.rowBase,
      lines: st.line,
      byName: st.byName,
      numeric: st.numeric,
      result: sink ? sinkCall(() => sink.end(index)) : undefined,
    });
  }

  // An exception of the sink (not of a read) is the range's outcome, reported in file order as errors are.
  let sinkFailed: { err: unknown } | null = null;
  function sinkCall<T>(f: () => T): T {
    try {
      return f();
    } catch (err) {
      sinkFailed = { err };
      throw err;
    }
  }

  port.on('message', (req: RangeRequest) => {
    if (req.type !== 'range') return;
    sinkFailed = null;
    try {
      runRange(req);
    } catch (err) {
      const failed = sinkFailed as { err: unknown } | null; // set by sinkCall during runRange
      if (sink && failed !== null) {
        port.postMessage({ type: 'sink-error', index: req.index, failure: sink.failure(failed.err) });
        return;
      }
      const e = err as { message?: string; code?: string };
      port.postMessage({ type: 'io-error', index: req.index, message: String(e?.message ?? err), code: e?.code });
    }
  });
}

let cachedSource: string | undefined;
let sourceOverride: string | undefined;

/** Tests only: replace the worker's source (e.g. with a broken one, to check the fallback). */
export function setCsvWorkerSourceForTests(source: string | undefined): void {
  sourceOverride = source;
}

/** The worker's source text (see the comment at the top of this file). */
export function csvWorkerSource(): string {
  if (sourceOverride !== undefined) return sourceOverride;
  cachedSource ??= [
    '"use strict";',
    '// xent CSV worker: built from compiled functions by csvWorkerSource() (server/src/core/data/csv-worker.ts)',
    'var __name = function (fn) { return fn; };',
    `const createNumberParser = ${createNumberParser.toString()};`,
    `const createCsvEngine = ${createCsvEngine.toString()};`,
    `const excerptText = ${excerptText.toString()};`,
    `const csvWorkerMain = ${csvWorkerMain.toString()};`,
    "csvWorkerMain(require('node:worker_threads'), require('node:fs'), createCsvEngine(createNumberParser(), (t) => \"'\" + excerptText(t, 40) + \"'\"));",
  ].join('\n');
  return cachedSource;
}
