// Issue 10, case 2: a cancelled evaluation frees its worker. The pool of evaluation threads (the real
// dist/eval-worker.js) runs jobs that are cancelled while reading a large file, many more than the pool has
// threads: each answers "cancelled" at once, its thread leaves the pool's count at once (the next job gets
// another) and is gone soon after, and a normal job afterwards is scored as usual. A background evaluation
// with a time limit is cancelled when the limit passes, however stuck its job is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import type { ServerContext } from '../server/src/lsp/context';
import { DocumentStore } from '../server/src/lsp/documents';
import { cancelledReply } from '../server/src/lsp/evaluation/job';
import { createJobRunner, type JobRunner } from '../server/src/lsp/evaluation/runner';
import { EvaluationService } from '../server/src/lsp/evaluation/service';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings';
import { within } from './support/server-process';

const experiment = (name: string, path: string) =>
  `experiment ${name} {\n  classes: [a, b]\n  loss: sparse_categorical_crossentropy\n  data: csv("${path}", y_true: "label", y_pred: ["p_a", "p_b"])\n}\n`;

async function until(cond: () => boolean, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('cancelled jobs free their worker threads: 8 cancels on a pool of 2, then a job is scored', { timeout: 60_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'xent-pool-'));
  const rows = ['label,p_a,p_b'];
  for (let i = 0; i < 600_000; i++) rows.push(`${i % 2 ? 'a' : 'b'},0.${(i % 9) + 1},0.${9 - (i % 9)}`);
  writeFileSync(join(ws, 'big.csv'), rows.join('\n') + '\n');
  writeFileSync(join(ws, 'small.csv'), 'label,p_a,p_b\na,0.9,0.1\nb,0.2,0.8\n');
  const text = experiment('big', 'big.csv') + experiment('small', 'small.csv');
  const runner = createJobRunner({ script: join(__dirname, '..', 'dist', 'eval-worker.js'), maxWorkers: 2, stopGraceMs: 1_000 });
  try {
    for (let i = 0; i < 8; i++) {
      const controller = new AbortController();
      const reply = runner.run({ text, baseDir: ws, root: ws, experiment: 'big', digits: 2 }, { signal: controller.signal });
      await new Promise((r) => setTimeout(r, 40));
      controller.abort();
      const answered = await within(500, `cancelled job ${i}`, reply);
      assert.equal(answered.cancelled, true);
      // The cancelled job's thread no longer counts: nothing is busy.
      assert.equal(runner.stats().busy, 0, `after cancel ${i}: ${JSON.stringify(runner.stats())}`);
    }
    // The cancelled threads stop (or are terminated) and leave; at most the pool's size stays, idle.
    await until(() => runner.stats().draining === 0, `threads still draining: ${JSON.stringify(runner.stats())}`, 5_000);
    assert.ok(runner.stats().idle <= 2, JSON.stringify(runner.stats()));
    const reply = await within(10_000, 'the job after the cancels', runner.run({ text, baseDir: ws, root: ws, experiment: 'small', digits: 2 }, { signal: new AbortController().signal }));
    assert.equal(reply.result.error, null);
    assert.equal(reply.result.samples, 2);
  } finally {
    runner.dispose();
  }
});

test('an evaluation with a time limit (the background data check) is cancelled when it passes, and its job told to stop', { timeout: 20_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'xent-timeout-'));
  const uri = pathToFileURL(join(ws, 'stuck.xent')).href;
  const store = new DocumentStore();
  // An open document, as TextDocuments keeps it after didOpen.
  (store.documents as unknown as { _syncedDocuments: Map<string, TextDocument> })._syncedDocuments.set(
    uri,
    TextDocument.create(uri, 'xent', 1, 'experiment stuck {\n  classes: [a, b]\n  data { y_true: [0, 1]  y_pred: [0.2, 0.9] }\n}\n'),
  );
  const ctx = {
    store,
    settings: () => DEFAULT_SETTINGS,
    log: () => undefined,
    connection: { window: { createWorkDoneProgress: () => Promise.reject(new Error('no progress in this test')) } },
  } as unknown as ServerContext;
  // A job that never finishes by itself: it answers only when told to stop, as a read stuck in a worker would.
  let stopped = false;
  const stuck: JobRunner = {
    run: (job, { signal }) =>
      new Promise((resolve) =>
        signal.addEventListener('abort', () => {
          stopped = true;
          resolve(cancelledReply(job.experiment));
        }),
      ),
    stats: () => ({ busy: stopped ? 0 : 1, draining: 0, idle: 0, stuck: 0 }),
    dispose: () => undefined,
  };
  const service = new EvaluationService(ctx, stuck, { list: async () => [ws] });
  const started = Date.now();
  const answer = await within(5_000, 'the time-limited evaluation', service.evaluate(uri, 'stuck', { timeoutMs: 300 }));
  assert.equal(answer.results[0].error, 'cancelled');
  assert.ok(Date.now() - started >= 290, 'cancelled before its time');
  assert.equal(stopped, true, 'the job was not told to stop');
});

test('a worker thread blocked in a system call is reported stuck (the server then exits by a signal), and released when the call returns', { timeout: 30_000 }, async () => {
  // A stand-in for the evaluation worker whose job blocks in read(2) on a FIFO nobody writes: what the
  // verified open prevents for data files, and what no Worker.terminate() can interrupt.
  const dir = mkdtempSync(join(tmpdir(), 'xent-stuck-'));
  const fifo = join(dir, 'never.fifo');
  execFileSync('mkfifo', [fifo]);
  const script = join(dir, 'blocking-worker.js');
  writeFileSync(
    script,
    `const { parentPort } = require('node:worker_threads');
     parentPort.on('message', (m) => { if (m.type === 'run') require('node:fs').readFileSync(${JSON.stringify(fifo)}); });`,
  );
  const runner = createJobRunner({ script, maxWorkers: 1, stopGraceMs: 100 });
  try {
    const controller = new AbortController();
    const reply = runner.run({ text: '', baseDir: dir, root: dir, experiment: 'x', digits: 2 }, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    assert.equal((await within(500, 'the cancelled job', reply)).cancelled, true);
    // Terminated after the grace, yet the thread cannot end while read(2) blocks.
    await until(() => runner.stats().stuck === 1, `no stuck thread reported: ${JSON.stringify(runner.stats())}`, 5_000);
    assert.equal(runner.stats().busy, 0);
  } finally {
    // A writer that opens and closes the FIFO ends the read (EOF): the thread ends and is no longer stuck.
    // (Non-blocking: with no reader the open fails with ENXIO instead of waiting for one.)
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no thread was reading it
    }
    await until(() => runner.stats().stuck === 0, 'the released thread still counted stuck', 5_000);
    runner.dispose();
  }
});
