// Entry of the evaluation worker thread (bundled to dist/eval-worker.js). It runs one job at a time for the
// evaluation service: reads the data and scores it off the server's main thread, so hovers and typing stay
// responsive however large the data. A 'cancel' message aborts the running job through its AbortSignal (the
// CSV reader then stops its own threads and closes the file) and the worker stays available for the next one.

import { parentPort } from 'node:worker_threads';
import { failedReply, runEvaluationJob } from './job';
import type { FromWorker, ToWorker } from './protocol';

const port = parentPort;
if (port) {
  const running = new Map<number, AbortController>();
  /** The text of the last job: a job marked sameText comes without it (see runner.ts). */
  let lastText = '';
  const post = (m: FromWorker) => port.postMessage(m);
  port.on('message', (m: ToWorker) => {
    if (m.type === 'cancel') {
      running.get(m.id)?.abort();
      return;
    }
    if (!m.sameText) lastText = m.job.text;
    const job = m.sameText ? { ...m.job, text: lastText } : m.job;
    const controller = new AbortController();
    running.set(job.id, controller);
    let lastReport = 0;
    const onProgress = (done: number, total: number) => {
      // At most ~20 progress messages a second: the main thread only turns them into percentages.
      const now = Date.now();
      if (now - lastReport < 50 && done < total) return;
      lastReport = now;
      post({ type: 'progress', id: job.id, done, total });
    };
    runEvaluationJob(job, controller.signal, onProgress)
      .catch((err: unknown) => failedReply(job.experiment, `internal error: ${err instanceof Error ? err.message : String(err)}`))
      .then((reply) => {
        running.delete(job.id);
        post({ type: 'done', id: job.id, reply });
      });
  });
}
