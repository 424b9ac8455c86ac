// Scoring a CSV file's byte ranges on the worker threads that parse them (csv-score-worker.ts): what a worker
// is given to rebuild the experiment's plan, how it checks that its plan is the main thread's, and how a
// failure crosses threads.
//
// Why rebuild rather than send: a plan holds functions (the declared loss's module: its setup, its
// accumulator), which cannot be posted to a thread. What the plan is made of can: the .xent document's text,
// which experiment (the offset where it starts: names may repeat), and the data's shape when the plan is
// made from it (no declared task or classes). The worker parses the text, builds the models and plans as the
// main thread did; the plans' data (everything but functions) must then give the same digest, or the worker
// refuses to start and the file is read as before (the main thread scores it). Only the scorer's exported
// state comes back (Scorer.exportState: counts, exact sums, the first findings), absorbed in range order.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { silent } from '../diagnostic';
import { MetricError, type MetricErrorCode } from '../metrics/classification';
import { buildModels } from '../model/build';
import type { ExperimentModel } from '../model/types';
import { parse } from '../syntax/parse';
import { planEvaluation, type DataShape, type EvalPlan } from './plan';
import { DataProblem } from './scorer';

/** What the main thread gives the experiment's document to rebuild its plan on a worker. */
export interface PlanRecipe {
  /** The whole .xent document. */
  readonly text: string;
  /** The offset at which the experiment starts in it. */
  readonly experimentStart: number;
  /** The data's shape, when the plan was made from it (planEvaluation's second argument). */
  readonly shape?: DataShape;
}

/** workerData.job of csv-score-worker.js. */
export interface CsvScoreJob extends PlanRecipe {
  /** planDigest of the main thread's plan. */
  readonly planDigest: string;
  /** The file as the experiment names it (places read `${rel}:LINE`) and its absolute path (locations). */
  readonly rel: string;
  readonly path: string;
  /** The resolved y_true and y_pred columns (the header the main thread read). */
  readonly columns: { readonly yTrue: readonly string[]; readonly yPred: readonly string[] };
}

/** The bundled worker beside this bundle (dist/csv-score-worker.js, found from dist/cli-main.js,
 *  dist/server.js and dist/eval-worker.js alike); undefined when running from the TypeScript sources. */
export function csvScoreWorkerScript(): string | undefined {
  if (scriptOverride !== undefined) return scriptOverride || undefined;
  const script = join(__dirname, 'csv-score-worker.js');
  return existsSync(script) ? script : undefined;
}

let scriptOverride: string | undefined;

/** Tests only: use this script ('' for none), or the default again (undefined). */
export function setCsvScoreWorkerScriptForTests(script: string | undefined): void {
  scriptOverride = script;
}

/**
 * A plan's data as text: every field but functions, Sets and Maps as their entries, in property order. Two
 * plans planned from the same model agree on it; a difference means the worker did not rebuild the plan.
 */
export function planDigest(plan: EvalPlan): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(plan, (_key, value: unknown) => {
    if (typeof value === 'function') return '[function]'; // names differ between bundles and sources
    if (value instanceof Set) return { $set: [...value] };
    if (value instanceof Map) return { $map: [...value] };
    if (value && typeof value === 'object') {
      if (seen.has(value)) return '[seen]';
      seen.add(value);
    }
    return value;
  });
}

/** The plan the main thread made, rebuilt from its recipe; a string says why it could not be. */
export function rebuildPlan(job: CsvScoreJob): { model: ExperimentModel; plan: EvalPlan } | string {
  const model = buildModels(parse(job.text).document, silent).find((m) => m.node.start === job.experimentStart);
  if (!model) return `no experiment starts at offset ${job.experimentStart}`;
  const plan = planEvaluation(model, job.shape);
  if (typeof plan !== 'object') return 'the experiment has no plan here';
  if (planDigest(plan) !== job.planDigest) return 'the plan rebuilt on the worker differs from the main thread’s';
  return { model, plan };
}

/** An exception of a worker's scorer, as plain data. */
export type ScoringFailure =
  | { readonly kind: 'data'; readonly code: string; readonly message: string }
  | { readonly kind: 'metric'; readonly code: MetricErrorCode; readonly message: string }
  | { readonly kind: 'other'; readonly message: string };

export function failureOf(err: unknown): ScoringFailure {
  if (err instanceof DataProblem) return { kind: 'data', code: err.code, message: err.message };
  if (err instanceof MetricError) return { kind: 'metric', code: err.code, message: err.message };
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}

/** The exception the main thread throws for a worker's failure: what the scorer would have thrown there. */
export function errorOf(failure: unknown): Error {
  const f = failure as ScoringFailure;
  if (f.kind === 'data') return new DataProblem(f.code, f.message);
  if (f.kind === 'metric') return new MetricError(f.code, f.message);
  return new Error(f.message);
}
