// Runs evaluation jobs on worker threads (dist/eval-worker.js, beside the server bundle), a small pool of
// them kept warm for a while so that a click on "▶ evaluate" does not pay a thread start each time.
// Cancelling a job answers at once and frees its place in the pool at once: the worker is asked to stop (its
// AbortSignal, so the readers close their files), leaves the pool, and is terminated if it does not stop soon
// (a long synchronous step); a new worker takes its place for the next job. So cancelled or stuck jobs never
// use up the pool, whatever they were doing. Where no worker bundle exists (the server run from its
// TypeScript sources, as unit tests do) jobs run on the calling thread with the same cancellation.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { cancelledReply, failedReply, runEvaluationJob } from './job';
import type { EvalJob, FromWorker, JobReply, ToWorker } from './protocol';

export interface RunOptions {
  readonly signal: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Threads of the pool: running a job, draining a cancelled one (on their way out), idle, and stuck. */
export interface PoolStats {
  readonly busy: number;
  readonly draining: number;
  readonly idle: number;
  /**
   * Terminated but still not gone after STUCK_AFTER_MS: a thread blocked in a system call, which no
   * termination can interrupt. Node's process.exit waits for every worker thread, so with one of these
   * the process can only end by a signal (server.ts does that on `exit`).
   */
  readonly stuck: number;
}

export interface JobRunner {
  run(job: Omit<EvalJob, 'id'>, options: RunOptions): Promise<JobReply>;
  stats(): PoolStats;
  dispose(): void;
}

const STUCK_AFTER_MS = 1_000;

/** The worker bundle beside this bundle (dist/eval-worker.js), if it was built. */
export function defaultWorkerScript(): string | undefined {
  const script = join(__dirname, 'eval-worker.js');
  return existsSync(script) ? script : undefined;
}

export function createJobRunner(options: { script?: string; maxWorkers?: number; idleMs?: number; stopGraceMs?: number } = {}): JobRunner {
  const script = 'script' in options ? options.script : defaultWorkerScript();
  return script ? new WorkerPool(script, options) : new InProcessRunner();
}

class InProcessRunner implements JobRunner {
  private nextId = 1;
  run(job: Omit<EvalJob, 'id'>, { signal, onProgress }: RunOptions): Promise<JobReply> {
    const cancelled = new Promise<JobReply>((resolve) => {
      if (signal.aborted) resolve(cancelledReply(job.experiment));
      signal.addEventListener('abort', () => resolve(cancelledReply(job.experiment)), { once: true });
    });
    const work = runEvaluationJob({ ...job, id: this.nextId++ }, signal, onProgress ?? (() => {})).catch((err: unknown) =>
      failedReply(job.experiment, `internal error: ${err instanceof Error ? err.message : String(err)}`),
    );
    return Promise.race([work, cancelled]);
  }
  stats(): PoolStats {
    return { busy: 0, draining: 0, idle: 0, stuck: 0 }; // no threads of its own
  }
  dispose(): void {}
}

interface PooledWorker {
  readonly worker: Worker;
  /** The job it runs (or drains after a cancel), if any. */
  job?: number;
  /** Its job was cancelled: it no longer counts in the pool and takes no new job; it goes when it stops. */
  draining?: boolean;
  idleTimer?: NodeJS.Timeout;
  /** The document text of the last job posted to it: the next job of the same text is posted without it. */
  text?: string;
}

interface PendingJob {
  readonly job: EvalJob;
  readonly options: RunOptions;
  readonly resolve: (reply: JobReply) => void;
  settled: boolean;
}

class WorkerPool implements JobRunner {
  private readonly workers: PooledWorker[] = [];
  private readonly queue: PendingJob[] = [];
  /** Workers told to terminate whose thread has not ended yet, and since when. */
  private readonly terminating = new Map<Worker, number>();
  private readonly pending = new Map<number, PendingJob>();
  private nextId = 1;
  private disposed = false;
  private readonly maxWorkers: number;
  private readonly idleMs: number;
  private readonly stopGraceMs: number;

  constructor(
    private readonly script: string,
    options: { maxWorkers?: number; idleMs?: number; stopGraceMs?: number },
  ) {
    this.maxWorkers = options.maxWorkers ?? Math.max(1, Math.min(2, availableParallelism()));
    this.idleMs = options.idleMs ?? 60_000;
    this.stopGraceMs = options.stopGraceMs ?? 1_000;
  }

  stats(): PoolStats {
    const draining = this.workers.filter((w) => w.draining).length;
    const busy = this.workers.filter((w) => !w.draining && w.job !== undefined).length;
    const now = Date.now();
    const stuck = [...this.terminating.values()].filter((since) => now - since >= STUCK_AFTER_MS).length;
    return { busy, draining, idle: this.workers.length - busy - draining, stuck };
  }

