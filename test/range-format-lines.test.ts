// Range formatting in the server prints only the lines of the experiments the range touches
// (lsp/features/formatting.ts rangeEdits); it must give exactly the edits of core/format's rangeFormattingEdits
// over the whole document. Checked on the examples and on generated documents made untidy (indentation, spaces,
// blank lines, experiments sharing a line, comments between and after them, \r\n and mixed line breaks, a BOM,
// a syntax error elsewhere), for thousands of random ranges (fixed seed) and every experiment's own range.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { rangeFormattingEdits, type FormatOptions } from '../server/src/core/format';
import { parse } from '../server/src/core/syntax/parse';
import { rangeEdits } from '../server/src/lsp/features/formatting';
import { mulberry32 } from './support/random.cjs';

const examplesDir = join(__dirname, '..', 'examples');
const EXAMPLES = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.xent'))
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));

function generated(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      `# before ${i}`,
      `experiment   run_${i}${i % 3 === 2 ? ` extends run_${i - 1}` : ''} {`,
      `task:multiclass`,
      `      classes: [ cat,dog ,  horse ]`,
      `  model {  dense( ${8 + i} , activation:relu)`,
      `dense(3, activation: softmax) }`,
      `  loss: sparse_categorical_crossentropy   # the loss`,
      `  data { y_true: [${i % 3}, 1, 2]`,
      `    y_pred: [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1],[0.2, 0.2, 0.6]] }`,
      i % 4 === 1 ? `} experiment side_${i} { loss: mse }` : '}',
      '',
      i % 2 ? '' : '   ',
    );
  }
  return out.join('\n');
}

/** Untidy variants: whitespace changed at random, and the line breaks and a BOM of other documents. */
function variants(text: string, random: () => number): string[] {
  const spaced = text.replace(/ +/g, () => ' '.repeat(1 + Math.floor(random() * 3)));
  return [text, spaced, spaced.replace(/\n/g, '\r\n'), '\ufeff' + spaced, spaced.replace(/\n/, '\r\n'), spaced + '\nexperiment broken { loss: [ }\n'];
}

const OPTIONS: FormatOptions[] = [
  { tabSize: 2, insertSpaces: true },
  { tabSize: 4, insertSpaces: false },
];

describe('range formatting over the touched lines only', () => {
  it('gives the edits of formatting the whole document and keeping the touched experiments', () => {
    const random = mulberry32(4242);
    let checks = 0;
    let nonEmpty = 0;
    for (const base of [...EXAMPLES, generated(6), generated(1)]) {
      for (const text of variants(base, random)) {
        const parsed = parse(text);
        const ranges: { start: number; end: number }[] = parsed.document.experiments.map((e) => ({ start: e.start, end: e.end }));
        for (let k = 0; k < 40; k++) {
          const a = Math.floor(random() * (text.length + 1));
          const b = Math.min(text.length, a + Math.floor(random() * (random() < 0.7 ? 40 : text.length)));
          ranges.push({ start: a, end: b });
        }
        ranges.push({ start: 0, end: 0 }, { start: text.length, end: text.length }, { start: 0, end: text.length });
        for (const range of ranges) {
          for (const options of OPTIONS) {
            const expected = rangeFormattingEdits(text, range, options, parsed);
            const actual = rangeEdits(text, range, options, parsed);
            assert.deepStrictEqual(actual, expected, `${JSON.stringify(range)} of ${JSON.stringify(text.slice(0, 80))}`);
            checks++;
            if ((expected?.length ?? 0) > 0) nonEmpty++;
          }
        }
      }
    }
    assert.ok(checks > 3000, `${checks} checks`);
    assert.ok(nonEmpty > 1000, `${nonEmpty} ranges with edits`);
  });
});
