// Rewrites of inline data: labels between class indices and one-hot rows, shifted or re-mapped labels, prediction
// rows normalised to sum to 1. Each is one edit of the whole list that keeps what stands between the items
// (commas, line breaks, comments), so a column of rows stays a column.

import type { InlineArray } from '../../model/inline-data';
import type { ListLiteral, Value } from '../../syntax/ast';
import { indentAt, lineBreak, rewriteItems } from './text';
import type { FixContext, OffsetEdit } from './types';

/** y_true / y_pred when the experiment's own text holds the data block (data in a parent is left alone). */
export function ownArray(ctx: FixContext, key: 'yTrue' | 'yPred'): InlineArray | undefined {
  const data = ctx.facts?.data;
  return data && ctx.model && data.experiment === ctx.model.name ? data[key] : undefined;
}

/** Rows written one per line stay so; a one-line list that would grow past this many characters is broken up. */
const MAX_LINE = 100;

/**
 * Class indices or names → one-hot rows of `k` columns; `indexOf` maps a label to its class index (undefined when
 * it is not one of the classes: then nothing is converted).
 */
export function toOneHot(ctx: FixContext, y: InlineArray, k: number, indexOf: (label: string | number) => number | undefined): OffsetEdit | undefined {
  if (y.dims !== 1 || y.rows === 0 || k < 2 || k > 1000) return undefined;
  const rows: string[] = [];
  for (let r = 0; r < y.rows; r++) {
    const c = indexOf(y.names ? y.names[r] : y.values[r]);
    if (c === undefined || !(c >= 0 && c < k)) return undefined;
    rows.push(`[${Array.from({ length: k }, (_, j) => (j === c ? '1' : '0')).join(', ')}]`);
  }
  const list = y.node;
  const oneLine = ctx.source.positionAt(list.start).line === ctx.source.positionAt(list.end).line;
  const lineLength = ctx.source.lineText(ctx.source.positionAt(list.start).line).length - (list.end - list.start);
  const inline = rows.join(', ');
  if (oneLine && lineLength + inline.length + 2 > MAX_LINE) return oneRowPerLine(ctx, list, rows);
  return rewriteItems(ctx.text, list, (_, i) => rows[i]);
}

/** `[` row per line `]`, indented one level deeper than the line that holds the list. */
function oneRowPerLine(ctx: FixContext, list: ListLiteral, rows: readonly string[]): OffsetEdit {
  const indent = indentAt(ctx.source, list.start);
  const inner = `${indent}  `;
  const eol = lineBreak(ctx.source);
  return { start: list.start, end: list.end, text: `[${eol}${rows.map((r) => `${inner}${r}`).join(`,${eol}`)}${eol}${indent}]` };
}

/** One-hot rows → class indices; undefined unless every row holds exactly one 1 and 0s otherwise. */
export function toIndices(ctx: FixContext, y: InlineArray): OffsetEdit | undefined {
  if (y.dims !== 2 || y.rows === 0) return undefined;
  const indices: string[] = [];
  for (let r = 0; r < y.rows; r++) {
    let hot = -1;
    for (let c = 0; c < y.cols; c++) {
      const v = y.values[r * y.cols + c];
      if (v === 1 && hot < 0) hot = c;
      else if (v !== 0) return undefined;
    }
    if (hot < 0) return undefined;
    indices.push(String(hot));
  }
  return rewriteItems(ctx.text, y.node, (_, i) => indices[i]);
}

/** Every numeric label mapped through `map` (undefined when a label has no image). */
export function mapLabels(ctx: FixContext, y: InlineArray, map: (v: number) => number | undefined): OffsetEdit | undefined {
  if (y.dims !== 1 || y.names) return undefined;
  const out: string[] = [];
  for (let r = 0; r < y.rows; r++) {
    const v = map(y.values[r]);
    if (v === undefined || !Number.isFinite(v)) return undefined;
    out.push(String(v));
  }
  return rewriteItems(ctx.text, y.node, (item, i) => (item.kind === 'number' && item.raw === out[i] ? undefined : out[i]));
}

/** Decimal places of a number as written (0.25 → 2, 1e-3 → 3). */
function decimals(node: Value | undefined): number {
  if (node?.kind !== 'number') return 0;
  const m = /\.(\d+)/.exec(node.raw);
  const exp = /e(-?\d+)/i.exec(node.raw);
  return (m ? m[1].length : 0) - (exp ? Number(exp[1]) : 0);
}

function fixed(x: number, places: number): string {
  const s = x.toFixed(places);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/**
 * Prediction rows rescaled to sum to 1 (as Keras does silently), written with at least 4 decimals (more if the
 * row had them); the largest cell takes the rounding remainder, so the written values sum to exactly 1. A row of
 * zeros becomes uniform. `test` selects the rows to rewrite.
 */
export function normaliseRows(ctx: FixContext, y: InlineArray, test: (row: number) => boolean): OffsetEdit | undefined {
  if (y.dims !== 2 || y.cols < 1) return undefined;
  const rowText: (string | undefined)[] = [];
  for (let r = 0; r < y.rows; r++) {
    if (!test(r)) {
      rowText.push(undefined);
      continue;
    }
    const cells = Array.from(y.values.subarray(r * y.cols, (r + 1) * y.cols));
    if (cells.some((v) => !(v >= 0) || !Number.isFinite(v))) return undefined;
    const sum = cells.reduce((a, b) => a + b, 0);
    const row = y.rowNodes[r];
    const places = Math.min(12, Math.max(4, ...(row.kind === 'list' ? row.items.map(decimals) : [0])));
    const scale = 10 ** places;
    // Whole units of 10^-places, so the remainder is exact.
    const units = cells.map((v) => Math.round(((sum > 0 ? v / sum : 1 / y.cols)) * scale));
    let largest = 0;
    for (let c = 1; c < units.length; c++) if (units[c] > units[largest]) largest = c;
    units[largest] += scale - units.reduce((a, b) => a + b, 0);
    if (units[largest] < 0) return undefined;
    rowText.push(`[${units.map((u) => fixed(u / scale, places)).join(', ')}]`);
  }
  return rewriteItems(ctx.text, y.node, (_, i) => rowText[i]);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['experiment', 'extends', 'true', 'false']);

/** A class name as the language writes it: bare when it is an identifier, quoted otherwise. */
export function nameText(name: string): string {
  return IDENTIFIER.test(name) && !RESERVED.has(name) ? name : JSON.stringify(name);
}
