// The formatter (server/src/core/format, rules in docs/formatting.md) and its LSP glue.
//
// 1. Table-driven: input → expected output, one rule per case.
// 2. Edits: whole-document edits are minimal and reproduce format(); range formatting touches only the
//    experiments in the range.
// 3. Properties (fast-check) over the examples/ files and generated valid programs written with random spacing,
//    line breaks and comments: formatting is idempotent, keeps the tree (kinds, names, values, order, every
//    number's raw text) and keeps every comment.
// 4. Over stdio: the capabilities, formatting and range formatting requests, a broken document left alone.
// Elapsed time on a 5,000-line document is logged (t.diagnostic), never asserted.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver';

import { format, formattingEdits, rangeFormattingEdits, type FormatOptions, type OffsetEdit } from '../server/src/core/format';
import { alignRows } from '../server/src/core/format/table';
import { parse } from '../server/src/core/syntax/parse';
import type { Value, XentDocument } from '../server/src/core/syntax/ast';
import { startClient } from './support/lsp-client';
import { ISSUE_EXAMPLE, SMALL_PROGRAMS } from './support/programs';

const SPACES: FormatOptions = { tabSize: 2, insertSpaces: true };
const lines = (...ls: string[]) => ls.join('\n') + '\n';
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

// ---------------------------------------------------------------------------------------------------------------
// 1. Input → output

interface Case {
  readonly name: string;
  readonly input: string;
  /** undefined: the document is not formatted. */
  readonly expected: string | undefined;
  readonly options?: FormatOptions;
}

