// The layout of a formatted document: walks the AST of an error-free parse and produces its lines (indent level,
// code, trailing comment). render.ts turns them into text.
//
// Every source token is emitted in source order, so comments can be placed by offset: before each token, the
// comments that stand before it in the source are flushed. A comment that followed code on its source line stays
// a trailing comment of the current output line; any other comment gets a line of its own, indented like the
// token that follows it. A comment ends its line, so a list or call holding a comment is always laid out across
// lines. Commas, `extends` and an argument's ':' carry no offset in the AST: a comment just before one of them is
// flushed just after it instead (still on the same line, same meaning).
//
// A list or call goes on one line when it fits within the print width and holds no comment. Otherwise:
//   - a 2-D list of scalars (a data table) puts one row per line with the columns aligned (table.ts); such a table
//     also stays one row per line when it was written across lines, even if it would fit on one;
//   - a 1-D list of scalars is filled: as many items per line as fit, balanced across the lines;
//   - any other list, and a call, puts one item (argument) per line.
// Broken lists and calls end every item with a comma, the last one included.

import type { Argument, Call, Comment, Experiment, ListLiteral, Property, Value, XentDocument } from '../syntax/ast';
import type { SourceText } from '../syntax/source';
import { alignRows, type Cell } from './table';

export interface OutLine {
  /** Indent level (render.ts turns it into spaces or tabs). */
  readonly indent: number;
  code: string;
  readonly kind: 'code' | 'comment' | 'blank';
  /** A comment after the code, without trailing white space. */
  comment?: string;
}

export interface Layout {
  readonly tabSize: number;
  readonly printWidth: number;
}

/** Where each experiment lies in the output: the line of `experiment` and the line of its `}`. */
export interface ExperimentLines {
  readonly first: number;
  readonly last: number;
}

export interface Printed {
  readonly lines: OutLine[];
  readonly experiments: ExperimentLines[];
}

/** How a token is placed: after one space, right after the previous token, or at the start of a new line. */
type Mode = 'space' | 'none' | 'newline';

export function printDocument(document: XentDocument, source: SourceText, layout: Layout): Printed {
  const p = new Printer(source.text, document.comments, layout);
  const experiments: ExperimentLines[] = [];
  for (const e of document.experiments) experiments.push(p.experiment(e));
  p.flush(Infinity, 0, true);
  return { lines: p.lines, experiments };
}

/** White space as the lexer skips it, line breaks excluded. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

function isScalar(v: Value): boolean {
  return v.kind === 'number' || v.kind === 'string' || v.kind === 'boolean' || v.kind === 'identifier';
}

/** A list of lists of scalars: inline data rows. */
function isTable(v: ListLiteral): v is ListLiteral & { items: readonly ListLiteral[] } {
  return v.items.length > 0 && v.items.every((row) => row.kind === 'list' && row.items.every(isScalar));
}

/** How many lines a fill of `texts` (each followed by a comma) takes, with at most `cap` items per line. */
function fillLineCount(texts: readonly string[], start: number, width: number, cap: number): number {
  let lines = 1;
  let col = start;
  let onLine = 0;
  for (const text of texts) {
    if (onLine > 0 && (onLine >= cap || col + 1 + text.length + 1 > width)) {
      lines++;
      col = start;
      onLine = 0;
    }
    col += (onLine > 0 ? 1 : 0) + text.length + 1;
    onLine++;
  }
  return lines;
}

/** The smallest number of items per line that still fills in the fewest lines. */
function balancedCap(texts: readonly string[], start: number, width: number): number {
  const fewest = fillLineCount(texts, start, width, Infinity);
  let lo = 1;
  let hi = Math.max(1, texts.length);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fillLineCount(texts, start, width, mid) <= fewest) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

class Printer {
  readonly lines: OutLine[] = [];
  /** The line tokens are being added to; undefined once a line ended (the next token starts a new one). */
  private current: OutLine | undefined;
  /** The next comment to place. */
  private nextComment = 0;

  constructor(
    private readonly text: string,
    private readonly comments: readonly Comment[],
    private readonly layout: Layout,
  ) {}

  experiment(e: Experiment): ExperimentLines {
    this.startEntry(e.start, 0);
    this.token('experiment', e.start, 'newline', 0);
    const first = this.lines.length - 1;
    if (e.name) this.token(e.name.name, e.name.start, 'space', 1);
    if (e.parent) {
      this.append(' extends');
      this.token(e.parent.name, e.parent.start, 'space', 1);
    }
    this.token('{', e.openBrace, 'space', 0);
    if (e.properties.length === 0 && !this.hasComments(e.openBrace, e.closeBrace)) {
      this.token('}', e.closeBrace, 'none', 0);
    } else {
      for (const p of e.properties) this.property(p, 1);
      this.flush(e.closeBrace, 1, true);
      this.token('}', e.closeBrace, 'newline', 0);
    }
    return { first, last: this.lines.length - 1 };
  }

