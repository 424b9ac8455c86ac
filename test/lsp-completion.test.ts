// Completion over LSP with a real client: at each cursor marker, the expected labels are offered (and others
// are not), with kinds, details, Markdown documentation and snippets; broken documents still answer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol';
import { ROOT, startClient, type TestClient } from './support/lsp-client';
import { withCursor } from './support/cursor-marker';
import { readdirSync, readFileSync } from 'node:fs';
import { analyze } from '../server/src/core/check';
import { complete } from '../server/src/lsp/features/catalogue-text/completion-items';
import { signatureAt } from '../server/src/lsp/features/catalogue-text/signature';
import { EXPERIMENT_TEMPLATES, expandSnippet } from '../server/src/lsp/features/catalogue-text/templates';
import { buildHover, hoverContext } from '../server/src/lsp/features/hover';

interface CompletionCase {
  readonly name: string;
  readonly source: string;
  readonly contains: readonly string[];
  readonly excludes?: readonly string[];
  /** The label that sorts first. */
  readonly first?: string;
}

const CDH_HEAD = `experiment cats_dogs_horses {
  task: multiclass
  classes: [cat, dog, horse]
  labels: onehot
`;

const LOSSES = ['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence'];
const LAYERS = ['input', 'dense', 'dropout', 'conv2d', 'lstm'];
const KEYS = ['task', 'classes', 'labels', 'model', 'loss', 'optimizer', 'metrics', 'data'];

