// Folding ranges: experiments, blocks (model { }, data { }), lists and calls that span lines, and runs of two or
// more whole-line comments. A range ends on the line before its closing bracket when that bracket starts its
// line, so the folded text still shows the `}` (as VS Code folds JSON and TypeScript).

import { FoldingRangeKind, type FoldingRange, type FoldingRangeParams } from 'vscode-languageserver';
import type { Analysis } from '../../core/check';
import type { Comment, Property, Value } from '../../core/syntax/ast';
import type { SourceText } from '../../core/syntax/source';
import type { Feature, ServerContext } from '../context';

export interface Fold {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind?: 'comment';
}

/** Every fold of a document, in text order of their start. */
export function folds(analysis: Analysis): Fold[] {
  const { source, document } = analysis.parse;
  const out: Fold[] = [];
  const add = (startLine: number, close: number, end: number) => {
    const endLine = foldEndLine(source, close, end);
    if (endLine > startLine) out.push({ startLine, endLine });
  };
  for (const e of document.experiments) {
    add(lineOf(source, e.start), e.closeBrace, e.end);
    for (const p of e.properties) propertyFolds(p, source, add);
  }
  commentFolds(document.comments, source, out);
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out;
}

type Add = (startLine: number, close: number, end: number) => void;

function propertyFolds(p: Property, source: SourceText, add: Add): void {
  if (p.block) {
    // From the key's line: `model {` folds as one.
    add(lineOf(source, p.start), p.block.closed ? p.block.end - 1 : -1, p.block.end);
    for (const entry of p.block.entries) {
      if (entry.kind === 'property') propertyFolds(entry, source, add);
      else valueFolds(entry, source, add);
    }
  }
  if (p.value) valueFolds(p.value, source, add);
}

function valueFolds(v: Value, source: SourceText, add: Add): void {
  if (v.kind !== 'list' && v.kind !== 'call') return;
  const startLine = lineOf(source, v.start);
  // A node on one line holds nothing that folds: skip its items (inline data rows are most of a large file).
  if (lineOf(source, v.end) === startLine) return;
  if (v.kind === 'list') {
    add(startLine, source.text.charCodeAt(v.end - 1) === 93 /* ] */ ? v.end - 1 : -1, v.end);
    for (const item of v.items) valueFolds(item, source, add);
  } else {
    add(startLine, v.closeParen, v.end);
    for (const a of v.args) if (a.value) valueFolds(a.value, source, add);
  }
}

/** Runs of consecutive lines holding only a comment (at least two) fold together. */
function commentFolds(comments: readonly Comment[], source: SourceText, out: Fold[]): void {
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0 && runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: 'comment' });
  };
  for (const c of comments) {
    const line = lineOf(source, c.start);
    if (!startsLine(source, line, c.start)) continue;
    if (runStart >= 0 && line === runEnd + 1) runEnd = line;
    else {
      flush();
      runStart = runEnd = line;
    }
  }
  flush();
}

/** The last line of a fold: the closing bracket's line, or the line before when the bracket starts its line. */
function foldEndLine(source: SourceText, close: number, end: number): number {
  if (close < 0) return lineOf(source, Math.max(0, end - 1));
  const line = lineOf(source, close);
  return startsLine(source, line, close) ? line - 1 : line;
}

/** Whether only white space stands before `offset` on its line. */
function startsLine(source: SourceText, line: number, offset: number): boolean {
  const text = source.text;
  for (let i = source.lineStart(line); i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function lineOf(source: SourceText, offset: number): number {
  return source.positionAt(offset).line;
}

export function toFoldingRange(f: Fold): FoldingRange {
  return { startLine: f.startLine, endLine: f.endLine, ...(f.kind === 'comment' ? { kind: FoldingRangeKind.Comment } : {}) };
}

export const foldingFeature: Feature = {
  name: 'folding-ranges',
  capabilities: { foldingRangeProvider: true },
  register(ctx: ServerContext) {
    ctx.connection.onFoldingRanges(
      ctx.guard<FoldingRangeParams, FoldingRange[]>('folding ranges', [], (params) => {
        const state = ctx.store.get(params.textDocument.uri);
        return state ? folds(state.analysis).map(toFoldingRange) : [];
      }),
    );
  },
};
