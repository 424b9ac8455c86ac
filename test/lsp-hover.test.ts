// Hover over LSP with a real client: every kind of name shows what the catalogue and the semantic model know,
// over the range of the hovered name; white space, comments and unknown names show nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from './support/lsp-client';
import { withCursor } from './support/cursor-marker';
import { analyze } from '../server/src/core/check';
import { HOVER_SECTIONS } from '../server/src/lsp/features/hover-sections';
import { buildHover, hoverContext } from '../server/src/lsp/features/hover';

const CDH = `experiment cats_dogs_horses {
  task: multiclass
  classes: [cat, dog, horse]
  labels: onehot
  model {
    input(8)
    dense(16, activation: relu)
    conv1d(8, kernel: 3, padding: same)
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy(label_smoothing: 0.1)
  optimizer: adam(learning_rate: 0.001)
  metrics: [accuracy, f1(average: macro), log_loss]
  data {
    y_true: [[0, 1, 0], [1, 0, 0], [0, 0, 1]]
    y_pred: [[0.4, 0.4, 0.2], [0.7, 0.2, 0.1], [0.1, 0.2, 0.7]]
  }
}
`;

/** Puts the cursor marker on the `nth` occurrence of `word` in `text`, `into` characters into it. */
function mark(text: string, word: string, into = 1, nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  if (at < 0) throw new Error(`'${word}' not in the text`);
  return text.slice(0, at + into) + '|' + text.slice(at + into);
}

interface HoverCase {
  readonly name: string;
  readonly source: string;
  /** Fragments the hover's Markdown must contain, in any order. */
  readonly contains: readonly string[];
  readonly excludes?: readonly string[];
  /** The text the hover's range must cover. */
  readonly range: string;
}

const INFERRED = `experiment seed {
  classes: [cat, dog, horse]
  loss: categorical_crossentropy
  data {
    y_true: [[0, 1, 0], [1, 0, 0]]
  }
}
experiment child extends seed {
  optimizer: sgd
}
`;

const BINARY = `experiment spam {
  task: binary
  classes: [ham, spam]
  loss: binary_crossentropy(from_logits: false)
  metrics: [f1(pos_label: spam), precision]
  model: logistic_regression(C: 0.5)
  data: csv("runs/val.csv", y_true: "label", y_pred: "p_spam")
}
experiment spam_npy extends spam {
  data: npy(y_true: "y.npy", y_pred: "p.npy")
}
`;

