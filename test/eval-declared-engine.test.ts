// The evaluation engine's own contract for declared metrics (issue 8), table-driven over cases of the golden
// fixture test/fixtures/declared/cases.json (numbers made by scikit-learn 1.9.1 / Keras 3.15.1 with its
// generate.py; never by xent): every catalogue parameter with its effective value, the task defaults of
// `average`, the pos_label rule and its note, the file order and the place of each metric, the library named,
// which accumulators a plan asks for, and `xent eval`'s text output and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import { lookup } from '../server/src/core/catalogue';
import { evaluateExperiment } from '../server/src/core/eval/evaluate';
import { planEvaluation } from '../server/src/core/eval/plan';
import { runCli } from '../server/src/cli/run';

interface FixtureCase {
  id: string;
  xent: string;
  expected: { declared: { metric: string; value: unknown; error: string | null; params?: Record<string, unknown> }[] | null };
}
const fixtures: FixtureCase[] = JSON.parse(readFileSync(join(__dirname, 'fixtures/declared/cases.json'), 'utf8')).cases;
const fixture = (id: string): FixtureCase => {
  const c = fixtures.find((x) => x.id === id);
  assert.ok(c, `fixture ${id}`);
  return c;
};

async function evaluate(text: string, baseDir = tmpdir()) {
  const { models } = analyze(text);
  assert.equal(models.length, 1);
  return (await evaluateExperiment(models[0], { baseDir })).result;
}

/** Effective parameters the engine must report, beyond what the fixture's own `params` pin. */
const EFFECTIVE: { id: string; index: number; params: Record<string, unknown>; note?: RegExp }[] = [
  // A bare f1 on a binary task: average binary; pos_label defaults to scikit-learn's 1 (here the class named 1).
  { id: 'pos-label-numeric-names', index: 3, params: { average: 'binary', pos_label: '1', zero_division: 'warn' } },
  // pos_label 0: no class is named 0, so it is the index 0, the class named 1.
  { id: 'pos-label-numeric-names', index: 2, params: { average: 'binary', pos_label: '1', zero_division: 'warn' } },
  { id: 'issue2-pos-label-ham', index: 0, params: { average: 'binary', pos_label: 'ham', zero_division: 'warn' } },
  // multiclass: a bare average is macro; auc's catalogue defaults are all listed.
  { id: 'issue1-all-declared', index: 2, params: { beta: 2, average: 'macro', pos_label: 1, zero_division: 'warn' } },
  { id: 'issue1-all-declared', index: 0, params: { average: 'macro', multi_class: 'ovr', max_fpr: null } },
  { id: 'issue1-all-declared', index: 1, params: { k: 2, normalize: true } },
  { id: 'issue1-all-declared', index: 4, params: { digits: 4, zero_division: 'warn' } },
  { id: 'issue1-all-declared', index: 5, params: { normalize: 'true' } },
];

for (const row of EFFECTIVE) {
  test(`${row.id} #${row.index}: every parameter with its effective value`, async () => {
    const c = fixture(row.id);
    const r = await evaluate(c.xent);
    const d = r.declared[row.index];
    const want = c.expected.declared![row.index];
    assert.equal(d.metric, want.metric);
    assert.deepEqual(d.value, want.value);
    assert.deepEqual(d.params, row.params);
    // Every parameter of the catalogue entry is listed, none more.
    assert.deepEqual(Object.keys(d.params).sort(), lookup('metric', d.metric)!.params.map((p) => p.name).sort());
  });
}

test('named binary classes without pos_label: the second class, and a note that says so', async () => {
  const r = await evaluate(fixture('issue2-pos-label-ham').xent.replace('f1(average: binary, pos_label: spam)', 'f1'));
  const [explicit, bare] = r.declared;
  assert.equal(explicit.note, undefined);
  // The same number as f1(average: binary, pos_label: spam) in the fixture.
  assert.equal(bare.value, fixture('issue2-pos-label-ham').expected.declared![1].value);
  assert.equal(bare.params.pos_label, 'spam');
  assert.match(bare.note ?? '', /the second class, 'spam', was taken as positive/);
});

