// The CSV row engine: splits bytes into rows and fields (RFC 4180) and converts the schema's columns to
// float64 straight from the bytes, filling fixed-size chunks of rows.
//
// It works on one buffer at a time and never needs the whole file: `parse` consumes every complete row in
// buf[pos, end) and returns the index of the first byte it did not consume (the start of a row that runs
// past the buffer), so the caller moves that tail to the front, reads more and calls again. With `eof` the
// end of the buffer ends the last row.
//
// Rows: a row ends at "\n", "\r\n" or a lone "\r" (the line breaks a text editor counts). Fields are
// separated by ",". A field that starts with '"' is quoted: it runs to the next '"' not doubled, may
// contain commas and line breaks, and '""' stands for '"'. A quote inside an unquoted field is kept as
// text. Empty lines (no bytes between two line breaks) are skipped, as pandas does.
//
// Speed: unquoted numeric cells are parsed in place by NumberParser.scan (no strings are made); any other
// cell (quoted, padded with spaces, nan/inf, class names) takes the slow path through a decoded string.
//
// `createCsvEngine` is self-contained (it references only its parameter and globals), because its source
// text is also evaluated on worker threads: see csv-worker.ts.

import type { NumberParser } from './number';

/** How each field of a row is used: the compiled form of a schema resolved against a header. */
export interface CsvPlan {
  /** Fields per row (the header's field count). */
  nFields: number;
  /** Per field: 0 skip, 1 y_true, 2 y_pred, 3 features. */
  kind: number[];
  /** Per field: the column's index within its group (y_true, y_pred or features). */
  col: number[];
  /** Per field: the header name as messages show it (an escaped excerpt: see excerpt.ts). */
  names: string[];
  nTrue: number;
  nPred: number;
  nFeat: number;
  /** Declared class names: a y_true cell equal to one of them becomes its index. */
  classes?: string[];
  /** Accept nan / ±inf cells instead of reporting them. */
  allowNonFinite?: boolean;
}

/** An error found by the engine, before the file name and the line base are known. */
export interface EngineError {
  code: 'data-parse' | 'non-finite' | 'undeclared-classes' | 'label-out-of-range';
  /** Line number in the engine's own count (absolute when the caller started it at the right line). */
  line: number;
  column?: string;
  reason: string;
}

export interface EngineChunk {
  rowStart: number;
  n: number;
  yTrue: Float64Array;
  yPred: Float64Array;
  features?: Float64Array;
  lines: Uint32Array;
  /** File offset just past the last row of the chunk. */
  byteEnd: number;
}

export interface EngineState {
  plan: CsvPlan;
  chunkRows: number;
  /** Line number of the next byte to parse. */
  line: number;
  /** Rows completed before the current chunk. */
  rowBase: number;
  /** Rows in the current chunk. */
  n: number;
  yt: Float64Array;
  yp: Float64Array;
  ft: Float64Array;
  ln: Uint32Array;
  /** File offset of buf[0] for the current call (for byteEnd). */
  bufOffset: number;
  /** File offset just past the last completed row. */
  lastRowEnd: number;
  emit: (chunk: EngineChunk) => void;
  err: EngineError | null;
  /** Stop before the first row that contains a '"' (parallel ranges); quoteAt is then its file offset. */
  stopAtQuote: boolean;
  quoteAt: number;
  /** y_true cells mapped through the declared class names, and cells read as numbers. */
  byName: number;
  numeric: number;
  /** Supplies the buffers of a consumed chunk for reuse ([yTrue, yPred, lines, features?]), or null. */
  take: (() => ArrayBuffer[] | null) | null;
}