const CASES: readonly HoverCase[] = [
  {
    name: 'a loss: formula, Keras and scikit-learn names, parameters with defaults',
    source: mark(BINARY, 'binary_crossentropy', 4),
    contains: ['**binary_crossentropy** · loss', 'L = −(1/N) Σ', 'keras.losses.BinaryCrossentropy', 'sklearn.metrics.log_loss', '`from_logits` (true | false, default `false`)', '`label_smoothing` (number in [0, 1], default `0.0`)'],
    range: 'binary_crossentropy',
  },
  {
    name: 'a loss in a call with options',
    source: mark(CDH, 'categorical_crossentropy', 3),
    contains: ['L = −(1/N) Σᵢ Σₖ yᵢₖ·log pᵢₖ', 'keras.losses.CategoricalCrossentropy', 'H(p, q) = H(p) + KL(p‖q)'],
    range: 'categorical_crossentropy',
  },
  {
    name: 'an activation given to a layer',
    source: mark(CDH, 'softmax', 2),
    contains: ['**softmax** · activation', 'softmax(x)ₖ = e^(xₖ)/Σⱼ e^(xⱼ)', '```text', 'keras.activations.softmax'],
    range: 'softmax',
  },
  {
    name: 'an optimizer',
    source: mark(CDH, 'adam'),
    contains: ['**adam** · optimizer', 'keras.optimizers.Adam', '`learning_rate` (number > 0, default `0.001`)', '`beta_1` (number in [0, 1), default `0.9`)'],
    range: 'adam',
  },
  {
    name: 'a metric, with the average xent uses when none is given',
    source: mark(INFERRED.replace('optimizer: sgd', 'metrics: [precision]'), 'precision', 2),
    contains: ['**precision** · metric', 'sklearn.metrics.precision_score', 'In effect: average macro'],
    range: 'precision',
  },
  // The metrics issue 8 adds, under their names and the scikit-learn function names (aliases).
  ...(
    [
      ['average_precision', 'average_precision_score', 'AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ', ['`average` (micro | macro | weighted | samples | none, default `macro`)', '`pos_label`']],
      ['brier_score_loss', 'brier_score', 'brier = (1/N) Σᵢ Σₖ (yᵢₖ − pᵢₖ)²', ['`scale_by_half` (auto or true | false, default `auto`)', '`pos_label` (class (index or name), default `None`)']],
      ['balanced_accuracy', 'balanced_accuracy_score', 'balanced_accuracy = (1/K) Σₖ TPₖ/(TPₖ + FNₖ)', ['`adjusted` (true | false, default `false`)']],
      ['matthews_corrcoef', 'mcc', 'MCC = (TP·TN − FP·FN)', []],
      ['cohen_kappa', 'cohen_kappa_score', 'κ = (pₒ − pₑ)/(1 − pₑ)', ['`weights` (linear | quadratic | none, default `None`)', '`replace_undefined_by` (nan or number in [-1, 1], default `nan`)']],
      ['hamming_loss', 'hamming_loss', 'hamming_loss = (1/(N·L))', []],
      ['jaccard', 'jaccard_score', 'J = |Y ∩ Ŷ|/|Y ∪ Ŷ| = TP/(TP + FP + FN)', ['`average` (average name, default `binary`)', '`zero_division` (warn | nan or integer in [0, 1], default `warn`)']],
    ] as const
  ).map(([name, spelling, formula, params]): HoverCase => ({
    name: `the metric ${name}${spelling !== name ? ` (written ${spelling})` : ''}: formula, scikit-learn name, parameters`,
    source: mark(`experiment a {\n  task: multiclass\n  metrics: [${spelling}]\n}`, spelling, 2),
    contains: [`**${name}** · metric`, formula, `sklearn.metrics.`, ...params],
    range: spelling,
  })),
  {
    name: 'log_loss in metrics is the metric',
    source: mark(CDH, 'log_loss', 2),
    contains: ['**log_loss** · metric'],
    excludes: ['· loss'],
    range: 'log_loss',
  },
  {
    name: 'log_loss after loss: is the loss',
    source: `experiment a {\n  loss: log_lo|ss\n}`,
    contains: ['**log_loss** · loss'],
    range: 'log_loss',
  },
  {
    name: 'a layer',
    source: mark(CDH, 'dense', 2),
    contains: ['**dense** · layer', 'y = f(W·x + b)', 'keras.layers.Dense', '`units` (integer ≥ 1, required', '`activation` (activation name, default `None`)'],
    range: 'dense',
  },
  {
    name: 'a whole model',
    source: mark(BINARY, 'logistic_regression', 3),
    contains: ['**logistic_regression** · model', 'p = σ(w·x + b)', 'sklearn.linear_model.LogisticRegression', '`C` (number > 0, default `1.0`)'],
    range: 'logistic_regression',
  },
  {
    name: 'an option (named argument): type, default, allowed range',
    source: mark(CDH, 'learning_rate', 3),
    contains: ['**learning_rate** · parameter of `adam` (optimizer)', 'Type: number', 'Default: `0.001`', 'Allowed: > 0'],
    range: 'learning_rate',
  },
  {
    name: 'an option of a loss',
    source: mark(CDH, 'label_smoothing', 3),
    contains: ['parameter of `categorical_crossentropy`', 'Default: `0.0`', 'Allowed: [0, 1]'],
    range: 'label_smoothing',
  },
  {
    name: 'an alias of a parameter',
    source: mark(CDH, 'kernel:', 2),
    contains: ['**kernel_size** · parameter of `conv1d`', 'Also spelled `kernel`'],
    range: 'kernel',
  },
  {
    name: 'a positional argument explains its parameter',
    source: mark(CDH, '16', 1),
    contains: ['**units** · parameter of `dense`', 'Required', 'Allowed: ≥ 1'],
    range: '16',
  },
  {
    name: 'a value of a parameter with fixed values',
    source: mark(CDH, 'same', 2),
    contains: ['**same** · value of `conv1d` `padding`', 'valid | **same** | causal', 'Default: `valid`'],
    range: 'same',
  },
  {
    name: 'an average',
    source: mark(CDH, 'macro', 2),
    contains: ['**macro** · average', 'F1 = (1/K) Σₖ F1ₖ'],
    range: 'macro',
  },
  {
    name: 'a key, with the value in effect',
    source: mark(CDH, 'labels', 2),
    contains: ['**labels** · key', 'How y_true is encoded', 'onehot (declared)'],
    range: 'labels',
  },
  {
    name: 'a key whose value is inferred shows where from',
    source: mark(INFERRED, 'classes', 2),
    contains: ['**classes** · key', '3: cat, dog, horse (declared)'],
    range: 'classes',
  },
  {
    name: 'the model key shows the output in effect',
    source: mark(CDH, 'model', 2),
    contains: ['**model** · key', 'In effect: 3 units, softmax (dense, line 9)'],
    range: 'model',
  },
  {
    name: 'a data key',
    source: mark(CDH, 'y_true', 2),
    contains: ['**y_true** · data key', '3 × 3', 'labels onehot (declared)'],
    range: 'y_true',
  },
  {
    name: 'a task value',
    source: mark(CDH, 'multiclass', 2),
    contains: ['**multiclass** · task', 'softmax'],
    range: 'multiclass',
  },
  {
    name: 'an encoding value',
    source: mark(CDH, 'onehot', 2),
    contains: ['**onehot** · label encoding', 'categorical_crossentropy'],
    range: 'onehot',
  },
  {
    name: 'a data source',
    source: mark(BINARY, 'csv', 1),
    contains: ['**csv** · data source', '`path` (string, required'],
    range: 'csv',
  },
  {
    name: 'a data source parameter',
    source: mark(BINARY, 'y_pred: "p.npy"', 2),
    contains: ['**y_pred** · parameter of `npy` (data source)', 'Default: `None`'],
    range: 'y_pred',
  },
  {
    name: 'an experiment name shows the model facts, declared or inferred and where',
    source: mark(INFERRED, 'seed', 2),
    contains: ['**experiment seed**', 'task: multiclass (inferred from classes, line 2)', 'labels: onehot (inferred from y_true, line 5)', 'classes: 3: cat, dog, horse (declared)', 'loss: categorical_crossentropy'],
    range: 'seed',
  },
  {
    name: 'an inheriting experiment says where each fact comes from',
    source: mark(INFERRED, 'child', 2),
    contains: ['**experiment child** extends `seed`', 'labels: onehot (inferred from y_true in seed, line 5)', 'loss: categorical_crossentropy (from seed)', 'optimizer: sgd'],
    range: 'child',
  },
  {
    name: 'the parent in extends shows its summary',
    source: mark(INFERRED, 'seed', 2, 1),
    contains: ['**experiment seed**', 'task: multiclass', 'classes: 3', 'loss: categorical_crossentropy'],
    range: 'seed',
  },
  {
    name: 'a class given to pos_label',
    source: mark(BINARY, 'spam)', 1),
    contains: ['class spam · index 1 of 2 (declared)'],
    range: 'spam',
  },
  {
    name: 'a class index in y_true names its class',
    source: `experiment a {\n  classes: [cat, dog, horse]\n  data { y_true: [0, |2, 1] }\n}`,
    contains: ['label 2 = class horse'],
    range: '2',
  },
];

