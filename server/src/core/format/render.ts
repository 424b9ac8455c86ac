// Output lines → text lines: indentation, and the column of trailing comments.
//
// A trailing comment stands two spaces after its code. The trailing comments of consecutive lines line up, two
// spaces after the longest code among them; a blank line, a comment line or a line without a trailing comment
// ends the run. Where the source put them does not matter, so the result is the same however the code moved.

import type { OutLine } from './printer';

export interface Indentation {
  readonly tabSize: number;
  readonly insertSpaces: boolean;
}

export function renderLines(lines: readonly OutLine[], indentation: Indentation): string[] {
  const unit = indentation.insertSpaces ? ' '.repeat(indentation.tabSize) : '\t';
  const out = lines.map((l) => (l.kind === 'blank' ? '' : unit.repeat(l.indent) + l.code));
  const width = (l: OutLine) => visualWidth(l.indent * indentation.tabSize, l.code, indentation.tabSize);
  for (let i = 0; i < lines.length; ) {
    if (lines[i].comment === undefined) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < lines.length && lines[end].comment !== undefined) end++;
    let widest = 0;
    for (let k = i; k < end; k++) widest = Math.max(widest, width(lines[k]));
    const at = widest + 2;
    for (let k = i; k < end; k++) out[k] += ' '.repeat(at - width(lines[k])) + lines[k].comment;
    i = end;
  }
  return out;
}

/** The column after `text` written from column `start`, tabs expanded. */
function visualWidth(start: number, text: string, tabSize: number): number {
  let col = start;
  for (let i = 0; i < text.length; i++) col = text.charCodeAt(i) === 9 ? (Math.floor(col / tabSize) + 1) * tabSize : col + 1;
  return col;
}
