// Completion: the items of catalogue-text/completion-items.ts as LSP items, plus data file paths inside
// csv("…") / npy(…) / parquet("…"), which need the file system: the files beside the .xent file (a file: URI
// only) whose names end in .csv, .npy or .parquet, listed a few folders deep.

import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CancellationToken,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
} from 'vscode-languageserver';
import type { SourceText } from '../../core/syntax/source';
import type { Feature, ServerContext } from '../context';
import { toLspRange } from '../convert';
import { uriToPath } from '../workspace';
import { complete, type FileRequest, type Item, type ItemKind, type OffsetRange } from './catalogue-text/completion-items';

const KINDS: Record<ItemKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  parameter: CompletionItemKind.Field,
  function: CompletionItemKind.Function,
  enum: CompletionItemKind.EnumMember,
  value: CompletionItemKind.Value,
  class: CompletionItemKind.Constant,
  experiment: CompletionItemKind.Reference,
  keyword: CompletionItemKind.Keyword,
  snippet: CompletionItemKind.Snippet,
};

function toLspItem(item: Item, source: SourceText, range: OffsetRange): CompletionItem {
  return {
    label: item.label,
    kind: KINDS[item.kind],
    ...(item.detail ? { detail: item.detail } : {}),
    ...(item.documentation ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
    sortText: item.sortText,
    ...(item.filterText ? { filterText: item.filterText } : {}),
    ...(item.preselect ? { preselect: true } : {}),
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: toLspRange(source.rangeOf(range.start, range.end)), newText: item.insert },
  };
}

/** Folders not worth descending into, and how far to look. */
const SKIP_DIRS = new Set(['node_modules', '__pycache__']);
const MAX_DEPTH = 4;
const MAX_FILES = 500;
const MAX_DIRS = 200;

/** Data files under `base` (relative, '/'-separated), nearest first. */
export async function listDataFiles(base: string, extensions: readonly string[], token?: CancellationToken): Promise<string[]> {
  const found: string[] = [];
  let queue: string[] = [''];
  let dirs = 0;
  for (let depth = 0; depth <= MAX_DEPTH && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const rel of queue) {
      if (token?.isCancellationRequested || found.length >= MAX_FILES || dirs++ >= MAX_DIRS) return found;
      let entries;
      try {
        entries = await readdir(join(base, rel), { withFileTypes: true });
      } catch {
        continue; // unreadable or gone: nothing to offer there
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) next.push(path);
        } else if (extensions.some((x) => e.name.toLowerCase().endsWith(x))) found.push(path);
      }
    }
    queue = next;
  }
  return found;
}

async function fileItems(uri: string, req: FileRequest, source: SourceText, token: CancellationToken): Promise<CompletionItem[]> {
  const file = uriToPath(uri);
  if (!file) return []; // virtual file systems: no local folder to list
  const files = await listDataFiles(dirname(file), req.extensions, token);
  const range = toLspRange(source.rangeOf(req.range.start, req.range.end));
  return files.map((path, i) => ({
    label: path,
    kind: CompletionItemKind.File,
    detail: `${req.extensions.join(', ')} file beside this experiment`,
    documentation: { kind: MarkupKind.Markdown, value: `\`${path}\`: a path relative to this .xent file's folder, as \`csv(...)\`, \`npy(...)\` and \`parquet(...)\` read it.` },
    sortText: `${String(path.split('/').length).padStart(2, '0')}${String(i).padStart(4, '0')}`,
    filterText: req.quote ? `"${path}"` : path,
    textEdit: { range, newText: req.quote ? JSON.stringify(path) : path + (req.closeQuote ?? '') },
  }));
}

export const completionFeature: Feature = {
  name: 'completion',
  capabilities: { completionProvider: { triggerCharacters: [':', '(', '[', ',', '"', "'", '/'], resolveProvider: false } },
  register(ctx: ServerContext) {
    ctx.connection.onCompletion(
      ctx.guard<CompletionParams, CompletionList | null>('completion', null, async (params, token) => {
        const uri = params.textDocument.uri;
        const state = ctx.store.get(uri);
        if (!state) return null;
        const source = state.analysis.parse.source;
        const result = complete(state.analysis, source.offsetAt(params.position), { experimentTemplates: ctx.settings().experimentTemplates });
        const items = result.items.map((item) => toLspItem(item, source, result.range));
        if (result.files) items.push(...(await fileItems(uri, result.files, source, token)));
        return { isIncomplete: false, items };
      }),
    );
  },
};
