// The incremental parse (parse(text, previous), which reuses the experiments an edit did not touch) against a
// parse from scratch and against the one-pass reference parse (parseInOnePass): after every one of thousands of
// random edits (fixed seeds), the three results must be identical — every node's kind, offsets, LSP range and
// fields, every comment, every syntax error. The edits are chosen to hit the seams: the 'experiment' keyword
// and its neighbours, brackets left open or closed (nesting carried across experiments), strings and comments
// opened across a keyword, unknown characters, deletions spanning several experiments, the text before the
// first experiment, the end of the text, line breaks of every kind (\n, \r\n, a lone \r) made and split.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse, parseInOnePass, type ParseResult } from '../server/src/core/syntax/parse';
import { SourceText } from '../server/src/core/syntax/source';
import { SMALL_PROGRAMS } from './support/programs';
import { mulberry32 } from './support/random.cjs';

const OFFSET_GETTERS = ['openParen', 'closeParen', 'colon', 'openBrace', 'closeBrace'] as const;

/** Everything a consumer can read from a node, recursively, as plain data. */
function dumpNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dumpNode);
  if (node === null || typeof node !== 'object') return node;
  const n = node as Record<string, unknown> & { kind?: string; start?: number; end?: number; range?: unknown };
  if (n.kind === undefined) return node;
  const out: Record<string, unknown> = { kind: n.kind, start: n.start, end: n.end, range: n.range };
  for (const g of OFFSET_GETTERS) if (g in n) out[g] = n[g];
  for (const key of Object.keys(n)) {
    if (key === 'anchor' || key.startsWith('rel')) continue;
    out[key] = dumpNode(n[key]);
  }
  return out;
}

function dump(r: ParseResult): unknown {
  return {
    experiments: dumpNode(r.document.experiments),
    comments: dumpNode(r.document.comments),
    errors: r.errors,
    range: r.document.range,
    text: r.document.text.text,
    lineStarts: Array.from({ length: r.source.lineCount }, (_, i) => r.source.lineStart(i)),
  };
}

function generatedDocument(experiments: number): string {
  const lines: string[] = [];
  for (let i = 0; i < experiments; i++) {
    lines.push(
      `experiment run_${i}${i > 0 && i % 4 === 0 ? ` extends run_${i - 1}` : ''} {`,
      '  task: multiclass',
      '  classes: [cat, dog, horse]',
      '  model {',
      `    dense(${16 + i}, activation: relu)`,
      '    dense(3, activation: softmax)',
      '  }',
      `  loss: categorical_crossentropy(label_smoothing: 0.${i % 10})`,
      '  data {',
      `    y_true: [${i % 3}, 1, 2, 0]`,
      '    y_pred: [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.5, 0.3, 0.2]]',
      '  }',
      '}',
      `# run ${i} 'experiment' "experiment"`,
    );
  }
  return lines.join('\n');
}

const examplesDir = join(__dirname, '..', 'examples');
const EXAMPLES = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.xent'))
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));

/** What the edits insert: the seams of the segmented parse, and ordinary typing. */
const SNIPPETS = [
  'experiment', 'experiment ', 'experiment x {', 'experiment y extends x { loss: mse }\n', 'xperiment', 'e', 'x', 'ex',
  '{', '}', '[', ']', '(', ')', '[[[[', ']]]]', '{{{{', '}}}}', ',', ':', ' ', '\n', '\r\n', '\r', '\n\r', '\t',
  '"', "'", '"experiment', '# ', '#experiment\n', '1', '1e', '0.5', '-', '+', '.', 'loss: ', 'dense(3)', '[1, 2, 3]',
  '[[0.1, 0.9], [1, 0]]', '@', '$%^', '\u00e9', '\ud83d\ude00', '\\', 'true', 'false', 'extends', 'data {', 'y_true: [',
];

/** One random edit: an insertion, a deletion (short or long) or a replacement, often at a keyword. */
function randomEdit(text: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  let at = Math.floor(random() * (text.length + 1));
  if (random() < 0.35) {
    // Near an 'experiment' keyword: before it, inside it, just after it.
    const keywords: number[] = [];
    for (let i = text.indexOf('experiment'); i >= 0; i = text.indexOf('experiment', i + 1)) keywords.push(i);
    if (keywords.length > 0) at = Math.max(0, Math.min(text.length, pick(keywords) + Math.floor(random() * 14) - 2));
  }
  const kind = random();
  if (kind < 0.45) return text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
  const long = random() < 0.15;
  const length = long ? Math.floor(random() * 400) : 1 + Math.floor(random() * 6);
  const end = Math.min(text.length, at + length);
  if (kind < 0.8) return text.slice(0, at) + text.slice(end);
  return text.slice(0, at) + pick(SNIPPETS) + text.slice(end);
}

