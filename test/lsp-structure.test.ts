// Structure and navigation over LSP, with a real protocol client: document symbols, folding ranges, semantic
// tokens, selection ranges, definition / references / rename of experiment names, document links to data files,
// workspace symbols; and every one of these answering sensibly on broken documents.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Location,
  Position,
  Range,
  SelectionRange,
  SemanticTokens,
  SemanticTokensLegend,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from './support/lsp-client';

const CURSOR = '‸';

/** The text without its cursor marker, and the marker's position. */
function withCursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf(CURSOR);
  assert.ok(at >= 0, `no ${CURSOR} in ${JSON.stringify(marked)}`);
  const before = marked.slice(0, at);
  const lines = before.split('\n');
  return { text: before + marked.slice(at + CURSOR.length), position: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

function offsetOf(text: string, p: Position): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
  return o + p.character;
}

function textOf(text: string, r: Range): string {
  return text.slice(offsetOf(text, r.start), offsetOf(text, r.end));
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(out, e.range.start)) + e.newText + out.slice(offsetOf(out, e.range.end));
  return out;
}

const CATS = `# The classic mistake.
experiment cats_dogs_horses {
  task: multiclass
  classes: [cat, dog, horse]
  labels: onehot

  model {
    input(8)
    dense(16, activation: relu)
    dense(3, activation: softmax)
  }

  loss: sparse_categorical_crossentropy
  optimizer: adam(learning_rate: 0.001)
  metrics: [accuracy, f1(average: macro), log_loss]

  data {
    y_true: [[0, 1, 0], [1, 0, 0], [0, 0, 1]]
    y_pred: [[0.4, 0.4, 0.2], [0.7, 0.2, 0.1], [0.1, 0.2, 0.7]]
  }
}

experiment val_run_7 extends cats_dogs_horses {
  loss: categorical_crossentropy(label_smoothing: 0.1)
  data: csv("runs/val.csv", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse"])
}

experiment val_run_8 extends cats_dogs_horses {
  loss: categorical_crossentropy
}
`;

/** Broken documents every handler must answer without an error. */
const BROKEN = [
  'experiment a {\n  data: csv("runs/val.csv\n  loss: binary_crossentropy\n}\n', // unterminated string
  'experiment a {\n  model {\n    dense(3, activation: softmax)\n  loss: categorical_crossentropy\n', // missing braces
  'experiment {\n  loss: \n}\nexperiment b extends {\n', // missing names and values
  'experiment a extends\n', // nothing after extends
  'metrics: [accuracy, f1(average: \n', // no experiment at all
  'experiment a { metrics: [[[[[[ f1(average: macro, ] } }}}} ]] experiment b extends a { data: npy(y_true: "x.npy" }',
  '\u0000\ufeffexperiment ü { classes: [é, "ñ"] }\r\nexperiment z extends ü {\r\n# c\r\n# d\r\n}',
  '',
];