const CASES: readonly CompletionCase[] = [
  // Keys
  { name: 'keys at the start of a property, only those not yet set', source: `${CDH_HEAD}  |\n}`, contains: ['model', 'loss', 'optimizer', 'metrics', 'data'], excludes: ['task', 'classes', 'labels', 'dense'] },
  { name: 'keys while typing one (no colon yet)', source: `${CDH_HEAD}  los|\n}`, contains: ['loss', 'model'], excludes: ['task'] },
  { name: 'keys set after the cursor are left out too', source: 'experiment a {\n  |\n  loss: binary_crossentropy\n}', contains: ['task', 'model'], excludes: ['loss'] },
  { name: 'all keys in an empty experiment', source: 'experiment a {\n  |\n}', contains: KEYS },
  { name: 'an inheriting experiment may override its parent', source: 'experiment a { task: binary }\nexperiment b extends a {\n  |\n}', contains: ['task', 'loss'] },
  { name: 'keys or values on the line after a colon with no value', source: 'experiment a {\n  loss:\n  |\n}', contains: ['binary_crossentropy', 'task', 'model'], excludes: ['loss'] },
  { name: 'data keys inside data { }', source: 'experiment a {\n  data {\n    y_true: [0, 1]\n    |\n  }\n}', contains: ['y_pred', 'features'], excludes: ['y_true', 'loss'] },
  // Values of keys
  { name: 'losses after loss:, the one matching task and labels first', source: `${CDH_HEAD}  loss: |\n}`, contains: LOSSES, excludes: ['adam', 'dense', 'accuracy'], first: 'categorical_crossentropy' },
  { name: 'losses right after the colon', source: 'experiment a {\n  task: binary\n  loss:|\n}', contains: LOSSES, first: 'binary_crossentropy' },
  { name: 'losses while typing a name', source: 'experiment a {\n  task: multiclass\n  labels: integer\n  loss: spar|\n}', contains: LOSSES, first: 'sparse_categorical_crossentropy' },
  { name: 'tasks after task:', source: 'experiment a {\n  task: |\n}', contains: ['binary', 'multiclass', 'multilabel'], excludes: ['integer', 'macro'] },
  { name: 'encodings after labels:', source: 'experiment a {\n  labels: |\n}', contains: ['integer', 'onehot', 'indicator'], excludes: ['binary'] },
  { name: 'optimizers after optimizer:', source: 'experiment a {\n  optimizer: |\n}', contains: ['adam', 'sgd', 'rmsprop', 'adamw'], excludes: ['relu'], first: 'adam' },
  { name: 'metrics inside metrics: [...], not those already listed', source: `${CDH_HEAD}  metrics: [accuracy, |]\n}`, contains: ['f1', 'precision', 'log_loss', 'auc'], excludes: ['accuracy', 'categorical_crossentropy'] },
  { name: 'metrics in an unclosed list', source: `${CDH_HEAD}  metrics: [f1, |\n}`, contains: ['accuracy', 'log_loss'], excludes: ['f1'] },
  { name: 'layers inside model { }', source: 'experiment a {\n  model {\n    input(8)\n    |\n  }\n}', contains: LAYERS, excludes: ['loss', 'adam', 'accuracy', 'sigmoid'] },
  { name: 'layers in an unclosed model block', source: 'experiment a {\n  model {\n    dense(3)\n    |', contains: LAYERS },
  { name: 'logistic_regression after model:', source: 'experiment a {\n  model: |\n}', contains: ['logistic_regression'], excludes: ['dense'] },
  { name: 'data sources after data:', source: 'experiment a {\n  data: |\n}', contains: ['csv', 'npy'], excludes: ['y_true'] },
  // Call parameters
  { name: 'parameters of a layer not yet given', source: 'experiment a {\n  model {\n    dense(3, |)\n  }\n}', contains: ['activation', 'use_bias', 'kernel_initializer'], excludes: ['units', 'relu'] },
  { name: 'parameters given after the cursor are left out', source: 'experiment a {\n  model {\n    dense(3, |, activation: relu)\n  }\n}', contains: ['use_bias'], excludes: ['activation', 'units'] },
  { name: 'parameters while typing a name in an unclosed call', source: 'experiment a {\n  model {\n    dense(3, activ|\n  }\n}', contains: ['activation', 'use_bias'] },
  { name: 'parameters of a loss', source: 'experiment a {\n  loss: categorical_crossentropy(|)\n}', contains: ['from_logits', 'label_smoothing', 'axis'], excludes: ['ignore_class'] },
  { name: 'parameters of an optimizer', source: 'experiment a {\n  optimizer: adam(learning_rate: 0.01, |)\n}', contains: ['beta_1', 'epsilon'], excludes: ['learning_rate'] },
  { name: 'parameters of a metric', source: 'experiment a {\n  metrics: [f1(|)]\n}', contains: ['average', 'pos_label', 'zero_division'] },
  { name: 'the metrics a practitioner checks next to log loss', source: `${CDH_HEAD}  metrics: [log_loss, |]\n}`, contains: ['average_precision', 'brier_score_loss', 'balanced_accuracy', 'matthews_corrcoef', 'cohen_kappa', 'hamming_loss', 'jaccard'] },
  { name: 'parameters of the new metrics', source: 'experiment a {\n  metrics: [cohen_kappa(|), jaccard(average: macro)]\n}', contains: ['weights', 'replace_undefined_by'], excludes: ['average', 'zero_division'] },
  { name: 'parameters of jaccard, the same as f1', source: 'experiment a {\n  metrics: [jaccard(|)]\n}', contains: ['average', 'pos_label', 'zero_division'] },
  { name: 'the positional values of a first argument', source: 'experiment a {\n  model {\n    activation(|)\n  }\n}', contains: ['relu', 'softmax'] },
  { name: 'a wrapped layer', source: 'experiment a {\n  model {\n    bidirectional(|)\n  }\n}', contains: ['lstm', 'gru', 'merge_mode'] },
  { name: 'parameters of a nested call', source: 'experiment a {\n  model {\n    bidirectional(lstm(64, |))\n  }\n}', contains: ['return_sequences'], excludes: ['merge_mode'] },
  // Allowed values of a parameter
  { name: 'activations after activation:, relu first on a hidden layer', source: 'experiment a {\n  model {\n    dense(16, activation: |)\n    dense(1, activation: sigmoid)\n  }\n}', contains: ['relu', 'sigmoid', 'softmax', 'tanh'], excludes: ['dense', 'adam'], first: 'relu' },
  { name: 'the output activation for the task first', source: 'experiment a {\n  task: multiclass\n  model {\n    dense(16, activation: relu)\n    dense(3, activation: |)\n  }\n}', contains: ['softmax', 'sigmoid'], first: 'softmax' },
  { name: 'averages that fit the task after average:', source: `${CDH_HEAD}  metrics: [f1(average: |)]\n}`, contains: ['macro', 'micro', 'weighted', 'none'], excludes: ['binary', 'samples'] },
  { name: 'averages of a multilabel task', source: 'experiment a {\n  task: multilabel\n  metrics: [f1(average: |)]\n}', contains: ['samples', 'macro'], excludes: ['binary'] },
  { name: 'padding values', source: 'experiment a {\n  model {\n    conv1d(8, kernel: 3, padding: |)\n  }\n}', contains: ['valid', 'same', 'causal'], first: 'valid' },
  { name: 'true and false for a boolean', source: 'experiment a {\n  loss: binary_crossentropy(from_logits: |)\n}', contains: ['true', 'false'], first: 'false' },
  { name: 'the default of a number', source: 'experiment a {\n  optimizer: adam(learning_rate: |)\n}', contains: ['0.001'] },
  // Classes
  { name: 'class names for pos_label', source: 'experiment a {\n  task: binary\n  classes: [ham, spam]\n  metrics: [f1(pos_label: |)]\n}', contains: ['ham', 'spam'] },
  { name: 'class indices for ignore_class', source: `${CDH_HEAD}  loss: sparse_categorical_crossentropy(ignore_class: |)\n}`, contains: ['0', '1', '2'] },
  { name: 'class names inside y_true: [', source: `${CDH_HEAD}  data {\n    y_true: [cat, |\n  }\n}`, contains: ['cat', 'dog', 'horse'] },
  { name: 'class names at the end of a long y_true', source: `${CDH_HEAD}  data {\n    y_true: [${Array.from({ length: 5000 }, (_, i) => ['cat', 'dog', 'horse'][i % 3]).join(', ')}, h|]\n  }\n}`, contains: ['cat', 'dog', 'horse'] },
  { name: 'no class names in y_pred', source: `${CDH_HEAD}  data {\n    y_pred: [|]\n  }\n}`, contains: [], excludes: ['cat'] },
  // Experiments
  { name: 'experiment names after extends, not itself nor its children', source: 'experiment base { task: binary }\nexperiment other { task: multiclass }\nexperiment c extends base {}\nexperiment me extends |', contains: ['base', 'other', 'c'], excludes: ['me'] },
  { name: 'no cycle through extends', source: 'experiment base extends | {}\nexperiment child extends base {}', contains: [], excludes: ['child', 'base'] },
  { name: 'extends after an experiment name', source: 'experiment base {}\nexperiment b |', contains: ['extends'] },
  { name: 'templates at the top level', source: 'experiment a { task: binary }\n\n|', contains: ['experiment', 'experiment (binary)', 'experiment (multiclass)', 'experiment (multilabel)'], excludes: ['loss'] },
  { name: 'templates in an empty file', source: '|', contains: ['experiment (binary)'] },
  // Nothing
  { name: 'nothing in a comment', source: 'experiment a {\n  # los|\n}', contains: [], excludes: ['loss'] },
  { name: 'nothing in a number', source: 'experiment a {\n  model { dense(1|6) }\n}', contains: [], excludes: ['units'] },
  { name: 'nothing after a complete value on the same line', source: 'experiment a {\n  loss: binary_crossentropy |\n}', contains: [], excludes: ['task'] },
];

