// Document symbols: the outline of a file. Each experiment, and inside it its sections in the order written:
// task, classes (with each class), labels, model (with each layer), loss, optimizer, metrics (with each metric)
// and data (with y_true, y_pred, features). `outline` is the pure part (offsets and section kinds); the
// feature maps it to LSP DocumentSymbols.

import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import type { Analysis } from '../../core/check';
import type { ExperimentModel } from '../../core/model/types';
import type { Experiment, Property, Value } from '../../core/syntax/ast';
import type { SourceText } from '../../core/syntax/source';
import type { Feature, ServerContext } from '../context';
import { toLspRange } from '../convert';

export type OutlineKind =
  | 'experiment'
  | 'task'
  | 'labels'
  | 'classes'
  | 'class'
  | 'model'
  | 'layer'
  | 'loss'
  | 'optimizer'
  | 'metrics'
  | 'metric'
  | 'data'
  | 'data-file'
  | 'data-entry'
  | 'property';

export interface OutlineNode {
  readonly name: string;
  readonly detail: string | undefined;
  readonly kind: OutlineKind;
  /** The whole construct, [start, end). */
  readonly start: number;
  readonly end: number;
  /** The name to select and reveal (inside [start, end)). */
  readonly selectionStart: number;
  readonly selectionEnd: number;
  readonly children: readonly OutlineNode[];
}

/** Details longer than this are cut: an outline line, not the source. */
const DETAIL_MAX = 60;
const NONE: readonly OutlineNode[] = [];

/** One node; every node has the same shape (no spread), which keeps a 250-experiment outline cheap. */
function node(
  name: string,
  detail: string | undefined,
  kind: OutlineKind,
  span: { readonly start: number; readonly end: number },
  selection: { readonly start: number; readonly end: number },
  children: readonly OutlineNode[] = NONE,
): OutlineNode {
  return { name, detail: detail || undefined, kind, start: span.start, end: span.end, selectionStart: selection.start, selectionEnd: selection.end, children };
}

/** The outline of a document: one node per experiment, with its sections. */
export function outline(analysis: Analysis): OutlineNode[] {
  const text = analysis.parse.source.text;
  const models = new Map<Experiment, ExperimentModel>();
  for (const m of analysis.models) models.set(m.node, m);
  return analysis.parse.document.experiments.map((e) => experimentNode(e, models.get(e), text));
}

function experimentNode(e: Experiment, model: ExperimentModel | undefined, text: string): OutlineNode {
  const task = model?.task?.value;
  const parent = e.parent ? `extends ${e.parent.name}` : undefined;
  const detail = task && parent ? `${task} · ${parent}` : (task ?? parent);
  // Without a name, the keyword stands for it.
  const selection = e.name ?? { start: e.start, end: Math.min(e.start + 'experiment'.length, e.end) };
  return node(e.name?.name ?? '(unnamed experiment)', detail, 'experiment', e, selection, e.properties.map((p) => propertyNode(p, text)));
}

function propertyNode(p: Property, text: string): OutlineNode {
  const v = p.value;
  const section = (kind: OutlineKind, detail: string | undefined, children?: readonly OutlineNode[]) => node(p.key.name, detail, kind, p, p.key, children);
  const plain = (kind: OutlineKind) => section(kind, v && compact(sourceOf(v, text)));
  switch (p.key.name) {
    case 'task':
    case 'labels':
    case 'loss':
    case 'optimizer':
      return plain(p.key.name);
    case 'classes': {
      if (v?.kind === 'number') return section('classes', plural(v.value, 'class', 'classes'));
      if (v?.kind !== 'list') return plain('classes');
      const children = v.items.map((item) => {
        const name = item.kind === 'identifier' ? item.name : item.kind === 'string' ? item.value : sourceOf(item, text);
        return node(name || '""', undefined, 'class', item, item);
      });
      return section('classes', plural(v.items.length, 'class', 'classes'), children);
    }
    case 'model': {
      if (!p.block) return plain('model');
      const layers = p.block.entries.filter((x): x is Value => x.kind !== 'property').map((x) => callNode(x, 'layer', text));
      return section('model', plural(layers.length, 'layer', 'layers'), layers);
    }
    case 'metrics': {
      if (!v) return plain('metrics');
      const items = v.kind === 'list' ? v.items : [v];
      return section('metrics', plural(items.length, 'metric', 'metrics'), items.map((m) => callNode(m, 'metric', text)));
    }
    case 'data': {
      if (!p.block) return plain(v?.kind === 'call' ? 'data-file' : 'data');
      const entries = p.block.entries.map((x) => (x.kind === 'property' ? dataEntryNode(x, text) : callNode(x, 'property', text)));
      const yTrue = p.block.entries.find((x): x is Property => x.kind === 'property' && x.key.name === 'y_true');
      const samples = yTrue?.value?.kind === 'list' ? plural(yTrue.value.items.length, 'sample', 'samples') : 'inline';
      return section('data', samples, entries);
    }
    default:
      return plain('property');
  }
}