const NULL_CASES: readonly { name: string; source: string }[] = [
  { name: 'white space between properties', source: 'experiment a {\n  task: binary\n|\n  loss: binary_crossentropy\n}' },
  { name: 'white space inside a property', source: 'experiment a {\n  loss:  |  binary_crossentropy\n}' },
  { name: 'a comment after a value', source: 'experiment a {\n  loss: binary_crossentropy  # the lo|ss\n}' },
  { name: 'a comment line', source: '# binary_cross|entropy\nexperiment a { loss: binary_crossentropy }' },
  { name: 'a comment inside a list', source: 'experiment a {\n  data {\n    y_true: [0, # fir|st\n      1]\n  }\n}' },
  { name: 'outside any experiment', source: 'experiment a { task: binary }\n\n|\n' },
  { name: 'an unknown name', source: 'experiment a {\n  loss: binary_crossentro|pi\n}' },
  { name: 'punctuation', source: 'experiment a {\n  loss|: binary_crossentropy\n}'.replace('loss|:', 'loss:|') },
  { name: 'a number of y_pred', source: 'experiment a {\n  data { y_pred: [0.|4, 0.6] }\n}' },
];

let client: TestClient;
before(async () => {
  client = await startClient();
});
after(async () => {
  await client.stop();
});

async function hoverAt(source: string): Promise<{ hover: Hover | null; text: string }> {
  const m = withCursor(source);
  const uri = await client.open(m.text);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: m.position });
  return { hover, text: m.text };
}