let client: TestClient;
let dataDir: string;
/** What the server logged (a guarded handler that throws logs "xent: completion failed: …"). */
const logs: string[] = [];
before(async () => {
  client = await startClient();
  client.connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  dataDir = mkdtempSync(join(tmpdir(), 'xent-completion-'));
  mkdirSync(join(dataDir, 'runs'));
  mkdirSync(join(dataDir, '.hidden'));
  for (const f of ['train.csv', 'runs/val.csv', 'runs/y_val.npy', 'runs/p_val.npy', 'notes.txt', '.hidden/secret.csv']) writeFileSync(join(dataDir, f), 'x');
});
after(async () => {
  await client.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function completeAt(source: string, name?: string): Promise<{ items: CompletionItem[]; text: string }> {
  const m = withCursor(source);
  const uri = await client.open(m.text, name);
  const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: m.position });
  const items = result === null ? [] : Array.isArray(result) ? result : result.items;
  return { items, text: m.text };
}

function sorted(items: readonly CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => ((a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : (a.sortText ?? a.label) > (b.sortText ?? b.label) ? 1 : 0));
}

/** A document named into the temporary data folder (the test client opens `test/NAME.xent`). */
function inDataDir(file: string): string {
  return relative(join(ROOT, 'test'), join(dataDir, file));
}

