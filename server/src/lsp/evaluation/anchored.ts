// Evaluation diagnostics outlive the text they were computed on (the user keeps typing elsewhere), so they are
// kept relative to the start of their experiment and placed again on the current text while the experiment's
// content is unchanged. A diagnostic outside the experiment's own text (data inherited through `extends`) is
// placed on the experiment's name: the failure belongs to this experiment, not to its parent.

import type { Analysis } from '../../core/check';
import type { Diagnostic, RelatedInformation, Severity } from '../../core/diagnostic';
import type { RangedDiagnostic } from '../../core/eval/types';
import type { ExperimentModel } from '../../core/model/types';
import type { Range, SourceText } from '../../core/syntax/source';

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

/**
 * Where an experiment stands in the text its evaluation is given. Taken when the evaluation starts: the
 * incremental parse moves the experiment's nodes to each later version of the document (their offsets become
 * those of the newer text) while the job runs, and the job's ranges are in the text it was given.
 */
export interface ExperimentPlace {
  readonly source: SourceText;
  readonly start: number;
  readonly end: number;
  /** The experiment's name, relative to its start (where a diagnostic outside its text goes). */
  readonly name: { readonly from: number; readonly to: number };
  /** Where a refusal to evaluate is shown: the `data` key, or the name (a range in `source`). */
  readonly refusalAt: Range;
}

export function experimentPlace(analysis: Analysis, model: ExperimentModel): ExperimentPlace {
  const { start, end, name } = model.node;
  return {
    source: analysis.parse.source,
    start,
    end,
    name: name ? { from: name.start - start, to: name.end - start } : { from: 0, to: 0 },
    refusalAt: (model.data?.node.key ?? name ?? model.node).range,
  };
}

export function anchorDiagnostics(place: ExperimentPlace, diagnostics: readonly RangedDiagnostic[]): AnchoredDiagnostic[] {
  const { source, start, end } = place;
  return diagnostics.map((d) => {
    const a = source.offsetAt(d.range.start);
    const b = source.offsetAt(d.range.end);
    const span = a >= start && b <= end ? { from: a - start, to: b - start } : place.name;
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
