// Open documents and their latest analysis. Every feature answers from here, so a document is parsed and
// analysed once per version, however many requests arrive.

import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from '../core/check';
import type { RuleSeverities } from '../core/rules';
import { collectGarbage, LARGE_DOCUMENT } from './memory';

export interface DocumentState {
  readonly document: TextDocument;
  readonly analysis: Analysis;
}

export class DocumentStore {
  readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new Map<string, { version: number; rules: string; analysis: Analysis }>();

  /** `severities` gives the rule severities of a document (applied by analyze()); none by default. */
  constructor(private readonly severities: (uri: string) => RuleSeverities = () => ({})) {
    this.documents.onDidClose((e) => {
      this.cache.delete(e.document.uri);
      // Once the features have let go of it too (they handle the same event), hand a large document's memory back.
      if (e.document.getText().length >= LARGE_DOCUMENT) setTimeout(collectGarbage, 100).unref();
    });
  }

  /** The document and its analysis for its current version and rule severities (analysed on first use). */
  get(uri: string): DocumentState | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const severities = this.severities(uri);
    const rules = JSON.stringify(severities);
    let entry = this.cache.get(uri);
    if (!entry || entry.version !== document.version || entry.rules !== rules) {
      // The previous version's parse is reused for the experiments the edit did not touch.
      entry = { version: document.version, rules, analysis: analyze(document.getText(), { rules: severities, previous: entry?.analysis }) };
      this.cache.set(uri, entry);
    }
    return { document, analysis: entry.analysis };
  }

  all(): TextDocument[] {
    return this.documents.all();
  }
}
