// Issue 8 end to end: every declared metric and the loss of an experiment, computed with its parameters, against
// golden values made by scikit-learn and Keras on the same arrays (test/fixtures/declared/generate.py; this file
// never runs Python). Each case is one experiment: analyze its .xent text, evaluate it over the case's data
// directory, and compare `declared` (one entry per metric of `metrics:`, in the file's order), `loss` and the
// experiment's `error`. Three cases also go through the built CLI (`xent eval --json`, `npm run build` first).
//
// Tolerances: scikit-learn's float64 values to a relative 1e-9 (absolute 1e-12 near zero); Keras's float32
// values to 2 float32 ulps; the classification report's text exactly; an expected error is a substring (or
// several) of the actual one, the library's wording.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import { evaluateExperiment } from '../server/src/core/eval/evaluate';
import type { DeclaredMetric, ExperimentResult } from '../server/src/core/eval/types';

const FIXTURES = join(__dirname, 'fixtures', 'declared');
const CLI = join(__dirname, '..', 'dist', 'cli.js');

type Dtype = 'float32' | 'float64';
type Library = 'scikit-learn' | 'keras' | 'xent';
type Golden = number | string | null | Golden[] | { [key: string]: Golden };

interface ExpectedDeclared {
  metric: string;
  value: Golden;
  error: string | string[] | null;
  dtype: Dtype;
  library: Library;
  params?: Record<string, string | number | boolean>;
  note?: string;
}

interface ExpectedLoss {
  value: number | null;
  error: string | string[] | null;
  dtype: Dtype;
  library?: string;
  note?: string;
}

interface Case {
  id: string;
  issue_case: number | null;
  description: string;
  xent: string;
  files: Record<string, { sha256: string; bytes: number }>;
  expected: { error: string | null; loss: ExpectedLoss | null; declared: ExpectedDeclared[] | null };
}

const fixture: { meta: Record<string, unknown>; cases: Case[] } = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8'));

// ---------------------------------------------------------------------------------------------------------------
// Comparison: every mismatch of a case is collected, so one failure lists all that is wrong with it.

/** The generator writes non-finite floats as strings (JSON has no NaN). */
function number(x: Golden): number | null {
  if (x === 'NaN') return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  return typeof x === 'number' ? x : null;
}

/** The spacing of float32 values at |x| (the unit in the last place). */
function ulp32(x: number): number {
  const a = Math.abs(Math.fround(x));
  if (a < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

function sameNumber(actual: unknown, expected: number, dtype: Dtype): boolean {
  if (typeof actual !== 'number') return false;
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (!Number.isFinite(actual)) return false;
  const diff = Math.abs(actual - expected);
  if (dtype === 'float32') return diff <= 2 * ulp32(expected);
  return diff <= Math.max(1e-9 * Math.abs(expected), 1e-12);
}

const show = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)) ?? String(v);