const CASES: readonly Case[] = [
  {
    name: 'spacing: key: value, one property per line, one space before {',
    input: 'experiment a{task:binary loss :binary_crossentropy   metrics:[accuracy,f1]}',
    expected: lines('experiment a {', '  task: binary', '  loss: binary_crossentropy', '  metrics: [accuracy, f1]', '}'),
  },
  {
    name: 'spacing in calls and blocks: name(a, b: c), one layer per line',
    input: 'experiment a {\nmodel{input( 8 ) dense ( 16 ,activation :relu )\n    dropout(0.2)}\noptimizer : adam( learning_rate:0.001 )}',
    expected: lines(
      'experiment a {',
      '  model {',
      '    input(8)',
      '    dense(16, activation: relu)',
      '    dropout(0.2)',
      '  }',
      '  optimizer: adam(learning_rate: 0.001)',
      '}',
    ),
  },
  {
    name: 'extends, empty experiments and blocks, empty lists and calls',
    input: 'experiment a   extends   b{ }\nexperiment c {\n  model { }\n  metrics: [ ]\n  optimizer: adam( )\n}',
    expected: lines('experiment a extends b {}', 'experiment c {', '  model {}', '  metrics: []', '  optimizer: adam()', '}'),
  },
  {
    name: 'numbers, strings and names keep their exact text; a one-line list drops its trailing comma',
    input: "experiment a {\n  data { y_pred: [0.10, 1e-3, .5, 3., +4, 1E+2, -0.0,] }\n  classes: ['ham', \"spam\"]\n  loss: x(from_logits: true)\n}",
    expected: lines(
      'experiment a {',
      '  data {',
      '    y_pred: [0.10, 1e-3, .5, 3., +4, 1E+2, -0.0]',
      '  }',
      "  classes: ['ham', \"spam\"]",
      '  loss: x(from_logits: true)',
      '}',
    ),
  },
  {
    name: 'blank lines: at most one between experiments and inside one, none after { or before }',
    input: '\n\nexperiment a {\n\n\n  task: binary\n\n\n\n  loss: x\n  metrics: [f1]\n\n}\n\n\n\nexperiment b {}\nexperiment c {}\n\n\n',
    expected: lines('experiment a {', '  task: binary', '', '  loss: x', '  metrics: [f1]', '}', '', 'experiment b {}', 'experiment c {}'),
  },
  {
    name: 'comments: own-line ones take the indent of what follows, trailing ones stay on their line',
    input: [
      '# file header   ',
      'experiment a {   # the experiment',
      '      # about the task',
      'task: binary # binary task',
      '  loss: binary_crossentropy      # loss',
      '',
      '  model {',
      '  dense(1) # out',
      '        # after the last layer',
      '  }',
      '      # before the closing brace',
      '}   # end',
      '# trailer',
    ].join('\n'),
    expected: lines(
      '# file header',
      'experiment a {  # the experiment',
      '  # about the task',
      '  task: binary               # binary task',
      '  loss: binary_crossentropy  # loss',
      '',
      '  model {',
      '    dense(1)  # out',
      '    # after the last layer',
      '  }',
      '  # before the closing brace',
      '}  # end',
      '# trailer',
    ),
  },
  {
    name: 'a comment inside a list or a call breaks it, one item per line, each with a comma',
    input: 'experiment a {\n  metrics: [accuracy, # the usual\n    f1(average: macro)]\n  model { dense(3, # units\n activation: softmax) }\n}',
    expected: lines(
      'experiment a {',
      '  metrics: [',
      '    accuracy,  # the usual',
      '    f1(average: macro),',
      '  ]',
      '  model {',
      '    dense(',
      '      3,  # units',
      '      activation: softmax,',
      '    )',
      '  }',
      '}',
    ),
  },
  {
    name: 'a short 2-D list written on one line stays on one line',
    input: 'experiment a { data { y_true: [[0,1],[1,0]] } }',
    expected: lines('experiment a {', '  data {', '    y_true: [[0, 1], [1, 0]]', '  }', '}'),
  },
  {
    name: 'a 2-D list written across lines: one row per line, numbers aligned on the decimal point',
    input: 'experiment a { data {\n  y_pred: [[0.9, 0.05, 0.05], [-0.1, 0.8, 0.1],\n [10.25, 0.5, 1]]\n} }',
    expected: lines(
      'experiment a {',
      '  data {',
      '    y_pred: [',
      '      [ 0.9,  0.05, 0.05],',
      '      [-0.1,  0.8,  0.1],',
      '      [10.25, 0.5,  1],',
      '    ]',
      '  }',
      '}',
    ),
  },
  {
    name: 'a 2-D list too long for one line becomes a table; names are left-aligned',
    input:
      'experiment a { data { y_pred: [[0.25, 0.25, 0.5], [0.7, 0.2, 0.1], [0.1, 0.2, 0.7], [0.3, 0.3, 0.4], [0.6, 0.3, 0.1], [0.5, 0.25, 0.25]] y_true: [[cat, dog], [horse, cat], [dog, horse], [cat, dog], [horse, cat], [dog, dog], [cat, cat], [dog, cat]] } }',
    expected: lines(
      'experiment a {',
      '  data {',
      '    y_pred: [',
      '      [0.25, 0.25, 0.5],',
      '      [0.7,  0.2,  0.1],',
      '      [0.1,  0.2,  0.7],',
      '      [0.3,  0.3,  0.4],',
      '      [0.6,  0.3,  0.1],',
      '      [0.5,  0.25, 0.25],',
      '    ]',
      '    y_true: [',
      '      [cat,   dog],',
      '      [horse, cat],',
      '      [dog,   horse],',
      '      [cat,   dog],',
      '      [horse, cat],',
      '      [dog,   dog],',
      '      [cat,   cat],',
      '      [dog,   cat],',
      '    ]',
      '  }',
      '}',
    ),
  },
  {
    name: 'a table row with a comment keeps it, the other rows stay aligned',
    input: 'experiment a { data { y_pred: [\n[0.5, 0.5], # unsure\n[0.25, 0.75]] } }',
    expected: lines(
      'experiment a {',
      '  data {',
      '    y_pred: [',
      '      [0.5,  0.5],  # unsure',
      '      [0.25, 0.75],',
      '    ]',
      '  }',
      '}',
    ),
  },
  {
    name: 'a long 1-D list wraps in balanced lines',
    input:
      'experiment a { data { y_pred: [0.17, 0.11, 0.73, 0.17, 0.35, 0.10, 0.05, 0.62, 0.04, 0.62, 0.87, 0.27, 0.82, 0.04, 0.51, 0.78] } }',
    expected: lines(
      'experiment a {',
      '  data {',
      '    y_pred: [',
      '      0.17, 0.11, 0.73, 0.17, 0.35, 0.10, 0.05, 0.62,',
      '      0.04, 0.62, 0.87, 0.27, 0.82, 0.04, 0.51, 0.78,',
      '    ]',
      '  }',
      '}',
    ),
  },
  {
    name: 'a 1-D list written across lines that fits goes back on one line',
    input: 'experiment a {\n  metrics: [\n    accuracy,\n    f1,\n  ]\n}',
    expected: lines('experiment a {', '  metrics: [accuracy, f1]', '}'),
  },
  {
    name: 'a call too long for one line: one argument per line',
    input:
      'experiment a { data: csv("runs/validation-fold-3-of-5.csv", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse"]) }',
    expected: lines(
      'experiment a {',
      '  data: csv(',
      '    "runs/validation-fold-3-of-5.csv",',
      '    y_true: "label",',
      '    y_pred: ["p_cat", "p_dog", "p_horse"],',
      '  )',
      '}',
    ),
  },
  {
    name: 'a list of lists of lists: one item per line when too long',
    input: 'experiment a { data { features: [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.7, 0.8, 0.9], [1.0, 1.1, 1.2]], [[1.3, 1.4, 1.5], [1.6, 1.7, 1.8]]] } }',
    expected: lines(
      'experiment a {',
      '  data {',
      '    features: [',
      '      [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],',
      '      [[0.7, 0.8, 0.9], [1.0, 1.1, 1.2]],',
      '      [[1.3, 1.4, 1.5], [1.6, 1.7, 1.8]],',
      '    ]',
      '  }',
      '}',
    ),
  },
  {
    name: "the editor's options: tabs",
    input: 'experiment a { model { dense(1) } loss: x # why\n}',
    options: { tabSize: 4, insertSpaces: false },
    expected: lines('experiment a {', '\tmodel {', '\t\tdense(1)', '\t}', '\tloss: x  # why', '}'),
  },
  {
    name: "the editor's options: four spaces",
    input: 'experiment a { model { dense(1) } }',
    options: { tabSize: 4, insertSpaces: true },
    expected: lines('experiment a {', '    model {', '        dense(1)', '    }', '}'),
  },
  {
    name: 'CRLF documents keep CRLF',
    input: 'experiment a {\r\n    task: binary\r\n\r\n\r\n    loss: x\r\n}',
    expected: 'experiment a {\r\n  task: binary\r\n\r\n  loss: x\r\n}\r\n',
  },
  {
    name: 'a BOM is kept',
    input: '\ufeffexperiment a { task: binary }',
    expected: '\ufeffexperiment a {\n  task: binary\n}\n',
  },
  {
    name: 'a document with a syntax error is not formatted',
    input: 'experiment a {\n  loss binary_crossentropy\n}',
    expected: undefined,
  },
  {
    name: 'an unterminated string is a syntax error: not formatted',
    input: 'experiment a { classes: ["cat, dog] }',
    expected: undefined,
  },
  {
    name: 'an empty document stays empty; comments alone are kept',
    input: '  \n\n',
    expected: '',
  },
  {
    name: 'comments alone',
    input: '\n# one\n\n\n  # two   \n',
    expected: lines('# one', '', '# two'),
  },
  {
    name: 'a comment between a key and its value stays there',
    input: 'experiment a {\n  loss: # chosen after the sweep\n    binary_crossentropy\n}',
    expected: lines('experiment a {', '  loss:  # chosen after the sweep', '    binary_crossentropy', '}'),
  },
];

