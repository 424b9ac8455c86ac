// A diagnostics sink that turns AST nodes into ranges, and can be silenced for inherited properties
// (they were checked in the experiment that wrote them).

import type { Diagnostic, RelatedInformation, Severity } from './diagnostic';
import type { Range } from './syntax/source';

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
