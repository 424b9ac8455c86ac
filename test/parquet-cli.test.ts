// parquet(...) end to end through the built CLI (dist/cli.js eval --json), and what the language server's
// evaluation cache stamps for a parquet directory or glob. Numbers from test/fixtures/parquet/expected.json
// (scikit-learn and Keras) and from the same rows as CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandDataPaths } from '../server/src/lsp/evaluation/data-files';
import { dataFilePaths } from '../server/src/lsp/evaluation/content';
import { analyze } from '../server/src/core/check';
import { complete } from '../server/src/lsp/features/catalogue-text/completion-items';
import { dataPaths } from '../server/src/lsp/features/document-links';
import { dataText } from '../server/src/lsp/features/catalogue-text/facts';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist/cli.js');
const DIR = join(__dirname, 'fixtures/parquet');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));

function evalJson(file: string, ...args: string[]) {
  assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
  const r = spawnSync(process.execPath, [CLI, 'eval', file, '--json', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, json: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

test('xent eval --json: parquet() file, directory and glob give scikit-learn\'s numbers and those of the CSV', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-pq-cli-'));
  const file = join(dir, 'p.xent');
  const exp = (name: string, data: string) => `experiment ${name} {
  task: multiclass
  classes: 4
  loss: sparse_categorical_crossentropy
  metrics: [accuracy, log_loss, f1(average: macro)]
  data: ${data}
}
`;
  writeFileSync(
    file,
    exp('pq', `parquet(${JSON.stringify(join(DIR, 'multiclass_int.parquet'))}, y_true: "label", y_pred: "p_*")`) +
      exp('dir', `parquet(${JSON.stringify(join(DIR, 'parts'))}, y_true: "label", y_pred: "p_*")`) +
      exp('glob', `parquet(${JSON.stringify(join(DIR, 'parts/part-*.parquet'))}, y_true: "label", y_pred: "p_*")`) +
      exp('csv', `csv(${JSON.stringify(join(DIR, 'multiclass_int.csv'))}, y_true: "label", y_pred: "p_*")`),
  );
  const r = evalJson(file, '--root', DIR);
  assert.equal(r.status, 0, r.stderr);
  const [pq, d, g, csv] = r.json.experiments;
  const e = expected.multiclass_int;
  assert.equal(pq.samples, 300);
  assert.ok(Math.abs(pq.metrics.log_loss - e.log_loss) < 1e-12);
  assert.ok(Math.abs(pq.metrics.accuracy - e.accuracy) < 1e-12);
  assert.deepEqual(pq.metrics.confusion_matrix, e.confusion_matrix);
  for (const other of [d, g, csv]) {
    assert.deepEqual(other.metrics, pq.metrics, other.name);
    assert.equal(other.loss.value, pq.loss.value, other.name);
  }
});

test('xent eval --json: a parquet error is the experiment\'s located error, exit status 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-pq-cli-'));
  const file = join(dir, 'p.xent');
  writeFileSync(file, `experiment n {
  task: multiclass
  classes: 4
  metrics: [accuracy]
  data: parquet(${JSON.stringify(join(DIR, 'null.parquet'))}, y_true: "label", y_pred: "p_*")
}
`);
  const r = evalJson(file);
  assert.equal(r.status, 1);
  const [n] = r.json.experiments;
  assert.match(n.error, /null\.parquet: row 17: column p_1 is null \(a missing value\), not a number$/);
});

test('the example val_run_9 (examples/runs/val.parquet) gives the numbers of val_run_7 (val.csv)', () => {
  const r = evalJson(join(ROOT, 'examples/cats_dogs_horses.xent'));
  const byName = Object.fromEntries(r.json.experiments.map((x: { name: string }) => [x.name, x]));
  assert.equal(byName.val_run_9.error, null);
  assert.equal(byName.val_run_9.samples, 30);
  assert.deepEqual(byName.val_run_9.metrics, byName.val_run_7.metrics);
  assert.equal(byName.val_run_9.loss.value, byName.val_run_7.loss.value);
});

test('the evaluation cache stamps a parquet directory / glob as its folder and every part', async () => {
  const parts = ['part-0', 'part-1', 'part-2'].map((p) => join(DIR, 'parts', `${p}.parquet`));
  assert.deepEqual(await expandDataPaths(['parts'], true, DIR), ['parts', ...parts]);
  assert.deepEqual(await expandDataPaths(['parts/part-*.parquet'], true, DIR), ['parts', ...parts]);
  assert.deepEqual(await expandDataPaths(['binary.parquet'], true, DIR), ['binary.parquet']);
  assert.deepEqual(await expandDataPaths(['missing/*.parquet'], true, DIR), ['missing/*.parquet']);
  assert.deepEqual(await expandDataPaths(['y.npy', 'p.npy'], false, DIR), ['y.npy', 'p.npy']);
});

test('in the editor, parquet() is a data source like csv(): .parquet paths complete, its path is a data path', () => {
  const text = 'experiment e {\n  task: binary\n  data: parquet("runs/", y_true: "label", y_pred: ["p_1"])\n}\n';
  const analysis = analyze(text);
  assert.deepEqual(analysis.diagnostics.filter((d) => d.severity === 'error'), []);
  const inside = text.indexOf('runs/') + 'runs/'.length;
  const c = complete(analysis, inside);
  assert.deepEqual(c.files?.extensions, ['.parquet']);
  assert.equal(c.files?.typed, 'runs/');
  assert.deepEqual(dataFilePaths(analysis.models[0]), ['runs/']);
  assert.equal(dataText(analysis.models[0]), 'parquet("runs/")');
  assert.deepEqual(dataPaths(analysis.parse.document).map((d) => d.path), ['runs/']);
  // Column names are never paths.
  const names = complete(analysis, text.indexOf('label') + 2);
  assert.equal(names.files, undefined);
});
