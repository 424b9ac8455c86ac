// Byte-level number parser for data files: JS / Python float syntax, correctly rounded.
//
// Accepted (surrounding spaces and tabs allowed in the text form):
//   [+-]? ( digits [ "." digits? ] | "." digits ) ( [eE] [+-]? digits )?     1  -1  1.  .5  1e-5  2.5E+3  +3
//   [+-]? ( nan | inf | infinity )   in any letter case                        nan  NaN  -inf  Infinity
// Not accepted: "" (JS Number("") is 0), hex/octal/binary (0x10), Python's digit separators (1_000).
//
// Correct rounding: the fast path builds the decimal significand as an integer m (exact while it has
// at most 15 significant digits, m < 10^15 < 2^53) and computes m × 10^e or m / 10^-e with 10^|e| exact
// (|e| ≤ 22): one IEEE operation on two exact doubles is correctly rounded (Clinger's fast path). Anything
// else — more digits, larger exponents — falls back to Number() on the text, which is correctly rounded.
//
// `createNumberParser` is self-contained (it references nothing outside its own body) because its source
// text is also shipped to worker threads: see csv-worker.ts.

export interface NumberParser {
  /**
   * Parses a plain decimal number starting at buf[p] and ending at a field delimiter: ',' '\n' '\r', or
   * the end of the data when `eof`. Returns the value and sets `end` to the delimiter's index; sets `end`
   * to FAIL (-1) when the text is anything else (quotes, spaces, letters: the caller takes the slow path)
   * and to MORE (-2) when the buffer ends before the delimiter and more data may follow.
   * Requires a sentinel: buf[end] must exist and hold 0 (the loops read without bounds checks and stop
   * there; the CSV engine writes it). p < end.
   */
  scan(buf: Uint8Array, p: number, end: number, eof: boolean): number;
  end: number;
  /** Parses a whole field's text (trimmed); undefined when it is not a number. nan/inf give NaN/±Infinity. */
  parseText(text: string): number | undefined;
  /** Parses buf[start, end) as a whole field; undefined when it is not a number. */
  parseBytes(buf: Uint8Array, start: number, end: number): number | undefined;
}

export function createNumberParser(): NumberParser {
  const P10 = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
  ];
  const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
  const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;

  function latin1(buf: Uint8Array, s: number, e: number): string {
    let out = '';
    for (let i = s; i < e; i++) out += String.fromCharCode(buf[i]);
    return out;
  }

  const self: NumberParser = {
    end: 0,
    scan(buf: Uint8Array, p: number, end: number, eof: boolean): number {
      const start = p;
      // c is the current byte; the sentinel 0 at buf[end] stops every loop (then c becomes -1).
      let c = buf[p];
      let neg = false;
      if (c === 45) {
        neg = true;
        c = buf[++p];
      } else if (c === 43) {
        c = buf[++p];
      }
      let mant = 0; // significand as an integer (exact while nd <= 15)
      let exp = 0; // decimal exponent applied to mant
      const intStart = p;
      // Leading zeros do not count as significant digits.
      while (c === 48) c = buf[++p];
      let sigStart = p;
      let d = c - 48;
      while (d >= 0 && d <= 9) {
        mant = mant * 10 + d;
        c = buf[++p];
        d = c - 48;
      }
      let nd = p - sigStart; // significant digits in mant
      let digits = p - intStart; // digits in the integer and fraction parts
      if (c === 46) {
        c = buf[++p];
        const fracStart = p;
        if (mant === 0) {
          while (c === 48) c = buf[++p];
        }
        sigStart = p;
        d = c - 48;
        while (d >= 0 && d <= 9) {
          mant = mant * 10 + d;
          c = buf[++p];
          d = c - 48;
        }
        nd += p - sigStart;
        exp = fracStart - p;
        digits += p - fracStart;
      }
      if (p >= end) c = -1;
      if (digits === 0) {
        self.end = c === -1 && !eof ? -2 : -1;
        return 0;
      }
      if (c === 101 || c === 69) {
        c = buf[++p];
        let eneg = false;
        if (c === 45) {
          eneg = true;
          c = buf[++p];
        } else if (c === 43) {
          c = buf[++p];
        }
        if (!(c >= 48 && c <= 57)) {
          if (p >= end) c = -1;
          self.end = c === -1 && !eof ? -2 : -1;
          return 0;
        }
        let ev = 0;
        while (c >= 48 && c <= 57) {
          if (ev < 1e8) ev = ev * 10 + (c - 48);
          c = buf[++p];
        }
        exp += eneg ? -ev : ev;
      }
      if (c !== 44 && c !== 10 && c !== 13) {
        if (p < end) {
          self.end = -1;
          return 0;
        }
        if (!eof) {
          self.end = -2;
          return 0;
        }
      }
      self.end = p;
      let v: number;
      if (mant === 0) v = 0;
      else if (nd <= 15) {
        if (exp === 0) v = mant;
        else if (exp < 0) {
          if (exp >= -22) v = mant / P10[-exp];
          else return Number(latin1(buf, start, p));
        } else if (exp <= 22) v = mant * P10[exp];
        else if (exp <= 37 - nd) v = mant * P10[exp - 22] * 1e22; // mant·10^(exp-22) < 10^15: still exact
        else return Number(latin1(buf, start, p));
      } else return Number(latin1(buf, start, p));
      return neg ? -v : v;
    },
    parseText(text: string): number | undefined {
      const t = text.replace(/^[ \t]+|[ \t]+$/g, '');
      if (DECIMAL.test(t)) return Number(t);
      const m = SPECIAL.exec(t);
      if (m === null) return undefined;
      if (m[2].toLowerCase() === 'nan') return NaN;
      return m[1] === '-' ? -Infinity : Infinity;
    },
    parseBytes(buf: Uint8Array, start: number, end: number): number | undefined {
      if (end <= start) return undefined;
      // Copy with the sentinel scan needs.
      const tmp = new Uint8Array(end - start + 1);
      tmp.set(buf.subarray(start, end));
      const v = self.scan(tmp, 0, end - start, true);
      if (self.end === end - start) return v;
      return self.parseText(latin1(buf, start, end));
    },
  };
  return self;
}

const shared = createNumberParser();

/** Parses a number field's text as the data readers do; undefined when it is not a number. */
export function parseNumberText(text: string): number | undefined {
  return shared.parseText(text);
}

/** Parses bytes [start, end) as one number, as the data readers do; undefined when it is not a number. */
export function parseNumberBytes(buf: Uint8Array, start = 0, end = buf.length): number | undefined {
  return shared.parseBytes(buf, start, end);
}
