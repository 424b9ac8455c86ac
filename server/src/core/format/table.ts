// Aligned data rows: the rows of a 2-D inline list, one per line, with their columns lined up.
//
// A column of numbers is aligned on the decimal point: the integer parts (sign and digits before '.' or an
// exponent) are right-aligned, so the points line up, and the shorter fractions are padded after their comma, so
// every comma hugs its number. Any other column (names, strings) is left-aligned. The last cell of a row gets no
// padding after it, so no row ends in spaces before its ']'.
//
//   [ 0.9,  0.05, 0.05],
//   [-0.1,  0.8,  0.1],
//   [10.25, 0.5,  1]

export interface Cell {
  /** The cell's text exactly as written (a number keeps its raw text: 0.10 stays 0.10). */
  readonly text: string;
  readonly numeric: boolean;
}

/** Splits a number's text into the part before its decimal point (or exponent) and the rest. */
export function splitNumber(text: string): [string, string] {
  const m = /^[+-]?\d*/.exec(text);
  const head = m ? m[0] : '';
  return [head, text.slice(head.length)];
}

interface Column {
  numeric: boolean;
  /** Widest integer part (numeric columns). */
  head: number;
  /** Widest fraction part (numeric columns), or widest text (other columns). */
  tail: number;
}

/** The text of each row, `[a, b, c]`, with the columns of all rows aligned. */
export function alignRows(rows: readonly (readonly Cell[])[]): string[] {
  const columns: Column[] = [];
  for (const row of rows) {
    row.forEach((cell, j) => {
      const col = (columns[j] ??= { numeric: true, head: 0, tail: 0 });
      col.numeric &&= cell.numeric;
    });
  }
  for (const row of rows) {
    row.forEach((cell, j) => {
      const col = columns[j];
      if (col.numeric) {
        const [head, tail] = splitNumber(cell.text);
        col.head = Math.max(col.head, head.length);
        col.tail = Math.max(col.tail, tail.length);
      } else col.tail = Math.max(col.tail, cell.text.length);
    });
  }
  return rows.map((row) => {
    const parts = row.map((cell, j) => {
      const col = columns[j];
      const last = j === row.length - 1;
      if (col.numeric) {
        const [head, tail] = splitNumber(cell.text);
        const left = ' '.repeat(col.head - head.length);
        return last ? left + cell.text : `${left}${cell.text},${' '.repeat(col.tail - tail.length)}`;
      }
      return last ? cell.text : `${cell.text},${' '.repeat(col.tail - cell.text.length)}`;
    });
    return `[${parts.join(' ')}]`;
  });
}
