// What an evaluation returns, shared by design between the server and the VS Code client: the shape
// `xent eval --json` prints per experiment (tools outside the project read it: add keys, never rename these), what
// the language server's `xent/evaluate` and `xent/report` requests answer, and what the lens, the status bar and
// the report view show. Plain types that import nothing, so the client bundles no server code
// (test/architecture.test.ts enforces it).

/** How serious a diagnostic is (the core's Severity). */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

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
  /** The curves of the report view (ROC, precision–recall, reliability, true-class probability), computed only
   *  when asked for (the report and `xent eval --html`): exact points, or why there are none. */
  curves?: ReportCurves | { error: string };
}

/** A ROC curve as sklearn.metrics.roc_curve returns it (drop_intermediate): thresholds decreasing, the first +∞
 *  (null in JSON). */
export interface RocCurve {
  readonly fpr: number[];
  readonly tpr: number[];
  readonly thresholds: number[];
}

/** sklearn.metrics.precision_recall_curve: recall decreasing, (P, R) = (1, 0) last. */
export interface PrCurve {
  readonly precision: number[];
  readonly recall: number[];
  readonly thresholds: number[];
}

/** sklearn.calibration.calibration_curve(strategy='uniform'), with the samples and index of each kept bin. */
export interface CalibrationCurve {
  readonly prob_true: number[];
  readonly prob_pred: number[];
  readonly counts: number[];
  readonly bins: number[];
  readonly edges: number[];
}

export interface ClassCurves {
  readonly roc: RocCurve;
  /** null where scikit-learn's AUC is NaN (the class absent from y_true, or every sample's class). */
  readonly auc: number | null;
  readonly pr: PrCurve;
  readonly ap: number;
}

export interface ReportCurves {
  /** 'binary' (the positive class's curves), 'one-vs-rest' (per class) or 'labels' (multilabel, per label). */
  readonly kind: 'binary' | 'one-vs-rest' | 'labels';
  readonly per_class: ClassCurves[];
  readonly micro: ClassCurves | null;
  /** The per-class TPRs interpolated on a common FPR grid and averaged; AUC and AP: means of the per-class values. */
  readonly macro: { readonly fpr: number[]; readonly tpr: number[]; readonly auc: number | null; readonly ap: number } | null;
  readonly calibration: CalibrationCurve & {
    /** What is binned: P(positive class), the top label's probability, or every label's probability. */
    readonly of: 'positive class' | 'top label' | 'every label';
    /** Expected calibration error: Σ over bins of (samples in bin / n)·|observed − predicted|. */
    readonly ece: number;
    /** brier_score_loss over every class (null for multilabel). */
    readonly brier: number | null;
  };
  /** The probability the model gave the true class: counts in 20 uniform bins on [0, 1]. */
  readonly true_class_probability: { readonly counts: number[]; readonly edges: number[] };
}