test('declared metrics come in the file order, each with its line, column and library', async () => {
  const c = fixture('issue1-all-declared');
  const r = await evaluate(c.xent);
  assert.deepEqual(
    r.declared.map((d) => d.metric),
    c.expected.declared!.map((d) => d.metric),
  );
  const lines = c.xent.split('\n');
  for (const d of r.declared) {
    assert.equal(lines[d.line - 1].slice(d.column - 1, d.column - 1 + d.metric.length), d.metric);
  }
  assert.deepEqual(
    r.declared.map((d) => d.library),
    ['scikit-learn', 'scikit-learn', 'scikit-learn', 'keras', 'scikit-learn', 'scikit-learn'],
  );
});

test('an alias is reported by its canonical name', async () => {
  const r = await evaluate(fixture('issue4-inferred-order-code-point').xent.replace('accuracy,', 'accuracy_score,'));
  assert.equal(r.declared[1].metric, 'accuracy');
  assert.equal(r.declared[1].value, fixture('issue4-inferred-order-code-point').expected.declared![1].value);
});

test('the ranking store is planned only when auc or average_precision is declared', () => {
  const plan = (metrics: string) => {
    const { models } = analyze(`experiment p { task: binary metrics: [${metrics}] data { y_true: [0, 1] y_pred: [0.2, 0.7] } }`);
    const p = planEvaluation(models[0]);
    assert.ok(typeof p === 'object');
    return p as Exclude<typeof p, string | symbol>;
  };
  assert.equal(plan('accuracy, f1, log_loss, brier_score_loss').needsRanking, false);
  assert.equal(plan('accuracy, auc').needsRanking, true);
  assert.equal(plan('average_precision').needsRanking, true);
});

test('one refused number does not hide the others (issue case 12)', async () => {
  const c = fixture('issue12-probability-above-one');
  const r = await evaluate(c.xent);
  assert.equal(r.error, null);
  assert.equal(r.declared[0].value, null);
  assert.match(r.declared[0].error ?? '', /^y_prob contains values greater than 1: 1\.0943 \(first at y_pred row \d+ \(line \d+\)\)$/);
  for (let i = 1; i < r.declared.length; i++) assert.deepEqual(r.declared[i].value, c.expected.declared![i].value);
});

function cli(args: string[]) {
  let out = '';
  let err = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  return runCli(args, io).then((code) => ({ code, out, err }));
}

test('xent eval: the declared metrics in the text output, exit 0 when every number came out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-declared-'));
  const file = join(dir, 'ok.xent');
  writeFileSync(file, fixture('issue2-pos-label-ham').xent);
  const { code, out } = await cli(['eval', file]);
  assert.equal(code, 0);
  assert.match(out, /declared metrics:\n {4}f1\(average: binary, pos_label: ham, zero_division: warn\) {2}0\.7500\n {4}f1\(average: binary, pos_label: spam, zero_division: warn\) {2}0\.6667\n/);
  const json = JSON.parse((await cli(['eval', file, '--json'])).out);
  assert.deepEqual(
    json.experiments[0].declared.map((d: { value: number }) => d.value),
    fixture('issue2-pos-label-ham').expected.declared!.map((d) => d.value),
  );
});

test('xent eval exits 1 with the reason for an unknown loss or metric, and still prints the other numbers (issue case 16)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-declared-'));
  const file = join(dir, 'bad.xent');
  writeFileSync(file, fixture('issue2-pos-label-ham').xent.replace('task: binary', 'task: binary\n  loss: catagorical').replace('f1(average: binary, pos_label: spam)', 'f_one'));
  const { code, out } = await cli(['eval', file]);
  assert.equal(code, 1);
  assert.match(out, /loss catagorical {2}— \(unknown loss 'catagorical'/);
  assert.match(out, /f_one {2}— \(unknown metric 'f_one'/);
  assert.match(out, /f1\(average: binary, pos_label: ham, zero_division: warn\) {2}0\.7500/);
  const json = JSON.parse((await cli(['eval', file, '--json'])).out);
  const e = json.experiments[0];
  assert.equal(e.error, null);
  assert.equal(e.loss.value, null);
  assert.match(e.loss.error, /unknown loss 'catagorical'/);
  assert.equal(e.declared[1].value, null);
});

test('xent eval exits 1 when scikit-learn refuses a declared metric (issue case 11)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-declared-'));
  const file = join(dir, 'one.xent');
  const c = fixture('issue11-single-class');
  writeFileSync(file, c.xent);
  const { code, out } = await cli(['eval', file]);
  assert.equal(code, 1);
  assert.match(out, /log_loss\(normalize: true\) {2}— \(y_true contains only one label/);
});
