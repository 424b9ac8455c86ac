// Reads inline data (`y_true: [...]`) from the AST into typed arrays, remembering where each row stands so
// that data rules can point at the offending row.

import type { ListLiteral, Value } from '../syntax/ast';

export interface InlineArray {
  /** 1 for [a, b, c], 2 for [[a, b], [c, d]]. */
  readonly dims: 1 | 2;
  readonly rows: number;
  /** Columns of a 2-D array (the width of the first row); 1 for a 1-D array. */
  readonly cols: number;
  /** Row-major numbers; NaN where a cell is a name (see `names`). */
  readonly values: Float64Array;
  /** For 1-D arrays of class names (identifiers or strings): the name of each cell; undefined otherwise. */
  readonly names?: readonly string[];
  /** The AST node of each row (the number, name or inner list), for pointing at a row. */
  readonly rowNodes: readonly Value[];
  readonly node: ListLiteral;
}

export interface InlineDataProblem {
  readonly message: string;
  readonly node: Value;
}

/**
 * What each list was read as. The incremental parse hands back the same list nodes for the experiments an edit
 * did not touch, so a keystroke does not convert megabytes of inline data again (the result holds no offsets).
 */
const read = new WeakMap<Value, InlineArray | InlineDataProblem>();

/** Converts a list literal to an InlineArray, or explains why it is not a 1-D/2-D array of numbers or names. */
export function readInlineArray(node: Value): InlineArray | InlineDataProblem {
  let known = read.get(node);
  if (!known) read.set(node, (known = convert(node)));
  return known;
}

function convert(node: Value): InlineArray | InlineDataProblem {
  if (node.kind !== 'list') return { message: 'expected a list such as [0, 1, 1] or [[0.2, 0.8], [0.9, 0.1]]', node };
  const items = node.items;
  if (items.length === 0) return { dims: 1, rows: 0, cols: 1, values: new Float64Array(0), rowNodes: [], node };
  if (items[0].kind === 'list') {
    const cols = items[0].items.length;
    const values = new Float64Array(items.length * cols);
    for (let r = 0; r < items.length; r++) {
      const row = items[r];
      if (row.kind !== 'list') return { message: 'every row must be a list, like the first one', node: row };
      if (row.items.length !== cols) {
        return { message: `row ${r + 1} has ${row.items.length} values, the first row has ${cols}`, node: row };
      }
      for (let c = 0; c < cols; c++) {
        const cell = row.items[c];
        if (cell.kind !== 'number') return { message: 'expected a number', node: cell };
        values[r * cols + c] = cell.value;
      }
    }
    return { dims: 2, rows: items.length, cols, values, rowNodes: items, node };
  }
  const values = new Float64Array(items.length);
  let names: string[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const cell = items[i];
    if (cell.kind === 'number') {
      if (names) return { message: 'mixes numbers and class names', node: cell };
      values[i] = cell.value;
    } else if (cell.kind === 'identifier' || cell.kind === 'string') {
      if (i > 0 && !names) return { message: 'mixes numbers and class names', node: cell };
      names ??= [];
      names.push(cell.kind === 'identifier' ? cell.name : cell.value);
      values[i] = NaN;
    } else if (cell.kind === 'boolean') {
      return { message: 'expected a number or a class name, not true/false', node: cell };
    } else {
      return { message: 'expected a number or a class name', node: cell };
    }
  }
  return { dims: 1, rows: items.length, cols: 1, values, names, rowNodes: items, node };
}

export function isProblem(x: InlineArray | InlineDataProblem): x is InlineDataProblem {
  return (x as InlineDataProblem).message !== undefined;
}
