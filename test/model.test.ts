// The semantic model: extends resolution, declared and inferred facts, the output layer, and the language-level
// diagnostics (table-driven: source → facts / diagnostic codes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../server/src/core/check';

function only(text: string) {
  const a = analyze(text);
  return { model: a.models[a.models.length - 1], codes: a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`), a };
}

const facts: { name: string; src: string; task?: string; classes?: number; names?: string[]; labels?: string; origin?: Record<string, string> }[] = [
  {
    name: 'declared facts',
    src: 'experiment a { task: multiclass classes: [cat, dog, horse] labels: onehot }',
    task: 'multiclass', classes: 3, names: ['cat', 'dog', 'horse'], labels: 'onehot',
    origin: { task: 'declared', classes: 'declared', labels: 'declared' },
  },
  { name: 'class count', src: 'experiment a { classes: 4 }', classes: 4, task: 'multiclass', names: ['0', '1', '2', '3'] },
  {
    name: 'one-hot inferred from y_true',
    src: 'experiment a { data { y_true: [[0, 1, 0], [1, 0, 0]] } }',
    labels: 'onehot', classes: 3, task: 'multiclass', origin: { labels: 'inferred', classes: 'inferred', task: 'inferred' },
  },
  { name: 'indicator inferred from multi-hot rows', src: 'experiment a { data { y_true: [[1, 1, 0], [0, 0, 1]] } }', labels: 'indicator', task: 'multilabel' },
  { name: 'binary from 0/1 labels and 1-D predictions', src: 'experiment a { data { y_true: [1, 0, 0] y_pred: [0.7, 0.2, 0.1] } }', labels: 'integer', classes: 2, task: 'binary' },
  { name: 'classes from integer labels', src: 'experiment a { data { y_true: [0, 2, 1, 4] } }', classes: 5, task: 'multiclass' },
  { name: 'class names sorted as scikit-learn', src: 'experiment a { data { y_true: [dog, cat, "bird"] } }', names: ['bird', 'cat', 'dog'], classes: 3 },
  { name: 'classes from the output layer', src: 'experiment a { model { dense(4, activation: softmax) } loss: categorical_crossentropy }', classes: 4, task: 'multiclass' },
  { name: 'one sigmoid unit means two classes', src: 'experiment a { model { dense(1, activation: sigmoid) } loss: binary_crossentropy }', classes: 2, task: 'binary' },
  { name: 'inherits from the parent', src: 'experiment p { task: binary classes: [no, yes] } experiment c extends p { loss: binary_crossentropy }', task: 'binary', names: ['no', 'yes'] },
  { name: 'child overrides the parent', src: 'experiment p { classes: 3 } experiment c extends p { classes: [a, b] }', classes: 2, task: 'binary' },
  { name: 'grandparent chain', src: 'experiment g { task: multilabel } experiment p extends g { classes: 5 } experiment c extends p {}', task: 'multilabel', classes: 5 },
];

for (const c of facts) {
  test(`facts: ${c.name}`, () => {
    const { model } = only(c.src);
    if (c.task !== undefined) assert.equal(model.task?.value, c.task);
    if (c.classes !== undefined) assert.equal(model.classes?.value.count, c.classes);
    if (c.names !== undefined) assert.deepEqual(model.classes?.value.names, c.names);
    if (c.labels !== undefined) assert.equal(model.labels?.value, c.labels);
    for (const [k, origin] of Object.entries(c.origin ?? {})) {
      assert.equal((model as unknown as Record<string, { origin: string }>)[k]?.origin, origin, k);
    }
  });
}

test('an inferred fact says where it came from', () => {
  const { model } = only('experiment a {\n  data {\n    y_true: [[0, 1], [1, 0]]\n  }\n}');
  assert.equal(model.labels?.from, 'y_true');
  assert.equal(model.labels?.node.range.start.line, 2);
});

test('inherited facts point into the parent', () => {
  const { model } = only('experiment p {\n  task: binary\n}\nexperiment c extends p {}');
  assert.equal(model.task?.experiment, 'p');
  assert.equal(model.task?.node.range.start.line, 1);
  assert.deepEqual(model.ancestors, ['p']);
});

test('the output layer: last unit layer plus trailing activation layers', () => {
  const { model } = only('experiment a { model { input(8) dense(16, activation: relu) dense(3) dropout(0.1) activation(softmax) } loss: categorical_crossentropy }');
  assert.equal(model.model?.kind, 'layers');
  if (model.model?.kind !== 'layers') return;
  assert.equal(model.model.output.units, 3);
  assert.equal(model.model.output.activation, 'softmax');
});

test('a backbone without its top (include_top: false) makes the output unknown', () => {
  const { model } = only('experiment a { model { dense(3, activation: softmax) resnet50(include_top: false) } loss: categorical_crossentropy }');
  if (model.model?.kind !== 'layers') return assert.fail('layers expected');
  assert.equal(model.model.output.units, undefined);
});

test("a backbone with its top ends in Keras's classifier: classes units (1000) with classifier_activation (softmax)", () => {
  const bare = only('experiment a { model { resnet50 } loss: categorical_crossentropy }').model;
  if (bare.model?.kind !== 'layers') return assert.fail('layers expected');
  assert.deepEqual([bare.model.output.units, bare.model.output.activation], [1000, 'softmax']);
  const own = only('experiment a { model { vgg16(weights: none, classes: 10, classifier_activation: sigmoid) } loss: binary_crossentropy }').model;
  if (own.model?.kind !== 'layers') return assert.fail('layers expected');
  assert.deepEqual([own.model.output.units, own.model.output.activation], [10, 'sigmoid']);
});

const diagnostics: { name: string; src: string; codes: string[] }[] = [
  { name: 'clean', src: 'experiment a { task: binary loss: binary_crossentropy optimizer: adam(learning_rate: 0.001) metrics: [accuracy, f1] }', codes: [] },
  { name: 'unknown key', src: 'experiment a { taks: binary }', codes: ['1:unknown-name'] },
  { name: 'unknown loss', src: 'experiment a { loss: categorical_crossentropi }', codes: ['1:unknown-name'] },
  { name: 'unknown parameter', src: 'experiment a { optimizer: adam(lr: 0.1) }', codes: ['1:unknown-name'] },
  { name: 'unknown activation value', src: 'experiment a { model { dense(2, activation: sofmax) } loss: binary_crossentropy }', codes: ['1:unknown-name'] },
  { name: 'units ≤ 0', src: 'experiment a { model { dense(0) } loss: binary_crossentropy }', codes: ['1:invalid-units'] },
  { name: 'wrong parameter type', src: 'experiment a { model { dropout("x") } loss: binary_crossentropy }', codes: ['1:invalid-parameter'] },
  { name: 'missing loss with layers', src: 'experiment a { model { dense(1, activation: sigmoid) } }', codes: ['1:missing-loss'] },
  { name: 'no loss needed to score predictions', src: 'experiment a { data { y_true: [0, 1] y_pred: [0.2, 0.7] } metrics: [log_loss] }', codes: [] },
  { name: 'duplicate property', src: 'experiment a {\n task: binary\n task: multiclass\n}', codes: ['3:duplicate-property'] },
  { name: 'duplicate experiment', src: 'experiment a {}\nexperiment a {}', codes: ['2:duplicate-experiment'] },
  { name: 'unknown parent', src: 'experiment a extends b {}', codes: ['1:unknown-experiment'] },
  { name: 'cycle', src: 'experiment a extends b {}\nexperiment b extends a {}', codes: ['1:extends-cycle', '2:extends-cycle'] },
  { name: 'positional argument out of place', src: 'experiment a { model { dense(3, relu) } loss: binary_crossentropy }', codes: ['1:invalid-argument'] },
  { name: 'duplicate argument', src: 'experiment a { model { dense(3, units: 4) } loss: binary_crossentropy }', codes: ['1:duplicate-argument'] },
  { name: 'ragged inline rows', src: 'experiment a { data { y_pred: [[0.1, 0.9], [1]] } }', codes: ['1:invalid-data'] },
  { name: 'inherited problems are reported once, on the parent', src: 'experiment p { loss: nope }\nexperiment c extends p {}', codes: ['1:unknown-name'] },
  { name: 'zero_division takes a number or warn', src: 'experiment a { metrics: [f1(zero_division: 1), f1(zero_division: warn)] }', codes: [] },
];

for (const c of diagnostics) {
  test(`diagnostics: ${c.name}`, () => {
    const codes = only(c.src).codes.filter((code) => !code.includes('syntax-error'));
    for (const want of c.codes) assert.ok(codes.includes(want), `expected ${want} in ${codes.join(', ')}`);
    // Language-level codes only: the rule catalogue may add its own findings on top.
    const language = new Set(['unknown-name', 'invalid-units', 'invalid-parameter', 'missing-loss', 'duplicate-property', 'duplicate-experiment', 'unknown-experiment', 'extends-cycle', 'invalid-argument', 'duplicate-argument', 'invalid-data', 'missing-argument', 'invalid-value']);
    assert.deepEqual(codes.filter((x) => language.has(x.split(':')[1])).sort(), [...c.codes].sort());
  });
}

test('a suggestion travels in the diagnostic data for the quick fix', () => {
  const d = analyze('experiment a { loss: categorical_crossentropi }').diagnostics.find((x) => x.code === 'unknown-name');
  assert.equal(d?.data?.suggestion, 'categorical_crossentropy');
  assert.match(d!.message, /did you mean 'categorical_crossentropy'\?/);
});