describe('structure and navigation over LSP', () => {
  let c: TestClient;
  let workspace: string;
  const logged: string[] = [];
  const symbols = (uri: string) => c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const folding = (uri: string) => c.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  const tokens = (uri: string) => c.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
  const selection = (uri: string, positions: Position[]) => c.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions });
  const definition = (uri: string, position: Position) => c.request<Location | null>('textDocument/definition', { textDocument: { uri }, position });
  const references = (uri: string, position: Position, includeDeclaration = true) =>
    c.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration } });
  const prepareRename = (uri: string, position: Position) => c.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri }, position });
  const rename = (uri: string, position: Position, newName: string) => c.request<WorkspaceEdit | null>('textDocument/rename', { textDocument: { uri }, position, newName });
  const links = (uri: string) => c.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
  const workspaceSymbols = (query: string) => c.request<SymbolInformation[]>('workspace/symbol', { query });

  /** Opens a document at a real path (for links and workspace symbols, which look at the disk). */
  async function openAt(path: string, text: string): Promise<string> {
    const uri = pathToFileURL(path).href;
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version: 1, text } });
    return uri;
  }

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'xent-structure-'));
    c = await startClient();
    // The server logs a failing handler (which then answers empty) through window/logMessage: keep them.
    c.connection.onNotification('window/logMessage', (m: { message: string }) => logged.push(m.message));
    // This client has one workspace folder; the server asks for it when a workspace symbol query first needs the disk.
    c.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(workspace).href, name: 'ws' }]);
  });

  after(async () => {
    await c.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('capabilities: every structure feature is announced, with the semantic token legend', () => {
    const caps = c.initialize.capabilities;
    assert.ok(caps.documentSymbolProvider);
    assert.ok(caps.workspaceSymbolProvider);
    assert.ok(caps.foldingRangeProvider);
    assert.ok(caps.selectionRangeProvider);
    assert.ok(caps.definitionProvider);
    assert.ok(caps.referencesProvider);
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.deepEqual(caps.documentLinkProvider, { resolveProvider: false });
    const st = caps.semanticTokensProvider as { legend: SemanticTokensLegend; full: boolean; range: boolean };
    assert.equal(st.full, true);
    assert.equal(st.range, true);
    for (const t of ['keyword', 'class', 'property', 'function', 'enumMember', 'parameter', 'number', 'string', 'comment']) assert.ok(st.legend.tokenTypes.includes(t), t);
    assert.deepEqual(st.legend.tokenModifiers, ['declaration', 'defaultLibrary']);
  });

  test('document symbols: experiments with their sections, kinds, details and ranges', async () => {
    const uri = await c.open(CATS);
    const result = await symbols(uri);
    // [depth, name, kind, detail]: the whole outline, in order.
    const flat: [number, string, number, string | undefined][] = [];
    const walk = (list: DocumentSymbol[], depth: number) => {
      for (const s of list) {
        flat.push([depth, s.name, s.kind, s.detail]);
        assert.ok(contains(s.range, s.selectionRange), `${s.name}: selection range outside its range`);
        walk(s.children ?? [], depth + 1);
      }
    };
    walk(result, 0);
    const { Class, Property, Enum, EnumMember, Module, Function, Array, Struct, File } = SYMBOL_KIND;
    assert.deepEqual(flat, [
      [0, 'cats_dogs_horses', Class, 'multiclass'],
      [1, 'task', Property, 'multiclass'],
      [1, 'classes', Enum, '3 classes'],
      [2, 'cat', EnumMember, undefined],
      [2, 'dog', EnumMember, undefined],
      [2, 'horse', EnumMember, undefined],
      [1, 'labels', Property, 'onehot'],
      [1, 'model', Module, '3 layers'],
      [2, 'input', Function, '8'],
      [2, 'dense', Function, '16, activation: relu'],
      [2, 'dense', Function, '3, activation: softmax'],
      [1, 'loss', Function, 'sparse_categorical_crossentropy'],
      [1, 'optimizer', Function, 'adam(learning_rate: 0.001)'],
      [1, 'metrics', Array, '3 metrics'],
      [2, 'accuracy', Function, undefined],
      [2, 'f1', Function, 'average: macro'],
      [2, 'log_loss', Function, undefined],
      [1, 'data', Struct, '3 samples'],
      [2, 'y_true', Array, '3 × 3'],
      [2, 'y_pred', Array, '3 × 3'],
      [0, 'val_run_7', Class, 'multiclass · extends cats_dogs_horses'],
      [1, 'loss', Function, 'categorical_crossentropy(label_smoothing: 0.1)'],
      [1, 'data', File, 'csv("runs/val.csv", y_true: "label", y_pred: ["p_cat", "p_d…'],
      [0, 'val_run_8', Class, 'multiclass · extends cats_dogs_horses'],
      [1, 'loss', Function, 'categorical_crossentropy'],
    ]);
    // Ranges: an experiment from its keyword to its '}', selected by its name; a section from its key.
    const [cats, run7] = result;
    assert.deepEqual(cats.range, { start: { line: 1, character: 0 }, end: { line: 20, character: 1 } });
    assert.deepEqual(cats.selectionRange, { start: { line: 1, character: 11 }, end: { line: 1, character: 27 } });
    const model = cats.children!.find((s) => s.name === 'model')!;
    assert.deepEqual(model.range, { start: { line: 6, character: 2 }, end: { line: 10, character: 3 } });
    assert.deepEqual(model.selectionRange, { start: { line: 6, character: 2 }, end: { line: 6, character: 7 } });
    assert.equal(textOf(CATS, model.children![1].range), 'dense(16, activation: relu)');
    assert.equal(textOf(CATS, model.children![1].selectionRange), 'dense');
    assert.equal(textOf(CATS, run7.selectionRange), 'val_run_7');
  });

  test('folding ranges: experiments, blocks, multi-line lists and calls, comment runs', async () => {
    const text = [
      '# A file', //                     0
      '# with a header', //              1
      'experiment a {', //               2
      '  model {', //                    3
      '    dense(3,', //                 4
      '      activation: softmax)', //   5
      '  }', //                          6
      '  metrics: [accuracy, f1]', //    7  one line: no fold
      '  data {', //                     8
      '    y_true: [', //                9
      '      0, 1,', //                  10
      '      1, 0]', //                  11
      '  }', //                          12
      '  # one comment', //              13 alone: no fold
      '}', //                            14
      'experiment b { loss: binary_crossentropy }', // 15 one line: no fold
    ].join('\n');
    const uri = await c.open(text);
    const got = (await folding(uri)).map((f) => [f.startLine, f.endLine, f.kind]);
    assert.deepEqual(got, [
      [0, 1, 'comment'],
      [2, 13, undefined], // to the line before the '}' that starts line 14
      [3, 5, undefined],
      [4, 5, undefined], // the call: its ')' ends line 5, so line 5 stays in
      [8, 11, undefined],
      [9, 11, undefined],
    ]);
  });

  test('semantic tokens: a small file decoded to (line, col, length, type, modifiers)', async () => {
    const text = [
      '# cats', //                                                         0
      'experiment a {', //                                                 1
      '  task: multiclass', //                                             2
      '  classes: [cat, "dog", horse]', //                                 3
      '  model { dense(3, activation: softmax, nope: 1) }', //             4
      '  loss: categorical_crossentropi  # typo', //                       5
      '  metrics: [f1(average: macro), accuracy]', //                      6
      '  data { y_true: [cat, dog], y_pred: [[0.9, 0.1]] }', //            7
      '  colour: true', //                                                 8
      '}', //                                                              9
      'experiment b extends a { data: csv("v.csv", y_true: "label") }', // 10
      'experiment c extends missing {}', //                                11
    ].join('\n');
    const uri = await c.open(text);
    const legend = (c.initialize.capabilities.semanticTokensProvider as { legend: SemanticTokensLegend }).legend;
    const decoded = decode((await tokens(uri)).data, legend);
    const show = decoded.map(([line, col, length, type, mods]) => `${line}:${col} ${JSON.stringify(text.split('\n')[line].slice(col, col + length))} ${type}${mods.length ? `[${mods.join(',')}]` : ''}`);
    assert.deepEqual(show, [
      '0:0 "# cats" comment',
      '1:0 "experiment" keyword',
      '1:11 "a" class[declaration]',
      '2:2 "task" property',
      '2:8 "multiclass" enumMember[defaultLibrary]',
      '3:2 "classes" property',
      '3:12 "cat" enumMember[declaration]',
      '3:17 "\\"dog\\"" string',
      '3:24 "horse" enumMember[declaration]',
      '4:2 "model" property',
      '4:10 "dense" function[defaultLibrary]',
      '4:16 "3" number',
      '4:19 "activation" parameter',
      '4:31 "softmax" function[defaultLibrary]',
      // `nope` is no parameter of dense: no token; its value is still a number.
      '4:46 "1" number',
      '5:2 "loss" property',
      // The misspelt loss gets no token, so its diagnostic stands out.
      '5:34 "# typo" comment',
      '6:2 "metrics" property',
      '6:12 "f1" function[defaultLibrary]',
      '6:15 "average" parameter',
      '6:24 "macro" enumMember[defaultLibrary]',
      '6:32 "accuracy" function[defaultLibrary]',
      '7:2 "data" property',
      '7:9 "y_true" property',
      '7:18 "cat" enumMember',
      '7:23 "dog" enumMember',
      '7:29 "y_pred" property',
      '7:39 "0.9" number',
      '7:44 "0.1" number',
      // An unknown key gets no token; a boolean is a keyword.
      '8:10 "true" keyword',
      '10:0 "experiment" keyword',
      '10:11 "b" class[declaration]',
      '10:13 "extends" keyword',
      '10:21 "a" class',
      '10:25 "data" property',
      '10:31 "csv" function[defaultLibrary]',
      '10:35 "\\"v.csv\\"" string',
      '10:44 "y_true" parameter',
      '10:52 "\\"label\\"" string',
      '11:0 "experiment" keyword',
      '11:11 "c" class[declaration]',
      '11:13 "extends" keyword',
      // An unknown parent: no token.
    ]);

    // A range request answers the tokens starting inside the range, encoded from the document start.
    const range = { start: { line: 4, character: 0 }, end: { line: 7, character: 0 } };
    const ranged = decode((await c.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range })).data, legend);
    assert.deepEqual(
      ranged,
      decoded.filter(([line]) => line >= 4 && line < 7),
    );
  });

  test('selection ranges expand from the innermost node outwards', async () => {
    const cases: { marked: string; expect: string[] }[] = [
      {
        marked: 'experiment a {\n  model {\n    dense(16, activation: re‸lu)\n  }\n}\n',
        expect: ['relu', 'activation: relu', 'dense(16, activation: relu)', '{\n    dense(16, activation: relu)\n  }', 'model {\n    dense(16, activation: relu)\n  }', 'experiment a {\n  model {\n    dense(16, activation: relu)\n  }\n}', '*'],
      },
      {
        marked: 'experiment a { metrics: [accuracy, f1(aver‸age: macro)] }',
        expect: ['average', 'average: macro', 'f1(average: macro)', '[accuracy, f1(average: macro)]', 'metrics: [accuracy, f1(average: macro)]', '*'],
      },
      {
        marked: 'experiment a {\n  data { y_pred: [[0.1, 0.‸9]] }\n}',
        expect: ['0.9', '[0.1, 0.9]', '[[0.1, 0.9]]', 'y_pred: [[0.1, 0.9]]', '{ y_pred: [[0.1, 0.9]] }', 'data { y_pred: [[0.1, 0.9]] }', '*'],
      },
      { marked: 'experiment a {\n  # a co‸mment\n}', expect: ['# a comment', '*'] },
      // The whole document is the last step ('*'); between experiments the cursor's empty range comes first.
      { marked: '‸\nexperiment a {}', expect: ['', '*'] },
    ];
    for (const { marked, expect } of cases) {
      const { text, position } = withCursor(marked);
      const uri = await c.open(text);
      const [chain] = await selection(uri, [position]);
      const got: string[] = [];
      for (let s: SelectionRange | undefined = chain; s; s = s.parent) got.push(textOf(text, s.range));
      assert.deepEqual(got, expect.map((e) => (e === '*' ? text : e)), marked);
    }
  });

  test('definition, references and rename of experiment names across extends', async () => {
    const marked = [
      'experiment base { task: binary }',
      'experiment child extends ba‸se { loss: binary_crossentropy }',
      'experiment other extends base {}',
      'experiment grandchild extends child {}',
    ].join('\n');
    const { text, position } = withCursor(marked);
    const uri = await c.open(text);
    const def = await definition(uri, position);
    assert.equal(def?.uri, uri);
    assert.deepEqual(def?.range, { start: { line: 0, character: 11 }, end: { line: 0, character: 15 } });

    // From the declaration as well as from an extends; with and without the declaration.
    const onDeclaration = { line: 0, character: 13 };
    for (const at of [position, onDeclaration]) {
      const refs = await references(uri, at);
      assert.deepEqual(refs.map((r) => r.range.start), [{ line: 0, character: 11 }, { line: 1, character: 25 }, { line: 2, character: 25 }]);
      assert.equal((await references(uri, at, false)).length, 2);
    }
    // Not on an experiment name: nothing.
    assert.equal(await definition(uri, { line: 0, character: 20 }), null);
    assert.deepEqual(await references(uri, { line: 0, character: 20 }), []);

    const prepared = await prepareRename(uri, position);
    assert.equal(prepared?.placeholder, 'base');
    assert.equal(textOf(text, prepared!.range), 'base');

    const edit = await rename(uri, position, 'baseline');
    const edits = edit?.changes?.[uri] ?? [];
    assert.equal(edits.length, 3);
    assert.equal(
      applyEdits(text, edits),
      [
        'experiment baseline { task: binary }',
        'experiment child extends baseline { loss: binary_crossentropy }',
        'experiment other extends baseline {}',
        'experiment grandchild extends child {}',
      ].join('\n'),
    );

    // Rejected: not an identifier, a keyword, a name already taken; and a rename away from any name.
    const rejected: [Position, string, RegExp][] = [
      [position, '2fast', /not a valid experiment name/],
      [position, 'with space', /not a valid experiment name/],
      [position, 'extends', /keyword/],
      [position, 'child', /already exists/],
      [{ line: 0, character: 20 }, 'x', /only experiment names/],
    ];
    for (const [at, newName, message] of rejected) {
      await assert.rejects(rename(uri, at, newName), (err: Error) => message.test(err.message), `${newName}`);
    }
    await assert.rejects(prepareRename(uri, { line: 0, character: 20 }), /only experiment names/);
  });

  test('document links: a data file that exists is linked, a missing one is not', async () => {
    mkdirSync(join(workspace, 'runs'), { recursive: true });
    writeFileSync(join(workspace, 'runs', 'val.csv'), 'label,p\n0,0.5\n');
    writeFileSync(join(workspace, 'y.npy'), '');
    const text = [
      'experiment a {',
      '  data: csv("runs/val.csv", y_true: "label", y_pred: "p")',
      '}',
      'experiment b {',
      '  data: npy(y_true: "y.npy", y_pred: "missing.npy")',
      '}',
      'experiment c { data: csv("runs/none.csv") }',
    ].join('\n');
    const uri = await openAt(join(workspace, 'links.xent'), text);
    const got = await links(uri);
    assert.deepEqual(
      got.map((l) => [textOf(text, l.range), l.target]),
      [
        ['runs/val.csv', pathToFileURL(join(workspace, 'runs', 'val.csv')).href],
        ['y.npy', pathToFileURL(join(workspace, 'y.npy')).href],
      ],
    );
  });

  test('workspace symbols: open documents and .xent files on disk, filtered by the query', async () => {
    mkdirSync(join(workspace, 'sub', 'deeper'), { recursive: true });
    mkdirSync(join(workspace, 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(join(workspace, '.hidden'), { recursive: true });
    writeFileSync(join(workspace, 'sub', 'disk.xent'), '# experiment in_comment {}\nexperiment spam_filter {\n  loss: binary_crossentropy # "\n}\nexperiment spam_v2 extends spam_filter {}\n');
    writeFileSync(join(workspace, 'sub', 'deeper', 'more.xent'), 'experiment image_classifier_10 { data: csv("experiment fake") }\n');
    writeFileSync(join(workspace, 'node_modules', 'pkg', 'ignored.xent'), 'experiment spam_in_node_modules {}\n');
    writeFileSync(join(workspace, '.hidden', 'ignored.xent'), 'experiment spam_hidden {}\n');
    // An open document wins over its file on disk: its unsaved text answers.
    writeFileSync(join(workspace, 'open.xent'), 'experiment spam_stale {}\n');
    const openUri = await openAt(join(workspace, 'open.xent'), 'experiment spam_open {}\nexperiment cats {}\n');

    const names = async (query: string) => (await workspaceSymbols(query)).filter((s) => s.location.uri.startsWith(pathToFileURL(workspace).href)).map((s) => s.name);
    assert.deepEqual((await names('spam')).sort(), ['spam_filter', 'spam_open', 'spam_v2']);
    assert.deepEqual(await names('image'), ['image_classifier_10']);
    assert.deepEqual(await names('icl10'), ['image_classifier_10']); // letters in order
    assert.deepEqual(await names('nothing_like_it'), []);
    // A prefix ranks before a substring.
    assert.deepEqual((await names('filter')).concat(await names('sp')).slice(0, 1), ['spam_filter']);

    const all = await workspaceSymbols('');
    const filter = all.find((s) => s.name === 'spam_filter')!;
    assert.equal(filter.kind, SYMBOL_KIND.Class);
    assert.equal(filter.containerName, 'disk.xent');
    assert.deepEqual(filter.location.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 22 } });
    const open = all.find((s) => s.name === 'cats')!;
    assert.equal(open.location.uri, openUri);
    assert.ok(!all.some((s) => ['in_comment', 'fake', 'spam_stale', 'spam_in_node_modules', 'spam_hidden'].includes(s.name)));
  });

  test('every handler answers sensibly on broken documents', async () => {
    for (const text of BROKEN) {
      const uri = await c.open(text);
      const lines = text.split(/\r\n|\r|\n/);
      const inside = (r: Range) => r.start.line < lines.length && r.end.line < lines.length && r.end.character <= lines[r.end.line].length;
      const why = JSON.stringify(text);

      const syms = await symbols(uri);
      assert.ok(Array.isArray(syms), why);
      const walk = (list: DocumentSymbol[]): void => list.forEach((s) => (assert.ok(s.name && inside(s.range) && contains(s.range, s.selectionRange), why), walk(s.children ?? [])));
      walk(syms);
      for (const f of await folding(uri)) assert.ok(f.startLine < f.endLine && f.endLine < lines.length, why);
      const data = (await tokens(uri)).data;
      assert.equal(data.length % 5, 0, why);
      for (const [line, col, length] of decode(data, { tokenTypes: [], tokenModifiers: [] })) assert.ok(line < lines.length && col + length <= lines[line].length, `${why}: token ${line}:${col}+${length}`);
      const everywhere: Position[] = [];
      lines.forEach((l, line) => {
        for (let character = 0; character <= l.length; character += 3) everywhere.push({ line, character });
      });
      const chains = await selection(uri, everywhere);
      assert.equal(chains.length, everywhere.length, why);
      for (const chain of chains) for (let s: SelectionRange | undefined = chain; s; s = s.parent) assert.ok(inside(s.range) && (!s.parent || contains(s.parent.range, s.range)), why);
      for (const p of everywhere) {
        await definition(uri, p);
        assert.ok(Array.isArray(await references(uri, p)), why);
        const prepared = await prepareRename(uri, p).catch((e: Error) => e);
        assert.ok(prepared === null || prepared instanceof Error || inside(prepared.range), why);
      }
      assert.ok(Array.isArray(await links(uri)), why);
    }
    assert.ok(Array.isArray(await workspaceSymbols('a')));
    assert.deepEqual(logged.filter((m) => /failed/.test(m)), []);
  });
});

const SYMBOL_KIND = { File: 1, Module: 2, Class: 5, Property: 7, Enum: 10, Function: 12, Array: 18, Struct: 23, EnumMember: 22 } as const;

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** LSP's relative encoding back to absolute (line, col, length, type, modifiers). */
function decode(data: number[], legend: SemanticTokensLegend): [number, number, number, string, string[]][] {
  const out: [number, number, number, string, string[]][] = [];
  let line = 0;
  let col = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    col = data[i] === 0 ? col + data[i + 1] : data[i + 1];
    const mods = legend.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
    out.push([line, col, data[i + 2], legend.tokenTypes[data[i + 3]], mods]);
  }
  return out;
}
