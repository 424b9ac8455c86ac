// One evaluation job: model the text, find the experiment, run the metrics engine. The same function runs
// on a worker thread (worker.ts) and, where no worker bundle exists (tests from the TypeScript sources), on
// the calling thread.
//
// "Evaluate all" sends one job per experiment, each with the whole document: the models of the last text are
// kept for a moment, so a thread models the document once for all of them, not once per experiment (which made
// evaluating every experiment quadratic in their number: 800 took 67 s where the CLI takes 1).

import { silent } from '../../core/diagnostic';
import { buildModels } from '../../core/model/build';
import type { ExperimentModel } from '../../core/model/types';
import { parse } from '../../core/syntax/parse';
import { evaluateExperiment } from '../../core/eval/evaluate';
import type { ExperimentResult } from '../../core/eval/types';
import type { EvalJob, JobReply } from './protocol';
import { thinCurvesForView } from '../../../../shared/report/thin-curves';

export async function runEvaluationJob(job: EvalJob, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<JobReply> {
  const model = modelsOf(job.text).get(job.experiment);
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

/** How long the models of the last text are kept after the last job that asked for them. */
const KEEP_MODELS_MS = 2_000;
let lastModels: { text: string; byName: Map<string, ExperimentModel>; timer?: NodeJS.Timeout } | undefined;

/**
 * The experiments' models by name (the first of a name, as the document's analysis has them). Only the models:
 * the rules' diagnostics are the document's, not the evaluation's.
 */
function modelsOf(text: string): Map<string, ExperimentModel> {
  if (lastModels?.text !== text) {
    if (lastModels) clearTimeout(lastModels.timer);
    const byName = new Map<string, ExperimentModel>();
    for (const m of buildModels(parse(text).document, silent)) if (!byName.has(m.name)) byName.set(m.name, m);
    lastModels = { text, byName };
  }
  const kept = lastModels;
  clearTimeout(kept.timer);
  // Released when no job asks for a while: a large document's models are not kept by an idle thread.
  kept.timer = setTimeout(() => {
    if (lastModels === kept) lastModels = undefined;
  }, KEEP_MODELS_MS);
  kept.timer.unref();
  return kept.byName;
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
