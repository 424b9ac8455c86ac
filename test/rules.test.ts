// The mismatch rule catalogue (issue 4): for each rule a wrong snippet (exactly that code, on its line) and a right
// one (no diagnostic of that code); then specific-over-general, inherited properties, xent-ignore, from_logits,
// the table itself and docs/rules.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import type { Diagnostic } from '../server/src/core/diagnostic';
import { RULES, RULE_BY_ID, ROW_SUM_TOLERANCE } from '../server/src/core/rules';

const diagnostics = (src: string): readonly Diagnostic[] => analyze(src).diagnostics;
/** "line:code" (1-based) of every diagnostic. */
const at = (src: string) => diagnostics(src).map((d) => `${d.range.start.line + 1}:${d.code}`);
const of = (src: string, code: string) => diagnostics(src).filter((d) => d.code === code);

interface Case {
  readonly rule: string;
  readonly name?: string;
  readonly wrong: string;
  /** 1-based line of the diagnostic in `wrong`. */
  readonly line: number;
  readonly severity?: Diagnostic['severity'];
  readonly right: string;
  /** Expected `data` entries of the wrong snippet's diagnostic. */
  readonly data?: Record<string, unknown>;
  /** A fragment the message must contain. */
  readonly says?: RegExp;
}

const cases: Case[] = [
  {
    rule: 'sparse-loss-onehot-labels',
    wrong: `experiment a {
  task: multiclass
  labels: onehot
  loss: sparse_categorical_crossentropy
}`,
    line: 4,
    right: `experiment a {
  task: multiclass
  labels: onehot
  loss: categorical_crossentropy
}`,
    data: { replacement: 'categorical_crossentropy' },
  },
  {
    rule: 'sparse-loss-onehot-labels',
    name: 'labels seen in data',
    wrong: `experiment a {
  loss: sparse_categorical_crossentropy
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}`,
    line: 2,
    right: `experiment a {
  loss: sparse_categorical_crossentropy
  data {
    y_true: [1, 0]
  }
}`,
    says: /labels look one-hot \(inferred from y_true, line 4\)/,
  },
  {
    rule: 'categorical-loss-integer-labels',
    wrong: `experiment a {
  task: multiclass
  classes: 3
  loss: categorical_crossentropy
  data {
    y_true: [0, 2, 1]
  }
}`,
    line: 4,
    right: `experiment a {
  task: multiclass
  classes: 3
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, 2, 1]
  }
}`,
    data: { replacement: 'sparse_categorical_crossentropy' },
  },
  {
    rule: 'onehot-width-mismatch',
    wrong: `experiment a {
  classes: [cat, dog, horse]
  data {
    y_true: [[0, 1], [1, 0]]
  }
}`,
    line: 4,
    right: `experiment a {
  classes: [cat, dog, horse]
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}`,
    data: { width: 2, classes: 3 },
  },
  {
    rule: 'multi-hot-labels-single-label-task',
    wrong: `experiment a {
  task: multiclass
  data {
    y_true: [
      [0, 1, 0],
      [1, 1, 0],
    ]
  }
}`,
    line: 6,
    right: `experiment a {
  task: multilabel
  data {
    y_true: [
      [0, 1, 0],
      [1, 1, 0],
    ]
  }
}`,
  },
  {
    rule: 'invalid-onehot-row',
    name: 'a row that marks no class (issue 8 case 5)',
    wrong: `experiment a {
  task: multiclass
  data {
    y_true: [
      [0, 1, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]
  }
}`,
    line: 6,
    right: `experiment a {
  task: multiclass
  data {
    y_true: [
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]
  }
}`,
    data: { row: 1, fault: 'no-class', rows: [1, 2] },
    says: /row 2 of y_true, \[0, 0, 0\], marks no class/,
  },
  {
    rule: 'invalid-onehot-row',
    name: 'a value other than 0 and 1, with labels: onehot declared',
    wrong: `experiment a {
  labels: onehot
  data {
    y_true: [[0, 1, 0], [2, 0, 0]]
  }
}`,
    line: 4,
    right: `experiment a {
  labels: onehot
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}`,
    data: { row: 1, fault: 'not-binary', rows: [1] },
    says: /holds 2, but the labels are declared one-hot \(line 2\)/,
  },
  {
    rule: 'invalid-onehot-row',
    name: 'a soft row with a Keras loss',
    wrong: `experiment a {
  task: multiclass
  loss: categorical_crossentropy
  data {
    y_true: [[0.5, 0.5, 0], [0, 0, 1]]
  }
}`,
    line: 5,
    right: `experiment a {
  task: multiclass
  loss: categorical_crossentropy(label_smoothing: 0.1)
  data {
    y_true: [[1, 0, 0], [0, 0, 1]]
  }
}`,
    data: { row: 0, fault: 'soft', rows: [0] },
    says: /soft target/,
  },
  {
    rule: 'invalid-onehot-row',
    name: 'several 1s under labels: onehot on a multilabel task',
    wrong: `experiment a {
  task: multilabel
  labels: onehot
  data {
    y_true: [[1, 1, 0], [0, 0, 1]]
  }
}`,
    line: 5,
    right: `experiment a {
  task: multilabel
  labels: indicator
  data {
    y_true: [[1, 1, 0], [0, 0, 1]]
  }
}`,
    data: { row: 0, fault: 'several', rows: [0] },
  },
  {
    rule: 'categorical-loss-single-output',
    wrong: `experiment a {
  task: binary
  model {
    dense(1, activation: sigmoid)
  }
  loss: categorical_crossentropy
}`,
    line: 6,
    right: `experiment a {
  task: binary
  model {
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy
}`,
    data: { replacement: 'binary_crossentropy', activation: 'sigmoid' },
  },
  {
    rule: 'binary-loss-multiclass-task',
    wrong: `experiment a {
  task: multiclass
  classes: 3
  loss: binary_crossentropy
}`,
    line: 4,
    severity: 'warning',
    right: `experiment a {
  task: multiclass
  classes: 3
  loss: categorical_crossentropy
}`,
  },
  {
    rule: 'softmax-loss-multilabel-task',
    wrong: `experiment a {
  task: multilabel
  classes: 4
  loss: categorical_crossentropy
}`,
    line: 4,
    right: `experiment a {
  task: multilabel
  classes: 4
  loss: binary_crossentropy
}`,
    data: { replacement: 'binary_crossentropy' },
  },
  {
    rule: 'too-few-classes',
    wrong: `experiment a {
  classes: 1
}`,
    line: 2,
    right: `experiment a {
  classes: 2
}`,
  },
  {
    rule: 'too-few-classes',
    name: 'a single class seen in y_true',
    wrong: `experiment a {
  data {
    y_true: [cat, cat, cat]
  }
}`,
    line: 3,
    right: `experiment a {
  data {
    y_true: [cat, dog, cat]
  }
}`,
  },
  {
    rule: 'softmax-single-unit',
    wrong: `experiment a {
  task: binary
  model {
    dense(1, activation: softmax)
  }
  loss: binary_crossentropy
}`,
    line: 4,
    right: `experiment a {
  task: binary
  model {
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy
}`,
    data: { activation: 'sigmoid' },
  },
  {
    rule: 'sigmoid-with-categorical-loss',
    wrong: `experiment a {
  task: multiclass
  model {
    dense(3, activation: sigmoid)
  }
  loss: categorical_crossentropy
}`,
    line: 4,
    severity: 'warning',
    right: `experiment a {
  task: multiclass
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    data: { activation: 'softmax' },
  },
  {
    rule: 'double-softmax',
    wrong: `experiment a {
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy(from_logits: true)
}`,
    line: 5,
    severity: 'warning',
    right: `experiment a {
  model {
    dense(3)
  }
  loss: categorical_crossentropy(from_logits: true)
}`,
    data: { fromLogits: false, activation: 'linear' },
  },
  {
    rule: 'double-sigmoid',
    wrong: `experiment a {
  model {
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy(from_logits: true)
}`,
    line: 5,
    severity: 'warning',
    right: `experiment a {
  model {
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy
}`,
  },
  {
    rule: 'logits-without-from-logits',
    wrong: `experiment a {
  model {
    dense(3)
  }
  loss: categorical_crossentropy
}`,
    line: 5,
    right: `experiment a {
  model {
    dense(3)
  }
  loss: categorical_crossentropy(from_logits: true)
}`,
    data: { fromLogits: true, activation: 'softmax' },
  },
  {
    rule: 'unbounded-output-activation',
    wrong: `experiment a {
  model {
    dense(1, activation: relu)
  }
  loss: binary_crossentropy
}`,
    line: 3,
    right: `experiment a {
  model {
    dense(1, activation: sigmoid)
  }
  loss: binary_crossentropy
}`,
    data: { activation: 'sigmoid' },
  },
  {
    rule: 'softmax-multilabel',
    wrong: `experiment a {
  task: multilabel
  model {
    dense(4, activation: softmax)
  }
  loss: binary_crossentropy
}`,
    line: 4,
    right: `experiment a {
  task: multilabel
  model {
    dense(4, activation: sigmoid)
  }
  loss: binary_crossentropy
}`,
  },
  {
    rule: 'redundant-activation',
    wrong: `experiment a {
  model {
    dense(3, activation: softmax)
    activation(softmax)
  }
  loss: categorical_crossentropy
}`,
    line: 4,
    severity: 'warning',
    right: `experiment a {
  model {
    dense(3)
    activation(softmax)
  }
  loss: categorical_crossentropy
}`,
  },
  {
    rule: 'redundant-activation',
    name: 'softmax on a hidden layer',
    wrong: `experiment a {
  model {
    dense(16, activation: softmax)
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    line: 3,
    right: `experiment a {
  model {
    dense(16, activation: relu)
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
  },
  {
    rule: 'output-units-mismatch',
    wrong: `experiment a {
  classes: [cat, dog, horse]
  labels: onehot
  model {
    dense(4, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    line: 5,
    right: `experiment a {
  classes: [cat, dog, horse]
  labels: onehot
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    data: { units: 3 },
  },
  {
    rule: 'output-units-mismatch',
    name: 'binary needs 1 or 2 units',
    wrong: `experiment a {
  task: binary
  model {
    dense(3, activation: sigmoid)
  }
  loss: binary_crossentropy
}`,
    line: 4,
    right: `experiment a {
  task: binary
  model {
    dense(2, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}`,
  },
  {
    rule: 'extra-output-units',
    wrong: `experiment a {
  classes: 3
  labels: integer
  model {
    dense(10, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}`,
    line: 5,
    severity: 'warning',
    right: `experiment a {
  classes: 3
  labels: integer
  model {
    dense(3, activation: softmax)
  }
  loss: sparse_categorical_crossentropy
}`,
    data: { units: 3 },
  },
  {
    rule: 'label-out-of-range',
    wrong: `experiment a {
  classes: [cat, dog, horse]
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, 3, 1]
  }
}`,
    line: 5,
    right: `experiment a {
  classes: [cat, dog, horse]
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, 2, 1]
  }
}`,
    says: /^Received a label value of 3 which is outside the valid range of \[0, 3\)/,
    data: { value: 3, classes: 3 },
  },
  {
    rule: 'one-based-labels',
    wrong: `experiment a {
  classes: 3
  data {
    y_true: [1, 2, 3, 1]
  }
}`,
    line: 4,
    right: `experiment a {
  classes: 3
  data {
    y_true: [0, 1, 2, 0]
  }
}`,
    data: { shift: -1 },
  },
  {
    rule: 'negative-label',
    wrong: `experiment a {
  classes: 3
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, -1, 2]
  }
}`,
    line: 5,
    right: `experiment a {
  classes: 3
  loss: sparse_categorical_crossentropy(ignore_class: -1)
  data {
    y_true: [0, -1, 2]
  }
}`,
    data: { value: -1, ignoreClass: -1 },
    says: /to_categorical wraps -1 to class 2/,
  },
  {
    rule: 'non-integer-labels',
    wrong: `experiment a {
  classes: 3
  data {
    y_true: [0, 1.5, 2]
  }
}`,
    line: 4,
    right: `experiment a {
  classes: 3
  data {
    y_true: [0, 1, 2]
  }
}`,
  },
  {
    rule: 'binary-labels-not-01',
    wrong: `experiment a {
  task: binary
  data {
    y_true: [-1, 1, 1]
  }
}`,
    line: 4,
    right: `experiment a {
  task: binary
  data {
    y_true: [0, 1, 1]
  }
}`,
    data: { mapping: { '-1': 0, '1': 1 } },
  },
  {
    rule: 'probability-out-of-range',
    wrong: `experiment a {
  task: binary
  loss: binary_crossentropy
  data {
    y_true: [0, 1]
    y_pred: [0.2, 1.3]
  }
}`,
    line: 6,
    right: `experiment a {
  task: binary
  loss: binary_crossentropy
  data {
    y_true: [0, 1]
    y_pred: [0.2, 0.9]
  }
}`,
    data: { value: 1.3, fromLogits: true },
  },
  {
    rule: 'rows-not-normalized',
    wrong: `experiment a {
  classes: 3
  data {
    y_true: [0, 1]
    y_pred: [
      [0.7, 0.2, 0.1],
      [0.5, 0.3, 0.1],
    ]
  }
}`,
    line: 7,
    severity: 'warning',
    right: `experiment a {
  classes: 3
  data {
    y_true: [0, 1]
    y_pred: [
      [0.7, 0.2, 0.1],
      [0.1, 0.6, 0.3],
    ]
  }
}`,
  },
  {
    rule: 'rows-not-normalized',
    name: 'binary n×2 rows too',
    wrong: `experiment a {
  task: binary
  data {
    y_true: [0, 1]
    y_pred: [[0.8, 0.1], [0.3, 0.7]]
  }
}`,
    line: 5,
    right: `experiment a {
  task: binary
  data {
    y_true: [0, 1]
    y_pred: [[0.8, 0.2], [0.3, 0.7]]
  }
}`,
  },
  {
    rule: 'hard-predictions-log-loss',
    wrong: `experiment a {
  task: binary
  metrics: [log_loss]
  data {
    y_true: [0, 1, 1]
    y_pred: [0, 1, 1]
  }
}`,
    line: 6,
    severity: 'warning',
    right: `experiment a {
  task: binary
  metrics: [log_loss]
  data {
    y_true: [0, 1, 1]
    y_pred: [0.1, 0.9, 0.8]
  }
}`,
  },
  {
    rule: 'prediction-columns-mismatch',
    wrong: `experiment a {
  classes: [cat, dog, horse]
  data {
    y_true: [0, 1]
    y_pred: [[0.5, 0.5], [0.2, 0.8]]
  }
}`,
    line: 5,
    right: `experiment a {
  classes: [cat, dog, horse]
  data {
    y_true: [0, 1]
    y_pred: [[0.5, 0.3, 0.2], [0.2, 0.7, 0.1]]
  }
}`,
    data: { columns: 2, classes: 3 },
  },
  {
    rule: 'length-mismatch',
    wrong: `experiment a {
  data {
    y_true: [0, 1, 1]
    y_pred: [0.2, 0.7]
  }
}`,
    line: 4,
    right: `experiment a {
  data {
    y_true: [0, 1, 1]
    y_pred: [0.2, 0.7, 0.9]
  }
}`,
    says: /inconsistent numbers of samples: \[3, 2\]/,
  },
  {
    rule: 'length-mismatch',
    name: 'features',
    wrong: `experiment a {
  model: logistic_regression
  data {
    features: [-1.8, -0.8, 0.5]
    y_true: [0, 1]
  }
}`,
    line: 4,
    right: `experiment a {
  model: logistic_regression
  data {
    features: [-1.8, 0.5]
    y_true: [0, 1]
  }
}`,
  },
  {
    rule: 'accuracy-on-imbalanced-data',
    wrong: `experiment a {
  task: binary
  metrics: [accuracy]
  data {
    y_true: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
  }
}`,
    line: 3,
    severity: 'warning',
    right: `experiment a {
  task: binary
  metrics: [accuracy, f1(average: macro)]
  data {
    y_true: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
  }
}`,
    data: { add: 'f1(average: macro)', share: 0.9 },
  },
  {
    rule: 'accuracy-on-imbalanced-data',
    name: 'multilabel: the mean share of negatives',
    wrong: `experiment a {
  task: multilabel
  metrics: [accuracy]
  data {
    y_true: [[1, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 0, 0]]
  }
}`,
    line: 3,
    right: `experiment a {
  task: multilabel
  metrics: [accuracy]
  data {
    y_true: [[1, 0, 1, 0, 0], [0, 1, 0, 0, 1], [0, 1, 0, 1, 0], [1, 0, 0, 1, 0]]
  }
}`,
  },
  {
    rule: 'binary-average-multiclass',
    wrong: `experiment a {
  task: multiclass
  classes: 3
  metrics: [f1(average: binary)]
}`,
    line: 4,
    right: `experiment a {
  task: multiclass
  classes: 3
  metrics: [f1(average: macro)]
}`,
    data: { replacement: 'macro' },
  },
  {
    rule: 'samples-average-not-multilabel',
    wrong: `experiment a {
  task: multiclass
  classes: 3
  metrics: [precision(average: samples)]
}`,
    line: 4,
    right: `experiment a {
  task: multilabel
  classes: 3
  metrics: [precision(average: samples)]
}`,
  },
  {
    rule: 'learning-rate-invalid',
    wrong: `experiment a {
  optimizer: sgd(learning_rate: 0)
}`,
    line: 2,
    right: `experiment a {
  optimizer: sgd(learning_rate: 0.01)
}`,
  },
  {
    rule: 'learning-rate-range',
    wrong: `experiment a {
  optimizer: adam(learning_rate: 0.1)
}`,
    line: 2,
    severity: 'warning',
    right: `experiment a {
  optimizer: adam(learning_rate: 0.001)
}`,
    data: { learningRate: 0.001 },
  },
  {
    rule: 'learning-rate-range',
    name: 'above 1 is an error',
    wrong: `experiment a {
  optimizer: adamw(learning_rate: 5)
}`,
    line: 2,
    severity: 'error',
    right: `experiment a {
  optimizer: sgd(learning_rate: 0.1)
}`,
  },
  {
    rule: 'learning-rate-range',
    name: 'below 1e-7 is info',
    wrong: `experiment a {
  optimizer: nadam(learning_rate: 1e-9)
}`,
    line: 2,
    severity: 'info',
    right: `experiment a {
  optimizer: nadam(learning_rate: 1e-4)
}`,
  },
  {
    rule: 'optimizer-param-range',
    wrong: `experiment a {
  optimizer: adam(beta_1: 1.0)
}`,
    line: 2,
    right: `experiment a {
  optimizer: adam(beta_1: 0.9)
}`,
  },
  {
    rule: 'optimizer-param-range',
    name: 'epsilon',
    wrong: `experiment a {
  optimizer: rmsprop(epsilon: 0)
}`,
    line: 2,
    right: `experiment a {
  optimizer: rmsprop(epsilon: 1e-7)
}`,
  },
  {
    rule: 'label-smoothing-range',
    wrong: `experiment a {
  loss: categorical_crossentropy(label_smoothing: 1.5)
}`,
    line: 2,
    severity: 'error',
    right: `experiment a {
  loss: categorical_crossentropy(label_smoothing: 0.1)
}`,
  },
  {
    rule: 'label-smoothing-range',
    name: '≥ 0.5 is a warning',
    wrong: `experiment a {
  classes: 3
  loss: categorical_crossentropy(label_smoothing: 0.6)
}`,
    line: 3,
    severity: 'warning',
    right: `experiment a {
  classes: 3
  loss: categorical_crossentropy(label_smoothing: 0.2)
}`,
  },
  {
    rule: 'label-smoothing-range',
    name: 'on sparse_categorical_crossentropy',
    wrong: `experiment a {
  loss: sparse_categorical_crossentropy(label_smoothing: 0.1)
}`,
    line: 2,
    severity: 'error',
    right: `experiment a {
  loss: categorical_crossentropy(label_smoothing: 0.1)
}`,
    data: { replacement: 'categorical_crossentropy' },
  },
];

for (const c of cases) {
  const title = `${c.rule}${c.name ? ` (${c.name})` : ''}`;
  test(`${title}: wrong`, () => {
    const found = of(c.wrong, c.rule);
    assert.equal(found.length, 1, `expected one ${c.rule}, got: ${at(c.wrong).join(', ')}`);
    const d = found[0];
    assert.equal(d.range.start.line + 1, c.line, `line of ${c.rule}`);
    assert.equal(d.severity, c.severity ?? RULE_BY_ID.get(c.rule)!.severity);
    if (c.says) assert.match(d.message, c.says);
    for (const [k, v] of Object.entries(c.data ?? {})) assert.deepEqual(d.data?.[k], v, `data.${k}`);
    // Every message says what, why and the fix: at least two clauses and a sentence.
    assert.ok(d.message.length > 60 && /[.:]/.test(d.message), d.message);
  });
  test(`${title}: right`, () => {
    assert.deepEqual(of(c.right, c.rule), [], at(c.right).join(', '));
  });
}

test('every rule of the table has a wrong and a right case', () => {
  const covered = new Set(cases.map((c) => c.rule));
  for (const r of RULES) assert.ok(covered.has(r.id), `no case for ${r.id}`);
});

test('the rule table: unique ids, a summary, severities as issue 4 says', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(RULES.length, 36);
  for (const r of RULES) {
    assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(r.summary.length > 10, r.id);
    assert.ok(['error', 'warning', 'info'].includes(r.severity), r.id);
    for (const s of r.supersedes ?? []) assert.ok(RULE_BY_ID.has(s), `${r.id} supersedes unknown ${s}`);
  }
  const warnings = RULES.filter((r) => r.severity === 'warning').map((r) => r.id).sort();
  assert.deepEqual(warnings, [
    'accuracy-on-imbalanced-data',
    'binary-loss-multiclass-task',
    'double-sigmoid',
    'double-softmax',
    'extra-output-units',
    'hard-predictions-log-loss',
    'redundant-activation',
    'rows-not-normalized',
    'sigmoid-with-categorical-loss',
  ]);
});

// ---------------------------------------------------------------------------------------------
// Related information and messages

test('a loss mismatch points at the labels line, saying where the fact was inferred', () => {
  const src = `experiment a {
  loss: sparse_categorical_crossentropy
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}`;
  const [d] = of(src, 'sparse-loss-onehot-labels');
  assert.equal(d.related?.length, 1);
  assert.equal(d.related![0].range.start.line, 3);
  assert.equal(d.related![0].message, 'labels look one-hot (inferred from y_true, line 4)');
});

test('an activation mismatch points at the last layer', () => {
  const src = `experiment a {
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy(from_logits: true)
}`;
  const [d] = of(src, 'double-softmax');
  assert.equal(d.range.start.line, 4);
  assert.equal(d.related![0].range.start.line, 2);
  assert.match(d.related![0].message, /output layer/);
});

// ---------------------------------------------------------------------------------------------
// Specific beats general (design decisions)

const specific: { name: string; src: string; has: string; not: string[] }[] = [
  {
    name: 'one-based labels, not out of range',
    src: 'experiment a { classes: 3 loss: sparse_categorical_crossentropy data { y_true: [1, 2, 3] } }',
    has: 'one-based-labels',
    not: ['label-out-of-range'],
  },
  {
    name: 'one-based labels seen against prediction columns, not a columns mismatch',
    src: 'experiment a { data { y_true: [1, 2, 3, 2] y_pred: [[0.2, 0.5, 0.3], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4], [0.6, 0.2, 0.2]] } }',
    has: 'one-based-labels',
    not: ['label-out-of-range', 'prediction-columns-mismatch'],
  },
  {
    name: 'negative label, not out of range',
    src: 'experiment a { classes: 3 data { y_true: [0, -1, 2] } }',
    has: 'negative-label',
    not: ['label-out-of-range'],
  },
  {
    name: 'extra output units, not units mismatch',
    src: 'experiment a { classes: 3 labels: integer model { dense(5, activation: softmax) } loss: sparse_categorical_crossentropy }',
    has: 'extra-output-units',
    not: ['output-units-mismatch'],
  },
  {
    name: 'softmax on one unit, not units mismatch',
    src: 'experiment a { classes: 3 model { dense(1, activation: softmax) } loss: binary_crossentropy }',
    has: 'softmax-single-unit',
    not: ['output-units-mismatch'],
  },
  {
    name: 'categorical loss on one unit, not units mismatch',
    src: 'experiment a { classes: 3 model { dense(1, activation: sigmoid) } loss: categorical_crossentropy }',
    has: 'categorical-loss-single-output',
    not: ['output-units-mismatch'],
  },
  {
    name: 'binary labels 1/2, not one-based or out of range',
    src: 'experiment a { task: binary data { y_true: [1, 2, 2] y_pred: [0.3, 0.8, 0.9] } }',
    has: 'binary-labels-not-01',
    not: ['one-based-labels', 'label-out-of-range', 'negative-label'],
  },
  {
    name: 'fractional label, not out of range',
    src: 'experiment a { classes: 3 data { y_true: [0, 3.5, 1] } }',
    has: 'non-integer-labels',
    not: ['label-out-of-range'],
  },
  {
    name: 'a probability out of range, not also a row sum',
    src: 'experiment a { classes: 3 data { y_true: [0, 1] y_pred: [[1.2, 0.1, 0.1], [0.1, 0.8, 0.1]] } }',
    has: 'probability-out-of-range',
    not: ['rows-not-normalized'],
  },
];

for (const c of specific) {
  test(`specific over general: ${c.name}`, () => {
    const codes = diagnostics(c.src).map((d) => d.code);
    assert.ok(codes.includes(c.has), `expected ${c.has} in ${codes.join(', ')}`);
    for (const n of c.not) assert.ok(!codes.includes(n), `did not expect ${n} in ${codes.join(', ')}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Exactly one diagnostic where the catalogue's range check reports the same fault

const single: { name: string; src: string; code: string }[] = [
  { name: 'learning rate ≤ 0', src: 'experiment a { optimizer: adam(learning_rate: -0.001) }', code: 'learning-rate-invalid' },
  { name: 'beta outside [0, 1)', src: 'experiment a { optimizer: adam(beta_2: 1.5) }', code: 'optimizer-param-range' },
  { name: 'momentum', src: 'experiment a { optimizer: sgd(momentum: 1) }', code: 'optimizer-param-range' },
  { name: 'label smoothing above 1', src: 'experiment a { loss: binary_crossentropy(label_smoothing: 2) }', code: 'label-smoothing-range' },
  { name: 'label smoothing on the sparse loss', src: 'experiment a { loss: sparse_categorical_crossentropy(label_smoothing: 0.1) }', code: 'label-smoothing-range' },
];

for (const c of single) {
  test(`exactly one diagnostic: ${c.name}`, () => {
    const all = diagnostics(c.src);
    assert.deepEqual(all.map((d) => d.code), [c.code]);
    assert.ok(all[0].message.length > 80, 'the rule message, with the why');
  });
}

test('a negative learning rate is invalid, not also out of the Adam range', () => {
  const codes = diagnostics('experiment a { optimizer: adam(learning_rate: 0) }').map((d) => d.code);
  assert.deepEqual(codes, ['learning-rate-invalid']);
});

// ---------------------------------------------------------------------------------------------
// Inherited properties: each problem once, on the experiment where it arises

test('an inherited mismatch is reported once, on the parent', () => {
  const src = `experiment p {
  labels: onehot
  loss: sparse_categorical_crossentropy
}
experiment c extends p {
  optimizer: adam
}`;
  assert.deepEqual(at(src).filter((x) => x.endsWith('sparse-loss-onehot-labels')), ['3:sparse-loss-onehot-labels']);
});

test('a child that changes the loss gets the mismatch on its own loss line', () => {
  const src = `experiment p {
  classes: 3
  loss: sparse_categorical_crossentropy
  data {
    y_true: [0, 2, 1]
  }
}
experiment c extends p {
  loss: categorical_crossentropy
}`;
  const found = of(src, 'categorical-loss-integer-labels');
  assert.equal(found.length, 1);
  assert.equal(found[0].range.start.line, 8);
  assert.equal(found[0].related?.[0].range.start.line, 4, 'related: the labels in the parent');
});

test('a child that changes the data gets the loss mismatch on its own labels', () => {
  const src = `experiment p {
  loss: categorical_crossentropy
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}
experiment c extends p {
  data {
    y_true: [1, 0]
  }
}`;
  const found = of(src, 'categorical-loss-integer-labels');
  assert.equal(found.length, 1);
  assert.equal(found[0].range.start.line, 8);
  assert.equal(found[0].related?.[0].range.start.line, 1, 'related: the loss in the parent');
});

test('data rules report on the experiment that holds the data', () => {
  const src = `experiment p {
  classes: 3
  data {
    y_true: [0, 3, 1]
  }
}
experiment c extends p {
  loss: sparse_categorical_crossentropy
}
experiment g extends c {}`;
  assert.deepEqual(at(src).filter((x) => x.endsWith('label-out-of-range')), ['4:label-out-of-range']);
});

test('a child that declares fewer classes gets the out-of-range labels on its classes line', () => {
  const src = `experiment p {
  classes: 4
  data {
    y_true: [0, 3, 1]
  }
}
experiment c extends p {
  classes: 3
}`;
  assert.deepEqual(at(src).filter((x) => x.endsWith('label-out-of-range')), ['8:label-out-of-range']);
});

test('a grandchild inherits the problem its parent introduced, silently', () => {
  const src = `experiment g {
  model {
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}
experiment p extends g {
  loss: categorical_crossentropy(from_logits: true)
}
experiment c extends p {}`;
  assert.deepEqual(at(src).filter((x) => x.endsWith('double-softmax')), ['8:double-softmax']);
});

// ---------------------------------------------------------------------------------------------
// from_logits: y_pred holds logits, the probability rules do not apply

test('from_logits: true silences the probability rules', () => {
  const wrong = `experiment a {
  task: multiclass
  classes: 3
  loss: categorical_crossentropy
  metrics: [log_loss]
  data {
    y_true: [[1, 0, 0], [0, 1, 0]]
    y_pred: [[2.5, -1.0, 0.3], [0, 1, 0]]
  }
}`;
  const codes = diagnostics(wrong).map((d) => d.code);
  assert.ok(codes.includes('probability-out-of-range'));
  const right = wrong.replace('loss: categorical_crossentropy', 'loss: categorical_crossentropy(from_logits: true)');
  const after = diagnostics(right).map((d) => d.code);
  for (const c of ['probability-out-of-range', 'rows-not-normalized', 'hard-predictions-log-loss']) assert.ok(!after.includes(c), `${c} in ${after.join(', ')}`);
  const hard = diagnostics('experiment a { task: binary loss: binary_crossentropy(from_logits: true) metrics: [log_loss] data { y_true: [0, 1] y_pred: [0, 1] } }');
  assert.deepEqual(hard.filter((d) => d.code === 'hard-predictions-log-loss'), []);
});

test("rows-not-normalized uses scikit-learn's tolerance: |sum − 1| ≤ 1e-8 + √ε", () => {
  assert.ok(Math.abs(ROW_SUM_TOLERANCE - 2.4901161193847656e-8) < 1e-20);
  const src = (row: string) => `experiment a { task: binary data { y_true: [0] y_pred: [${row}] } }`;
  assert.deepEqual(of(src('[0.50000002, 0.5]'), 'rows-not-normalized'), []);
  assert.deepEqual(of(src('[0.1, 0.9]'), 'rows-not-normalized'), []);
  assert.equal(of(src('[0.50000003, 0.5]'), 'rows-not-normalized').length, 1);
  // Multilabel rows need not sum to 1.
  assert.deepEqual(of('experiment a { task: multilabel data { y_true: [[1, 1]] y_pred: [[0.9, 0.8]] } }', 'rows-not-normalized'), []);
});

// ---------------------------------------------------------------------------------------------
// The model must say enough: no guessing

test('model rules stay silent when the model does not say enough', () => {
  const silent = [
    'experiment a { task: multiclass classes: 3 loss: categorical_crossentropy }',
    'experiment a { classes: 3 model { dense(3, activation: relu) resnet50 } loss: categorical_crossentropy }',
    'experiment a { task: binary model: logistic_regression loss: binary_crossentropy }',
  ];
  const modelRules = RULES.filter((r) => r.group === 'output').map((r) => r.id);
  for (const src of silent) {
    const codes = diagnostics(src).map((d) => d.code);
    for (const id of modelRules) assert.ok(!codes.includes(id), `${id} in ${src}`);
  }
});

test('classes read from the output layer are not compared with it', () => {
  assert.deepEqual(at('experiment a { model { dense(7, activation: softmax) } loss: categorical_crossentropy }'), []);
});

test('the issue-2 example reports exactly the announced mistake', () => {
  const src = `experiment cats_dogs_horses {
  task: multiclass
  classes: [cat, dog, horse]
  labels: onehot
  model {
    input(8)
    dense(16, activation: relu)
    dropout(0.2)
    dense(3, activation: softmax)
  }
  loss: sparse_categorical_crossentropy      # <- error: labels are one-hot
  optimizer: adam(learning_rate: 0.001)
  metrics: [accuracy, f1(average: macro), log_loss]
  data {
    y_true: [[0, 1, 0], [1, 0, 0], [0, 0, 1]]
    y_pred: [[0.4, 0.4, 0.2], [0.7, 0.2, 0.1], [0.1, 0.2, 0.7]]
  }
}
experiment codecademy_log_loss {
  task: binary
  loss: binary_crossentropy
  metrics: [log_loss]
  data {
    y_true: [1, 0, 0]
    y_pred: [0.7, 0.2, 0.1]
  }
}
experiment val_run_7 extends cats_dogs_horses {
  loss: categorical_crossentropy(label_smoothing: 0.1)
  data: csv("runs/val.csv", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse"])
}`;
  assert.deepEqual(at(src), ['11:sparse-loss-onehot-labels']);
});

// ---------------------------------------------------------------------------------------------
// # xent-ignore

test('# xent-ignore on the line above silences that diagnostic', () => {
  const wrong = `experiment a {
  task: multiclass
  labels: onehot
  loss: sparse_categorical_crossentropy
}`;
  const ignored = wrong.replace('  loss:', '  # xent-ignore sparse-loss-onehot-labels\n  loss:');
  assert.deepEqual(at(ignored), []);
  const several = wrong.replace('  loss:', '  # xent-ignore too-few-classes, sparse-loss-onehot-labels other -- intended\n  loss:');
  assert.deepEqual(at(several), []);
  const spaces = wrong.replace('  loss:', '  #xent-ignore   learning-rate-range sparse-loss-onehot-labels\n  loss:');
  assert.deepEqual(at(spaces), []);
  const other = wrong.replace('  loss:', '  # xent-ignore categorical-loss-integer-labels\n  loss:');
  assert.deepEqual(at(other), ['5:sparse-loss-onehot-labels']);
  const tooFar = wrong.replace('  loss:', '  # xent-ignore sparse-loss-onehot-labels\n\n  loss:');
  assert.deepEqual(at(tooFar), ['6:sparse-loss-onehot-labels']);
  const notAnIgnore = wrong.replace('  loss:', '  # xent-ignored sparse-loss-onehot-labels\n  loss:');
  assert.deepEqual(at(notAnIgnore), ['5:sparse-loss-onehot-labels']);
});

test('# xent-ignore works for language codes too', () => {
  assert.deepEqual(at('experiment a {\n  # xent-ignore unknown-name\n  loss: nope\n}'), []);
});

test('severity overrides: a rule turned off, or made a hint', () => {
  const src = 'experiment a { optimizer: adam(learning_rate: 0.1) }';
  assert.deepEqual(analyze(src, { rules: { severity: { 'learning-rate-range': 'off' } } }).diagnostics, []);
  assert.equal(analyze(src, { rules: { severity: { 'learning-rate-range': 'hint' } } }).diagnostics[0].severity, 'hint');
  const invalid = 'experiment a { optimizer: adam(learning_rate: 0) }';
  assert.deepEqual(analyze(invalid, { rules: { severity: { 'learning-rate-invalid': 'off' } } }).diagnostics, []);
});

// ---------------------------------------------------------------------------------------------
// docs/rules.md

const LANGUAGE_CODES = [
  'syntax-error',
  'unknown-name',
  'unknown-experiment',
  'extends-cycle',
  'duplicate-experiment',
  'duplicate-property',
  'duplicate-class',
  'duplicate-argument',
  'invalid-argument',
  'missing-argument',
  'invalid-parameter',
  'invalid-value',
  'invalid-data',
  'invalid-units',
  'missing-loss',
];

test('docs/rules.md has a section per rule and per language code, each with a wrong and a right example', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'rules.md'), 'utf8');
  const sections = new Map<string, string>();
  const parts = doc.split(/^## /m).slice(1);
  for (const p of parts) {
    const id = p.slice(0, p.indexOf('\n')).trim();
    sections.set(id, p);
  }
  for (const id of [...RULES.map((r) => r.id), ...LANGUAGE_CODES]) {
    const s = sections.get(id);
    assert.ok(s, `no section "## ${id}"`);
    assert.ok((s.match(/```xent/g) ?? []).length >= 2, `${id}: a wrong and a right example`);
  }
});

test('the codes in docs/rules.md are the ones the core emits', () => {
  const root = join(__dirname, '..', 'server', 'src', 'core');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const emitted = new Set<string>();
  for (const dir of ['model', 'check', 'syntax', 'catalogue']) {
    for (const file of files(join(root, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:\breport|\br|reporterFor\([^)]*\))\(\s*'([a-z]+(?:-[a-z]+)+)'/g)) emitted.add(m[1]);
      for (const m of text.matchAll(/(?:\bcode|rangeCode): '([a-z]+(?:-[a-z]+)+)'/g)) emitted.add(m[1]);
    }
  }
  assert.ok(emitted.has('invalid-argument') && emitted.has('syntax-error') && emitted.has('invalid-units'), [...emitted].join(', '));
  for (const code of emitted) assert.ok(LANGUAGE_CODES.includes(code) || RULE_BY_ID.has(code), `${code} is emitted but not documented`);
});

test('the docs examples behave as they say: each wrong example has its code, each right one has not', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'rules.md'), 'utf8');
  for (const part of doc.split(/^## /m).slice(1)) {
    const id = part.slice(0, part.indexOf('\n')).trim();
    if (!RULE_BY_ID.has(id) && !LANGUAGE_CODES.includes(id)) continue;
    const blocks = [...part.matchAll(/\*\*(Wrong|Right)[^*]*\*\*[^`]*```xent\n([\s\S]*?)```/g)];
    assert.ok(blocks.length >= 2, `${id}: labelled Wrong/Right examples`);
    for (const [, kind, src] of blocks) {
      const codes = diagnostics(src).map((d) => d.code);
      if (kind === 'Wrong') assert.ok(codes.includes(id), `${id}: wrong example lacks it (${codes.join(', ')})`);
      else assert.ok(!codes.includes(id), `${id}: right example has it`);
    }
  }
});

test('invalid-onehot-row: soft rows summing to 1 are PyTorch cross_entropy targets, refused for a Keras loss', () => {
  const text = (loss: string) => `experiment a {\n  task: multiclass\n  labels: onehot\n  loss: ${loss}\n  data {\n    y_true: [[0.5, 0.5, 0], [0, 0, 1]]\n  }\n}`;
  assert.deepEqual(of(text('cross_entropy'), 'invalid-onehot-row'), []);
  assert.deepEqual(of(text('categorical_crossentropy'), 'invalid-onehot-row').map((d) => d.range.start.line + 1), [6]);
  // A row with a 2 is no distribution: refused for cross_entropy too.
  assert.deepEqual(of(text('cross_entropy').replace('[0.5, 0.5, 0]', '[2, 0, 0]'), 'invalid-onehot-row').length, 1);
});

test('zero_division takes warn, nan, 0 or 1, as scikit-learn validates it (0.5 is refused)', () => {
  const codes = (v: string) => at(`experiment a {\n  task: binary\n  metrics: [f1(zero_division: ${v}), jaccard(zero_division: ${v})]\n}`);
  for (const ok of ['warn', 'nan', '0', '1', '1.0']) assert.deepEqual(codes(ok), [], ok);
  for (const bad of ['0.5', '2', '-1']) assert.deepEqual(codes(bad), ['3:invalid-parameter', '3:invalid-parameter'], bad);
  assert.deepEqual(codes('maybe'), ['3:unknown-name', '3:unknown-name']);
  const message = (v: string) => diagnostics(`experiment a {\n  metrics: [f1(zero_division: ${v})]\n}`)[0]?.message;
  assert.equal(message('0.5'), 'f1 zero_division must be warn, nan, 0 or 1, not 0.5');
  assert.equal(message('2'), 'f1 zero_division must be warn, nan, 0 or 1, not 2');
  assert.equal(message('maybe'), 'f1 zero_division must be warn, nan, 0 or 1');
});
