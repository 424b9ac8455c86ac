// Quick fixes (issue 4): every fix of every diagnostic is applied and the result re-checked — it parses, the
// diagnostic is gone, and a preferred fix adds no diagnostic. Driven by the first positive example of every code in
// the registry (server/src/core/rules/; the docs' **Wrong** example) and the bundled examples, then by the codes'
// fix examples, each with the exact text its fix must produce (layout, inherited properties, one-line experiments…).
// These run with the fixes as computed (`verify: false`), so the run-time re-check cannot hide a wrong fix; the
// re-check itself is tested at the end, and under fast-check on mutated examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../server/src/core/check';
import type { Diagnostic } from '../server/src/core/diagnostic';
import { FIXERS, fixesFor, type Fix, type FixOptions } from '../server/src/core/fixes';
import { RULES } from '../server/src/core/rules';
import { DOCUMENTED } from '../scripts/rules-doc/entries';

const ROOT = join(__dirname, '..');
/** The fixes as the fixers compute them, without the run-time re-check. */
const STATIC: FixOptions = { verify: false };

/** Applies a fix's edits with the LSP text-document library (independent of the core's own edit code). */
function applyFix(text: string, fix: Fix): string {
  const doc = TextDocument.create('file:///t.xent', 'xent', 1, text);
  return TextDocument.applyEdits(doc, fix.edits.map((e) => ({ range: e.range, newText: e.newText })));
}

function countByCode(ds: readonly Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) m.set(`${d.code}/${d.severity}`, (m.get(`${d.code}/${d.severity}`) ?? 0) + 1);
  return m;
}

/** What is wrong with applying `fix` for `d` to `text` ([] when nothing). */
function problems(text: string, d: Diagnostic, fix: Fix): string[] {
  const out: string[] = [];
  let after: string;
  try {
    after = applyFix(text, fix);
  } catch (err) {
    return [`edits do not apply: ${String(err)}`];
  }
  const before = analyze(text).diagnostics;
  const now = analyze(after).diagnostics;
  const syntax = now.filter((x) => x.code === 'syntax-error');
  if (syntax.length) out.push(`syntax error after the fix: ${syntax[0].message}`);
  const was = before.filter((x) => x.code === d.code).length;
  const is = now.filter((x) => x.code === d.code).length;
  if (is >= was) out.push(`${d.code} is still reported`);
  if (fix.isPreferred) {
    const b = countByCode(before);
    for (const [key, n] of countByCode(now)) if (n > (b.get(key) ?? 0)) out.push(`preferred fix adds ${key}`);
  }
  return out.map((p) => `${d.code} — "${fix.title}": ${p}\n${after}`);
}

/** Every fix of every diagnostic of `text`, each checked; also at most one preferred fix per diagnostic. */
function sweep(text: string, options: FixOptions = STATIC): { failures: string[]; fixed: Set<string> } {
  const failures: string[] = [];
  const fixed = new Set<string>();
  const analysis = analyze(text);
  for (const d of analysis.diagnostics) {
    const fixes = fixesFor(analysis, d, options);
    if (fixes.length) fixed.add(d.code);
    if (fixes.filter((f) => f.isPreferred).length > 1) failures.push(`${d.code}: more than one preferred fix`);
    if (new Set(fixes.map((f) => f.title)).size !== fixes.length) failures.push(`${d.code}: two fixes with the same title`);
    for (const f of fixes) {
      assert.equal(f.kind, 'quickfix');
      failures.push(...problems(text, d, f));
    }
  }
  return { failures, fixed };
}

// ---------------------------------------------------------------------------------------------
// The registry's examples (server/src/core/rules/): the docs' **Wrong** example of every code (its first positive
// example), so a new rule is covered as soon as it has examples.

interface Example {
  readonly code: string;
  readonly text: string;
}

const EXAMPLES: Example[] = DOCUMENTED.flatMap((c) => {
  const wrong = c.examples.find((e) => e.expect.length > 0);
  return wrong ? [{ code: c.entry.id, text: wrong.text }] : [];
});
const everFixed = new Set<string>();

test('every rule has a positive example', () => {
  const documented = new Set(EXAMPLES.map((e) => e.code));
  assert.deepEqual(RULES.map((r) => r.id).filter((id) => !documented.has(id)), []);
});

