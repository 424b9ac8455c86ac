// The mismatch rule catalogue (issue 4): every example of every code in the registry (server/src/core/rules/) —
// a positive one reports exactly its listed diagnostics of that code, a negative one none; then specific-over-general,
// inherited properties, xent-ignore, from_logits, the registry itself and docs/rules.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import type { Diagnostic } from '../server/src/core/diagnostic';
import { DOCUMENTED } from '../scripts/rules-doc/entries';
import { CODES, LANGUAGE_CODES as LANGUAGE_ENTRIES, RULES, RULE_BY_ID, ROW_SUM_TOLERANCE } from '../server/src/core/rules';

const diagnostics = (src: string): readonly Diagnostic[] => analyze(src).diagnostics;
/** "line:code" (1-based) of every diagnostic. */
const at = (src: string) => diagnostics(src).map((d) => `${d.range.start.line + 1}:${d.code}`);
const of = (src: string, code: string) => diagnostics(src).filter((d) => d.code === code);

// ---------------------------------------------------------------------------------------------
// Every code's examples (server/src/core/rules/<id>.ts): a positive example reports exactly the diagnostics of its
// code it lists (line, severity, data, message), a negative one none of that code.

for (const { entry, examples } of DOCUMENTED) {
  examples.forEach((ex, i) => {
    const title = `${entry.id} example ${i + 1}${ex.name ? ` (${ex.name})` : ''}: ${ex.expect.length ? 'reports it' : 'does not report it'}`;
    test(title, () => {
      const found = of(ex.text, entry.id);
      assert.deepEqual(
        found.map((d) => d.range.start.line + 1),
        ex.expect.map((e) => e.line),
        `lines of ${entry.id}; all diagnostics: ${at(ex.text).join(', ')}`,
      );
      ex.expect.forEach((e, j) => {
        const d = found[j];
        assert.equal(d.severity, e.severity ?? entry.severity, `severity of ${entry.id}`);
        if (e.says) assert.match(d.message, e.says);
        for (const [k, v] of Object.entries(e.data ?? {})) assert.deepEqual(d.data?.[k], v, `data.${k}`);
        // Every rule message says what, why and the fix: at least two clauses and a sentence.
        if (entry.kind === 'rule') assert.ok(d.message.length > 60 && /[.:]/.test(d.message), d.message);
      });
    });
  });
}

test('every rule and language code has a positive and a negative example; evaluation findings have docs', () => {
  const missing: string[] = [];
  for (const { entry: c, doc, examples } of DOCUMENTED) {
    if (doc.text.join('').length < 20) missing.push(`${c.id}: no documentation`);
    if (c.kind === 'evaluation') continue;
    if (!examples.some((e) => e.expect.length > 0)) missing.push(`${c.id}: no positive example`);
    if (!examples.some((e) => e.expect.length === 0)) missing.push(`${c.id}: no negative example`);
  }
  assert.deepEqual(missing, []);
});

test('the rule table: unique ids, a summary, severities as issue 4 says', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
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
    'experiment a { classes: 3 model { dense(3, activation: relu) resnet50(include_top: false) } loss: categorical_crossentropy }',
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
  assert.deepEqual(analyze(src, { rules: { 'learning-rate-range': 'off' } }).diagnostics, []);
  assert.equal(analyze(src, { rules: { 'learning-rate-range': 'hint' } }).diagnostics[0].severity, 'hint');
  const invalid = 'experiment a { optimizer: adam(learning_rate: 0) }';
  assert.deepEqual(analyze(invalid, { rules: { 'learning-rate-invalid': 'off' } }).diagnostics, []);
});

// ---------------------------------------------------------------------------------------------
// docs/rules.md

const LANGUAGE_CODES = LANGUAGE_ENTRIES.map((c) => c.id);

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

test('every code the core emits (text checks, evaluation findings, library warnings) is in the registry', () => {
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
  // The evaluation's findings: the codes it places as diagnostics, and the library warnings it passes on.
  for (const file of files(join(root, 'eval'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bcode: '([a-z]+(?:-[a-z0-9]+)+)'/g)) emitted.add(m[1]);
  }
  for (const file of files(join(root, 'metrics'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/warnings\.push\(\{\s*code: '([a-z]+(?:-[a-z0-9]+)+)'/g)) emitted.add(m[1]);
  }
  assert.ok(emitted.has('invalid-argument') && emitted.has('syntax-error') && emitted.has('invalid-units'), [...emitted].join(', '));
  const documented = new Set(CODES.map((c) => c.id));
  assert.deepEqual([...emitted].filter((code) => !documented.has(code)), [], 'emitted but not in the registry (docs/rules.md)');
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
