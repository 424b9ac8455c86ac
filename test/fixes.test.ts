// Quick fixes (issue 4): every fix of every diagnostic is applied and the result re-checked — it parses, the
// diagnostic is gone, and a preferred fix adds no diagnostic. Driven by the **Wrong** example of every section of
// docs/rules.md (so a new rule is covered as soon as it is documented) and the bundled examples, then a table of
// cases with the exact text each fix must produce (layout, inherited properties, one-line experiments…).
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
import { FIXERS, NO_MECHANICAL_FIX, fixesFor, type Fix, type FixOptions } from '../server/src/core/fixes';
import { RULES } from '../server/src/core/rules';

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
// docs/rules.md

interface Example {
  readonly code: string;
  readonly text: string;
}

/** The **Wrong** ```xent block of every `## code` section of docs/rules.md. */
function wrongExamples(): Example[] {
  const md = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
  const out: Example[] = [];
  let code = '';
  for (const m of md.matchAll(/^## ([a-z0-9-]+)[ \t]*$|^\*\*Wrong\*\*[ \t]*\r?\n\s*```xent\r?\n([\s\S]*?)^```/gm)) {
    if (m[1]) code = m[1];
    else if (code) out.push({ code, text: m[2] });
  }
  return out;
}

const EXAMPLES = wrongExamples();
const everFixed = new Set<string>();

test('docs/rules.md has a wrong example for every rule', () => {
  const documented = new Set(EXAMPLES.map((e) => e.code));
  assert.deepEqual(RULES.map((r) => r.id).filter((id) => !documented.has(id)), []);
});

test('every fix of every diagnostic of every wrong example in docs/rules.md parses, fixes it, and a preferred one adds nothing', async (t) => {
  for (const e of EXAMPLES) {
    await t.test(e.code, () => {
      const { failures, fixed } = sweep(e.text);
      fixed.forEach((c) => everFixed.add(c));
      assert.deepEqual(failures, []);
    });
  }
});

test('every code with an unconditional mechanical fix offers one on its docs/rules.md wrong example, one of them preferred or not', () => {
  const missing: string[] = [];
  for (const [code, entry] of Object.entries(FIXERS)) {
    if (entry.when) continue;
    const example = EXAMPLES.find((e) => e.code === code);
    if (!example) {
      missing.push(`${code}: no wrong example in docs/rules.md`);
      continue;
    }
    const analysis = analyze(example.text);
    const d = analysis.diagnostics.find((x) => x.code === code);
    if (!d) missing.push(`${code}: its wrong example does not report it`);
    else if (fixesFor(analysis, d, STATIC).length === 0) missing.push(`${code}: no fix offered on its wrong example`);
  }
  assert.deepEqual(missing, []);
});

test('every rule of the catalogue is either fixable or listed as having no mechanical fix', () => {
  const both = RULES.filter((r) => r.id in FIXERS && r.id in NO_MECHANICAL_FIX).map((r) => r.id);
  const neither = RULES.filter((r) => !(r.id in FIXERS) && !(r.id in NO_MECHANICAL_FIX)).map((r) => r.id);
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
// Cases: the exact text of a fix.

interface Case {
  readonly name: string;
  readonly code: string;
  readonly text: string;
  /** The fix's title. */
  readonly title: string;
  /** The whole document after the fix. */
  readonly after: string;
  readonly preferred: boolean;
}

const cases: Case[] = [
  {
    name: 'a bare loss name gets from_logits as a call',
    code: 'logits-without-from-logits',
    text: `experiment a {\n  model {\n    dense(10)\n  }\n  loss: categorical_crossentropy\n}`,
    title: 'Set from_logits: true on the loss',
    after: `experiment a {\n  model {\n    dense(10)\n  }\n  loss: categorical_crossentropy(from_logits: true)\n}`,
    preferred: true,
  },
  {
    name: 'from_logits: false written is turned true',
    code: 'logits-without-from-logits',
    text: `experiment a {\n  model {\n    dense(1)\n  }\n  loss: binary_crossentropy(from_logits: false)\n}`,
    title: 'Set from_logits: true on the loss',
    after: `experiment a {\n  model {\n    dense(1)\n  }\n  loss: binary_crossentropy(from_logits: true)\n}`,
    preferred: true,
  },
  {
    name: 'from_logits appended after other arguments',
    code: 'logits-without-from-logits',
    text: `experiment a {\n  model {\n    dense(3)\n  }\n  loss: categorical_crossentropy(label_smoothing: 0.1)\n}`,
    title: 'Set from_logits: true on the loss',
    after: `experiment a {\n  model {\n    dense(3)\n  }\n  loss: categorical_crossentropy(label_smoothing: 0.1, from_logits: true)\n}`,
    preferred: true,
  },
  {
    name: 'the output activation added where there is none',
    code: 'logits-without-from-logits',
    text: `experiment a {\n  model {\n    dense(1)\n  }\n  loss: binary_crossentropy\n}`,
    title: 'Use sigmoid on the output layer',
    after: `experiment a {\n  model {\n    dense(1, activation: sigmoid)\n  }\n  loss: binary_crossentropy\n}`,
    preferred: false,
  },
  {
    name: 'from_logits removed with the comma after it',
    code: 'double-softmax',
    text: `experiment a {\n  model {\n    dense(3, activation: softmax)\n  }\n  loss: categorical_crossentropy(from_logits: true, label_smoothing: 0.1)\n}`,
    title: 'Remove from_logits: true from the loss',
    after: `experiment a {\n  model {\n    dense(3, activation: softmax)\n  }\n  loss: categorical_crossentropy(label_smoothing: 0.1)\n}`,
    preferred: true,
  },
  {
    name: 'from_logits removed with the comma before it',
    code: 'double-softmax',
    text: `experiment a {\n  model {\n    dense(3, activation: softmax)\n  }\n  loss: categorical_crossentropy(label_smoothing: 0.1, from_logits: true)\n}`,
    title: 'Remove from_logits: true from the loss',
    after: `experiment a {\n  model {\n    dense(3, activation: softmax)\n  }\n  loss: categorical_crossentropy(label_smoothing: 0.1)\n}`,
    preferred: true,
  },
  {
    name: 'the last layer made linear: an activation layer after it is removed',
    code: 'double-softmax',
    text: `experiment a {\n  model {\n    dense(3)\n    activation(softmax)  # the output\n  }\n  loss: categorical_crossentropy(from_logits: true)\n}`,
    title: 'Make the output layer linear (remove its activation)',
    after: `experiment a {\n  model {\n    dense(3)\n  }\n  loss: categorical_crossentropy(from_logits: true)\n}`,
    preferred: false,
  },
  {
    name: 'the activation changed in an activation layer',
    code: 'unbounded-output-activation',
    text: `experiment a {\n  model {\n    dense(3)\n    activation(relu)\n  }\n  loss: categorical_crossentropy\n}`,
    title: 'Use softmax on the output layer',
    after: `experiment a {\n  model {\n    dense(3)\n    activation(softmax)\n  }\n  loss: categorical_crossentropy\n}`,
    preferred: true,
  },
  {
    name: 'a softmax layer becomes activation(sigmoid)',
    code: 'softmax-single-unit',
    text: `experiment a {\n  task: binary\n  model {\n    dense(1)\n    softmax\n  }\n  loss: binary_crossentropy\n}`,
    title: 'Use sigmoid on the output layer',
    after: `experiment a {\n  task: binary\n  model {\n    dense(1)\n    activation(sigmoid)\n  }\n  loss: binary_crossentropy\n}`,
    preferred: true,
  },
  {
    name: 'softmax on one unit of a 3-class task: one unit per class',
    code: 'softmax-single-unit',
    text: `experiment a {\n  classes: [cat, dog, horse]\n  model {\n    dense(1, activation: softmax)\n  }\n  loss: categorical_crossentropy\n}`,
    title: 'Set the output units to 3',
    after: `experiment a {\n  classes: [cat, dog, horse]\n  model {\n    dense(3, activation: softmax)\n  }\n  loss: categorical_crossentropy\n}`,
    preferred: true,
  },
  {
    name: 'switching to the categorical loss also makes the output softmax',
    code: 'binary-loss-multiclass-task',
    text: `experiment a {\n  task: multiclass\n  classes: 3\n  model {\n    dense(3, activation: sigmoid)\n  }\n  loss: binary_crossentropy\n}`,
    title: 'Use categorical_crossentropy and fit the output layer to it',
    after: `experiment a {\n  task: multiclass\n  classes: 3\n  model {\n    dense(3, activation: softmax)\n  }\n  loss: categorical_crossentropy\n}`,
    preferred: true,
  },
  {
    name: 'switching to binary_crossentropy on a multilabel task also makes the output sigmoid',
    code: 'softmax-loss-multilabel-task',
    text: `experiment a {\n  task: multilabel\n  classes: 4\n  model {\n    dense(4, activation: softmax)\n  }\n  loss: categorical_crossentropy\n}`,
    title: 'Use binary_crossentropy and fit the output layer to it',
    after: `experiment a {\n  task: multilabel\n  classes: 4\n  model {\n    dense(4, activation: sigmoid)\n  }\n  loss: binary_crossentropy\n}`,
    preferred: true,
  },
  {
    name: 'a categorical loss on one unit of 3 classes: 3 softmax units',
    code: 'categorical-loss-single-output',
    text: `experiment a {\n  task: multiclass\n  classes: 3\n  model {\n    dense(1, activation: sigmoid)\n  }\n  loss: sparse_categorical_crossentropy\n}`,
    title: 'Give the output layer 3 units with softmax',
    after: `experiment a {\n  task: multiclass\n  classes: 3\n  model {\n    dense(3, activation: softmax)\n  }\n  loss: sparse_categorical_crossentropy\n}`,
    preferred: true,
  },
  {
    name: 'the sparse loss drops ignore_class when switched (so it is not preferred)',
    code: 'sparse-loss-onehot-labels',
    text: `experiment a {\n  labels: onehot\n  loss: sparse_categorical_crossentropy(ignore_class: 0)\n}`,
    title: 'Use categorical_crossentropy without ignore_class',
    after: `experiment a {\n  labels: onehot\n  loss: categorical_crossentropy\n}`,
    preferred: false,
  },
  {
    name: 'an inherited loss is overridden in the child, not changed in the parent',
    code: 'sparse-loss-onehot-labels',
    text: `experiment base {\n  loss: sparse_categorical_crossentropy(from_logits: true)\n  model {\n    dense(3)\n  }\n}\nexperiment child extends base {\n  data {\n    y_true: [[0, 1, 0], [1, 0, 0]]\n  }\n}`,
    title: 'Use categorical_crossentropy',
    after: `experiment base {\n  loss: sparse_categorical_crossentropy(from_logits: true)\n  model {\n    dense(3)\n  }\n}\nexperiment child extends base {\n  data {\n    y_true: [[0, 1, 0], [1, 0, 0]]\n  }\n  loss: categorical_crossentropy(from_logits: true)\n}`,
    preferred: true,
  },
  {
    name: 'one-hot y_true to class indices, keeping the class count and the declared labels in step',
    code: 'sparse-loss-onehot-labels',
    text: `experiment a {\n  labels: onehot\n  loss: sparse_categorical_crossentropy\n  data {\n    y_true: [\n      [0, 1, 0],\n      [1, 0, 0],  # first of its kind\n    ]\n  }\n}`,
    title: 'Convert y_true to class indices',
    after: `experiment a {\n  labels: integer\n  loss: sparse_categorical_crossentropy\n  data {\n    y_true: [\n      1,\n      0,  # first of its kind\n    ]\n  }\n  classes: 3\n}`,
    preferred: false,
  },
  {
    name: 'class names to one-hot rows, one per line as written',
    code: 'categorical-loss-integer-labels',
    text: `experiment a {\n  classes: [cat, dog, horse]\n  loss: categorical_crossentropy\n  data {\n    y_true: [\n      cat,\n      horse,\n    ]\n  }\n}`,
    title: 'Convert y_true to one-hot rows',
    after: `experiment a {\n  classes: [cat, dog, horse]\n  loss: categorical_crossentropy\n  data {\n    y_true: [\n      [1, 0, 0],\n      [0, 0, 1],\n    ]\n  }\n}`,
    preferred: false,
  },
  {
    name: 'class names only seen in y_true are declared when they become one-hot rows',
    code: 'categorical-loss-integer-labels',
    text: `experiment a {\n  loss: categorical_crossentropy\n  data {\n    y_true: [dog, cat, "hot dog"]\n  }\n}`,
    title: 'Convert y_true to one-hot rows',
    after: `experiment a {\n  loss: categorical_crossentropy\n  data {\n    y_true: [[0, 1, 0], [1, 0, 0], [0, 0, 1]]\n  }\n  classes: [cat, dog, "hot dog"]\n}`,
    preferred: false,
  },
  {
    name: 'a long one-line list of labels becomes one row per line',
    code: 'categorical-loss-integer-labels',
    text: `experiment a {\n  loss: categorical_crossentropy\n  data {\n    y_true: [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]\n  }\n}`,
    title: 'Convert y_true to one-hot rows',
    after: `experiment a {\n  loss: categorical_crossentropy\n  data {\n    y_true: [\n      [1, 0, 0],\n      [0, 1, 0],\n      [0, 0, 1],\n      [1, 0, 0],\n      [0, 1, 0],\n      [0, 0, 1],\n      [1, 0, 0],\n      [0, 1, 0],\n      [0, 0, 1],\n      [1, 0, 0],\n      [0, 1, 0],\n      [0, 0, 1]\n    ]\n  }\n}`,
    preferred: false,
  },
  {
    name: 'switching drops label_smoothing, so converting the labels is preferred',
    code: 'categorical-loss-integer-labels',
    text: `experiment a {\n  classes: 3\n  loss: categorical_crossentropy(label_smoothing: 0.1)\n  data {\n    y_true: [0, 2]\n  }\n}`,
    title: 'Convert y_true to one-hot rows',
    after: `experiment a {\n  classes: 3\n  loss: categorical_crossentropy(label_smoothing: 0.1)\n  data {\n    y_true: [[1, 0, 0], [0, 0, 1]]\n  }\n}`,
    preferred: true,
  },
  {
    name: 'binary labels 1/2 mapped to 0/1',
    code: 'binary-labels-not-01',
    text: `experiment a {\n  task: binary\n  data { y_true: [1, 2, 2, 1] }\n}`,
    title: 'Map 1 → 0 and 2 → 1',
    after: `experiment a {\n  task: binary\n  data { y_true: [0, 1, 1, 0] }\n}`,
    preferred: true,
  },
  {
    name: 'more than two binary labels: declare the task multiclass',
    code: 'binary-labels-not-01',
    text: `experiment a {\n  task: binary\n  data { y_true: [0, 1, 2] }\n}`,
    title: 'Declare task: multiclass',
    after: `experiment a {\n  task: multiclass\n  data { y_true: [0, 1, 2] }\n}`,
    preferred: false,
  },
  {
    name: 'one-based labels shifted, layout kept',
    code: 'one-based-labels',
    text: `experiment a {\n  classes: 3\n  data {\n    y_true: [1, 2,\n             3, 1]\n  }\n}`,
    title: 'Subtract 1 from every label',
    after: `experiment a {\n  classes: 3\n  data {\n    y_true: [0, 1,\n             2, 0]\n  }\n}`,
    preferred: true,
  },
  {
    name: 'an out-of-range label: declare more classes (a count only)',
    code: 'label-out-of-range',
    text: `experiment a {\n  classes: 3\n  data { y_true: [0, 1, 5] }\n}`,
    title: 'Declare 6 classes',
    after: `experiment a {\n  classes: 6\n  data { y_true: [0, 1, 5] }\n}`,
    preferred: false,
  },
  {
    name: 'one-hot rows wider than the classes: declare as many classes',
    code: 'onehot-width-mismatch',
    text: `experiment a {\n  classes: 2\n  data { y_true: [[0, 1, 0], [1, 0, 0]] }\n}`,
    title: 'Declare 3 classes',
    after: `experiment a {\n  classes: 3\n  data { y_true: [[0, 1, 0], [1, 0, 0]] }\n}`,
    preferred: false,
  },
  {
    name: 'rows rescaled to sum to 1, only the offending ones',
    code: 'rows-not-normalized',
    text: `experiment a {\n  classes: 3\n  data {\n    y_true: [0, 1]\n    y_pred: [[0.7, 0.2, 0.1], [1, 1, 1]]\n  }\n}`,
    title: 'Rescale the y_pred rows to sum to 1',
    after: `experiment a {\n  classes: 3\n  data {\n    y_true: [0, 1]\n    y_pred: [[0.7, 0.2, 0.1], [0.3334, 0.3333, 0.3333]]\n  }\n}`,
    preferred: false,
  },
  {
    name: 'log_loss removed from a list of metrics',
    code: 'hard-predictions-log-loss',
    text: `experiment a {\n  task: binary\n  metrics: [log_loss, accuracy]\n  data {\n    y_true: [0, 1]\n    y_pred: [0, 1]\n  }\n}`,
    title: 'Remove log_loss from the metrics',
    after: `experiment a {\n  task: binary\n  metrics: [accuracy]\n  data {\n    y_true: [0, 1]\n    y_pred: [0, 1]\n  }\n}`,
    preferred: false,
  },
  {
    name: 'a single metric made a list',
    code: 'accuracy-on-imbalanced-data',
    text: `experiment a {\n  metrics: accuracy\n  data { y_true: [0, 0, 0, 0, 0, 1] }\n}`,
    title: 'Add f1(average: macro) to the metrics',
    after: `experiment a {\n  metrics: [accuracy, f1(average: macro)]\n  data { y_true: [0, 0, 0, 0, 0, 1] }\n}`,
    preferred: true,
  },
  {
    name: 'inherited metrics are overridden in the child',
    code: 'accuracy-on-imbalanced-data',
    text: `experiment base {\n  metrics: [accuracy]\n}\nexperiment child extends base {\n  data {\n    y_true: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]\n  }\n}`,
    title: 'Add f1(average: macro) to the metrics',
    after: `experiment base {\n  metrics: [accuracy]\n}\nexperiment child extends base {\n  data {\n    y_true: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]\n  }\n  metrics: [accuracy, f1(average: macro)]\n}`,
    preferred: true,
  },
  {
    name: 'a hidden softmax becomes relu',
    code: 'redundant-activation',
    text: `experiment a {\n  model {\n    dense(16, activation: softmax)\n    dense(3, activation: softmax)\n  }\n  loss: categorical_crossentropy\n}`,
    title: 'Use relu on dense',
    after: `experiment a {\n  model {\n    dense(16, activation: relu)\n    dense(3, activation: softmax)\n  }\n  loss: categorical_crossentropy\n}`,
    preferred: true,
  },
  {
    name: 'relu before softmax: the first activation goes',
    code: 'redundant-activation',
    text: `experiment a {\n  model {\n    dense(3, activation: relu)\n    dropout(0.2)\n    activation(softmax)\n  }\n  loss: categorical_crossentropy\n}`,
    title: 'Remove relu from dense',
    after: `experiment a {\n  model {\n    dense(3)\n    dropout(0.2)\n    activation(softmax)\n  }\n  loss: categorical_crossentropy\n}`,
    preferred: true,
  },
  {
    name: 'label_smoothing out of range set to 0.1',
    code: 'label-smoothing-range',
    text: `experiment a {\n  loss: categorical_crossentropy(label_smoothing: 1.5)\n}`,
    title: 'Set label_smoothing to 0.1',
    after: `experiment a {\n  loss: categorical_crossentropy(label_smoothing: 0.1)\n}`,
    preferred: true,
  },
  {
    name: 'label_smoothing out of range removed',
    code: 'label-smoothing-range',
    text: `experiment a {\n  loss: categorical_crossentropy(label_smoothing: -0.2)\n}`,
    title: 'Remove label_smoothing',
    after: `experiment a {\n  loss: categorical_crossentropy\n}`,
    preferred: false,
  },
  {
    name: 'label_smoothing on the sparse loss with one-hot labels: the categorical loss is preferred',
    code: 'label-smoothing-range',
    text: `experiment a {\n  labels: onehot\n  loss: sparse_categorical_crossentropy(label_smoothing: 0.1)\n}`,
    title: 'Use categorical_crossentropy, which takes label_smoothing',
    after: `experiment a {\n  labels: onehot\n  loss: categorical_crossentropy(label_smoothing: 0.1)\n}`,
    preferred: true,
  },
  {
    name: 'label_smoothing on the sparse loss with integer labels: switching converts the labels too',
    code: 'label-smoothing-range',
    text: `experiment a {\n  classes: 3\n  loss: sparse_categorical_crossentropy(label_smoothing: 0.1)\n  data {\n    y_true: [2, 0]\n  }\n}`,
    title: 'Use categorical_crossentropy and convert y_true to one-hot rows',
    after: `experiment a {\n  classes: 3\n  loss: categorical_crossentropy(label_smoothing: 0.1)\n  data {\n    y_true: [[0, 0, 1], [1, 0, 0]]\n  }\n}`,
    preferred: false,
  },
  {
    name: 'an optimizer parameter without a numeric default is removed',
    code: 'optimizer-param-range',
    text: `experiment a {\n  optimizer: adam(learning_rate: 0.001, clipnorm: 0)\n}`,
    title: "Remove clipnorm (adam's default applies)",
    after: `experiment a {\n  optimizer: adam(learning_rate: 0.001)\n}`,
    preferred: true,
  },
  {
    name: 'a negative label left out of the sparse loss',
    code: 'negative-label',
    text: `experiment a {\n  classes: 3\n  loss: sparse_categorical_crossentropy(from_logits: false)\n  data { y_true: [0, -1, 2, -1] }\n}`,
    title: 'Leave label -1 out of the loss (ignore_class: -1)',
    after: `experiment a {\n  classes: 3\n  loss: sparse_categorical_crossentropy(from_logits: false, ignore_class: -1)\n  data { y_true: [0, -1, 2, -1] }\n}`,
    preferred: false,
  },
  {
    name: 'a suggestion in quotes stays in quotes',
    code: 'unknown-name',
    text: `experiment a {\n  model { dense(3, activation: "softmx") }\n  loss: categorical_crossentropy\n}`,
    title: "Replace with 'softmax'",
    after: `experiment a {\n  model { dense(3, activation: "softmax") }\n  loss: categorical_crossentropy\n}`,
    preferred: true,
  },
  {
    name: 'an unknown parameter renamed',
    code: 'unknown-name',
    text: `experiment a {\n  loss: binary_crossentropy(from_logit: true)\n}`,
    title: "Replace with 'from_logits'",
    after: `experiment a {\n  loss: binary_crossentropy(from_logits: true)\n}`,
    preferred: true,
  },
  {
    name: 'an unknown parameter removed',
    code: 'unknown-name',
    text: `experiment a {\n  loss: binary_crossentropy(label_smoothing: 0.1, from_logit: true)\n}`,
    title: "Remove the argument 'from_logit'",
    after: `experiment a {\n  loss: binary_crossentropy(label_smoothing: 0.1)\n}`,
    preferred: false,
  },
  {
    name: 'an unknown key renamed',
    code: 'unknown-name',
    text: `experiment a {\n  los: binary_crossentropy\n}`,
    title: "Replace with 'loss'",
    after: `experiment a {\n  loss: binary_crossentropy\n}`,
    preferred: true,
  },
  {
    name: 'an unknown parent renamed',
    code: 'unknown-experiment',
    text: `experiment run_1 { loss: binary_crossentropy }\nexperiment run_2 extends run_l { optimizer: adam }`,
    title: "Replace with 'run_1'",
    after: `experiment run_1 { loss: binary_crossentropy }\nexperiment run_2 extends run_1 { optimizer: adam }`,
    preferred: true,
  },
  {
    name: 'a missing loss fits softmax over integer labels',
    code: 'missing-loss',
    text: `experiment a {\n  labels: integer\n  model {\n    dense(16, activation: relu)\n    dense(3, activation: softmax)\n  }\n  metrics: [accuracy]\n}`,
    title: 'Add loss: sparse_categorical_crossentropy',
    after: `experiment a {\n  labels: integer\n  model {\n    dense(16, activation: relu)\n    dense(3, activation: softmax)\n  }\n  loss: sparse_categorical_crossentropy\n  metrics: [accuracy]\n}`,
    preferred: true,
  },
  {
    name: 'a missing loss for logits, in a one-line experiment',
    code: 'missing-loss',
    text: `experiment a { model { dense(4) } }`,
    title: 'Add loss: categorical_crossentropy(from_logits: true)',
    after: `experiment a { model { dense(4) } loss: categorical_crossentropy(from_logits: true) }`,
    preferred: true,
  },
  {
    name: 'a duplicate property on a shared line',
    code: 'duplicate-property',
    text: `experiment a { task: binary task: multiclass }`,
    title: "Remove the second 'task'",
    after: `experiment a { task: binary }`,
    preferred: true,
  },
  {
    name: 'a positional activation named',
    code: 'invalid-argument',
    text: `experiment a {\n  model {\n    dense(3, softmax)\n  }\n  loss: categorical_crossentropy\n}`,
    title: 'Write activation: softmax',
    after: `experiment a {\n  model {\n    dense(3, activation: softmax)\n  }\n  loss: categorical_crossentropy\n}`,
    preferred: true,
  },
  {
    name: 'CRLF line breaks are kept',
    code: 'missing-loss',
    text: `experiment a {\r\n  model {\r\n    dense(1, activation: sigmoid)\r\n  }\r\n}\r\n`,
    title: 'Add loss: binary_crossentropy',
    after: `experiment a {\r\n  model {\r\n    dense(1, activation: sigmoid)\r\n  }\r\n  loss: binary_crossentropy\r\n}\r\n`,
    preferred: true,
  },
];

test('each fix produces exactly the expected text', async (t) => {
  for (const c of cases) {
    await t.test(`${c.code}: ${c.name}`, () => {
      const analysis = analyze(c.text);
      const d = analysis.diagnostics.find((x) => x.code === c.code);
      assert.ok(d, `${c.code} is reported`);
      const fixes = fixesFor(analysis, d!, STATIC);
      const fix = fixes.find((f) => f.title === c.title);
      assert.ok(fix, `a fix titled "${c.title}" among ${JSON.stringify(fixes.map((f) => f.title))}`);
      assert.equal(applyFix(c.text, fix!), c.after);
      assert.equal(!!fix!.isPreferred, c.preferred, 'preferred');
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