test('every fix of every diagnostic of the first positive example of every code parses, fixes it, and a preferred one adds nothing', async (t) => {
  for (const e of EXAMPLES) {
    await t.test(e.code, () => {
      const { failures, fixed } = sweep(e.text);
      fixed.forEach((c) => everFixed.add(c));
      assert.deepEqual(failures, []);
    });
  }
});

test('every code with an unconditional mechanical fix offers one on its first positive example, one of them preferred or not', () => {
  const missing: string[] = [];
  for (const [code, entry] of Object.entries(FIXERS)) {
    if (entry.when) continue;
    const example = EXAMPLES.find((e) => e.code === code);
    if (!example) {
      missing.push(`${code}: no positive example`);
      continue;
    }
    const analysis = analyze(example.text);
    const d = analysis.diagnostics.find((x) => x.code === code);
    if (!d) missing.push(`${code}: its wrong example does not report it`);
    else if (fixesFor(analysis, d, STATIC).length === 0) missing.push(`${code}: no fix offered on its wrong example`);
  }
  assert.deepEqual(missing, []);
});

test('every rule of the catalogue is either fixable or says why it has no mechanical fix', () => {
  const both = RULES.filter((r) => r.fix && r.noFix).map((r) => r.id);
  const neither = RULES.filter((r) => !r.fix && !r.noFix).map((r) => r.id);
  assert.deepEqual({ both, neither }, { both: [], neither: [] });
});

test('every fix of every diagnostic in examples/ applies cleanly', () => {
  const dir = join(ROOT, 'examples');
  const failures: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.xent'))) {
    const r = sweep(readFileSync(join(dir, name), 'utf8'));
    r.fixed.forEach((c) => everFixed.add(c));
    failures.push(...r.failures.map((f) => `${name}: ${f}`));
  }
  assert.deepEqual(failures, []);
});

// ---------------------------------------------------------------------------------------------
// The registry's fix examples: the exact text of a fix (layout, inherited properties, one-line experiments…).

const FIX_EXAMPLES = DOCUMENTED.flatMap((c) => c.examples.filter((e) => e.fix).map((e) => ({ code: c.entry.id, name: e.name ?? '', text: e.text, fix: e.fix! })));

test('each fix example produces exactly the expected text, and the result is re-checked', async (t) => {
  for (const c of FIX_EXAMPLES) {
    await t.test(`${c.code}: ${c.name}`, () => {
      const analysis = analyze(c.text);
      const d = analysis.diagnostics.find((x) => x.code === c.code);
      assert.ok(d, `${c.code} is reported`);
      const fixes = fixesFor(analysis, d!, STATIC);
      const fix = fixes.find((f) => f.title === c.fix.title);
      assert.ok(fix, `a fix titled "${c.fix.title}" among ${JSON.stringify(fixes.map((f) => f.title))}`);
      assert.equal(applyFix(c.text, fix!), c.fix.text);
      assert.equal(!!fix!.isPreferred, c.fix.preferred, 'preferred');
      // The run-time re-check agrees with the fixer.
      assert.deepEqual(fixesFor(analysis, d!), fixes);
      const { failures, fixed } = sweep(c.text);
      fixed.forEach((code) => everFixed.add(code));
      assert.deepEqual(failures, []);
    });
  }
});

test('every code in the fix table is exercised by some fix above', () => {
  assert.deepEqual(Object.keys(FIXERS).filter((c) => !everFixed.has(c)), []);
});

test('no fixes for a code without a fixer, nor for a diagnostic of another version', () => {
  const text = `experiment a {\n  classes: [defect]\n}`;
  const analysis = analyze(text);
  const d = analysis.diagnostics.find((x) => x.code === 'too-few-classes')!;
  assert.deepEqual(fixesFor(analysis, d), []);
  // A diagnostic whose range no longer holds what it named gives no edit that breaks the file.
  const stale: Diagnostic = { code: 'unknown-name', severity: 'error', message: '', range: { start: { line: 9, character: 0 }, end: { line: 9, character: 3 } }, data: { suggestion: 'loss' } };
  for (const f of fixesFor(analysis, stale)) assert.doesNotThrow(() => applyFix(text, f));
});

// ---------------------------------------------------------------------------------------------
// The run-time re-check (verify.ts) and fixes on text being typed.