/** `y_true: [...]`: its shape as the detail ("4 values", "3 × 3"). */
function dataEntryNode(p: Property, text: string): OutlineNode {
  const v = p.value;
  let detail: string | undefined;
  if (v?.kind === 'list') {
    const first = v.items[0];
    detail = first?.kind === 'list' ? `${v.items.length} × ${first.items.length}` : plural(v.items.length, 'value', 'values');
  } else if (v) detail = compact(sourceOf(v, text));
  return node(p.key.name, detail, 'data-entry', p, p.key);
}

/** A layer or metric: named by its callee, with its arguments as the detail. */
function callNode(v: Value, kind: OutlineKind, text: string): OutlineNode {
  if (v.kind === 'call') {
    const close = v.closeParen >= 0 ? v.closeParen : v.end;
    const args = compact(text.slice(v.openParen + 1, Math.min(close, v.openParen + 1 + DETAIL_MAX * 4)));
    return node(v.callee.name, args, kind, v, v.callee);
  }
  if (v.kind === 'identifier') return node(v.name, undefined, kind, v, v);
  return node(compact(sourceOf(v, text)) || v.kind, undefined, kind, v, v);
}

/** The source of a node, read no further than a detail needs (inline data may be megabytes). */
function sourceOf(node: { start: number; end: number }, text: string): string {
  return text.slice(node.start, Math.min(node.end, node.start + DETAIL_MAX * 4));
}

/** One line, single spaces, cut at DETAIL_MAX characters. */
function compact(s: string): string {
  const one = /[\s]{2}|[\t\r\n]/.test(s) ? s.replace(/\s+/g, ' ').trim() : s.trim();
  return one.length > DETAIL_MAX ? `${one.slice(0, DETAIL_MAX - 1)}…` : one;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const SYMBOL_KINDS: Record<OutlineKind, SymbolKind> = {
  experiment: SymbolKind.Class,
  task: SymbolKind.Property,
  labels: SymbolKind.Property,
  classes: SymbolKind.Enum,
  class: SymbolKind.EnumMember,
  model: SymbolKind.Module,
  layer: SymbolKind.Function,
  loss: SymbolKind.Function,
  optimizer: SymbolKind.Function,
  metrics: SymbolKind.Array,
  metric: SymbolKind.Function,
  data: SymbolKind.Struct,
  'data-file': SymbolKind.File,
  'data-entry': SymbolKind.Array,
  property: SymbolKind.Property,
};

export function toDocumentSymbol(node: OutlineNode, source: SourceText): DocumentSymbol {
  return {
    name: node.name,
    detail: node.detail,
    kind: SYMBOL_KINDS[node.kind],
    range: toLspRange(source.rangeOf(node.start, node.end)),
    selectionRange: toLspRange(source.rangeOf(node.selectionStart, node.selectionEnd)),
    children: node.children.map((c) => toDocumentSymbol(c, source)),
  };
}

export const symbolsFeature: Feature = {
  name: 'document-symbols',
  capabilities: { documentSymbolProvider: { label: 'xent' } },
  register(ctx: ServerContext) {
    ctx.connection.onDocumentSymbol(
      ctx.guard<DocumentSymbolParams, DocumentSymbol[]>('document symbols', [], (params) => {
        const state = ctx.store.get(params.textDocument.uri);
        if (!state) return [];
        const source = state.analysis.parse.source;
        return outline(state.analysis).map((n) => toDocumentSymbol(n, source));
      }),
    );
  },
};
