// Document links: the data file paths in `data: csv("runs/val.csv", ...)` and `data: npy(y_true: "y.npy", ...)`
// open the file. A path is resolved relative to the .xent file, as the evaluator reads it, and linked only when
// the file exists (a missing file gets the evaluator's diagnostic, not a dead link).
// Which arguments are paths comes from the catalogue: the string parameters of a data source (csv's path, npy's
// y_true / y_pred / features); csv's column names are 'columns' and never links.

import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import { lookup } from '../../core/catalogue';
import type { XentDocument } from '../../core/syntax/ast';
import type { Feature, ServerContext } from '../context';
import { toLspRange } from '../convert';
import { uriToPath } from '../workspace';
import { paramOfArgument } from './catalogue-text/slots';

export interface DataPath {
  /** The path as written (escapes decoded). */
  readonly path: string;
  /** Offsets of the path's text inside its quotes. */
  readonly start: number;
  readonly end: number;
}

/** Every data file path written in the document's `data: csv(...)` / `data: npy(...)`, in text order. */
export function dataPaths(document: XentDocument): DataPath[] {
  const out: DataPath[] = [];
  for (const e of document.experiments) {
    for (const p of e.properties) {
      const call = p.key.name === 'data' ? p.value : undefined;
      if (call?.kind !== 'call') continue;
      const source = lookup('data-source', call.callee.name);
      if (!source) continue;
      call.args.forEach((arg, index) => {
        const v = arg.value;
        if (v?.kind !== 'string' || v.value.trim() === '') return;
        if (paramOfArgument(source, arg.name?.name, index)?.type !== 'string') return;
        out.push({ path: v.value, start: v.start + 1, end: v.terminated ? v.end - 1 : v.end });
      });
    }
  }
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export const documentLinksFeature: Feature = {
  name: 'document-links',
  capabilities: { documentLinkProvider: { resolveProvider: false } },
  register(ctx: ServerContext) {
    ctx.connection.onDocumentLinks(
      ctx.guard<DocumentLinkParams, DocumentLink[]>('document links', [], (params) => {
        const uri = params.textDocument.uri;
        // Only a file on disk has a directory to resolve paths against.
        const file = uriToPath(uri);
        if (!file) return [];
        const state = ctx.store.get(uri);
        if (!state) return [];
        const { document, source } = state.analysis.parse;
        const baseDir = dirname(file);
        const links: DocumentLink[] = [];
        for (const d of dataPaths(document)) {
          const target = isAbsolute(d.path) ? d.path : resolve(baseDir, d.path);
          if (!isFile(target)) continue;
          links.push({ range: toLspRange(source.rangeOf(d.start, d.end)), target: pathToFileURL(target).href, tooltip: `Open ${d.path}` });
        }
        return links;
      }),
    );
  },
};