describe('format: input → output', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const out = format(c.input, c.options ?? SPACES);
      assert.equal(out, c.expected);
      if (out !== undefined) assert.equal(format(out, c.options ?? SPACES), out, 'formatting the output again changes it');
    });
  }

  it('aligned rows: integer parts right-aligned, fractions padded after the comma, nothing after the last cell', () => {
    const cell = (text: string) => ({ text, numeric: true });
    assert.deepEqual(alignRows([[cell('1'), cell('0.5')], [cell('-10'), cell('2.25')], [cell('0.001'), cell('3e-4')], [cell('7')]]), [
      '[  1,     0.5]',
      '[-10,     2.25]',
      '[  0.001, 3e-4]',
      '[  7]',
    ]);
    const name = (text: string) => ({ text, numeric: false });
    assert.deepEqual(alignRows([[name('cat'), cell('1')], [name('horse'), cell('10')]]), ['[cat,    1]', '[horse, 10]']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 2. Edits

function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function assertDisjoint(edits: readonly OffsetEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1].end <= sorted[i].start, 'edits overlap');
}

describe('format: edits', () => {
  it('a formatted document needs no edit; a broken one gets none', () => {
    const formatted = format(ISSUE_EXAMPLE, SPACES) as string;
    assert.deepEqual(formattingEdits(formatted, SPACES), []);
    assert.equal(formattingEdits('experiment a { loss: }', SPACES), undefined);
  });

  it('one badly spaced line gives one edit of that line', () => {
    const formatted = format(ISSUE_EXAMPLE, SPACES) as string;
    const broken = formatted.replace('  loss: sparse_categorical_crossentropy', '  loss:sparse_categorical_crossentropy');
    const edits = formattingEdits(broken, SPACES) ?? [];
    assert.equal(edits.length, 1);
    assert.match(edits[0].newText, /^ {2}loss: sparse_categorical_crossentropy/);
    assert.equal(applyOffsetEdits(broken, edits), formatted);
  });

  it('the edits reproduce format() on every example and small program', () => {
    for (const text of [...exampleTexts().map(([, t]) => t), ...SMALL_PROGRAMS]) {
      const edits = formattingEdits(text, SPACES) ?? [];
      assertDisjoint(edits);
      assert.equal(applyOffsetEdits(text, edits), format(text, SPACES));
    }
  });

  it('range formatting formats the experiments the range touches, and nothing else', () => {
    const text = 'experiment a {task:binary}\n\n\n\nexperiment b {task:binary}\nexperiment c {task:binary}\n';
    const inB = text.indexOf('experiment b') + 15;
    const edits = rangeFormattingEdits(text, { start: inB, end: inB }, SPACES) ?? [];
    assert.equal(applyOffsetEdits(text, edits), 'experiment a {task:binary}\n\n\n\nexperiment b {\n  task: binary\n}\nexperiment c {task:binary}\n');
    const all = rangeFormattingEdits(text, { start: 0, end: text.length }, SPACES) ?? [];
    assert.equal(format(applyOffsetEdits(text, all), SPACES), format(text, SPACES));
    assert.deepEqual(rangeFormattingEdits(format(text, SPACES) as string, { start: 0, end: 5 }, SPACES), []);
  });

  it('range formatting: experiments sharing a line are formatted together; comments between experiments are left', () => {
    const text = '# head\nexperiment a {task:binary} experiment b {task:binary}\n   # between\nexperiment c {task:binary}\n';
    const edits = rangeFormattingEdits(text, { start: 8, end: 9 }, SPACES) ?? [];
    assert.equal(
      applyOffsetEdits(text, edits),
      '# head\nexperiment a {\n  task: binary\n}\nexperiment b {\n  task: binary\n}\n   # between\nexperiment c {task:binary}\n',
    );
  });

  it('range formatting with a BOM and CRLF', () => {
    const text = '\ufeffexperiment a {task:binary}\r\nexperiment b {task:binary}\r\n';
    const at = text.indexOf('experiment b');
    const edits = rangeFormattingEdits(text, { start: at, end: at + 3 }, SPACES) ?? [];
    assert.equal(applyOffsetEdits(text, edits), '\ufeffexperiment a {task:binary}\r\nexperiment b {\r\n  task: binary\r\n}\r\n');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 3. Properties

function exampleTexts(): [string, string][] {
  const dir = join(__dirname, '..', 'examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xent'))
    .sort()
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
}

/** The tree as text: kinds, names, values in order; numbers and strings by their exact source text. */
function structure(document: XentDocument, text: string): string {
  const value = (v: Value | undefined): string => {
    if (!v) return '?';
    switch (v.kind) {
      case 'list':
        return `[${v.items.map(value).join(',')}]`;
      case 'call':
        return `${v.callee.name}(${v.args.map((a) => (a.name ? `${a.name.name}=` : '') + value(a.value)).join(',')})`;
      case 'identifier':
        return `id:${v.name}`;
      default:
        return `${v.kind}:${text.slice(v.start, v.end)}`;
    }
  };
  return document.experiments
    .map((e) => {
      const props = e.properties.map((p) => {
        if (!p.block) return `${p.key.name}:${value(p.value)}`;
        const entries = p.block.entries.map((x) => (x.kind === 'property' ? `${x.key.name}:${value(x.value)}` : value(x)));
        return `${p.key.name}{${entries.join(';')}}`;
      });
      return `experiment ${e.name?.name} extends ${e.parent?.name ?? '-'} {${props.join(';')}}`;
    })
    .join('\n');
}

function commentTexts(document: XentDocument): string[] {
  return document.comments.map((c) => c.text.trimEnd()).sort();
}

/** Formatting `text` is idempotent, keeps the tree and the comments, and yields only canonical lines. */
function checkFormatting(text: string, options: FormatOptions): void {
  const before = parse(text);
  assert.deepEqual(before.errors, [], 'the input must be valid');
  const out = format(text, options);
  assert.notEqual(out, undefined, `not formatted: ${JSON.stringify(text)}`);
  const formatted = out as string;
  const after = parse(formatted);
  assert.deepEqual(after.errors, [], `the output has syntax errors:\n${formatted}`);
  assert.equal(structure(after.document, formatted), structure(before.document, text), 'the tree changed');
  assert.deepEqual(commentTexts(after.document), commentTexts(before.document), 'the comments changed');
  assert.equal(format(formatted, options), formatted, `not idempotent:\n${formatted}`);
  for (const line of formatted.split(/\r\n|\r|\n/)) assert.doesNotMatch(line, /[ \t]$/, 'trailing white space');
}

// Generated programs: a tree of tokens, written with random white space and comments between the tokens.
type Tok = string;
const NUMBERS = ['0', '1', '3', '0.10', '0.5', '1e-3', '-2.5', '.5', '3.', '+4', '1E+2', '-0.0', '12345.678', '0.333333'];
const NAMES = ['cat', 'dog', 'horse', 'relu', 'softmax', 'macro', 'adam', 'x', 'é_猫', 'y_true'];
const STRINGS = ['"runs/val.csv"', "'ham'", '"a \\"quoted\\" name"', '""'];

const scalar: fc.Arbitrary<Tok[]> = fc.oneof(
  fc.constantFrom(...NUMBERS).map((n) => [n]),
  fc.constantFrom(...NAMES).map((n) => [n]),
  fc.constantFrom(...STRINGS).map((s) => [s]),
  fc.constantFrom('true', 'false').map((b) => [b]),
);

const joinItems = (items: Tok[][], trailing: boolean): Tok[] => {
  const out: Tok[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(',');
    out.push(...item);
  });
  if (trailing && items.length > 0) out.push(',');
  return out;
};

const { value: valueArb } = fc.letrec<{ value: Tok[]; list: Tok[]; call: Tok[]; table: Tok[] }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('call'), tie('table')),
  list: fc.tuple(fc.array(tie('value'), { maxLength: 6 }), fc.boolean()).map(([items, trailing]) => ['[', ...joinItems(items, trailing), ']']),
  table: fc
    .array(fc.array(fc.constantFrom(...NUMBERS), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 })
    .map((rows) => ['[', ...joinItems(rows.map((r) => ['[', ...joinItems(r.map((n) => [n]), false), ']']), false), ']']),
  call: fc
    .tuple(fc.constantFrom(...NAMES), fc.array(fc.tuple(fc.option(fc.constantFrom('units', 'activation', 'average', 'learning_rate'), { nil: undefined }), tie('value')), { maxLength: 4 }), fc.boolean())
    .map(([name, args, trailing]) => [name, '(', ...joinItems(args.map(([k, v]) => (k ? [k, ':', ...v] : v)), trailing), ')']),
}));

