// Selection ranges ("expand selection"): from the innermost node at the cursor outwards, one syntactic step at a
// time: name → argument → call → list → property → block → experiment → the whole document. The chain is the
// path `locate` returns, with steps that would not grow the selection dropped. In a comment: the comment, then
// what holds it; elsewhere outside any experiment: the empty range at the cursor, then the document.

import type { SelectionRange, SelectionRangeParams } from 'vscode-languageserver';
import type { Analysis } from '../../core/check';
import { locate } from '../../core/syntax/locate';
import type { Feature, ServerContext } from '../context';
import { toLspRange } from '../convert';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The spans to select at `offset`, innermost first; each contains the one before it and is strictly larger. */
export function selectionSpans(analysis: Analysis, offset: number): Span[] {
  const { document, source } = analysis.parse;
  const candidates: Span[] = [];
  const comment = document.comments.find((c) => c.start <= offset && offset <= c.end);
  const path = locate(document, offset);
  // A comment comes first, then whatever holds it (the experiment, a multi-line list).
  if (comment) candidates.push(comment);
  else if (path.length === 0) candidates.push({ start: offset, end: offset });
  for (let i = path.length - 1; i >= 0; i--) candidates.push(path[i]);
  candidates.push({ start: 0, end: source.text.length });
  const spans: Span[] = [];
  for (const c of candidates) {
    const last = spans[spans.length - 1];
    if (last && !(c.start <= last.start && last.end <= c.end && (c.start < last.start || last.end < c.end))) continue;
    spans.push({ start: c.start, end: c.end });
  }
  return spans;
}

function toSelectionRange(analysis: Analysis, offset: number): SelectionRange {
  const source = analysis.parse.source;
  let range: SelectionRange | undefined;
  const spans = selectionSpans(analysis, offset);
  for (let i = spans.length - 1; i >= 0; i--) {
    range = { range: toLspRange(source.rangeOf(spans[i].start, spans[i].end)), ...(range ? { parent: range } : {}) };
  }
  return range!;
}

export const selectionRangesFeature: Feature = {
  name: 'selection-ranges',
  capabilities: { selectionRangeProvider: true },
  register(ctx: ServerContext) {
    ctx.connection.onSelectionRanges(
      ctx.guard<SelectionRangeParams, SelectionRange[]>('selection ranges', [], (params) => {
        const state = ctx.store.get(params.textDocument.uri);
        if (!state) return [];
        const source = state.analysis.parse.source;
        return params.positions.map((p) => toSelectionRange(state.analysis, source.offsetAt(p)));
      }),
    );
  },
};
