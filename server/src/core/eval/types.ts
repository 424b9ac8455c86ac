// What an evaluation returns: the shape `xent eval --json` prints per experiment (tools outside the project
// read it: add keys, never rename these) and what the language server's lens and report view show.

import type { Severity } from '../diagnostic';
import type { ReportEntry } from '../metrics/classification';
import type { Range } from '../syntax/source';

export interface AveragedScores {
  per_class: number[];
  micro?: number;
  macro?: number;
  weighted?: number;
  binary?: number;
  samples?: number;
}

export interface EvalMetrics {
  log_loss?: number | null;
  accuracy?: number;
  precision?: AveragedScores;
  recall?: AveragedScores;
  f1?: AveragedScores;
  /** For each requested f1/precision/recall, the average it was computed with (a bare f1: binary or macro). */
  averages_used?: Record<string, string>;
  confusion_matrix?: number[][];
  /** Per-label [[tn, fp], [fn, tp]] for multilabel tasks. */
  multilabel_confusion_matrix?: number[][][];
  /** scikit-learn's output_dict, keys in scikit-learn's order. */
  report?: Record<string, unknown>;
  report_text?: string;
  /** Mean entropy H(p), cross-entropy H(p, q) and KL(p‖q) where y_true is a distribution (one-hot rows). */
  entropy?: { entropy: number; cross_entropy: number; kl_divergence: number } | null;
}

export interface EvalDiagnostic {
  line: number;
  column: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface ExperimentResult {
  name: string;
  task: string | null;
  classes: string[];
  samples: number;
  loss: { name: string; value: number | null; note?: string } | null;
  metrics: EvalMetrics;
  fit?: { coef: number[][]; intercept: number[]; n_iter?: number };
  diagnostics: EvalDiagnostic[];
  error: string | null;
  /** Wall time of the evaluation in milliseconds. */
  elapsed_ms: number;
}

/** A diagnostic with its range in the .xent document (converted to EvalDiagnostic for JSON). */
export interface RangedDiagnostic {
  readonly range: Range;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

export type ReportEntries = ReportEntry[];
