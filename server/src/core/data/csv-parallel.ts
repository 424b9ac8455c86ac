// Parallel CSV reading: byte ranges parsed on worker threads, chunks delivered in row order.
//
// Design
// - The main thread reads the header and resolves the schema. The data region is cut into ranges of a few
//   MiB by byte targets a_0 < a_1 < ...; range i is [S(a_i), S(a_i+1)) where S(x) is the first row start
//   at or after x (just past the first "\n" at index >= x - 1). Each worker finds its own boundaries, and
//   both neighbours of a boundary compute the same S, so every row is parsed exactly once.
// - That cut is only right when no line break between the header and a boundary is inside a quoted field.
//   Workers therefore stop at the first row that contains a '"' and report its offset. Ranges before it
//   held no quote, so everything up to that row is correct; the main thread cancels the other workers and
//   reads the rest of the file sequentially from that row (correct quote handling, single-thread speed).
// - Chunks are transferred (zero-copy) and delivered in row order: the rows and lines of range i are only
//   known once ranges 0..i-1 are done, so later ranges' chunks wait, and at most `workers + 2` ranges are
//   dispatched ahead of the range being delivered: memory stays bounded however large the file is.
// - The first error in file order wins (later ranges' errors are only reported once every earlier range
//   completed cleanly), so a parallel scan reports exactly what a sequential one would.
// - Cancellation (AbortSignal): a shared flag the workers check between buffers, then worker.terminate().
//   The file descriptor belongs to the main thread; it is closed only after every worker has exited.
// - The file is opened once (openRegularFile: a regular file, inside the root) and the workers read that
//   descriptor (see CsvWorkerData.fd). Before each chunk is delivered and at the end, the main thread checks
//   that the file is unchanged (size, mtime, inode): a file rewritten during the read is 'data-changed',
//   never a partial result (a truncation makes workers see an early end of file, which alone looks like a
//   shorter, valid file).
// - Progress: onProgress(file offset just past the last delivered row, file size) after each chunk.
// - Range consumers (CsvParallelOptions.rangeWorkers): the workers are a bundled script that consumes each
//   range's chunks itself (the scorer: csv-score-worker.ts) and sends back only a small result per range,
//   delivered in range order with the range's first row and line (onRange) after the same unchanged-file
//   check a chunk gets. No chunk crosses threads; rows the main thread reads itself (a quote fallback, a
//   small file, no worker) still go to onChunk.

import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { CsvPlan, EngineChunk } from './csv-engine';
import {
  DEFAULT_BUFFER_SIZE,
  DEFAULT_CHUNK_ROWS,
  MAX_ROW_BYTES,
  chunkBuffers,
  engineErrorToDataError,
  noRowsError,
  openForRead,
  preferChanged,
  readHeaderFrom,
  scanRegion,
  toDataChunk,
  type CsvScanOptions,
  type CsvScanResult,
  type CsvScanSummary,
} from './csv';
import { resolveCsvSchema, type CsvSchema } from './csv-schema';
import { csvWorkerSource, type CsvWorkerData, type RangeRequest, type WorkerMessage } from './csv-worker';
import { checkUnchanged } from './safe-open';
import { cancelledError, dataError, type DataError } from './types';

export interface CsvParallelOptions extends CsvScanOptions {
  /** Worker threads (default: available cores, at most 4). 0 reads on the calling thread. */
  workers?: number;
  /** Target bytes per range (default: data size / (6 × workers), between 1 and 4 MiB). */
  rangeBytes?: number;
  /** Files with less data than this are read on the calling thread (default 16 MiB, below which starting
   *  workers costs more than it saves; 0 = always use workers, e.g. to keep a server thread free). */
  minParallelBytes?: number;
  /** Workers that consume their ranges' chunks themselves (see the design notes above). */
  rangeWorkers?: RangeWorkers;
}

export interface RangeWorkers {
  /** The worker's bundled script (it calls csvWorkerMain with a RangeSink). */
  readonly script: string;
  /** Passed to it as workerData.job. */
  readonly job: unknown;
  /** A range's result (RangeSink.end), in range order: `rows` data rows and line `line` precede its first row. */
  onRange(result: unknown, at: { rows: number; line: number }): void | Promise<void>;
  /** A range's sink failure (RangeSink.failure), when it is the first outcome in file order: what to throw. */
  failed(failure: unknown): unknown;
}