test('a fix that would add a diagnostic is offered, but not preferred', () => {
  // The duplicate loss line is ignored; the suggested name makes the first one a categorical loss over integer labels.
  const text = `experiment a {\n  classes: 3\n  labels: integer\n  loss: categorical_crossentropi\n  loss: sparse_categorical_crossentropy\n}`;
  const analysis = analyze(text);
  const d = analysis.diagnostics.find((x) => x.code === 'unknown-name')!;
  const [computed] = fixesFor(analysis, d, STATIC);
  assert.equal(computed.isPreferred, true);
  const [checked] = fixesFor(analysis, d);
  assert.equal(checked.title, "Replace with 'categorical_crossentropy'");
  assert.equal(checked.isPreferred, undefined);
});

test('only a name replacement is offered inside an experiment that does not parse', () => {
  const text = `experiment a {\n  task: binary\n  task: multiclass\n  loss: categorical_crossentropi\n  model {\n    dense(1,\n}`;
  const analysis = analyze(text);
  const codes = analysis.diagnostics.filter((d) => fixesFor(analysis, d).length > 0).map((d) => d.code);
  assert.ok(analysis.diagnostics.some((d) => d.code === 'duplicate-property'));
  assert.deepEqual(codes, ['unknown-name']);
});

test('a fix in one experiment is re-checked with its family only, and still sees what it changes in a child', () => {
  // Fixing the parent's loss would give the child (which has integer labels) a categorical loss: not preferred.
  const text =
    `experiment other {\n  loss: nope\n}\n` +
    `experiment base {\n  labels: onehot\n  loss: sparse_categorical_crossentropy\n}\n` +
    `experiment child extends base {\n  labels: integer\n}\n`;
  const analysis = analyze(text);
  const d = analysis.diagnostics.find((x) => x.code === 'sparse-loss-onehot-labels')!;
  const [fix] = fixesFor(analysis, d);
  assert.equal(fix.title, 'Use categorical_crossentropy');
  assert.equal(fix.isPreferred, undefined);
  assert.equal(fixesFor(analysis, d, STATIC)[0].isPreferred, true);
});

/** Small edits of the documented examples: lines dropped, duplicated, swapped in from other examples, words changed. */
function mutatedExamples(): fc.Arbitrary<string> {
  const texts = [...readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8').matchAll(/```xent\r?\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  const lines = [...new Set(texts.flatMap((t) => t.split('\n')).filter((l) => /^\s+\S/.test(l)))];
  const words = ['softmax', 'sigmoid', 'relu', 'linear', 'from_logits: true', '1', '3', '10', 'integer', 'onehot', 'binary', 'multiclass', 'multilabel', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'binary_crossentropy', 'log_loss'];
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line: fc.constantFrom(...lines) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('word' as const), at: fc.nat(), word: fc.constantFrom(...words) }),
  );
  return fc.tuple(fc.constantFrom(...texts), fc.constantFrom(...texts), fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 3 })).map(([a, b, two, edits]) => {
    const ls = (two ? `${a}\n${b}` : a).split('\n');
    for (const e of edits) {
      const at = 1 + (e.at % Math.max(1, ls.length - 2));
      if (e.kind === 'insert') ls.splice(at, 0, e.line);
      else if (e.kind === 'delete') ls.splice(at, 1);
      else ls[at] = (ls[at] ?? '').replace(/[a-z_]+(: (true|false))?|\d+/, e.word);
    }
    return ls.join('\n');
  });
}

test('on mutated examples every offered fix applies, parses as before, removes its diagnostic; a preferred one adds nothing', () => {
  const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
  const out = fc.check(
    fc.property(mutatedExamples(), (text) => {
      const analysis = analyze(text);
      const syntax = analysis.diagnostics.filter((d) => d.code === 'syntax-error').length;
      for (const d of analysis.diagnostics) {
        for (const fix of fixesFor(analysis, d)) {
          const after = analyze(applyFix(text, fix)).diagnostics;
          assert.ok(after.filter((x) => x.code === 'syntax-error').length <= syntax, `"${fix.title}" adds a syntax error`);
          assert.ok(after.filter((x) => x.code === d.code).length < analysis.diagnostics.filter((x) => x.code === d.code).length, `"${fix.title}" leaves ${d.code}`);
          if (fix.isPreferred) {
            const before = countByCode(analysis.diagnostics);
            for (const [key, n] of countByCode(after)) assert.ok(n <= (before.get(key) ?? 0), `preferred "${fix.title}" adds ${key}`);
          }
        }
      }
    }),
    { numRuns: 400, ...(seed === undefined ? {} : { seed }) },
  );
  if (out.failed) assert.fail(`${fc.defaultReportMessage(out)}\n\nWhat failed: ${out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance)}`);
});
