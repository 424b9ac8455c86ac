// Maps UTF-16 offsets of a document to LSP positions (0-based line, UTF-16 character) and back.
// Every range in the AST and in diagnostics goes through here, so all layers agree on positions.

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export class SourceText {
  /** Offsets at which each line starts; a line break is \n, \r\n or a lone \r (as LSP counts them). */
  private readonly lineStarts: number[];

  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    this.lineStarts = lineStarts ?? (text.includes('\r') ? lineStartsOf(text) : newlineStarts(text));
  }

  /**
   * The source of `text`, an edit of `previous.text` that changed [prefix, previous.text.length - suffix) (so the
   * first `prefix` and the last `suffix` characters are the old ones): the line starts before and after the edit
   * are the old ones (moved), and only the edited span is scanned. A line start belongs to the character just
   * before it, which ends the line break: before the edit it reads only old, unchanged text; after it, too.
   */
  static edited(previous: SourceText, text: string, prefix: number, suffix: number): SourceText {
    const old = previous.lineStarts;
    const oldEditEnd = previous.text.length - suffix;
    const newEditEnd = text.length - suffix;
    const delta = text.length - previous.text.length;
    // Old starts whose line break (and the character after a lone \r) lie before the edit: old[0, kept).
    const kept = Math.max(1, firstAtLeast(old, prefix));
    // Starts whose line break ends in the edited span (or just before it).
    const middle: number[] = [];
    for (let at = Math.max(0, prefix - 1); at < newEditEnd; at++) {
      const c = text.charCodeAt(at);
      if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(at + 1) !== 10)) middle.push(at + 1);
    }
    // Old starts whose line break ends after the edit, moved: old[moved, end).
    const moved = firstAtLeast(old, oldEditEnd + 1);
    // Built in one preallocated array: this runs on every keystroke, over every line of the document.
    const starts = new Array<number>(kept + middle.length + old.length - moved);
    let n = 0;
    for (let i = 0; i < kept; i++) starts[n++] = old[i];
    for (const s of middle) starts[n++] = s;
    for (let i = moved; i < old.length; i++) starts[n++] = old[i] + delta;
    return new SourceText(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of an offset, clamped into the document. */
  positionAt(offset: number): Position {
    const o = Number.isFinite(offset) ? Math.max(0, Math.min(offset, this.text.length)) : this.text.length;
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo] };
  }

  /** The offset of a position, clamped into the document (a character past the line end means the line end). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + position.character, end));
  }

  /** Offset just past the last character of a line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** The text of one line without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }
}

/** Line starts of a text with \n line breaks only: indexOf scans far faster than a loop over the characters. */
function newlineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line starts where a line break is \n, \r\n or a lone \r. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) starts.push(i + 1);
    else if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The index of the first element of a sorted array that is at least `value` (the length if none is). */
function firstAtLeast(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