const KEYS = ['task', 'classes', 'labels', 'loss', 'optimizer', 'metrics'];
const property: fc.Arbitrary<Tok[]> = fc.oneof(
  fc.tuple(fc.constantFrom(...KEYS), valueArb).map(([k, v]) => [k, ':', ...v]),
  fc.array(valueArb, { maxLength: 4 }).map((layers) => ['model', '{', ...layers.flat(), '}']),
  fc
    .array(fc.tuple(fc.constantFrom('y_true', 'y_pred', 'features'), valueArb), { maxLength: 3 })
    .map((entries) => ['data', '{', ...entries.flatMap(([k, v]) => [k, ':', ...v]), '}']),
);
const experimentArb: fc.Arbitrary<Tok[]> = fc
  .tuple(fc.constantFrom(...NAMES), fc.option(fc.constantFrom(...NAMES), { nil: undefined }), fc.array(property, { maxLength: 6 }))
  .map(([name, parent, props]) => ['experiment', name, ...(parent ? ['extends', parent] : []), '{', ...props.flat(), '}']);

/** What may stand between two tokens: always some white space (so no two names run together). */
const GAPS = [' ', ' ', ' ', '\n', '\n  ', '\t', '   ', '\n\n\n', ' # note\n', '  #  two  spaces  \n    ', '\n# own line\n', ' #\n', '\r\n'];

