// Text surgery on the AST: replace a node, add or remove an argument, a list item, a line, insert a property.
// Every helper returns offset edits that keep the user's layout (indentation, line breaks, comments) and leave
// no stray comma or blank line behind.

import type { Argument, Call, Experiment, Identifier, ListLiteral, Property, Value } from '../../syntax/ast';
import type { SourceText } from '../../syntax/source';
import type { OffsetEdit } from './types';

interface Span {
  readonly start: number;
  readonly end: number;
}

export function replaceNode(node: Span, text: string): OffsetEdit {
  return { start: node.start, end: node.end, text };
}

export function insertAt(offset: number, text: string): OffsetEdit {
  return { start: offset, end: offset, text };
}

const isBlank = (s: string) => /^[ \t]*$/.test(s);

/** The leading whitespace of the line holding `offset`. */
export function indentAt(source: SourceText, offset: number): string {
  const line = source.positionAt(offset).line;
  return /^[ \t]*/.exec(source.lineText(line))![0];
}

/** The document's line break (a new line written by a fix matches the others). */
export function lineBreak(source: SourceText): string {
  const m = /\r\n|\n|\r/.exec(source.text);
  return m ? m[0] : '\n';
}

/** Whether `node` is the first thing on its line (only indentation before it). */
function startsLine(source: SourceText, node: Span): boolean {
  const line = source.positionAt(node.start).line;
  return isBlank(source.text.slice(source.lineStart(line), node.start));
}

/** `name: value` appended to a call's arguments; a bare name `loss: bce` becomes `bce(name: value)`. */
export function addArgument(call: Call | Identifier, argText: string): OffsetEdit | undefined {
  if (call.kind === 'identifier') return insertAt(call.end, `(${argText})`);
  if (call.closeParen < 0) return undefined; // an unclosed call: nowhere safe to write
  const last = call.args[call.args.length - 1];
  return last ? insertAt(last.end, `, ${argText}`) : insertAt(call.closeParen, argText);
}

/**
 * Removes one item of a comma-separated sequence (call arguments, list items) with its comma: the separator
 * before it, or for the first item the one after it.
 */
function removeFromSequence(items: readonly Span[], index: number): OffsetEdit {
  const item = items[index];
  if (index > 0) return { start: items[index - 1].end, end: item.end, text: '' };
  if (items.length > 1) return { start: item.start, end: items[1].start, text: '' };
  return { start: item.start, end: item.end, text: '' };
}

/** Removes an argument and its comma; a call left without arguments loses its parentheses: `bce(x: 1)` → `bce`. */
export function removeArgument(call: Call, arg: Argument): OffsetEdit | undefined {
  const index = call.args.indexOf(arg);
  if (index < 0) return undefined;
  if (call.args.length === 1 && call.openParen >= 0 && call.closeParen >= 0) return { start: call.openParen, end: call.closeParen + 1, text: '' };
  return removeFromSequence(call.args, index);
}

export function removeListItem(list: ListLiteral, item: Value): OffsetEdit | undefined {
  const index = list.items.indexOf(item);
  return index < 0 ? undefined : removeFromSequence(list.items, index);
}

/** `, item` appended to a list (`[]` → `[item]`). */
export function appendListItem(source: SourceText, list: ListLiteral, itemText: string): OffsetEdit | undefined {
  const last = list.items[list.items.length - 1];
  if (last) return insertAt(last.end, `, ${itemText}`);
  const close = list.end - 1;
  return source.text[close] === ']' ? insertAt(close, itemText) : undefined;
}

/**
 * Removes an entry that stands on lines of its own (a property, a layer) with its line break and any comment
 * after it; an entry that shares its line with others is removed with the spaces around it.
 */
export function removeEntry(source: SourceText, node: Span): OffsetEdit {
  const text = source.text;
  const startLine = source.positionAt(node.start).line;
  const endLine = source.positionAt(node.end).line;
  const lineStart = source.lineStart(startLine);
  const after = text.slice(node.end, source.lineEnd(endLine));
  if (isBlank(text.slice(lineStart, node.start)) && /^[ \t]*(#.*)?$/.test(after)) {
    const next = endLine + 1 < source.lineCount ? source.lineStart(endLine + 1) : text.length;
    return { start: lineStart, end: next, text: '' };
  }
  let end = node.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  if (end > node.end) return { start: node.start, end, text: '' };
  let start = node.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: node.end, text: '' };
}

/**
 * Inserts `key: value` into an experiment: on a new line after `after` (default: its last property), with the
 * indentation of its properties; inside the braces of a one-line experiment.
 */
export function insertProperty(source: SourceText, experiment: Experiment, propertyText: string, after?: Property): OffsetEdit {
  const text = source.text;
  const { openBrace, closeBrace } = experiment;
  const props = experiment.properties;
  const oneLine =
    openBrace >= 0 && (closeBrace < 0 ? false : source.positionAt(openBrace).line === source.positionAt(closeBrace).line);
  if (oneLine || openBrace < 0) {
    const at = closeBrace >= 0 ? closeBrace : experiment.end;
    const before = text[at - 1] === ' ' ? '' : ' ';
    return insertAt(at, `${before}${propertyText}${closeBrace >= 0 ? ' ' : ''}`);
  }
  const lined = props.find((p) => startsLine(source, p));
  const indent = lined ? indentAt(source, lined.start) : `${indentAt(source, experiment.start)}  `;
  const anchor = after ?? props[props.length - 1];
  const eol = lineBreak(source);
  if (!anchor) return insertAt(openBrace + 1, `${eol}${indent}${propertyText}`);
  const lineEnd = source.lineEnd(source.positionAt(anchor.end).line);
  // The closing brace on the anchor's own line (`loss: x }`): insert before it, not after it.
  const at = closeBrace >= anchor.end && closeBrace < lineEnd ? anchor.end : lineEnd;
  return insertAt(at, `${eol}${indent}${propertyText}`);
}

/**
 * Rewrites some items of a list in one edit, keeping everything between them (commas, line breaks, comments)
 * as written: a column of labels stays a column. `replace` returns the new text of an item, or undefined to
 * keep it. Undefined when no item changes.
 */
export function rewriteItems(text: string, list: ListLiteral, replace: (item: Value, index: number) => string | undefined): OffsetEdit | undefined {
  const parts: string[] = [];
  let at = list.start;
  let changed = false;
  list.items.forEach((item, i) => {
    const next = replace(item, i);
    if (next === undefined) return;
    parts.push(text.slice(at, item.start), next);
    at = item.end;
    changed = true;
  });
  if (!changed) return undefined;
  parts.push(text.slice(at, list.end));
  return { start: list.start, end: list.end, text: parts.join('') };
}

/** Applies edits to a text (in any order; they must not overlap). */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** The text of `node` with the edits inside it applied (to re-write an inherited property in the child). */
export function rewriteNode(text: string, node: Span, edits: readonly OffsetEdit[]): string | undefined {
  if (edits.some((e) => e.start < node.start || e.end > node.end)) return undefined;
  const local = edits.map((e) => ({ start: e.start - node.start, end: e.end - node.start, text: e.text }));
  return applyOffsetEdits(text.slice(node.start, node.end), local);
}

/** A number as a user writes it: 0.001, 1e-7, 3. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(12)));
}
