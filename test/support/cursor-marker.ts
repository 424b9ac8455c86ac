// Table-driven editor tests write the cursor into the text as a marker: `loss: binary_cross|entropy`.
// This splits it out and gives the LSP position (0-based line, UTF-16 character) of the cursor.

export interface Marked {
  /** The text without the marker. */
  readonly text: string;
  readonly offset: number;
  readonly position: { readonly line: number; readonly character: number };
}

/** Removes the one cursor marker (default '|') from `source`; throws if there is not exactly one. */
export function withCursor(source: string, marker = '|'): Marked {
  const offset = source.indexOf(marker);
  if (offset < 0 || source.indexOf(marker, offset + 1) >= 0) throw new Error(`expected exactly one '${marker}' in ${JSON.stringify(source)}`);
  const text = source.slice(0, offset) + source.slice(offset + marker.length);
  return { text, offset, position: positionOf(text, offset) };
}

export function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
