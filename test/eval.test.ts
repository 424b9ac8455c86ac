// xent eval end to end on the seed documents' worked examples: the numbers they print (scikit-learn, Keras),
// and located errors for bad data. The seed values are the references, not this code's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import { evaluateExperiment } from '../server/src/core/eval/evaluate';
import { runCli } from '../server/src/cli/run';
import { npy } from './support/npy';

async function evalText(text: string, baseDir = tmpdir()) {
  const { models } = analyze(text);
  return Promise.all(models.map((m) => evaluateExperiment(m, { baseDir })));
}

const round4 = (x: number | null | undefined) => (x == null ? x : Math.round(x * 1e4) / 1e4);

test('seed 000 (Codecademy): log_loss([1, 0, 0], [0.7, 0.2, 0.1]) = 0.2284', async () => {
  const [{ result }] = await evalText('experiment c { task: binary loss: binary_crossentropy metrics: [log_loss] data { y_true: [1, 0, 0] y_pred: [0.7, 0.2, 0.1] } }');
  assert.equal(result.error, null);
  assert.equal(round4(result.metrics.log_loss), 0.2284);
  assert.equal(round4(result.loss?.value), 0.2284);
  assert.equal(result.samples, 3);
  assert.deepEqual(result.metrics.confusion_matrix, [[2, 0], [0, 1]]);
});

test('seed 004 (FlowHunt): one-hot [0, 1, 0] against [0.4, 0.4, 0.2] = 0.916, with H(p, q) = H(p) + KL(p‖q)', async () => {
  const [{ result }] = await evalText('experiment f { task: multiclass loss: categorical_crossentropy data { y_true: [[0, 1, 0]] y_pred: [[0.4, 0.4, 0.2]] } }');
  assert.equal(round4(result.loss?.value), 0.9163);
  const e = result.metrics.entropy!;
  assert.equal(round4(e.cross_entropy), 0.9163);
  assert.equal(e.entropy, 0);
  assert.ok(Math.abs(e.cross_entropy - (e.entropy + e.kl_divergence)) < 1e-15);
});

test('seed 002 (bnsreenu): logistic regression fit, then log loss 0.4594 and Keras BCE 0.4594', async () => {
  const [{ result }] = await evalText(`experiment b {
    task: binary
    classes: [cat, dog]
    model: logistic_regression(C: 1.0)
    loss: binary_crossentropy
    metrics: [log_loss, accuracy, f1]
    data {
      features: [-1.8, -0.8, -0.5, -0.1, 0.5, 0.6, 0.9, 1.1, 1.5, 1.9]
      y_true:   [0, 0, 1, 0, 1, 0, 1, 1, 1, 1]
    }
  }`);
  assert.equal(result.error, null);
  assert.equal(round4(result.metrics.log_loss), 0.4594);
  assert.equal(round4(result.loss?.value), 0.4594);
  assert.equal(result.metrics.accuracy, 0.7); // the seed: the 3rd and 6th images are misclassified
  assert.ok(result.fit);
});

test('the classification report is scikit-learn text, with declared class names', async () => {
  const [{ result }] = await evalText('experiment r { classes: [cat, dog, horse] data { y_true: [0, 1, 2, 2] y_pred: [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.1, 0.8], [0.5, 0.3, 0.2]] } }');
  assert.equal(
    result.metrics.report_text,
    [
      '              precision    recall  f1-score   support',
      '',
      '         cat       0.50      1.00      0.67         1',
      '         dog       1.00      1.00      1.00         1',
      '       horse       1.00      0.50      0.67         2',
      '',
      '    accuracy                           0.75         4',
      '   macro avg       0.83      0.83      0.78         4',
      'weighted avg       0.88      0.75      0.75         4',
      '',
    ].join('\n'),
  );
});

test('CSV data: class names in the label column, located errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-eval-'));
  writeFileSync(join(dir, 'ok.csv'), 'label,p_a,p_b\na,0.9,0.1\nb,0.2,0.8\nb,0.6,0.4\n');
  writeFileSync(join(dir, 'bad.csv'), 'label,p_a,p_b\na,0.9,0.1\nb,abc,0.8\n');
  const src = (file: string) => `experiment x { classes: [a, b] data: csv("${file}", y_true: "label", y_pred: ["p_a", "p_b"]) }`;
  const [{ result: ok }] = await evalText(src('ok.csv'), dir);
  assert.equal(ok.error, null);
  assert.equal(ok.samples, 3);
  assert.deepEqual(ok.metrics.confusion_matrix, [[1, 0], [1, 1]]);
  const [{ result: bad }] = await evalText(src('bad.csv'), dir);
  assert.match(bad.error ?? '', /^bad\.csv:3: column p_a is 'abc', not a number/);
  const [{ result: missing }] = await evalText(src('nope.csv'), dir);
  assert.match(missing.error ?? '', /nope\.csv: file not found/);
});

