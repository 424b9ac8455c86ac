// Entry of the CSV scoring worker thread (bundled to dist/csv-score-worker.js): parses the byte ranges the main
// thread assigns (csvWorkerMain, as the plain CSV workers do) and scores each range's rows here, with a
// Scorer of the experiment's own plan (rebuilt: range-scoring.ts), sending back only the range's scorer
// state. The main thread absorbs the states in range order (sources.ts, evaluate.ts scoreSource): the
// numbers are the same bits as one pass (exact sums, integer counts), and the places in findings are moved
// to their file lines there (Scorer.absorb with the range's first line).
//
// Without this bundle (tests from the TypeScript sources) the workers only parse and the main thread scores.

import * as fs from 'node:fs';
import * as wt from 'node:worker_threads';
import { csvEngine, toDataChunk } from '../data/csv';
import type { CsvWorkerData } from '../data/csv-worker';
import { csvWorkerMain } from '../data/csv-worker';
import { failureOf, rebuildPlan, type CsvScoreJob } from './range-scoring';
import { Scorer, type ScoreChunk } from './scorer';
import { csvRows } from './sources';

const data = wt.workerData as CsvWorkerData & { job: CsvScoreJob };
const job = data.job;
const rebuilt = rebuildPlan(job);
// The worker ends with this error before reading anything: the main thread reads the file itself.
if (typeof rebuilt === 'string') throw new Error(`csv-score-worker: ${rebuilt}`);
const { model, plan } = rebuilt;

let scorer: Scorer | undefined;
const score = (chunk: ScoreChunk) => {
  scorer ??= new Scorer(plan, chunk, { relativeLines: job.rel });
  scorer.add(chunk);
};
// The same ScoreChunks the main thread's csv() source makes (rows named `${rel}:LINE`), with the range's lines.
const consume = csvRows(model, job.rel, job.path, job.columns).chunks(score);

csvWorkerMain(wt, fs, csvEngine, {
  chunk: (_index, chunk) => consume(toDataChunk(chunk)),
  end: () => {
    const state = scorer?.exportState() ?? null;
    scorer = undefined;
    return state;
  },
  failure: (err) => {
    scorer = undefined;
    return failureOf(err);
  },
});
