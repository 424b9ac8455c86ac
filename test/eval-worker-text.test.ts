// "Evaluate all" posts one job per experiment of the same text: the worker thread gets the text once and each
// later job of that text without it (runner.ts, worker.ts), and models the document once (job.ts). The real
// dist/eval-worker.js on a pool of one thread: every experiment of one text is scored as the in-process runner
// scores it, then a job of another text (and a text that comes back after it) is scored from that text, not
// from the one the thread kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJobRunner } from '../server/src/lsp/evaluation/runner';

const experiment = (name: string, yTrue: string) =>
  `experiment ${name} {\n  classes: [a, b]\n  loss: binary_crossentropy\n  data {\n    y_true: ${yTrue}\n    y_pred: [0.9, 0.2, 0.7, 0.4]\n  }\n}\n`;

test('a worker scores every job of a text sent once as the in-process runner scores it, and a new text from the new text', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-worker-text-'));
  const pooled = createJobRunner({ script: join(__dirname, '..', 'dist', 'eval-worker.js'), maxWorkers: 1 });
  const inProcess = createJobRunner({ script: undefined });
  const signal = new AbortController().signal;
  const run = (runner: typeof pooled, text: string, name: string) => runner.run({ text, baseDir: dir, root: dir, experiment: name, digits: 4 }, { signal });
  const strip = (r: { result: { elapsed_ms: number } }) => ({ ...r, result: { ...r.result, elapsed_ms: 0 } });
  try {
    const first = experiment('e0', '[1, 0, 1, 0]') + experiment('e1', '[1, 1, 0, 0]') + experiment('e2', '[0, 0, 1, 1]');
    const second = first.replace('e1', 'renamed').replace('[1, 1, 0, 0]', '[0, 1, 1, 0]');
    const jobs: [string, string][] = [
      [first, 'e0'], [first, 'e1'], [first, 'e2'],
      [second, 'renamed'], [second, 'e1'], [second, 'e2'],
      [first, 'e1'],
    ];
    const losses = new Set<number>();
    for (const [text, name] of jobs) {
      const pooledReply = await run(pooled, text, name);
      const reference = await run(inProcess, text, name);
      assert.deepStrictEqual(strip(pooledReply), strip(reference), `${name} of ${text === first ? 'the first' : 'the second'} text`);
      losses.add(Number(pooledReply.result.metrics.log_loss));
    }
    // The second text has no e1 (the worker did not answer from the first text's models) and its own numbers.
    const missing = await run(pooled, second, 'e1');
    assert.match(missing.result.error ?? '', /no experiment named 'e1'/);
    assert.ok(losses.size >= 3, `distinct losses: ${[...losses].join(', ')}`);
  } finally {
    pooled.dispose();
    inProcess.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