test('a label outside the classes: each library as it would (Keras refuses, scikit-learn reads a label value)', async () => {
  const [{ result }] = await evalText(
    'experiment o { classes: 3 loss: sparse_categorical_crossentropy metrics: [accuracy, log_loss] data { y_true: [0, 3] y_pred: [[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]] } }',
  );
  // The data could be read: the experiment has no error; each number comes out or says why it cannot.
  assert.equal(result.error, null);
  assert.equal(result.loss?.value, null);
  assert.match(result.loss?.error ?? '', /Received a label value of 3 which is outside the valid range of \[0, 3\)/);
  // accuracy_score([0, 3], [0, 2]) = 0.5: the 3 is a label value that no prediction matches.
  assert.equal(result.declared[0].value, 0.5);
  assert.equal(result.declared[0].error, null);
  // log_loss(labels=[0, 1, 2]) raises on the 3, with the place of the row.
  assert.equal(result.declared[1].value, null);
  assert.match(result.declared[1].error ?? '', /^y_true contains values \{3\} not belonging to the passed labels \[0, 1, 2\]\. \(first at y_true row 2 \(line 1\)\)$/);
});

test('a label outside the classes is named by its value in every message, never by its count slot', async () => {
  const [{ result }] = await evalText(
    'experiment o { classes: 3 metrics: [accuracy, log_loss] data { y_true: [0, 7, 1] y_pred: [[0.5, 0.3, 0.2], [0.2, 0.3, 0.5], [0.1, 0.8, 0.1]] } }',
  );
  assert.equal(result.error, null);
  assert.match(result.declared[1].error ?? '', /^y_true contains values \{7\} not belonging to the passed labels \[0, 1, 2\]\./);
  // The 7 is kept in count slot K = 3; no message may call it 3.
  for (const d of result.diagnostics) assert.doesNotMatch(d.message, /\b3\b.*not a class index|y_true is 3/, d.message);
});

test('xent eval --json prints the documented shape and exits 0 when all scored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-cli-'));
  const file = join(dir, 'seed.xent');
  writeFileSync(file, 'experiment codecademy_log_loss { task: binary loss: binary_crossentropy metrics: [log_loss] data { y_true: [1, 0, 0] y_pred: [0.7, 0.2, 0.1] } }\n');
  let out = '';
  const code = await runCli(['eval', file, '--json'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } });
  assert.equal(code, 0);
  const json = JSON.parse(out);
  assert.equal(json.file, file);
  const e = json.experiments[0];
  for (const key of ['name', 'task', 'classes', 'samples', 'loss', 'metrics', 'diagnostics', 'error']) assert.ok(key in e, key);
  assert.deepEqual(e.classes, ['0', '1']);
  for (const key of ['log_loss', 'accuracy', 'precision', 'recall', 'f1', 'confusion_matrix', 'report', 'report_text']) assert.ok(key in e.metrics, key);
  assert.deepEqual(Object.keys(e.metrics.f1).sort(), ['binary', 'macro', 'micro', 'per_class', 'weighted']);
});

test('xent eval text output shows the loss note beside its number (reduction none: the mean, said so)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-cli-'));
  const file = join(dir, 'r.xent');
  // Keras: binary_crossentropy([1, 0, 0], [0.7, 0.2, 0.1]) per sample, averaged = 0.2284 (seed 000).
  writeFileSync(file, 'experiment r { task: binary loss: binary_crossentropy(reduction: none) data { y_true: [1, 0, 0] y_pred: [0.7, 0.2, 0.1] } }\n');
  let out = '';
  const code = await runCli(['eval', file], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } });
  assert.equal(code, 0);
  assert.match(out, /loss binary_crossentropy {2}0\.2284 \(reduction none gives one loss per sample; the value shown is their mean over 3 samples\)/);
});

test('npy() data scores exactly as the same rows written inline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-npy-'));
  const yTrue = [0, 2, 1, 2, 0];
  const yPred = [0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.2, 0.5, 0.3, 0.3, 0.3, 0.4, 0.5, 0.25, 0.25];
  writeFileSync(join(dir, 'y.npy'), npy(yTrue, [5], '<i8'));
  writeFileSync(join(dir, 'p.npy'), npy(yPred, [5, 3], '<f8'));
  const common = 'task: multiclass classes: [a, b, c] loss: sparse_categorical_crossentropy metrics: [log_loss, f1]';
  const rows = (xs: number[], k: number) => `[${Array.from({ length: xs.length / k }, (_, i) => `[${xs.slice(i * k, i * k + k).join(', ')}]`).join(', ')}]`;
  const [{ result: fromFiles }] = await evalText(`experiment f { ${common} data: npy(y_true: "y.npy", y_pred: "p.npy") }`, dir);
  const [{ result: inline }] = await evalText(`experiment f { ${common} data { y_true: [${yTrue.join(', ')}] y_pred: ${rows(yPred, 3)} } }`, dir);
  assert.equal(fromFiles.error, null);
  assert.deepEqual({ ...fromFiles.metrics }, { ...inline.metrics });
  assert.equal(fromFiles.loss?.value, inline.loss?.value);
  const [{ result: mismatch }] = await evalText(`experiment f { ${common} data: npy(y_true: "y.npy", y_pred: "missing.npy") }`, dir);
  assert.match(mismatch.error ?? '', /missing\.npy/);
});

test('xent eval on a file without experiments says so and exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-empty-'));
  const file = join(dir, 'empty.xent');
  writeFileSync(file, '# nothing here yet\n');
  let err = '';
  const code = await runCli(['eval', file], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
  assert.equal(code, 1);
  assert.match(err, /holds no experiment to score/);
});