  run(job: Omit<EvalJob, 'id'>, options: RunOptions): Promise<JobReply> {
    return new Promise<JobReply>((resolve) => {
      const p: PendingJob = { job: { ...job, id: this.nextId++ }, options, resolve, settled: false };
      if (options.signal.aborted || this.disposed) return this.settle(p, cancelledReply(job.experiment));
      options.signal.addEventListener('abort', () => this.cancel(p), { once: true });
      this.pending.set(p.job.id, p);
      this.queue.push(p);
      this.dispatch();
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const p of [...this.pending.values()]) this.settle(p, cancelledReply(p.job.experiment));
    this.queue.length = 0;
    for (const w of this.workers.splice(0)) this.terminate(w.worker);
  }

  private terminate(worker: Worker): void {
    if (this.terminating.has(worker)) return;
    this.terminating.set(worker, Date.now());
    worker.terminate().then(
      () => this.terminating.delete(worker),
      () => this.terminating.delete(worker),
    );
  }

  private settle(p: PendingJob, reply: JobReply): void {
    if (p.settled) return;
    p.settled = true;
    this.pending.delete(p.job.id);
    p.resolve(reply);
  }

  /**
   * Answers a cancelled job at once. The worker running it leaves the pool's count (the next job gets another
   * thread), is told to stop, and is terminated if it has not stopped within stopGraceMs.
   */
  private cancel(p: PendingJob): void {
    const queued = this.queue.indexOf(p);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.settle(p, cancelledReply(p.job.experiment));
    const w = this.workers.find((x) => x.job === p.job.id);
    if (!w) return;
    w.draining = true;
    w.worker.postMessage({ type: 'cancel', id: p.job.id } satisfies ToWorker);
    const timer = setTimeout(() => {
      if (this.workers.includes(w) && w.job === p.job.id) this.remove(w);
    }, this.stopGraceMs);
    timer.unref();
    this.dispatch();
  }

  private dispatch(): void {
    if (this.disposed) return;
    while (this.queue.length > 0) {
      let w = this.workers.find((x) => x.job === undefined && !x.draining);
      if (!w && this.workers.filter((x) => !x.draining).length < this.maxWorkers) w = this.spawn();
      if (!w) return;
      const p = this.queue.shift()!;
      if (w.idleTimer) clearTimeout(w.idleTimer);
      w.idleTimer = undefined;
      w.job = p.job.id;
      w.worker.ref();
      // "Evaluate all" posts one job per experiment, all of the same text: the thread gets it once, not once
      // per experiment (a copy each time).
      const sameText = w.text === p.job.text;
      w.text = p.job.text;
      w.worker.postMessage({ type: 'run', job: sameText ? { ...p.job, text: '' } : p.job, sameText } satisfies ToWorker);
    }
  }

  private spawn(): PooledWorker | undefined {
    let worker: Worker;
    try {
      // execArgv: [] keeps the server's own flags (--inspect under a debugger) out of the worker.
      worker = new Worker(this.script, { execArgv: [] });
    } catch (err) {
      const p = this.queue.shift();
      if (p) this.settle(p, failedReply(p.job.experiment, `internal error: cannot start an evaluation thread (${String(err)})`));
      return undefined;
    }
    const w: PooledWorker = { worker };
    worker.on('message', (m: FromWorker) => {
      const p = this.pending.get(m.id);
      if (m.type === 'progress') {
        if (p && !p.settled) p.options.onProgress?.(m.done, m.total);
        return;
      }
      if (p) this.settle(p, m.reply);
      if (w.job !== m.id) return;
      // A worker that stopped after a cancel rejoins the pool if there is room for it, else it goes.
      if (w.draining && this.workers.filter((x) => !x.draining).length >= this.maxWorkers) this.remove(w);
      else {
        w.draining = false;
        this.release(w);
      }
    });
    const lost = (why: string) => {
      const id = w.job;
      this.remove(w);
      const p = id === undefined ? undefined : this.pending.get(id);
      if (p) this.settle(p, failedReply(p.job.experiment, `internal error: the evaluation thread ${why}`));
      this.dispatch();
    };
    worker.on('error', (err) => lost(`failed (${err instanceof Error ? err.message : String(err)})`));
    worker.on('exit', (code) => {
      if (this.workers.includes(w)) lost(`exited with code ${code}`);
    });
    this.workers.push(w);
    return w;
  }

  private release(w: PooledWorker): void {
    w.job = undefined;
    // An idle worker does not keep the server process alive, and goes away after a while.
    w.worker.unref();
    w.idleTimer = setTimeout(() => this.remove(w), this.idleMs);
    w.idleTimer.unref();
    this.dispatch();
  }

  private remove(w: PooledWorker): void {
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    if (w.idleTimer) clearTimeout(w.idleTimer);
    w.job = undefined;
    this.terminate(w.worker);
    this.dispatch();
  }
}
