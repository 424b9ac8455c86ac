// Signature help over LSP with a real client: inside a call, the catalogue entry's parameters with their
// defaults, and the active one: the positional one, the one being named, or the next one to give.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent, SignatureHelp } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from './support/lsp-client';
import { withCursor } from './support/cursor-marker';

interface SignatureCase {
  readonly name: string;
  readonly source: string;
  /** The start of the signature's label. */
  readonly label: string;
  /** The active parameter's text within the label. */
  readonly active: string;
}

const inModel = (call: string) => `experiment a {\n  model {\n    ${call}\n  }\n}`;

const CASES: readonly SignatureCase[] = [
  { name: 'just after the parenthesis: the positional parameter', source: inModel('dense(|)'), label: 'dense(units, activation = None, use_bias = true, ', active: 'units' },
  { name: 'typing the positional value', source: inModel('dense(1|6)'), label: 'dense(units, ', active: 'units' },
  { name: 'after a comma: the next parameter not yet given', source: inModel('dense(16, |)'), label: 'dense(', active: 'activation = None' },
  { name: 'naming a parameter', source: inModel('dense(16, use_b|)'), label: 'dense(', active: 'use_bias = true' },
  { name: 'a named parameter', source: inModel('dense(16, use_bias: |)'), label: 'dense(', active: 'use_bias = true' },
  { name: 'a named parameter, value typed', source: inModel('dense(16, activation: so|ftmax)'), label: 'dense(', active: 'activation = None' },
  { name: 'an alias names its parameter', source: inModel('conv2d(8, kernel: |)'), label: 'conv2d(filters, kernel_size, strides = 1, padding = valid', active: 'kernel_size' },
  { name: 'unclosed call', source: 'experiment a {\n  model {\n    dense(16, activation: relu, |\n  }\n}', label: 'dense(', active: 'use_bias = true' },
  { name: 'a loss', source: 'experiment a {\n  loss: binary_crossentropy(from_logits: true, |)\n}', label: 'binary_crossentropy(from_logits = false, label_smoothing = 0.0, axis = -1, ', active: 'label_smoothing = 0.0' },
  { name: 'an optimizer', source: 'experiment a {\n  optimizer: adam(learning_rate: 0.01, beta_2: 0.9|)\n}', label: 'adam(learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-7', active: 'beta_2 = 0.999' },
  { name: 'a metric in a list', source: 'experiment a {\n  metrics: [accuracy, f1(|)]\n}', label: 'f1(average = binary, pos_label = 1, zero_division = warn)', active: 'average = binary' },
  { name: 'log_loss in metrics is the metric', source: 'experiment a {\n  metrics: [log_loss(|)]\n}', label: 'log_loss(', active: '' },
  { name: 'a data source path', source: 'experiment a {\n  data: csv("runs/|")\n}', label: 'csv(path, y_true, y_pred = None, features = None)', active: 'path' },
  { name: 'a data source column list', source: 'experiment a {\n  data: csv("v.csv", y_true: "label", y_pred: ["p_a", |])\n}', label: 'csv(', active: 'y_pred = None' },
  { name: 'the innermost of nested calls', source: inModel('bidirectional(lstm(64, |))'), label: 'lstm(units, ', active: 'activation = tanh' },
  { name: 'the outer call after the nested one', source: inModel('bidirectional(lstm(64), |)'), label: 'bidirectional(layer, merge_mode = concat)', active: 'merge_mode = concat' },
  { name: 'a whole model', source: 'experiment a {\n  model: logistic_regression(C: 0.5, |)\n}', label: 'logistic_regression(C = 1.0, fit_intercept = true, max_iter = 100, tol = 0.0001)', active: 'fit_intercept = true' },
];

const NULL_CASES: readonly { name: string; source: string }[] = [
  { name: 'outside calls', source: 'experiment a {\n  loss: binary_crossentropy|\n}' },
  { name: 'after a closed call', source: inModel('dense(3)|') },
  { name: 'an unknown callee', source: inModel('dense_layer(|)') },
  { name: 'a comment inside a call', source: inModel('dense(3, # act|\n activation: relu)') },
  { name: 'between experiments', source: 'experiment a { model { dense(3) } }\n|' },
];

let client: TestClient;
before(async () => {
  client = await startClient();
});
after(async () => {
  await client.stop();
});

async function signatureAt(source: string): Promise<SignatureHelp | null> {
  const m = withCursor(source);
  const uri = await client.open(m.text);
  return client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position: m.position });
}

describe('signature help', () => {
  test('the server offers signature help on ( and ,', () => {
    const provider = client.initialize.capabilities.signatureHelpProvider;
    assert.deepEqual(provider?.triggerCharacters, ['(', ',']);
  });

  for (const c of CASES) {
    test(c.name, async () => {
      const help = await signatureAt(c.source);
      assert.ok(help, 'a signature');
      const sig = help.signatures[help.activeSignature ?? 0];
      assert.ok(sig.label.startsWith(c.label), `${sig.label} starts with ${c.label}`);
      const active = help.activeParameter ?? 0;
      assert.equal(sig.activeParameter, active);
      const [s, e] = sig.parameters![active].label as [number, number];
      if (c.active) assert.equal(sig.label.slice(s, e), c.active);
      for (const p of sig.parameters!) assert.equal((p.documentation as MarkupContent).kind, 'markdown');
    });
  }

  for (const c of NULL_CASES) {
    test(`no signature ${c.name}`, async () => {
      assert.equal(await signatureAt(c.source), null);
    });
  }

  test('the signature documents the entry and each parameter from the catalogue', async () => {
    const help = await signatureAt('experiment a {\n  loss: categorical_crossentropy(label_smoothing: |)\n}');
    const sig = help!.signatures[0];
    const doc = (sig.documentation as MarkupContent).value;
    assert.match(doc, /L = −\(1\/N\) Σᵢ Σₖ yᵢₖ·log pᵢₖ/);
    assert.match(doc, /keras\.losses\.CategoricalCrossentropy/);
    const active = sig.parameters![help!.activeParameter!];
    assert.match((active.documentation as MarkupContent).value, /Allowed: \[0, 1\]/);
  });
});