  private property(p: Property, indent: number): void {
    this.startEntry(p.start, indent);
    this.token(p.key.name, p.key.start, 'newline', indent);
    if (p.block) {
      const b = p.block;
      this.token('{', b.start, 'space', indent);
      const base = this.lineIndent();
      const close = b.end - 1;
      if (b.entries.length === 0 && !this.hasComments(b.start, close)) {
        this.token('}', close, 'none', base);
        return;
      }
      for (const entry of b.entries) {
        if (entry.kind === 'property') this.property(entry, base + 1);
        else {
          this.startEntry(entry.start, base + 1);
          this.value(entry, 'newline', base + 1, 0);
        }
      }
      this.flush(close, base + 1, true);
      this.token('}', close, 'newline', base);
    } else if (p.value) {
      this.token(':', p.colon, 'none', indent + 1);
      this.value(p.value, 'space', indent + 1, 0);
    }
  }

  /**
   * Places a value. `indent` is the level of the line its first token goes on if that token starts a line;
   * `reserve` is how many characters must follow it on its line (1 for the comma after a list item).
   */
  private value(v: Value, mode: Mode, indent: number, reserve: number): void {
    if (v.kind === 'list') this.list(v, mode, indent, reserve);
    else if (v.kind === 'call') this.call(v, mode, indent, reserve);
    else this.token(this.raw(v), v.start, mode, indent);
  }

  private list(v: ListLiteral, mode: Mode, indent: number, reserve: number): void {
    const close = v.end - 1;
    const table = isTable(v);
    // A table written across lines stays a table: the user laid the rows out.
    const keepTable = table && this.spansLines(v.start, v.end);
    if (!keepTable && !this.hasComments(v.start, v.end)) {
      const flat = this.flat(v);
      if (this.fits(flat, mode, indent, reserve)) {
        this.token(flat, v.start, mode, indent);
        return;
      }
    }
    this.token('[', v.start, mode, indent);
    const base = this.lineIndent();
    if (table) this.rows(v.items, base + 1);
    else if (v.items.every(isScalar)) this.fill(v.items, base + 1, !this.hasComments(v.start, v.end));
    else {
      for (const item of v.items) {
        this.value(item, 'newline', base + 1, 1);
        this.append(',');
      }
    }
    this.flush(close, base + 1, false);
    this.token(']', close, 'newline', base);
  }

  /** One row per line, columns aligned; a row holding a comment is laid out on its own terms. */
  private rows(rows: readonly ListLiteral[], indent: number): void {
    const clean = rows.filter((r) => !this.hasComments(r.start, r.end));
    const aligned = alignRows(clean.map((r) => r.items.map((i): Cell => ({ text: this.raw(i), numeric: i.kind === 'number' }))));
    const textOf = new Map(clean.map((r, i) => [r, aligned[i]]));
    for (const row of rows) {
      const text = textOf.get(row);
      if (text !== undefined) this.token(text, row.start, 'newline', indent);
      else this.list(row, 'newline', indent, 1);
      this.append(',');
    }
  }

  /**
   * As many items per line as fit, balanced: no more per line than needed for the fewest lines, so a list one
   * item too long splits in two even halves instead of leaving one item alone on the last line.
   */
  private fill(items: readonly Value[], indent: number, balance: boolean): void {
    const texts = items.map((i) => this.raw(i));
    const start = indent * this.layout.tabSize;
    const cap = balance ? balancedCap(texts, start, this.layout.printWidth) : Infinity;
    let onLine = 0;
    items.forEach((item, i) => {
      const text = texts[i];
      const fits = onLine > 0 && onLine < cap && this.current !== undefined && this.width() + 1 + text.length + 1 <= this.layout.printWidth;
      this.token(text, item.start, fits ? 'space' : 'newline', indent);
      this.append(',');
      onLine = fits ? onLine + 1 : 1;
    });
  }

  private call(v: Call, mode: Mode, indent: number, reserve: number): void {
    if (!this.hasComments(v.start, v.end)) {
      const flat = this.flat(v);
      if (this.fits(flat, mode, indent, reserve)) {
        this.token(flat, v.start, mode, indent);
        return;
      }
    }
    this.token(v.callee.name, v.start, mode, indent);
    const base = this.lineIndent();
    this.token('(', v.openParen, 'none', base + 1);
    for (const a of v.args) {
      this.argument(a, base + 1);
      this.append(',');
    }
    this.flush(v.closeParen, base + 1, false);
    this.token(')', v.closeParen, 'newline', base);
  }