function rangeText(text: string, hover: Hover): string {
  const lines = text.split('\n');
  const r = hover.range!;
  assert.equal(r.start.line, r.end.line, 'a hovered name lies on one line');
  return lines[r.start.line].slice(r.start.character, r.end.character);
}

describe('hover', () => {
  test('the server offers hovers', () => {
    assert.equal(client.initialize.capabilities.hoverProvider, true);
  });

  for (const c of CASES) {
    test(c.name, async () => {
      const { hover, text } = await hoverAt(c.source);
      assert.ok(hover, `no hover for ${JSON.stringify(c.source)}`);
      const contents = hover.contents as MarkupContent;
      assert.equal(contents.kind, 'markdown');
      for (const fragment of c.contains) assert.ok(contents.value.includes(fragment), `missing ${JSON.stringify(fragment)} in:\n${contents.value}`);
      for (const fragment of c.excludes ?? []) assert.ok(!contents.value.includes(fragment), `unexpected ${JSON.stringify(fragment)} in:\n${contents.value}`);
      assert.ok(!/\\frac|\\sum|\$\$/.test(contents.value), 'no LaTeX');
      assert.equal(rangeText(text, hover), c.range);
    });
  }

  for (const c of NULL_CASES) {
    test(`no hover on ${c.name}`, async () => {
      const { hover } = await hoverAt(c.source);
      assert.equal(hover, null);
    });
  }

  test('a hover on a broken document still answers', async () => {
    const { hover } = await hoverAt('experiment a {\n  loss: binary_cross|entropy(\n  data: csv("x\n');
    assert.ok((hover?.contents as MarkupContent).value.includes('**binary_crossentropy** · loss'));
  });
});

describe('hover sections', () => {
  test('sections answer in list order, joined by rules; a failing section is skipped', () => {
    const m = withCursor('experiment a {\n  lab|els: onehot\n}');
    const ctx = hoverContext(analyze(m.text), m.offset)!;
    const errors: unknown[] = [];
    const built = buildHover(ctx, [() => 'first', () => undefined, () => { throw new Error('boom'); }, ...HOVER_SECTIONS], (e) => errors.push(e));
    assert.ok(built);
    assert.ok(built.markdown.startsWith('first\n\n---\n\n**labels** · key'));
    assert.equal(errors.length, 1);
    assert.equal(m.text.slice(built.start, built.end), 'labels');
  });

  test('a section sees the model of the experiment under the cursor and the path to the name', () => {
    const m = withCursor('experiment a { task: binary }\nexperiment b {\n  task: multi|class\n}');
    const ctx = hoverContext(analyze(m.text), m.offset)!;
    assert.equal(ctx.model?.name, 'b');
    assert.equal(ctx.path[0].kind, 'experiment');
    assert.equal(ctx.path[ctx.path.length - 1].kind, 'identifier');
  });
});