describe('completion', () => {
  test('the server offers completion with trigger characters', () => {
    const provider = client.initialize.capabilities.completionProvider;
    assert.ok(provider);
    for (const c of [':', '(', '[', ',', '"']) assert.ok(provider.triggerCharacters?.includes(c), c);
  });

  for (const c of CASES) {
    test(c.name, async () => {
      const { items } = await completeAt(c.source);
      const labels = items.map((i) => i.label);
      for (const l of c.contains) assert.ok(labels.includes(l), `missing ${l} in ${labels.join(', ')}`);
      for (const l of c.excludes ?? []) assert.ok(!labels.includes(l), `unexpected ${l} in ${labels.join(', ')}`);
      if (c.contains.length === 0 && !c.excludes) assert.equal(items.length, 0);
      if (c.first) assert.equal(sorted(items)[0]?.label, c.first, `sorted: ${sorted(items).slice(0, 5).map((i) => i.label).join(', ')}`);
      for (const item of items) {
        assert.ok(item.kind, `${item.label} has a kind`);
        assert.ok(item.textEdit, `${item.label} has an edit`);
        assert.ok(item.documentation, `${item.label} has documentation`);
      }
    });
  }

  test('every catalogue item has a detail and Markdown documentation', async () => {
    const { items } = await completeAt(`${CDH_HEAD}  loss: |\n}`);
    for (const item of items) {
      assert.ok(item.detail, item.label);
      assert.equal((item.documentation as MarkupContent).kind, 'markdown');
    }
    const bce = items.find((i) => i.label === 'binary_crossentropy')!;
    assert.equal(bce.kind, CompletionItemKind.Function);
    assert.equal(bce.detail, 'L = −(1/N) Σᵢ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)]');
    assert.match((bce.documentation as MarkupContent).value, /keras\.losses\.BinaryCrossentropy/);
  });

  test('keys insert `key: $0`, block keys a block', async () => {
    const { items } = await completeAt('experiment a {\n  |\n}');
    const edit = (label: string) => (items.find((i) => i.label === label)!.textEdit as TextEdit).newText;
    assert.equal(edit('loss'), 'loss: $0');
    assert.equal(edit('model'), 'model {\n\t$0\n}');
    assert.equal(edit('data'), 'data {\n\t$0\n}');
    assert.equal(items.find((i) => i.label === 'loss')!.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(items.find((i) => i.label === 'loss')!.kind, CompletionItemKind.Property);
  });

  test('a key before an existing colon inserts only its name', async () => {
    const { items } = await completeAt('experiment a {\n  lo|: adam\n}');
    assert.equal((items.find((i) => i.label === 'loss')!.textEdit as TextEdit).newText, 'loss');
  });

  test('the edit replaces the word being typed', async () => {
    const { items, text } = await completeAt('experiment a {\n  loss: categ|\n}');
    const edit = items.find((i) => i.label === 'categorical_crossentropy')!.textEdit as TextEdit;
    assert.deepEqual(edit.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 13 } });
    assert.equal(text.split('\n')[1].slice(8, 13), 'categ');
  });

  test('a value right after the colon gets a space', async () => {
    const { items } = await completeAt('experiment a {\n  task: binary\n  loss:|\n}');
    assert.equal((items.find((i) => i.label === 'binary_crossentropy')!.textEdit as TextEdit).newText, ' binary_crossentropy');
  });

  test('parameters insert `name: ${1:default}` with the default as detail', async () => {
    const { items } = await completeAt('experiment a {\n  model {\n    dense(3, |)\n  }\n}');
    const use = items.find((i) => i.label === 'use_bias')!;
    assert.equal(use.kind, CompletionItemKind.Field);
    assert.match(use.detail!, /^= true/);
    assert.equal((use.textEdit as TextEdit).newText, 'use_bias: ${1|true,false|}');
    const init = items.find((i) => i.label === 'kernel_initializer')!;
    assert.equal((init.textEdit as TextEdit).newText, 'kernel_initializer: ${1:glorot_uniform}');
    const act = items.find((i) => i.label === 'activation')!;
    assert.match(act.detail!, /^= None/);
    assert.match((act.documentation as MarkupContent).value, /parameter of `dense`/);
  });

  test('layers with a required argument insert a call snippet', async () => {
    const { items } = await completeAt('experiment a {\n  model {\n    |\n  }\n}');
    assert.equal((items.find((i) => i.label === 'dense')!.textEdit as TextEdit).newText, 'dense(${1:units})');
    assert.equal((items.find((i) => i.label === 'flatten')!.textEdit as TextEdit).newText, 'flatten');
  });

  test('a class name that is not an identifier is quoted', async () => {
    const { items } = await completeAt('experiment a {\n  classes: ["not spam", spam]\n  metrics: [f1(pos_label: |)]\n}');
    assert.equal((items.find((i) => i.label === 'not spam')!.textEdit as TextEdit).newText, '"not spam"');
  });

  test('data file paths inside csv("…"): .csv files beside the .xent file, relative', async () => {
    const { items } = await completeAt('experiment a {\n  data: csv("|")\n}', inDataDir('exp'));
    const labels = items.map((i) => i.label);
    assert.deepEqual(labels.sort(), ['runs/val.csv', 'train.csv']);
    const edit = items.find((i) => i.label === 'runs/val.csv')!.textEdit as TextEdit;
    assert.equal(edit.newText, 'runs/val.csv');
    assert.equal(items[0].kind, CompletionItemKind.File);
    assert.ok(items[0].detail && (items[0].documentation as MarkupContent).value.includes(items[0].label));
  });

  test('data file paths inside npy(…): .npy files', async () => {
    const { items } = await completeAt('experiment a {\n  data: npy(y_true: "runs/|")\n}', inDataDir('exp2'));
    assert.deepEqual(items.map((i) => i.label).sort(), ['runs/p_val.npy', 'runs/y_val.npy']);
  });

  test('a path in an unterminated string gets its closing quote', async () => {
    const { items } = await completeAt('experiment a {\n  data: csv("tr|\n}', inDataDir('exp3'));
    const edit = items.find((i) => i.label === 'train.csv')!.textEdit as TextEdit;
    assert.equal(edit.newText, 'train.csv"');
    assert.deepEqual(edit.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 15 } });
  });

  test('a path where the string is still to write is quoted', async () => {
    const { items } = await completeAt('experiment a {\n  data: csv(|)\n}', inDataDir('exp4'));
    assert.equal((items.find((i) => i.label === 'train.csv')!.textEdit as TextEdit).newText, '"train.csv"');
    assert.ok(items.some((i) => i.label === 'y_true'), 'the named parameters too');
  });

  test('column names of csv(...) are not paths', async () => {
    const { items } = await completeAt('experiment a {\n  data: csv("train.csv", y_true: "|")\n}', inDataDir('exp5'));
    assert.deepEqual(items, []);
  });

  test('no data files for a document that is not on disk', async () => {
    const m = withCursor('experiment a {\n  data: csv("|")\n}');
    const uri = 'untitled:Untitled-1';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version: 1, text: m.text } });
    const result = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: m.position });
    assert.deepEqual(result.items, []);
  });

  test('completion on broken documents answers without error', async () => {
    const broken = [
      'experiment a {\n  data: csv("runs/val.csv, y_true: |\n',
      'experiment a {\n  loss: |',
      'experiment a {\n  model {\n    dense(3, activation: |\n',
      'experiment a {\n  metrics: [f1(average: macro, |\n  loss: x\n',
      'experiment {\n  |\n}',
      'experiment a extends {\n  task: |\n}',
      '}}}]]) experiment a {\n  |',
      'experiment a {\n  model { dense(3)) ] }\n  |\n}',
      '\u0000\u0001 experiment a { "\n |',
    ];
    for (const source of broken) {
      const { items } = await completeAt(source);
      assert.ok(Array.isArray(items), source);
    }
    assert.equal(client.process.exitCode, null, 'the server is still running');
  });

  test('no completion request failed inside the server', async () => {
    await client.request('textDocument/completion', { textDocument: { uri: 'file:///nothing.xent' }, position: { line: 0, character: 0 } });
    assert.deepEqual(logs.filter((l) => /failed/.test(l)), []);
  });

  test('a missing brace: keys still complete', async () => {
    const { items } = await completeAt('experiment a {\n  task: binary\n  model {\n    dense(1, activation: sigmoid)\n  }\n  |');
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('loss') && !labels.includes('task') && !labels.includes('model'), labels.join(', '));
  });
});