  private argument(a: Argument, indent: number): void {
    if (!a.value) return; // only after a syntax error, and broken documents are not formatted
    if (a.name) {
      this.token(a.name.name, a.name.start, 'newline', indent);
      this.append(':');
      this.value(a.value, 'space', indent + 1, 1);
    } else this.value(a.value, 'newline', indent, 1);
  }

  /** The text of a value on one line: `[1, 2]`, `f(a, b: c)`; scalars exactly as written. */
  private flat(v: Value): string {
    switch (v.kind) {
      case 'list':
        return `[${v.items.map((i) => this.flat(i)).join(', ')}]`;
      case 'call':
        return `${v.callee.name}(${v.args.map((a) => (a.name ? `${a.name.name}: ` : '') + (a.value ? this.flat(a.value) : '')).join(', ')})`;
      default:
        return this.raw(v);
    }
  }

  private raw(v: Value): string {
    return this.text.slice(v.start, v.end);
  }

  private fits(flat: string, mode: Mode, indent: number, reserve: number): boolean {
    const startsLine = mode === 'newline' || this.current === undefined;
    const before = startsLine ? indent * this.layout.tabSize : this.width() + (mode === 'space' ? 1 : 0);
    return before + flat.length + reserve <= this.layout.printWidth;
  }

  /** The visual width of the current line so far. */
  private width(): number {
    const line = this.current;
    return line ? line.indent * this.layout.tabSize + line.code.length : 0;
  }

  private lineIndent(): number {
    return this.current?.indent ?? 0;
  }

  /**
   * Before an experiment, property or block entry: places the comments before it, then a blank line if the
   * source had at least one right before it (never right after an opening brace).
   */
  private startEntry(at: number, indent: number): void {
    this.flush(at, indent, true);
    if (this.blankBefore(at)) {
      this.current = undefined;
      this.blank();
    }
  }

  /** Places a token: the comments before it first, then the token on the current line or a new one. */
  private token(text: string, at: number, mode: Mode, indent: number): void {
    this.flush(at, indent, false);
    if (mode === 'newline' || this.current === undefined) {
      this.current = { indent, code: text, kind: 'code' };
      this.lines.push(this.current);
    } else this.current.code += (mode === 'space' ? ' ' : '') + text;
  }

  /** Adds text right after the last token (a comma, `extends`): no comment can come between. */
  private append(text: string): void {
    if (this.current) this.current.code += text;
  }

  /** Places the comments that start before `before`; `blankOk` keeps a blank line before an own-line comment. */
  flush(before: number, indent: number, blankOk: boolean): void {
    const comments = this.comments;
    while (this.nextComment < comments.length && comments[this.nextComment].start < before) {
      const c = comments[this.nextComment++];
      const text = c.text.trimEnd();
      if (this.current && this.current.comment === undefined && this.followsCode(c.start)) {
        this.current.comment = text;
      } else {
        if (blankOk && this.blankBefore(c.start)) this.blank();
        this.lines.push({ indent, code: text, kind: 'comment' });
      }
      this.current = undefined;
    }
  }

  /** A blank line, unless the output is empty, already ends in one, or ends in an opening brace. */
  private blank(): void {
    const last = this.lines[this.lines.length - 1];
    if (!last || last.kind === 'blank' || (last.kind === 'code' && last.code.endsWith('{'))) return;
    this.lines.push({ indent: 0, code: '', kind: 'blank' });
  }

  /** Whether the source has a blank line in the white space right before `offset`. */
  private blankBefore(offset: number): boolean {
    const text = this.text;
    let breaks = 0;
    for (let i = offset - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (c === 10) breaks++;
      else if (c === 13) {
        if (text.charCodeAt(i + 1) !== 10) breaks++;
      } else if (!isBlank(c)) break;
      if (breaks >= 2) return true;
    }
    return false;
  }

  /** Whether anything but white space stands before `offset` on its source line. */
  private followsCode(offset: number): boolean {
    const text = this.text;
    for (let i = offset - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) return false;
      if (!isBlank(c)) return true;
    }
    return false;
  }

  /** Whether a comment starts inside (start, end). */
  private hasComments(start: number, end: number): boolean {
    const comments = this.comments;
    let lo = this.nextComment;
    let hi = comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comments[mid].start <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < comments.length && comments[lo].start < end;
  }

  private spansLines(start: number, end: number): boolean {
    const text = this.text;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }
}
