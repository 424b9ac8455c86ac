// Evaluation diagnostics outlive the text they were computed on (the user keeps typing elsewhere), so they are
// kept relative to the start of their experiment and placed again on the current text while the experiment's
// content is unchanged. A diagnostic outside the experiment's own text (data inherited through `extends`) is
// placed on the experiment's name: the failure belongs to this experiment, not to its parent.

import type { Analysis } from '../../core/check';
import type { Diagnostic, RelatedInformation, Severity } from '../../core/diagnostic';
import type { RangedDiagnostic } from '../../core/eval/types';
import type { ExperimentModel } from '../../core/model/types';

export interface AnchoredDiagnostic {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  /** Offsets relative to the start of the experiment's text. */
  readonly from: number;
  readonly to: number;
  /** Rows of data files (their own ranges: they do not move with the text). */
  readonly related?: readonly RelatedInformation[];
}

function nameSpan(model: ExperimentModel): { from: number; to: number } {
  const name = model.node.name;
  return name ? { from: name.start - model.node.start, to: name.end - model.node.start } : { from: 0, to: 0 };
}

export function anchorDiagnostics(analysis: Analysis, model: ExperimentModel, diagnostics: readonly RangedDiagnostic[]): AnchoredDiagnostic[] {
  const source = analysis.parse.source;
  const { start, end } = model.node;
  return diagnostics.map((d) => {
    const a = source.offsetAt(d.range.start);
    const b = source.offsetAt(d.range.end);
    const span = a >= start && b <= end ? { from: a - start, to: b - start } : nameSpan(model);
    return { severity: d.severity, code: d.code, message: d.message, ...span, ...(d.related ? { related: d.related } : {}) };
  });
}

/** The diagnostics on the current text; the caller has checked that the experiment's content is unchanged. */
export function placeDiagnostics(analysis: Analysis, model: ExperimentModel, anchored: readonly AnchoredDiagnostic[]): Diagnostic[] {
  const source = analysis.parse.source;
  const base = model.node.start;
  // The document's own diagnostics already report what the data rules find in inline data: no duplicates.
  const known = new Set(
    analysis.diagnostics
      .filter((d) => {
        const at = source.offsetAt(d.range.start);
        return at >= model.node.start && at <= model.node.end;
      })
      .map((d) => d.code),
  );
  return anchored
    .filter((d) => !known.has(d.code))
    .map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: source.rangeOf(base + d.from, base + d.to), ...(d.related ? { related: d.related } : {}) }));
}