const programArb: fc.Arbitrary<string> = fc
  .array(experimentArb, { minLength: 0, maxLength: 4 })
  .chain((experiments) => {
    const tokens = experiments.flat();
    return fc.tuple(fc.array(fc.constantFrom(...GAPS), { minLength: tokens.length + 1, maxLength: tokens.length + 1 }), fc.boolean()).map(([gaps, crlf]) => {
      let text = gaps[0];
      tokens.forEach((t, i) => (text += t + gaps[i + 1]));
      return crlf ? text.replace(/\r?\n/g, '\r\n') : text;
    });
  });

const optionsArb: fc.Arbitrary<FormatOptions> = fc.record({
  tabSize: fc.constantFrom(2, 4, 8),
  insertSpaces: fc.boolean(),
  printWidth: fc.constantFrom(40, 80, 100),
});

function holds<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => void, numRuns: number): void {
  const out = fc.check(fc.property(arb, predicate), { numRuns, ...(seed === undefined ? {} : { seed }) });
  if (out.failed) {
    const why = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    assert.fail(`${fc.defaultReportMessage(out)}\n\nWhat failed: ${why}`);
  }
}

describe('format: properties', () => {
  for (const [name, text] of exampleTexts()) {
    it(`examples/${name}: idempotent, same tree, same comments (spaces, tabs, CRLF)`, () => {
      checkFormatting(text, SPACES);
      checkFormatting(text, { tabSize: 4, insertSpaces: false });
      checkFormatting(text.replace(/\n/g, '\r\n'), SPACES);
    });
  }

  it('the small programs of the parser tests', () => {
    for (const text of SMALL_PROGRAMS) checkFormatting(text, SPACES);
  });

  it('generated programs with random spacing, line breaks and comments (1,000 runs)', () => {
    holds(fc.tuple(programArb, optionsArb), ([text, options]) => checkFormatting(text, options), 1000);
  });

  it('formatting the formatted text with other options still keeps everything', () => {
    holds(
      fc.tuple(programArb, optionsArb, optionsArb),
      ([text, a, b]) => checkFormatting(format(text, a) as string, b),
      300,
    );
  });

  it('a 5,000-line document (time logged, not asserted)', (t) => {
    const experiment = readFileSync(join(__dirname, '..', 'examples', 'cats_dogs_horses.xent'), 'utf8');
    let text = '';
    for (let i = 0; text.split('\n').length < 5000; i++) text += experiment.replace(/(experiment|extends) (\w+)/g, `$1 $2_${i}`) + '\n';
    format(text, SPACES); // warm up
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
    const whole: number[] = [];
    const parsing: number[] = [];
    const reusing: number[] = [];
    for (let k = 0; k < 5; k++) {
      let start = performance.now();
      assert.notEqual(format(text, SPACES), undefined);
      whole.push(performance.now() - start);
      start = performance.now();
      const parsed = parse(text);
      parsing.push(performance.now() - start);
      start = performance.now();
      assert.notEqual(formattingEdits(text, SPACES, parsed), undefined);
      reusing.push(performance.now() - start);
    }
    t.diagnostic(
      `${text.split('\n').length} lines: format() median ${median(whole).toFixed(1)} ms, of which parsing ${median(parsing).toFixed(1)} ms; ` +
        `edits from an existing parse (as the server does) ${median(reusing).toFixed(1)} ms`,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 4. Over stdio

describe('format: language server', () => {
  it('advertises formatting and range formatting; formats; leaves a broken document alone', async () => {
    const c = await startClient();
    try {
      const caps = c.initialize.capabilities;
      assert.equal(caps.documentFormattingProvider, true);
      assert.equal(caps.documentRangeFormattingProvider, true);

      const text = 'experiment a {task:binary\n    loss:x}\n\n\n\nexperiment b {task:binary}\n';
      const uri = await c.open(text);
      const options = { tabSize: 4, insertSpaces: true };
      const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
      const doc = TextDocument.create(uri, 'xent', 1, text);
      const formatted = TextDocument.applyEdits(doc, edits);
      assert.equal(formatted, format(text, options));
      assert.equal(formatted, 'experiment a {\n    task: binary\n    loss: x\n}\n\nexperiment b {\n    task: binary\n}\n');

      await c.change(uri, formatted);
      assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri }, options }), []);

      await c.change(uri, text);
      const range = { start: { line: 5, character: 0 }, end: { line: 5, character: 3 } };
      const rangeEdits = await c.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, range, options });
      assert.equal(
        TextDocument.applyEdits(TextDocument.create(uri, 'xent', 3, text), rangeEdits),
        'experiment a {task:binary\n    loss:x}\n\n\n\nexperiment b {\n    task: binary\n}\n',
      );

      await c.change(uri, 'experiment a { loss: [1, 2 }\n');
      assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri }, options }), []);
    } finally {
      await c.stop();
    }
  });
});
