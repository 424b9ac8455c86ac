// The .xent formatter (docs/formatting.md states its rules). Pure: text in, text (or edits) out.
//
//   parse → printer.ts (AST + comments → lines) → render.ts (indentation, comment columns) → verify.ts
//
// A document with syntax errors is never formatted (undefined): its tree is a guess. Neither is one whose
// formatted text would not hold the same tokens (a bug of the formatter; verify.ts): meaning is never changed.

import { parse, type ParseResult } from '../syntax/parse';
import { diffEdits, type OffsetEdit } from './edits';
import { printDocument, type ExperimentLines } from './printer';
import { renderLines } from './render';
import { sameTokens } from './verify';

export type { OffsetEdit } from './edits';

export interface FormatOptions {
  /** Spaces per indent level (also the width of a tab when measuring lines). */
  readonly tabSize: number;
  /** Indent with spaces (true) or tabs. */
  readonly insertSpaces: boolean;
  /** Lists and calls longer than this are broken across lines (default 100). */
  readonly printWidth?: number;
}

export const DEFAULT_FORMAT_OPTIONS: Required<FormatOptions> = { tabSize: 2, insertSpaces: true, printWidth: 100 };

/** The formatted text, or undefined when the document has syntax errors. */
export function format(text: string, options: FormatOptions = DEFAULT_FORMAT_OPTIONS): string | undefined {
  return formatDetailed(text, options)?.text;
}

/**
 * The edits that format the whole document ([] when it is formatted), or undefined when it has syntax errors.
 * `parsed`, when given, must be parse(text): the server passes the parse it already holds, which saves most of
 * the time.
 */
export function formattingEdits(text: string, options: FormatOptions = DEFAULT_FORMAT_OPTIONS, parsed?: ParseResult): OffsetEdit[] | undefined {
  const f = formatDetailed(text, options, parsed);
  return f && diffEdits(text, f.text);
}

/**
 * The edits that format the experiments touching [start, end] (offsets in `text`), leaving the rest of the
 * document as it is; undefined when the document has syntax errors. Experiments sharing a source line are
 * formatted together.
 */
export function rangeFormattingEdits(
  text: string,
  range: { readonly start: number; readonly end: number },
  options: FormatOptions = DEFAULT_FORMAT_OPTIONS,
  parsed?: ParseResult,
): OffsetEdit[] | undefined {
  const f = formatDetailed(text, options, parsed);
  if (!f) return undefined;
  const { source, document } = f.parsed;
  const start = range.start - f.shift;
  const end = range.end - f.shift;
  const edits: OffsetEdit[] = [];
  for (const group of experimentGroups(f)) {
    const touched = group.members.some((i) => {
      const e = document.experiments[i];
      return e.start <= end && e.end >= start;
    });
    if (!touched) continue;
    const from = source.lineStart(group.sourceFirst);
    const before = source.text.slice(from, source.lineEnd(group.sourceLast));
    const after = f.lines.slice(group.outputFirst, group.outputLast + 1).join(f.eol);
    edits.push(...diffEdits(before, after, from + f.shift));
  }
  return edits;
}

interface Formatted {
  readonly text: string;
  /** The formatted lines (without the BOM). */
  readonly lines: readonly string[];
  readonly eol: string;
  /** 1 when the text starts with a BOM: the parse is of the text after it. */
  readonly shift: number;
  readonly parsed: ParseResult;
  readonly experiments: readonly ExperimentLines[];
}

function formatDetailed(text: string, options: FormatOptions, given?: ParseResult): Formatted | undefined {
  // A BOM is kept, and kept out of the way: it is not part of the first line's columns (so a parse of the text
  // with its BOM cannot be reused).
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = shift ? text.slice(1) : text;
  const parsed = given && !shift && given.source.text === text ? given : parse(body);
  if (parsed.errors.length > 0) return undefined;
  const tabSize = Number.isInteger(options.tabSize) && options.tabSize >= 1 && options.tabSize <= 16 ? options.tabSize : DEFAULT_FORMAT_OPTIONS.tabSize;
  const printWidth = options.printWidth !== undefined && options.printWidth >= 20 ? options.printWidth : DEFAULT_FORMAT_OPTIONS.printWidth;
  const printed = printDocument(parsed.document, parsed.source, { tabSize, printWidth });
  const lines = renderLines(printed.lines, { tabSize, insertSpaces: options.insertSpaces !== false });
  const eol = lineBreakOf(body);
  const out = lines.length > 0 ? lines.join(eol) + eol : '';
  if (!sameTokens(body, out)) return undefined;
  return { text: (shift ? '\ufeff' : '') + out, lines, eol, shift, parsed, experiments: printed.experiments };
}

/** The document's line break: its first one (CRLF documents stay CRLF), \n when it has none. */
function lineBreakOf(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return '\n';
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  return '\n';
}

interface Group {
  readonly members: number[];
  sourceFirst: number;
  sourceLast: number;
  readonly outputFirst: number;
  outputLast: number;
}

/** Experiments with their source and output lines; experiments that share a source line form one group. */
function experimentGroups(f: Formatted): Group[] {
  const { source, document } = f.parsed;
  const groups: Group[] = [];
  document.experiments.forEach((e, i) => {
    const first = source.positionAt(e.start).line;
    const last = source.positionAt(Math.max(e.start, e.end - 1)).line;
    const out = f.experiments[i];
    const previous = groups[groups.length - 1];
    if (previous && first <= previous.sourceLast) {
      previous.members.push(i);
      previous.sourceLast = Math.max(previous.sourceLast, last);
      previous.outputLast = out.last;
    } else groups.push({ members: [i], sourceFirst: first, sourceLast: last, outputFirst: out.first, outputLast: out.last });
  });
  return groups;
}
