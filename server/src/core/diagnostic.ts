// The one diagnostic shape of the language core. The CLI prints it, the server converts it to LSP.

import type { Range } from './syntax/source';
import type { Severity } from '../../../shared/results';

/** Defined with the evaluation result in shared/ (the client shows it too). */
export type { Severity };

export interface RelatedInformation {
  readonly message: string;
  readonly range: Range;
  /** A file other than the checked document (a data file); absent = the same document. */
  readonly file?: string;
}

export interface Diagnostic {
  /** The rule id, e.g. 'unknown-name' or 'sparse-loss-onehot-labels' (docs/rules.md has a section per id). */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly related?: readonly RelatedInformation[];
  /** What a quick fix needs (the suggested name, the replacement text...). */
  readonly data?: Readonly<Record<string, unknown>>;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.code.localeCompare(b.code)
  );
}

// A diagnostics sink that turns AST nodes into ranges, and can be silenced for inherited properties (they were
// checked in the experiment that wrote them). The model, the rules and check/ report through it.

export interface Ranged {
  readonly range: Range;
}

export interface Reporter {
  (code: string, severity: Severity, message: string, at: Ranged, extra?: { related?: RelatedInformation[]; data?: Record<string, unknown> }): void;
}

export function collector(into: Diagnostic[]): Reporter {
  return (code, severity, message, at, extra) => {
    into.push({ code, severity, message, range: at.range, ...(extra?.related ? { related: extra.related } : {}), ...(extra?.data ? { data: extra.data } : {}) });
  };
}

export const silent: Reporter = () => {};