describe('experiment templates', () => {
  for (const t of EXPERIMENT_TEMPLATES) {
    test(`the ${t.task} template passes xent check`, () => {
      const text = expandSnippet(t.snippet);
      assert.deepEqual(analyze(text).diagnostics.map((d) => `${d.code}: ${d.message}`), []);
      const dir = mkdtempSync(join(tmpdir(), 'xent-template-'));
      try {
        const file = join(dir, `${t.task}.xent`);
        writeFileSync(file, text);
        const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', file], { encoding: 'utf8' });
        assert.equal(run.status, 0, run.stdout + run.stderr);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test('templates are snippets whose task is their own', async () => {
    const { items } = await completeAt('|');
    for (const t of EXPERIMENT_TEMPLATES) {
      const item = items.find((i) => i.label === `experiment (${t.task})`)!;
      assert.equal(item.kind, CompletionItemKind.Snippet);
      assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
      assert.match((item.textEdit as TextEdit).newText, new RegExp(`task: ${t.task}`));
    }
  });
});

describe('robustness', () => {
  test('completion, signature help and hover answer at every offset of the examples and of every truncation', () => {
    const dir = join(ROOT, 'examples');
    let asked = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.xent'))) {
      const full = readFileSync(join(dir, file), 'utf8');
      // The whole file at every offset, and the file cut short (as while typing) at its end.
      const texts = [full, ...Array.from({ length: 40 }, (_, i) => full.slice(0, Math.floor((full.length * (i + 1)) / 41)))];
      for (const text of texts) {
        const analysis = analyze(text);
        const offsets = text === full ? Array.from({ length: text.length + 1 }, (_, i) => i) : [text.length];
        for (const offset of offsets) {
          const c = complete(analysis, offset);
          assert.ok(c.range.start <= offset && offset <= c.range.end && c.range.end <= text.length, `${file}@${offset}: the edit range holds the cursor`);
          signatureAt(analysis, offset);
          const ctx = hoverContext(analysis, offset);
          if (ctx) buildHover(ctx, undefined, (err) => assert.fail(`${file}@${offset}: ${String(err)}`));
          asked++;
        }
      }
    }
    assert.ok(asked > 10000, `asked ${asked}`);
  });
});
