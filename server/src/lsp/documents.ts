// Open documents and their latest analysis. Every feature answers from here, so a document is parsed and
// analysed once per version, however many requests arrive.

import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from '../core/check';

export interface DocumentState {
  readonly document: TextDocument;
  readonly analysis: Analysis;
}

export class DocumentStore {
  readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new Map<string, { version: number; analysis: Analysis }>();

  constructor() {
    this.documents.onDidClose((e) => this.cache.delete(e.document.uri));
  }

  /** The document and its analysis for its current version (analysed on first use). */
  get(uri: string): DocumentState | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    let entry = this.cache.get(uri);
    if (!entry || entry.version !== document.version) {
      entry = { version: document.version, analysis: analyze(document.getText()) };
      this.cache.set(uri, entry);
    }
    return { document, analysis: entry.analysis };
  }

  all(): TextDocument[] {
    return this.documents.all();
  }
}
