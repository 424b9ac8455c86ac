// The report view's HTML (a pure function): the heat map, the table, the CSP, escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatMap, reportBody, reportPage } from '../client/src/report/html';
import type { ExperimentResult } from '../client/src/results';
import { asResults, headline } from '../client/src/results';

const result: ExperimentResult = {
  name: 'cats',
  task: 'multiclass',
  classes: ['cat', 'dog', '<horse>'],
  samples: 4,
  loss: { name: 'categorical_crossentropy', value: 0.9163 },
  metrics: {
    log_loss: 0.9163,
    accuracy: 0.75,
    f1: { per_class: [0.67, 1, 0.67], macro: 0.7778, micro: 0.75, weighted: 0.75 },
    precision: { per_class: [0.5, 1, 1] },
    recall: { per_class: [1, 1, 0.5] },
    confusion_matrix: [[1, 0, 0], [0, 1, 0], [1, 0, 1]],
    report: { cat: { precision: 0.5, recall: 1, 'f1-score': 0.67, support: 1 }, accuracy: 0.75 },
    report_text: 'text',
    entropy: { entropy: 0, cross_entropy: 0.9163, kl_divergence: 0.9163 },
  },
  declared: [],
  diagnostics: [],
  error: null,
  elapsed_ms: 3,
};

test('the heat map draws one cell per pair with counts, row shares and class names on both axes', () => {
  const svg = heatMap([[3, 1], [0, 4]], ['no', 'yes']);
  assert.equal((svg.match(/<rect /g) ?? []).length, 4);
  assert.match(svg, />75%</);
  assert.match(svg, />25%</);
  assert.equal((svg.match(/>yes</g) ?? []).length, 2);
});

test('the body escapes class names and shows H(p, q) = H(p) + KL(p‖q)', () => {
  const body = reportBody(result);
  assert.ok(body.includes('&lt;horse&gt;'));
  assert.ok(!body.includes('<horse>'));
  assert.match(body, /H\(p, q\) = H\(p\) \+ KL\(p‖q\)/);
  assert.match(body, /L = −\(1\/N\) Σᵢ Σₖ yᵢₖ·log pᵢₖ/);
});

test('the declared metrics are listed in the file\'s order, with parameters, values, notes and refusals (escaped)', () => {
  const body = reportBody({
    ...result,
    declared: [
      { metric: 'f1', params: { average: 'macro', pos_label: 1, zero_division: 'warn' }, value: 0.77784, error: null, library: 'scikit-learn', line: 3, column: 13 },
      { metric: 'auc', params: { average: 'macro', multi_class: 'raise', max_fpr: null }, value: null, error: "multi_class must be in ('ovo', 'ovr')", library: 'scikit-learn', line: 3, column: 30 },
      { metric: 'recall', params: { average: 'none', pos_label: 1, zero_division: 'warn' }, value: { cat: 1, '<horse>': 0.5 }, error: null, note: 'a note', library: 'scikit-learn', line: 3, column: 40 },
      { metric: 'classification_report', params: { digits: 2, zero_division: 'warn' }, value: '  precision\n<horse> 1.00\n', error: null, library: 'scikit-learn', line: 3, column: 60 },
    ],
  });
  const section = body.slice(body.indexOf('<h2>Declared metrics</h2>'));
  const order = ['f1(average: macro', 'auc(average: macro', 'recall(average: none', 'classification_report(digits: 2'].map((s) => section.indexOf(s));
  assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1])), `in order: ${order}`);
  assert.match(section, /<td class="value">0\.7778<\/td>/);
  assert.match(section, /multi_class must be in \(&#39;ovo&#39;, &#39;ovr&#39;\)/);
  assert.match(section, /cat 1\.0000 · &lt;horse&gt; 0\.5000/);
  assert.match(section, /<pre>  precision\n&lt;horse&gt; 1\.00<\/pre>/);
  assert.ok(!section.includes('<horse>'));
  assert.ok(!reportBody(result).includes('Declared metrics'), 'no section when nothing is declared');
});

test('the page has a strict CSP: nothing remote, scripts and styles by nonce only', () => {
  const page = reportPage(result, 'abc123', 'vscode-resource:');
  assert.match(page, /default-src 'none'/);
  assert.match(page, /script-src 'nonce-abc123'/);
  assert.ok(!/https?:\/\//.test(page), 'no remote resource');
  assert.equal((page.match(/<script nonce="abc123">/g) ?? []).length, 1);
});

test('headline and result shapes', () => {
  // The status bar shows the lens's own headline (shared/headline.ts): one text for the same result everywhere.
  assert.equal(headline(result), 'log_loss 0.9163 · F1 macro 0.7778 · accuracy 0.750 · 4 samples · 3 ms');
  assert.equal(asResults({ results: [result] }).length, 1);
  assert.equal(asResults(result)[0].name, 'cats');
  assert.equal(headline({ ...result, error: 'runs/val.csv: file not found' }), 'cannot evaluate: runs/val.csv: file not found');
});
