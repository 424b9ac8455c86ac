// The messages between the evaluation service (main thread) and an evaluation worker thread.
// Plain data only: they cross the thread boundary by structured clone.

import type { ExperimentResult, RangedDiagnostic } from '../../core/eval/types';

/** What a worker needs to evaluate one experiment: it analyses the text itself. */
export interface EvalJob {
  readonly id: number;
  /** The whole document text (ancestors the experiment extends live in it too). */
  readonly text: string;
  /** The .xent file's folder: relative data paths resolve against it. */
  readonly baseDir: string;
  /**
   * The folder data files must lie in (the workspace folder): the readers refuse any file outside it.
   * Absent, the job is confined to baseDir: a worker never reads unconfined.
   */
  readonly root?: string;
  readonly experiment: string;
  /** Decimals of the classification report. */
  readonly digits: number;
  /** Compute the report view's curves too (the editor's evaluations feed the report). */
  readonly curves?: boolean;
}

/**
 * A job to run. With `sameText` the job's text is the one of the previous job this worker was sent, and is not
 * sent again (the job's `text` is then empty).
 */
export type ToWorker =
  | { readonly type: 'run'; readonly job: EvalJob; readonly sameText?: boolean }
  | { readonly type: 'cancel'; readonly id: number };

export type FromWorker =
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly id: number; readonly reply: JobReply };

/** The evaluation of one experiment, or why there is none. */
export interface JobReply {
  readonly result: ExperimentResult;
  /** Ranges in the text the job was given. */
  readonly diagnostics: readonly RangedDiagnostic[];
  /** The job was cancelled before it finished (the result then says so and holds no numbers). */
  readonly cancelled?: boolean;
}
