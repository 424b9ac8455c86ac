// Document and range formatting: the editor's options (tab size, spaces or tabs) into the core formatter, its
// offset edits out as LSP TextEdits. A document with syntax errors gets no edits: it is never formatted.
// Range formatting formats the experiments the range touches (core/format rangeFormattingEdits). Both reuse the
// parse the document store already holds for the current version.

import type { DocumentFormattingParams, DocumentRangeFormattingParams, FormattingOptions, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formattingEdits, rangeFormattingEdits, type FormatOptions, type OffsetEdit } from '../../core/format';
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
        return toTextEdits(document, rangeFormattingEdits(document.getText(), range, toFormatOptions(params.options), analysis.parse));
      }),
    );
  },
};
