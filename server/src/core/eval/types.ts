// What an evaluation returns: the shape `xent eval --json` prints per experiment (tools outside the project
// read it: add keys, never rename these) and what the language server's lens and report view show.

import type { RelatedInformation, Severity } from '../diagnostic';
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

/** A parameter's effective value, as the user wrote it or as the library's default. */
export type DeclaredParam = string | number | boolean | null | readonly number[];

/** One metric of `metrics:` as computed (issue 8): exactly what the file declares, by its library's rules. */
export interface DeclaredMetric {
  /** The canonical catalogue name (aliases resolved: roc_auc → auc). */
  metric: string;
  /** Every parameter of the catalogue entry with its effective value, defaults included (pos_label as the
   *  class name it resolved to). */
  params: Record<string, DeclaredParam>;
  /** number; {class: number} for average none; number[][] for confusion_matrix (number[][][] multilabel);
   *  the report text for classification_report; null when it could not be computed (then `error` says why). */
  value: number | Record<string, number> | number[][] | number[][][] | string | null;
  /** null, or the library's reason the number could not be computed (scikit-learn's / Keras's wording). */
  error: string | null;
  /** What was decided on the user's behalf and must be visible (a default pos_label, a reduction), if any. */
  note?: string;
  /** Which library's rules gave the number: 'scikit-learn', 'keras' or 'xent' (entropy identities). */
  library: 'scikit-learn' | 'keras' | 'xent';
  /** 1-based line and column of the metric in the .xent file (where the lens, inlay and hover put it). */
  line: number;
  column: number;
}

export interface ExperimentResult {
  name: string;
  task: string | null;
  classes: string[];
  samples: number;
  /** The declared loss. `value` null with `error` the library's reason (Keras raises) or `note` for a loss xent
   *  does not compute; `library` says whose semantics were used. */
  loss: { name: string; value: number | null; note?: string; error?: string | null; library?: 'keras' | 'scikit-learn' | 'pytorch' } | null;
  metrics: EvalMetrics;
  /** One entry per metric of `metrics:`, in the file's order (empty when nothing is declared). */
  declared: DeclaredMetric[];
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
  /** The data file's row the finding is about (a click on it in the editor opens the row). */
  readonly related?: readonly RelatedInformation[];
}

export type ReportEntries = ReportEntry[];
