// Document and range formatting: the editor's options (tab size, spaces or tabs) into the core formatter, its
// offset edits out as LSP TextEdits. A document with syntax errors gets no edits: it is never formatted.
// Range formatting formats the experiments the range touches (core/format rangeFormattingEdits), and prints only
// their lines (rangeEdits): an editor asks for the visible lines, and a document of megabytes of inline data took
// seconds to print whole for them. Both reuse the parse the document store already holds for the current version.

import type { DocumentFormattingParams, DocumentRangeFormattingParams, FormattingOptions, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formattingEdits, rangeFormattingEdits, type FormatOptions, type OffsetEdit } from '../../core/format';
import type { ParseResult } from '../../core/syntax/parse';
import type { Feature, ServerContext } from '../context';

export function toFormatOptions(options: FormattingOptions): FormatOptions {
  return { tabSize: options.tabSize, insertSpaces: options.insertSpaces };
}

export function toTextEdits(document: TextDocument, edits: readonly OffsetEdit[] | undefined): TextEdit[] {
  return (edits ?? []).map((e) => ({
    range: { start: document.positionAt(e.start), end: document.positionAt(e.end) },
    newText: e.newText,
  }));
}

export const formattingFeature: Feature = {
  name: 'formatting',
  capabilities: { documentFormattingProvider: true, documentRangeFormattingProvider: true },
  register(ctx: ServerContext) {
    ctx.connection.onDocumentFormatting(
      ctx.guard<DocumentFormattingParams, TextEdit[]>('formatting', [], (params) => {
        const state = ctx.store.get(params.textDocument.uri);
        if (!state) return [];
        const { document, analysis } = state;
        return toTextEdits(document, formattingEdits(document.getText(), toFormatOptions(params.options), analysis.parse));
      }),
    );
    ctx.connection.onDocumentRangeFormatting(
      ctx.guard<DocumentRangeFormattingParams, TextEdit[]>('range formatting', [], (params) => {
        const state = ctx.store.get(params.textDocument.uri);
        if (!state) return [];
        const { document, analysis } = state;
        const range = { start: document.offsetAt(params.range.start), end: document.offsetAt(params.range.end) };
        return toTextEdits(document, rangeEdits(document.getText(), range, toFormatOptions(params.options), analysis.parse));
      }),
    );
  },
};

/**
 * rangeFormattingEdits over the lines of the experiments the range touches (and of those sharing a line with
 * them: the formatter formats such experiments together) rather than over the whole document: the same edits,
 * because an experiment prints the same wherever it stands and the edits cover only those lines. The whole
 * document decides what cannot be seen from those lines: a syntax error anywhere means no formatting, and a
 * document whose line breaks differ from those of the lines (mixed \n and \r\n) is formatted whole.
 */
export function rangeEdits(text: string, range: { readonly start: number; readonly end: number }, options: FormatOptions, parsed: ParseResult): OffsetEdit[] | undefined {
  if (parsed.errors.length > 0 || parsed.source.text !== text) return rangeFormattingEdits(text, range, options, parsed);
  const { source, document } = parsed;
  const lines = document.experiments.map((e) => ({
    first: source.positionAt(e.start).line,
    last: source.positionAt(Math.max(e.start, e.end - 1)).line,
    touched: e.start <= range.end && e.end >= range.start,
  }));
  const touched = lines.filter((l) => l.touched);
  if (touched.length === 0) return [];
  let first = touched[0].first;
  let last = touched[touched.length - 1].last;
  for (let grown = true; grown; ) {
    grown = false;
    for (const l of lines) {
      if (l.first <= last && l.last >= first && (l.first < first || l.last > last)) {
        first = Math.min(first, l.first);
        last = Math.max(last, l.last);
        grown = true;
      }
    }
  }
  const from = source.lineStart(first);
  const to = last + 1 < source.lineCount ? source.lineStart(last + 1) : text.length;
  const piece = text.slice(from, to);
  if ((lineBreakOf(piece) ?? '\n') !== (lineBreakOf(text) ?? '\n')) return rangeFormattingEdits(text, range, options, parsed);
  const edits = rangeFormattingEdits(piece, { start: Math.max(0, range.start - from), end: Math.min(piece.length, range.end - from) }, options);
  return edits?.map((e) => ({ ...e, start: e.start + from, end: e.end + from }));
}

/** A text's first line break (the formatter's line break), or undefined when it has none (then \n). */
function lineBreakOf(text: string): string | undefined {
  const m = /\r\n|\r|\n/.exec(text);
  return m?.[0];
}
