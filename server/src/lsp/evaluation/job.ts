// One evaluation job: analyse the text, find the experiment, run the metrics engine. The same function runs
// on a worker thread (worker.ts) and, where no worker bundle exists (tests from the TypeScript sources), on
// the calling thread.

import { analyze } from '../../core/check';
import { evaluateExperiment } from '../../core/eval/evaluate';
import type { ExperimentResult } from '../../core/eval/types';
import type { EvalJob, JobReply } from './protocol';
import { thinCurvesForView } from '../../../../shared/report/thin-curves';

export async function runEvaluationJob(job: EvalJob, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<JobReply> {
  const model = analyze(job.text).models.find((m) => m.name === job.experiment);
  if (!model) return failedReply(job.experiment, `there is no experiment named '${job.experiment}'`);
  if (signal.aborted) return cancelledReply(job.experiment);
  // root: the readers open each data file once and verify the descriptor is a regular file inside it.
  const evaluation = await evaluateExperiment(model, { baseDir: job.baseDir, root: job.root ?? job.baseDir, digits: job.digits, curves: job.curves, signal, onProgress });
  if (signal.aborted) return cancelledReply(job.experiment);
  // The editor's results feed the report view: its curves are kept (and sent) as a drawing can show them.
  const { result } = evaluation;
  if (result.curves && !('error' in result.curves)) result.curves = thinCurvesForView(result.curves);
  return { result, diagnostics: evaluation.diagnostics };
}

/** A result that holds no numbers, only why (the shape `xent eval --json` uses for a failed experiment). */
export function errorResult(name: string, error: string): ExperimentResult {
  return { name, task: null, classes: [], samples: 0, loss: null, metrics: {}, declared: [], diagnostics: [], error, elapsed_ms: 0 };
}

export function failedReply(name: string, error: string): JobReply {
  return { result: errorResult(name, error), diagnostics: [] };
}

export function cancelledReply(name: string): JobReply {
  return { result: errorResult(name, 'cancelled'), diagnostics: [], cancelled: true };
}