function assertSame(actual: ParseResult, expected: ParseResult, what: string): void {
  assert.deepStrictEqual(dump(actual), dump(expected), what);
}

describe('incremental parse', () => {
  it('parses every example, small program and generated document as the one-pass parse does', () => {
    for (const text of [...EXAMPLES, ...SMALL_PROGRAMS, generatedDocument(12), '', '   ', '# only a comment', 'loss: mse', '}}}}']) {
      assertSame(parse(text), parseInOnePass(text), text.slice(0, 60));
    }
  });

  it('gives after each of 6,000 random edits what a parse from scratch and the one-pass parse give', () => {
    const random = mulberry32(20261208);
    const starts = [...EXAMPLES, generatedDocument(8), generatedDocument(3), SMALL_PROGRAMS.join('\n')];
    let edits = 0;
    for (let chain = 0; chain < 60; chain++) {
      let text = starts[chain % starts.length];
      let previous = parse(text);
      for (let step = 0; step < 100; step++) {
        const next = randomEdit(text, random);
        const incremental = parse(next, previous);
        const context = `chain ${chain}, edit ${step}: ${JSON.stringify(text)} -> ${JSON.stringify(next)}`;
        assertSame(incremental, parseInOnePass(next), context);
        if (step % 10 === 0) assertSame(incremental, parse(next), context);
        text = next;
        previous = incremental;
        edits++;
      }
    }
    assert.equal(edits, 6000);
  });

  it('finds the line starts of an edited text from the old ones as a scan of the whole text does, at every kind of line break', () => {
    const starts = (s: SourceText) => Array.from({ length: s.lineCount }, (_, i) => s.lineStart(i));
    let cases = 0;
    for (const base of ['a\rb\r\nc\nd\r', '\r\n\r\n', '\n\r\r\n', 'xy', '']) {
      for (let from = 0; from <= base.length; from++) {
        for (let to = from; to <= Math.min(base.length, from + 2); to++) {
          for (const insert of ['', '\n', '\r', '\r\n', 'x', '\rx\n']) {
            const text = base.slice(0, from) + insert + base.slice(to);
            // The edit as parse() sees it: the longest common prefix, then the longest common suffix of the rest.
            let prefix = 0;
            while (prefix < Math.min(base.length, text.length) && base[prefix] === text[prefix]) prefix++;
            let suffix = 0;
            while (suffix < Math.min(base.length, text.length) - prefix && base[base.length - 1 - suffix] === text[text.length - 1 - suffix]) suffix++;
            const edited = SourceText.edited(new SourceText(base), text, prefix, suffix);
            assert.deepStrictEqual(starts(edited), starts(new SourceText(text)), JSON.stringify([base, text]));
            cases++;
          }
        }
      }
    }
    assert.ok(cases > 300);
  });

  it('moves the reused experiments: their nodes read the new offsets and the new text', () => {
    const text = generatedDocument(5);
    const first = parse(text);
    const last = first.document.experiments[4];
    const lossBefore = last.properties.find((p) => p.key.name === 'loss')!;
    const at = text.indexOf('task');
    const edited = text.slice(0, at) + '\n\n' + text.slice(at);
    const second = parse(edited, first);
    const moved = second.document.experiments[4];
    assert.equal(moved, last, 'the untouched experiment is the same object, not a re-parse');
    const loss = moved.properties.find((p) => p.key.name === 'loss')!;
    assert.equal(loss, lossBefore);
    assert.equal(edited.slice(loss.start, loss.end), 'loss: categorical_crossentropy(label_smoothing: 0.4)');
    assert.equal(loss.range.start.line, 4 * 14 + 7 + 2);
    assertSame(second, parseInOnePass(edited), 'after the move');
  });

  it('parses from scratch when handed the same previous result twice, or one of another document', () => {
    const a = generatedDocument(4);
    const first = parse(a);
    const b = a.replace('run_2', 'run_two');
    assertSame(parse(b, first), parseInOnePass(b), 'first use');
    const c = a.replace('run_3', 'run_three');
    assertSame(parse(c, first), parseInOnePass(c), 'second use of the same previous');
    const other = EXAMPLES[0];
    assertSame(parse(other, parse(c)), parseInOnePass(other), 'another document');
  });

  it('falls back to the one-pass parse when brackets left open pile up past the nesting limit across experiments', () => {
    let text = '';
    for (let i = 0; i < 70; i++) text += `experiment e${i} { loss: f([\n`;
    const first = parse(text);
    assertSame(first, parseInOnePass(text), 'deep across experiments');
    const edited = text.replace('e35', 'e35x');
    assertSame(parse(edited, first), parseInOnePass(edited), 'edited');
  });
});
