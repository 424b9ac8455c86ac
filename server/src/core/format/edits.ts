// From a formatted text to the edits that produce it: a line diff, so that formatting a nearly formatted document
// sends a few small edits (and the editor keeps the cursor, folds and undo steps of the untouched lines).

/** Replace [start, end) of the original text (UTF-16 offsets) by newText. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** Past this many differing lines the diff stops looking for a minimal script and replaces the changed middle. */
const MAX_DIFF = 500;
/** Nor does it look when the changed middle is longer than this (the search costs up to lines × MAX_DIFF). */
const MAX_LINES = 50_000;

/** The text cut after each line break (\n, \r\n or \r), each piece keeping its break. */
export function linePieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      pieces.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

/** Edits (in text order, not overlapping) that turn `before` into `after`, `offset` added to every position. */
export function diffEdits(before: string, after: string, offset = 0): OffsetEdit[] {
  if (before === after) return [];
  const a = linePieces(before);
  const b = linePieces(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const starts = [offset];
  for (const piece of a) starts.push(starts[starts.length - 1] + piece.length);
  const hunks = diffLines(a.slice(head, a.length - tail), b.slice(head, b.length - tail)) ?? [
    { aStart: 0, aEnd: a.length - head - tail, bStart: 0, bEnd: b.length - head - tail },
  ];
  return hunks.map((h) => ({
    start: starts[head + h.aStart],
    end: starts[head + h.aEnd],
    newText: b.slice(head + h.bStart, head + h.bEnd).join(''),
  }));
}

interface Hunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * Myers' O(ND) diff of two line lists: the hunks where they differ, or undefined when more than MAX_DIFF lines
 * differ or the lists are longer than MAX_LINES (the caller then replaces the whole range).
 */
function diffLines(a: readonly string[], b: readonly string[]): Hunk[] | undefined {
  const n = a.length;
  const m = b.length;
  if (n + m > MAX_LINES) return undefined;
  const max = Math.min(n + m, MAX_DIFF);
  const size = 2 * max + 1;
  let v = new Int32Array(size + 2);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    const next = v;
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[max + k - 1] < v[max + k + 1])) x = v[max + k + 1];
      else x = v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[max + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) return undefined;

  // Walk back through the saved frontiers, collecting the matched (diagonal) runs.
  const matches: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[max + k - 1] < vd[max + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) matches.push([--x, --y]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) matches.push([--x, --y]);
  matches.reverse();

  const hunks: Hunk[] = [];
  let ai = 0;
  let bi = 0;
  for (const [ma, mb] of [...matches, [n, m] as [number, number]]) {
    if (ma > ai || mb > bi) hunks.push({ aStart: ai, aEnd: ma, bStart: bi, bEnd: mb });
    ai = ma + 1;
    bi = mb + 1;
  }
  return hunks;
}