/**
 * Range consumers (the scoring workers) read a chunk and drop it, and each thread has a heap of its own:
 * smaller chunks (1.4 MB of arrays for 11 columns, not 5.8) and a young generation of 4 MB (V8's default
 * grows to 16 MB per semi-space) keep three heaps within the memory target (docs/benchmarks.md: with the
 * defaults, 1M × 10 CSV peaked at 150–200 MiB; with these, 122–129 MiB, at the same speed).
 */
const CONSUMER_CHUNK_ROWS = 16384;
const CONSUMER_YOUNG_GENERATION_MB = 4;

let liveWorkers = 0;

/** CSV worker threads started and not yet exited (tests and the server's health checks: a cancelled or
 *  failed read leaves none behind). */
export function liveCsvWorkers(): number {
  return liveWorkers;
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

interface RangeState {
  chunks: EngineChunk[];
  status: 'pending' | 'running' | 'done' | 'error' | 'quote' | 'cancelled';
  msg?: WorkerMessage;
}

/**
 * Reads a CSV file with worker threads, delivering chunks in row order through `onChunk`.
 * Same results (chunks aside: each range's last chunk may be short), same errors as scanCsv.
 */
export async function scanCsvParallel(
  path: string,
  schema: CsvSchema,
  opts: CsvParallelOptions,
): Promise<CsvScanResult> {
  const file = opts.displayPath ?? path;
  const signal = opts.signal;
  if (signal?.aborted) return { ok: false, error: cancelledError(file) };
  const opened = await openForRead(path, file, opts);
  if (!opened.ok) return opened;
  const fh = opened.value.handle;
  const size = opened.value.stat.size;
  const verify = () => checkUnchanged(opened.value);
  try {
    const head = await readHeaderFrom(fh, size, file);
    if (!head.ok) return { ok: false, error: await preferChanged(opened.value, head.error) };
    const resolved = resolveCsvSchema(head.value.header, schema, file, head.value.headerLine);
    if (!resolved.ok) return { ok: false, error: await preferChanged(opened.value, resolved.error) };
    const { plan, columns } = resolved.value;
    const { dataStart, dataLine } = head.value;
    const dataBytes = size - dataStart;
    const workers = Math.max(0, Math.floor(opts.workers ?? defaultWorkerCount()));
    const minBytes = opts.minParallelBytes ?? 16 << 20;

    const summary = (
      rows: number,
      byName: number,
      numeric: number,
      mode: 'sequential' | 'parallel',
      fallback?: string,
    ): CsvScanSummary => {
      const s: CsvScanSummary = {
        columns,
        rows,
        bytes: size,
        labelsByName: byName,
        labelsNumeric: numeric,
        mode,
        workers: mode === 'parallel' ? workers : 0,
      };
      if (fallback) s.fallback = fallback;
      return s;
    };

    const sequential = async (fallback?: string): Promise<CsvScanResult> => {
      const r = await scanRegion(fh, plan, dataStart, size, dataLine, 0, file, size, opts, verify);
      if (r.error) return { ok: false, error: r.error };
      if (r.rows === 0) return { ok: false, error: noRowsError(file) };
      opts.onProgress?.(size, size);
      return { ok: true, value: summary(r.rows, r.byName, r.numeric, 'sequential', fallback) };
    };

    if (workers === 0 || dataBytes < minBytes || dataBytes <= 0) return await sequential();

    const rangeBytes = Math.max(
      1,
      Math.floor(opts.rangeBytes ?? Math.min(4 << 20, Math.max(1 << 20, Math.ceil(dataBytes / (6 * workers))))),
    );
    const nRanges = Math.max(1, Math.ceil(dataBytes / rangeBytes));
    const target = (i: number) => (i >= nRanges ? size : dataStart + i * rangeBytes);

    const run = await runWorkers({
      fd: fh.fd,
      size,
      dataStart,
      dataLine,
      plan,
      workers,
      nRanges,
      target,
      file,
      opts,
      verify,
    });
    if (run.kind === 'worker-failed') {
      // No chunk was delivered: read the whole file here instead.
      return await sequential(`worker threads unavailable (${run.reason}); read on one thread`);
    }
    if (run.kind === 'error') return { ok: false, error: await preferChanged(opened.value, run.error) };
    let { rows, byName, numeric } = run;
    let fallback: string | undefined;
    if (run.kind === 'quote') {
      fallback = `quoted fields from line ${run.line}: read sequentially from there`;
      const r = await scanRegion(fh, plan, run.at, size, run.line, rows, file, size, opts, verify);
      if (r.error) return { ok: false, error: r.error };
      rows += r.rows;
      byName += r.byName;
      numeric += r.numeric;
    }
    const changed = await verify();
    if (changed) return { ok: false, error: changed };
    if (rows === 0) return { ok: false, error: noRowsError(file) };
    opts.onProgress?.(size, size);
    return { ok: true, value: summary(rows, byName, numeric, 'parallel', fallback) };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

type RunResult =
  | { kind: 'done'; rows: number; byName: number; numeric: number }
  | { kind: 'quote'; rows: number; byName: number; numeric: number; at: number; line: number }
  | { kind: 'error'; error: DataError }
  | { kind: 'worker-failed'; reason: string };

async function runWorkers(p: {
  fd: number;
  size: number;
  dataStart: number;
  dataLine: number;
  plan: CsvPlan;
  workers: number;
  nRanges: number;
  target: (i: number) => number;
  file: string;
  opts: CsvParallelOptions;
  verify: () => Promise<DataError | null>;
}): Promise<RunResult> {
  const { opts, file, nRanges } = p;
  const signal = opts.signal;
  const cancel = new SharedArrayBuffer(4);
  const cancelFlag = new Int32Array(cancel);
  const nWorkers = Math.min(p.workers, nRanges);
  const recyclePorts: MessagePort[] = [];
  const rangeWorker: number[] = [];
  const ranges: RangeState[] = Array.from({ length: nRanges }, () => ({ chunks: [], status: 'pending' }));
  const pool: Worker[] = [];
  const busy: Array<number | null> = [];
  let nextRange = 0;
  let deliverIdx = 0;
  const maxAhead = nWorkers + 2;
  let failure: string | null = null;
  let delivered = false;

  // Wakes the delivery loop when something arrives.
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onAbort = () => {
    Atomics.store(cancelFlag, 0, 1);
    poke();
  };
  signal?.addEventListener('abort', onAbort);

  const dispatch = () => {
    for (let w = 0; w < pool.length; w++) {
      if (busy[w] !== null) continue;
      if (nextRange >= nRanges || nextRange >= deliverIdx + maxAhead) return;
      const i = nextRange++;
      busy[w] = i;
      rangeWorker[i] = w;
      ranges[i].status = 'running';
      const req: RangeRequest = { type: 'range', index: i, a: p.target(i), b: p.target(i + 1) };
      pool[w].postMessage(req);
    }
  };

  const consumers = opts.rangeWorkers;
  // A range's result, handed over in range order after the check that the file is as it was opened.
  const deliverResult = async (m: { result?: unknown; end?: number }, rows: number, line: number): Promise<DataError | null> => {
    if (!consumers || m.result === undefined) return null;
    const changed = await p.verify();
    if (changed) return changed;
    delivered = true;
    await consumers.onRange(m.result, { rows, line });
    if (m.end !== undefined) opts.onProgress?.(m.end, p.size);
    return signal?.aborted ? cancelledError(file) : null;
  };
  try {
    const source = consumers ? '' : csvWorkerSource();
    for (let w = 0; w < nWorkers; w++) {
      let worker: Worker;
      const channel = new MessageChannel();
      recyclePorts.push(channel.port1);
      const workerData: CsvWorkerData = {
        fd: p.fd,
        size: p.size,
        dataStart: p.dataStart,
        plan: p.plan,
        chunkRows: Math.max(1, Math.floor(opts.chunkRows ?? (consumers ? CONSUMER_CHUNK_ROWS : DEFAULT_CHUNK_ROWS))),
        bufferSize: Math.max(1, Math.floor(opts.bufferSize ?? DEFAULT_BUFFER_SIZE)),
        maxRowBytes: MAX_ROW_BYTES,
        cancel,
        recycle: channel.port2,
      };
      try {
        // execArgv: [] keeps the parent's loaders (tsx) out of the worker: its code is plain JavaScript.
        worker = consumers
          ? new Worker(consumers.script, {
              workerData: { ...workerData, job: consumers.job },
              transferList: [channel.port2],
              execArgv: [],
              resourceLimits: { maxYoungGenerationSizeMb: CONSUMER_YOUNG_GENERATION_MB },
            })
          : new Worker(source, { eval: true, workerData, transferList: [channel.port2], execArgv: [] });
      } catch (err) {
        return { kind: 'worker-failed', reason: err instanceof Error ? err.message : String(err) };
      }
      pool.push(worker);
      busy.push(null);
      liveWorkers++;
      worker.once('exit', () => liveWorkers--);
      worker.on('message', (m: WorkerMessage) => {
        const r = ranges[m.index];
        if (m.type === 'chunk') r.chunks.push(m.chunk);
        else {
          r.status = m.type === 'io-error' || m.type === 'sink-error' ? 'error' : m.type;
          r.msg = m;
          busy[w] = null;
          if (m.type === 'done') dispatch();
        }
        poke();
      });
      worker.on('error', (err) => {
        failure ??= err instanceof Error ? err.message : String(err);
        poke();
      });
      worker.on('exit', (code) => {
        if (code !== 0 && Atomics.load(cancelFlag, 0) === 0) failure ??= `a worker exited with code ${code}`;
        poke();
      });
    }
    dispatch();

    let rowBase = 0;
    let lineBase = p.dataLine;
    let byName = 0;
    let numeric = 0;
    for (;;) {
      if (signal?.aborted) return { kind: 'error', error: cancelledError(file) };
      if (failure !== null) {
        if (!delivered) return { kind: 'worker-failed', reason: failure };
        return { kind: 'error', error: dataError('internal-error', file, `a worker thread failed: ${failure}`) };
      }
      if (deliverIdx >= nRanges) return { kind: 'done', rows: rowBase, byName, numeric };
      const r = ranges[deliverIdx];
      if (r.chunks.length > 0) {
        const chunks = r.chunks;
        r.chunks = [];
        for (const c of chunks) {
          const changed = await p.verify();
          if (changed) return { kind: 'error', error: changed };
          delivered = true;
          await opts.onChunk(toDataChunk(c, rowBase, lineBase));
          if (opts.reuseChunks) {
            const buffers = chunkBuffers(c);
            recyclePorts[rangeWorker[deliverIdx]].postMessage(buffers, buffers);
          }
          opts.onProgress?.(c.byteEnd, p.size);
          if (signal?.aborted) return { kind: 'error', error: cancelledError(file) };
        }
        continue;
      }
      const m = r.msg;
      if (m !== undefined) {
        if (m.type === 'done') {
          const e = await deliverResult(m, rowBase, lineBase);
          if (e) return { kind: 'error', error: e };
          rowBase += m.rows;
          lineBase += m.lines;
          byName += m.byName;
          numeric += m.numeric;
          deliverIdx++;
          dispatch();
          continue;
        }
        if (m.type === 'error') return { kind: 'error', error: engineErrorToDataError(file, m.error, lineBase) };
        if (m.type === 'io-error') {
          return { kind: 'error', error: dataError('data-unreadable', file, `cannot be read (${m.message})`) };
        }
        if (m.type === 'sink-error') throw consumers!.failed(m.failure);
        if (m.type === 'quote') {
          const e = await deliverResult(m, rowBase, lineBase);
          if (e) return { kind: 'error', error: e };
          return {
            kind: 'quote',
            rows: rowBase + m.rows,
            byName: byName + m.byName,
            numeric: numeric + m.numeric,
            at: m.at,
            line: lineBase + m.lines,
          };
        }
        if (m.type === 'cancelled') return { kind: 'error', error: cancelledError(file) };
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    Atomics.store(cancelFlag, 0, 1);
    // The workers read through the caller's file descriptor: wait until they have stopped.
    await Promise.all(pool.map((w) => w.terminate().catch(() => undefined)));
    for (const port of recyclePorts) port.close();
  }
}