export interface CsvEngine {
  newState(plan: CsvPlan, chunkRows: number, line: number, rowBase: number, emit: (c: EngineChunk) => void): EngineState;
  /** Parses complete rows of buf[pos, end); returns the first unconsumed index. Stops early when st.err
   *  is set or (stopAtQuote) st.quoteAt is set. buf must have a spare byte after end (end < buf.length):
   *  it holds a sentinel during the call and is restored after. */
  parse(st: EngineState, buf: Uint8Array, pos: number, end: number, eof: boolean): number;
  /** Emits the current partial chunk, if any. */
  flush(st: EngineState): void;
  /**
   * Reads one row as text (the header). Returns the fields and the index after the row's line break,
   * or null when the row runs past the buffer and more data may follow. Sets `rowError` for an
   * unterminated quote or text after a closing quote (only possible with eof).
   */
  readRow(buf: Uint8Array, pos: number, end: number, eof: boolean): { fields: string[]; next: number; lines: number } | null;
  rowError: string | null;
}

/** `quote` renders a cell for messages: a short, escaped excerpt in quotes (excerpt.ts's quoteExcerpt). It
 *  is a parameter because this function must stay self-contained (it runs on worker threads). */
export function createCsvEngine(num: NumberParser, quote: (text: string) => string): CsvEngine {
  const COMMA = 44;
  const LF = 10;
  const CR = 13;
  const QUOTE = 34;
  const decoder = new TextDecoder('utf-8');
  const EMPTY_LINES = new Uint32Array(0);

  // Outputs of readField (the slow path): the field's text, where it ends (the delimiter's index), line
  // breaks inside it, whether it contained a quote, and a status: 0 ok, 1 more data needed, 2 error.
  let fText = '';
  let fEnd = 0;
  let fLines = 0;
  let fQuote = false;
  let fStatus = 0;
  let fError = '';

  function readField(buf: Uint8Array, p: number, end: number, eof: boolean): void {
    fLines = 0;
    fQuote = false;
    fStatus = 0;
    if (p < end && buf[p] === QUOTE) {
      fQuote = true;
      const open = p + 1;
      let q = open;
      let doubled = false;
      for (;;) {
        while (q < end && buf[q] !== QUOTE) {
          const b = buf[q];
          if (b === LF) fLines++;
          else if (b === CR && !(q + 1 < end && buf[q + 1] === LF)) fLines++;
          q++;
        }
        if (q >= end) {
          if (eof) {
            fStatus = 2;
            fError = 'unterminated quote (the quoted field that starts here never ends)';
          } else fStatus = 1;
          return;
        }
        // buf[q] is a quote: doubled (an escaped quote) or closing.
        if (q + 1 < end && buf[q + 1] === QUOTE) {
          doubled = true;
          q += 2;
          continue;
        }
        if (q + 1 >= end && !eof) {
          fStatus = 1;
          return;
        }
        break;
      }
      let text = decoder.decode(buf.subarray(open, q));
      if (doubled) text = text.replace(/""/g, '"');
      fText = text;
      const after = q + 1;
      if (after < end) {
        const c = buf[after];
        if (c !== COMMA && c !== LF && c !== CR) {
          fStatus = 2;
          fError = 'text after the closing quote of a quoted field';
          return;
        }
      }
      fEnd = after;
      return;
    }
    let q = p;
    while (q < end) {
      const c = buf[q];
      if (c === COMMA || c === LF || c === CR) break;
      if (c === QUOTE) fQuote = true;
      q++;
    }
    if (q >= end && !eof) {
      fStatus = 1;
      return;
    }
    fText = decoder.decode(buf.subarray(p, q));
    fEnd = q;
  }

  function readRow(buf: Uint8Array, pos: number, end: number, eof: boolean) {
    engine.rowError = null;
    const fields: string[] = [];
    let p = pos;
    let lines = 0;
    for (;;) {
      readField(buf, p, end, eof);
      if (fStatus === 1) return null;
      if (fStatus === 2) {
        engine.rowError = fError;
        return null;
      }
      fields.push(fText);
      lines += fLines;
      p = fEnd;
      if (p >= end) {
        if (!eof) return null;
        return { fields, next: p, lines };
      }
      const c = buf[p];
      if (c === COMMA) {
        p++;
        continue;
      }
      if (c === LF) return { fields, next: p + 1, lines: lines + 1 };
      // CR
      if (p + 1 < end) return { fields, next: buf[p + 1] === LF ? p + 2 : p + 1, lines: lines + 1 };
      if (!eof) return null;
      return { fields, next: p + 1, lines: lines + 1 };
    }
  }

  function alloc(st: EngineState): void {
    const r = st.chunkRows;
    const plan = st.plan;
    const reused = st.take !== null ? st.take() : null;
    if (reused !== null) {
      st.yt = new Float64Array(reused[0], 0, r * plan.nTrue);
      st.yp = new Float64Array(reused[1], 0, r * plan.nPred);
      st.ln = new Uint32Array(reused[2], 0, r);
      st.ft = new Float64Array(reused[3] ?? new ArrayBuffer(0), 0, r * plan.nFeat);
      return;
    }
    st.yt = new Float64Array(r * plan.nTrue);
    st.yp = new Float64Array(r * plan.nPred);
    st.ft = new Float64Array(r * plan.nFeat);
    st.ln = new Uint32Array(r);
  }

  function flush(st: EngineState): void {
    const n = st.n;
    if (n === 0) return;
    const plan = st.plan;
    const full = n === st.chunkRows;
    const chunk: EngineChunk = {
      rowStart: st.rowBase,
      n,
      yTrue: full ? st.yt : st.yt.subarray(0, n * plan.nTrue),
      yPred: full ? st.yp : st.yp.subarray(0, n * plan.nPred),
      lines: full ? st.ln : st.ln.subarray(0, n),
      byteEnd: st.lastRowEnd,
    };
    if (plan.nFeat > 0) chunk.features = full ? st.ft : st.ft.subarray(0, n * plan.nFeat);
    st.rowBase += n;
    st.n = 0;
    st.ln = EMPTY_LINES;
    st.emit(chunk);
  }

  function shown(text: string): string {
    return quote(text);
  }

  // Class names whose number reading would differ from their index ("1" declared first): such a name
  // must be looked up before the cell is read as a number.
  function classInfo(plan: CsvPlan): { map: Map<string, number> | null; nameFirst: boolean } {
    if (!plan.classes || plan.classes.length === 0) return { map: null, nameFirst: false };
    const map = new Map<string, number>();
    let nameFirst = false;
    plan.classes.forEach((name, i) => {
      const c = name.trim(); // cells are compared trimmed
      if (!map.has(c)) map.set(c, i);
      const v = num.parseText(c);
      if (v !== undefined && v !== i) nameFirst = true;
    });
    return { map, nameFirst };
  }

  const classCache = new WeakMap<CsvPlan, { map: Map<string, number> | null; nameFirst: boolean }>();

  function newState(
    plan: CsvPlan,
    chunkRows: number,
    line: number,
    rowBase: number,
    emit: (c: EngineChunk) => void,
  ): EngineState {
    const st: EngineState = {
      plan,
      chunkRows,
      line,
      rowBase,
      n: 0,
      yt: new Float64Array(0),
      yp: new Float64Array(0),
      ft: new Float64Array(0),
      ln: EMPTY_LINES,
      bufOffset: 0,
      lastRowEnd: 0,
      emit,
      err: null,
      stopAtQuote: false,
      quoteAt: -1,
      byName: 0,
      numeric: 0,
      take: null,
    };
    if (!classCache.has(plan)) classCache.set(plan, classInfo(plan));
    return st;
  }

  function countFields(buf: Uint8Array, p: number, end: number, eof: boolean): number {
    // Counts the fields from p to the end of the row; -1 when more data is needed, -2 on a quote error.
    let n = 0;
    for (;;) {
      readField(buf, p, end, eof);
      if (fStatus === 1) return -1;
      if (fStatus === 2) return -2;
      n++;
      p = fEnd;
      if (p < end && buf[p] === COMMA) {
        p++;
        continue;
      }
      return n;
    }
  }

  function parse(st: EngineState, buf: Uint8Array, pos: number, end: number, eof: boolean): number {
    // The number scanner reads without bounds checks up to a 0 sentinel at buf[end].
    if (end >= buf.length) throw new RangeError('csv engine: the buffer needs one spare byte after the data');
    const saved = buf[end];
    buf[end] = 0;
    const next = parseRows(st, buf, pos, end, eof);
    buf[end] = saved;
    return next;
  }

  function parseRows(st: EngineState, buf: Uint8Array, pos: number, end: number, eof: boolean): number {
    const plan = st.plan;
    const nF = plan.nFields;
    const kind = plan.kind;
    const col = plan.col;
    const nT = plan.nTrue;
    const nP = plan.nPred;
    const nX = plan.nFeat;
    const allowNonFinite = plan.allowNonFinite === true;
    const cls = classCache.get(plan)!;
    const classMap = cls.map;
    const nameFirst = cls.nameFirst;
    const stopAtQuote = st.stopAtQuote;
    const bufOffset = st.bufOffset;

    rows: while (pos < end) {
      const rowStart = pos;
      const rowLine = st.line;
      let c = buf[pos];
      // Empty lines are skipped.
      if (c === LF) {
        st.line++;
        pos++;
        continue;
      }
      if (c === CR) {
        if (pos + 1 < end) {
          pos += buf[pos + 1] === LF ? 2 : 1;
        } else if (eof) pos++;
        else break;
        st.line++;
        continue;
      }
      if (st.n === st.chunkRows) flush(st);
      if (st.ln === EMPTY_LINES) alloc(st);
      const r = st.n;
      const yt = st.yt;
      const yp = st.yp;
      const ft = st.ft;
      let p = pos;
      let extra = 0; // line breaks inside quoted fields of this row so far
      let rowNumeric = 0;
      let rowByName = 0;
      for (let f = 0; f < nF; f++) {
        const k = kind[f];
        const fieldLine = rowLine + extra;
        if (k === 0) {
          // A column the schema does not use: skip it.
          c = p < end ? buf[p] : -1;
          if (c === QUOTE) {
            if (stopAtQuote) {
              st.quoteAt = bufOffset + rowStart;
              break rows;
            }
            readField(buf, p, end, eof);
            if (fStatus === 1) break rows;
            if (fStatus === 2) {
              st.err = { code: 'data-parse', line: fieldLine, column: plan.names[f], reason: `column ${plan.names[f]}: ${fError}` };
              break rows;
            }
            extra += fLines;
            p = fEnd;
          } else {
            while (p < end) {
              c = buf[p];
              if (c === COMMA || c === LF || c === CR) break;
              if (c === QUOTE && stopAtQuote) {
                st.quoteAt = bufOffset + rowStart;
                break rows;
              }
              p++;
            }
            if (p >= end && !eof) break rows;
          }
        } else {
          let v = 0;
          let fast = !(k === 1 && nameFirst);
          if (fast) {
            v = num.scan(buf, p, end, eof);
            const e = num.end;
            if (e >= 0) {
              p = e;
              if (k === 1) rowNumeric++;
            } else if (e === -2) break rows;
            else fast = false;
          }
          if (!fast) {
            // Slow path: quoted cells, spaces, nan/inf, class names, garbage.
            if (stopAtQuote && p < end && buf[p] === QUOTE) {
              st.quoteAt = bufOffset + rowStart;
              break rows;
            }
            readField(buf, p, end, eof);
            if (fStatus === 1) break rows;
            if (stopAtQuote && fQuote) {
              st.quoteAt = bufOffset + rowStart;
              break rows;
            }
            if (fStatus === 2) {
              st.err = { code: 'data-parse', line: fieldLine, column: plan.names[f], reason: `column ${plan.names[f]}: ${fError}` };
              break rows;
            }
            const text = fText;
            let found = false;
            if (k === 1 && classMap !== null && nT === 1) {
              const idx = classMap.get(text.trim());
              if (idx !== undefined) {
                v = idx;
                found = true;
                rowByName++;
              }
            }
            if (!found) {
              const x = num.parseText(text);
              if (x === undefined) {
                const name = plan.names[f];
                const blank = text.trim() === '';
                if (!blank && k === 1 && nT === 1 && (classMap !== null || /^[ \t]*[A-Za-z_\u0080-\uffff]/.test(text))) {
                  if (classMap === null) {
                    st.err = {
                      code: 'undeclared-classes',
                      line: fieldLine,
                      column: name,
                      reason: `column ${name} is ${shown(text)}, a class name, but the experiment declares no class names; declare them (classes: [...]) or use class indices`,
                    };
                  } else {
                    st.err = {
                      code: 'label-out-of-range',
                      line: fieldLine,
                      column: name,
                      reason: `column ${name} is ${shown(text)}, which is not one of the declared classes (${plan.classes!.join(', ')})`,
                    };
                  }
                } else {
                  st.err = {
                    code: 'data-parse',
                    line: fieldLine,
                    column: name,
                    reason: blank
                        ? `column ${name} is empty, not a number`
                        : `column ${name} is ${shown(text)}, not a number`,
                  };
                }
                break rows;
              }
              v = x;
              if (k === 1) rowNumeric++;
            }
            extra += fLines;
            p = fEnd;
          }
          if (v - v !== 0 && !allowNonFinite) {
            const name = plan.names[f];
            st.err = {
              code: 'non-finite',
              line: fieldLine,
              column: name,
              reason: `column ${name} is ${v !== v ? 'nan' : v > 0 ? 'inf' : '-inf'}, not a finite number`,
            };
            break rows;
          }
          if (k === 2) yp[r * nP + col[f]] = v;
          else if (k === 1) yt[r * nT + col[f]] = v;
          else ft[r * nX + col[f]] = v;
        }
        // After the field: a comma, a line break, or the end of the data.
        if (p >= end) {
          if (!eof) break rows;
          if (f < nF - 1) {
            st.err = {
              code: 'data-parse',
              line: rowLine,
              reason: `the row has ${f + 1} field${f === 0 ? '' : 's'}, the header has ${nF}`,
            };
            break rows;
          }
          continue;
        }
        c = buf[p];
        if (f < nF - 1) {
          if (c === COMMA) {
            p++;
            continue;
          }
          st.err = {
            code: 'data-parse',
            line: rowLine,
            reason: `the row has ${f + 1} field${f === 0 ? '' : 's'}, the header has ${nF}`,
          };
          break rows;
        }
        if (c === LF) p++;
        else if (c === CR) {
          if (p + 1 < end) p += buf[p + 1] === LF ? 2 : 1;
          else if (eof) p++;
          else break rows;
        } else {
          // A comma after the last field: too many fields.
          const more = countFields(buf, p + 1, end, eof);
          if (more === -1) break rows;
          st.err = {
            code: 'data-parse',
            line: rowLine,
            reason:
              more === -2
                ? `the row has more than ${nF} fields (the header has ${nF}) and an unterminated quote`
                : `the row has ${nF + more} fields, the header has ${nF}`,
          };
          break rows;
        }
      }
      // The row is complete.
      st.ln[r] = rowLine;
      st.n = r + 1;
      st.numeric += rowNumeric;
      st.byName += rowByName;
      st.line = rowLine + extra + 1;
      pos = p;
      st.lastRowEnd = bufOffset + p;
    }
    return pos;
  }

  const engine: CsvEngine = { newState, parse, flush, readRow, rowError: null };
  return engine;
}