function compareValue(where: string, actual: unknown, expected: Golden, dtype: Dtype, text: boolean, out: string[]): void {
  if (expected === null) {
    if (actual !== null && actual !== undefined) out.push(`${where}: expected no value, got ${show(actual)}`);
    return;
  }
  if (text) {
    if (actual !== expected) out.push(`${where}: report text differs\n--- expected\n${expected}--- actual\n${String(actual)}`);
    return;
  }
  const n = number(expected);
  if (n !== null) {
    if (!sameNumber(actual, n, dtype)) out.push(`${where}: expected ${show(n)} (${dtype}), got ${show(actual)}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(`${where}: expected ${show(expected)}, got ${show(actual)}`);
      return;
    }
    expected.forEach((e, i) => compareValue(`${where}[${i}]`, actual[i], e, dtype, false, out));
    return;
  }
  if (typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      out.push(`${where}: expected per-class ${show(expected)}, got ${show(actual)}`);
      return;
    }
    const a = actual as Record<string, unknown>;
    const keys = Object.keys(expected);
    if (show(Object.keys(a)) !== show(keys)) out.push(`${where}: expected the classes ${show(keys)} in this order, got ${show(Object.keys(a))}`);
    for (const k of keys) compareValue(`${where}.${k}`, a[k], expected[k], dtype, false, out);
    return;
  }
  out.push(`${where}: unexpected golden value ${show(expected)}`);
}

function compareError(where: string, actual: string | null | undefined, expected: string | string[] | null, out: string[]): void {
  if (expected === null) {
    if (actual) out.push(`${where}: expected no error, got "${actual}"`);
    return;
  }
  for (const part of Array.isArray(expected) ? expected : [expected]) {
    if (!actual || !actual.includes(part)) out.push(`${where}: expected an error containing "${part}", got ${actual ? `"${actual}"` : 'none'}`);
  }
}

function sameParam(actual: unknown, expected: string | number | boolean, name: string): boolean {
  if (name === 'pos_label') return actual !== undefined && actual !== null && String(actual) === String(expected);
  // Values written as names with a non-string meaning may be shown either way: nan as NaN, none as null.
  if (expected === 'nan') return actual === 'nan' || (typeof actual === 'number' && Number.isNaN(actual));
  if (expected === 'none') return actual === 'none' || actual === null;
  return actual === expected;
}

function compareDeclared(where: string, actual: DeclaredMetric | undefined, e: ExpectedDeclared, out: string[]): void {
  if (!actual) {
    out.push(`${where} (${e.metric}): missing from declared`);
    return;
  }
  const at = `${where} (${e.metric})`;
  if (actual.metric !== e.metric) out.push(`${at}: metric is '${actual.metric}'`);
  if (actual.library !== e.library) out.push(`${at}: library is '${actual.library}', expected '${e.library}'`);
  for (const [k, v] of Object.entries(e.params ?? {})) {
    if (!sameParam(actual.params?.[k], v, k)) out.push(`${at}: params.${k} is ${show(actual.params?.[k])}, expected ${show(v)}`);
  }
  if (e.note !== undefined && !(actual.note ?? '').includes(e.note)) out.push(`${at}: note ${show(actual.note)} should mention "${e.note}"`);
  compareError(`${at} error`, actual.error, e.error, out);
  compareValue(`${at} value`, actual.value, e.value, e.dtype, e.metric === 'classification_report', out);
}

function compareResult(c: Case, r: ExperimentResult): string[] {
  const out: string[] = [];
  const x = c.expected;
  compareError('experiment error', r.error, x.error, out);
  if (x.loss === null) {
    if (r.loss !== null) out.push(`loss: none declared, got ${show(r.loss)}`);
  } else if (!r.loss) {
    out.push('loss: missing');
  } else {
    compareError('loss error', r.loss.error, x.loss.error, out);
    compareValue('loss value', r.loss.value, x.loss.value, x.loss.dtype, false, out);
    if (x.loss.library && r.loss.library !== x.loss.library) out.push(`loss: library is ${show(r.loss.library)}, expected '${x.loss.library}'`);
    if (x.loss.note !== undefined && !(r.loss.note ?? '').includes(x.loss.note)) out.push(`loss: note ${show(r.loss.note)} should mention "${x.loss.note}"`);
  }
  if (x.declared !== null) {
    const declared = r.declared ?? [];
    if (declared.length !== x.declared.length) {
      out.push(`declared: ${declared.length} entries (${declared.map((d) => d.metric).join(', ')}), expected ${x.declared.length}`);
    }
    x.declared.forEach((e, i) => compareDeclared(`declared[${i}]`, declared[i], e, out));
  }
  return out;
}

function checkFiles(c: Case): void {
  for (const [rel, { sha256, bytes }] of Object.entries(c.files)) {
    const data = readFileSync(join(FIXTURES, 'data', c.id, rel));
    assert.equal(data.length, bytes, `${c.id}/${rel}: size`);
    assert.equal(createHash('sha256').update(data).digest('hex'), sha256, `${c.id}/${rel}: the committed data file is the generated one`);
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe('golden fixtures of issue 8 (declared metrics)', () => {
  test('the fixture set: at least 150 cases, every issue case but 13, made by scikit-learn >= 1.6 and Keras 3', () => {
    assert.ok(fixture.cases.length >= 150, `${fixture.cases.length} cases`);
    const issues = new Set(fixture.cases.map((c) => c.issue_case));
    for (let i = 1; i <= 17; i++) if (i !== 13) assert.ok(issues.has(i), `issue case ${i} is reproduced`);
    const [major, minor] = String(fixture.meta['scikit-learn']).split('.').map(Number);
    assert.ok(major > 1 || (major === 1 && minor >= 6), `scikit-learn ${fixture.meta['scikit-learn']}`);
    assert.match(String(fixture.meta.keras), /^3\./);
    assert.equal(new Set(fixture.cases.map((c) => c.id)).size, fixture.cases.length, 'case ids are unique');
  });

  for (const c of fixture.cases) {
    const issue = c.issue_case ? ` [issue case ${c.issue_case}]` : '';
    test(`${c.id}${issue}: ${c.description}`, async () => {
      checkFiles(c);
      const { models } = analyze(c.xent);
      assert.equal(models.length, 1, 'the case holds one experiment');
      const { result } = await evaluateExperiment(models[0], { baseDir: join(FIXTURES, 'data', c.id) });
      const problems = compareResult(c, result);
      assert.ok(problems.length === 0, `${c.id}:\n  ` + problems.join('\n  '));
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// The same through `xent eval --json`: the JSON `declared` list end to end (inline, CSV and Fortran-order .npy).

const CLI_CASES = ['issue2-pos-label-ham', 'csv-names-multiclass', 'issue14-fortran-order-npy'];

describe('xent eval --json prints the declared list (built CLI)', () => {
  for (const id of CLI_CASES) {
    const c = fixture.cases.find((x) => x.id === id);
    test(`${id}: xent eval --json`, () => {
      assert.ok(c, `case ${id} is in cases.json`);
      assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
      const dir = mkdtempSync(join(tmpdir(), 'xent-declared-'));
      try {
        for (const rel of Object.keys(c.files)) {
          mkdirSync(join(dir, rel, '..'), { recursive: true });
          copyFileSync(join(FIXTURES, 'data', c.id, rel), join(dir, rel));
        }
        const file = join(dir, `${c.id}.xent`);
        writeFileSync(file, c.xent);
        const run = spawnSync(process.execPath, [CLI, 'eval', file, '--json'], { encoding: 'utf8', timeout: 60_000 });
        assert.equal(run.error, undefined, `xent eval ran (${run.error?.message})`);
        let json: { experiments: ExperimentResult[] };
        try {
          json = JSON.parse(run.stdout);
        } catch {
          assert.fail(`stdout is JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
        }
        assert.equal(json.experiments.length, 1);
        const problems = compareResult(c, json.experiments[0]);
        assert.ok(problems.length === 0, `${c.id} (CLI):\n  ` + problems.join('\n  '));
        const everyNumber = c.expected.error === null && !c.expected.loss?.error && (c.expected.declared ?? []).every((d) => d.error === null);
        assert.equal(run.status, everyNumber ? 0 : 1, `exit code (stderr: ${run.stderr})`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
