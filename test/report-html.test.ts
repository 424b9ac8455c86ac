// The report view's HTML (a pure function): the heat map, the table, the CSP, escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heatMap, reportBody, reportDocument, reportPage } from '../client/src/report/html';
import { runCli } from '../server/src/cli/run';
import { mostConfused } from '../shared/report/plots';
import { thin } from '../shared/report/svg';
import { thinCurvesForView } from '../shared/report/thin-curves';
import type { ReportCurves } from '../shared/results';

/** Curves of a 3-class result, hand-made (what the plots draw; the numbers are the engine's, tested elsewhere). */
function curvesOf(k: number): ReportCurves {
  const one = (auc: number) => ({ roc: { fpr: [0, 0, 0.5, 1], tpr: [0, 0.5, 1, 1], thresholds: [Infinity, 0.9, 0.5, 0.1] }, auc, pr: { precision: [0.5, 1, 1], recall: [1, 0.5, 0], thresholds: [0.1, 0.9] }, ap: 0.8 });
  return {
    kind: 'one-vs-rest',
    per_class: Array.from({ length: k }, (_, i) => one(0.75 + i * 0.01)),
    micro: one(0.8),
    macro: { fpr: [0, 0.5, 1], tpr: [0, 0.9, 1], auc: 0.76, ap: 0.8 },
    calibration: { prob_true: [0.2, 0.9], prob_pred: [0.3, 0.8], counts: [2, 2], bins: [2, 7], edges: Array.from({ length: 11 }, (_, i) => i / 10), of: 'top label', ece: 0.1234, brier: 0.2 },
    true_class_probability: { counts: Array.from({ length: 20 }, (_, i) => i % 3), edges: Array.from({ length: 21 }, (_, i) => i / 20) },
  };
}
import type { ExperimentResult } from '../client/src/results';
import { asResults, headline } from '../client/src/results';

const result: ExperimentResult = {
  name: 'cats',
  task: 'multiclass',
  classes: ['setosa', 'dog', '<horse>'],
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

/** The elements of a group (<g class="NAME">…</g>) of an SVG string. */
const group = (svg: string, name: string) => svg.slice(svg.indexOf(`<g class="${name}">`), svg.indexOf('</g>', svg.indexOf(`<g class="${name}">`)));

test('the heat map draws one cell per pair, counts and row shares (a toggle between them), class names on both axes', () => {
  const svg = heatMap([[3, 1], [0, 4]], ['no', 'yes']);
  assert.equal((group(svg, 'raw').match(/<rect /g) ?? []).length, 4);
  assert.equal((group(svg, 'norm').match(/<rect /g) ?? []).length, 4);
  assert.match(group(svg, 'raw'), />3</);
  assert.match(group(svg, 'norm'), />75\.0%</);
  assert.match(group(svg, 'norm'), />25\.0%</);
  assert.equal((svg.match(/>yes</g) ?? []).length, 2);
  assert.match(svg, /<button type="button" class="toggle-normalised" aria-pressed="false"/);
});

test('issue 11 item 2: nothing in the report carries a style attribute (the CSP blocks them); bars are SVG rects with their width', () => {
  const body = reportBody({ ...result, curves: curvesOf(3) });
  assert.ok(!/\sstyle=/.test(body), 'no style= attribute');
  const bars = [...body.matchAll(/<rect class="bar (precision|recall|f1)" x="[\d.]+" y="[\d.]+" width="([\d.]+)"[^>]*data-value="([\d.]+)"/g)];
  assert.equal(bars.length, 9, 'three bars per class');
  for (const b of bars) assert.ok(Math.abs(Number(b[2]) - Number(b[3]) * 360) < 0.1, `width ${b[2]} for ${b[3]}`);
  assert.ok(bars.some((b) => Number(b[2]) > 0));
});

test('issue 11 item 3: long class names are shortened on the heat map axes, the full name in a <title>; column names are vertical', () => {
  const names = ['versicolor_long_name', 'virginica_long_name', 't_shirt', 'ankle_boot'];
  const svg = heatMap(names.map((_, i) => names.map((__, j) => (i === j ? 5 : 1))), names);
  // the middle left out, so names sharing a prefix stay apart by their ends
  assert.match(svg, />versico…g_name<title>predicted versicolor_long_name<\/title>/);
  assert.match(svg, />versico…g_name<title>true versicolor_long_name<\/title>/);
  assert.match(svg, />virgini…g_name<title>/);
  assert.equal((svg.match(/class="axis col-label"[^>]*transform="rotate\(-90 /g) ?? []).length, 4);
  assert.ok(svg.includes('>ankle_boot<title>'), 'a name that fits is whole');
});

test('past 20 classes the matrix scrolls and the most-confused pairs are listed, largest first', () => {
  const n = 30;
  const m: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 10 : 0)));
  m[4][7] = 9;
  m[2][3] = 4;
  const svg = heatMap(m, Array.from({ length: n }, (_, i) => `class_${i}`));
  assert.match(svg, /<div class="scroll" tabindex="0"/);
  assert.deepEqual(mostConfused(m, Array.from({ length: n }, (_, i) => `c${i}`)).slice(0, 2).map((p) => `${p.from}>${p.to}:${p.count}`), ['c4>c7:9', 'c2>c3:4']);
  assert.match(svg, /Most confused pairs<\/h3><ol><li><b>class_4<\/b> → <b>class_7<\/b>: 9 \(47\.4% of class_4\)/);
  assert.ok(!heatMap([[1]], ['a']).includes('class="scroll"'));
});

test('every plot is in the body when the result has curves; each is a focusable figure with SVG and PNG export', () => {
  const body = reportBody({ ...result, curves: curvesOf(3) });
  for (const id of ['bars', 'confusion', 'roc', 'pr', 'reliability', 'histogram']) {
    assert.match(body, new RegExp(`<figure class="plot" id="plot-${id}" data-plot="${id}" tabindex="0"`), id);
  }
  assert.equal((body.match(/class="export" data-format="svg"/g) ?? []).length, 6);
  assert.equal((body.match(/class="export" data-format="png"/g) ?? []).length, 6);
  assert.match(body, /setosa AUC 0\.750/);
  assert.match(body, /micro average<\/span> <span class="series-value">AUC 0\.800/);
  assert.match(body, /expected calibration error <b>0\.1234<\/b> · Brier score <b>0\.2000<\/b>/);
  assert.match(reportBody({ ...result, curves: { error: 'y_pred holds values outside [0, 1]' } }), /no curves: y_pred holds values outside \[0, 1\]/);
});

test('a curve of many points is thinned for drawing only: a point per pixel at most', () => {
  const n = 5000;
  const xs = Array.from({ length: n }, (_, i) => i / (n - 1));
  const drawn = thin(xs, xs, (v) => v * 300, (v) => 300 - v * 300);
  const points = drawn.split(' ').length;
  // a point at least 0.75 px from the last one: at most 300 / 0.75 + 1 on a 300 px diagonal, not 5000
  assert.ok(points <= 401 && points > 200, `${points} points`);
  assert.ok(drawn.endsWith('300,0'), 'the last point is kept');
});

test('xent eval --html: the same body in one self-contained page (no script, nothing remote)', () => {
  const page = reportDocument([{ ...result, curves: curvesOf(3) }]);
  assert.ok(page.includes(reportBody({ ...result, curves: curvesOf(3) })));
  assert.ok(!/<script/.test(page));
  assert.ok(!/(src|href)="https?:/.test(page));
  assert.match(page, /--vscode-editor-background: #ffffff/);
  assert.match(page, /prefers-color-scheme: dark/);
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
      { metric: 'recall', params: { average: null, pos_label: 1, zero_division: 'warn' }, value: { cat: 1, '<horse>': 0.5 }, error: null, note: 'a note', library: 'scikit-learn', line: 3, column: 40 },
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
  // (the export script names the SVG namespace, an identifier, not a resource)
  assert.ok(!/https?:\/\//.test(page.replaceAll('http://www.w3.org/2000/svg', '')), 'no remote resource');
  assert.ok(!/\sstyle=/.test(page), 'no style attribute (the policy blocks them)');
  assert.equal((page.match(/<script nonce="abc123">/g) ?? []).length, 1);
});

test('headline and result shapes', () => {
  // The status bar shows the lens's own headline (shared/headline.ts): one text for the same result everywhere.
  assert.equal(headline(result), 'log_loss 0.9163 · F1 macro 0.7778 · accuracy 0.750 · 4 samples · 3 ms');
  assert.equal(asResults({ results: [result] }).length, 1);
  assert.equal(asResults(result)[0].name, 'cats');
  assert.equal(headline({ ...result, error: 'runs/val.csv: file not found' }), 'cannot evaluate: runs/val.csv: file not found');
});

test('xent eval FILE --html OUT writes the report page with every plot; --json alongside prints the result without curves', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-html-'));
  try {
    writeFileSync(join(dir, 'val.csv'), 'label,p_cat,p_dog,p_horse\ncat,0.7,0.2,0.1\ndog,0.2,0.7,0.1\nhorse,0.1,0.1,0.8\ncat,0.3,0.6,0.1\n');
    writeFileSync(join(dir, 'exp.xent'), 'experiment pets {\n  task: multiclass\n  classes: [cat, dog, horse]\n  data: csv("val.csv", y_true: "label", y_pred: "p_*")\n}\n');
    let out = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } };
    const code = await runCli(['eval', join(dir, 'exp.xent'), '--json', '--html', join(dir, 'report.html')], io);
    assert.equal(code, 0, out);
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    for (const id of ['bars', 'confusion', 'roc', 'pr', 'reliability', 'histogram']) assert.match(page, new RegExp(`id="plot-${id}"`), id);
    assert.ok(!/<script/.test(page));
    assert.equal(JSON.parse(out).experiments[0].curves, undefined, 'the JSON is the same with or without --html');
    let usage = '';
    assert.equal(await runCli(['eval', join(dir, 'exp.xent'), '--html'], { stdout: { write: () => 0 }, stderr: { write: (s: string) => (usage += s) } }), 2);
    assert.match(usage, /--html needs the file to write/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the editor\'s curves are thinned to what a drawing shows (points 1/2000 apart), thresholds aligned, AUC and AP untouched', () => {
  const n = 100_001;
  const xs = Array.from({ length: n }, (_, i) => i / (n - 1));
  const ys = xs.map((x) => Math.sqrt(x));
  const thresholds = [Infinity, ...xs.slice(1).map((x) => 1 - x)];
  const one = { roc: { fpr: xs, tpr: ys, thresholds }, auc: 0.6667, pr: { precision: ys.slice().reverse(), recall: xs.slice().reverse(), thresholds: thresholds.slice(1) }, ap: 0.5 };
  const curves = { ...curvesOf(2), per_class: [one], micro: one };
  const thinned = thinCurvesForView(curves);
  const roc = thinned.per_class[0].roc;
  assert.ok(roc.fpr.length < 4100 && roc.fpr.length > 1000, `${roc.fpr.length} points`);
  assert.equal(roc.fpr.length, roc.thresholds.length);
  assert.deepEqual([roc.fpr[0], roc.tpr[0], roc.thresholds[0]], [0, 0, Infinity]);
  assert.deepEqual([roc.fpr.at(-1), roc.tpr.at(-1)], [1, 1]);
  // every kept point is one of the engine's, with its own threshold
  for (let i = 1; i < roc.fpr.length; i += 97) assert.equal(roc.thresholds[i], 1 - roc.fpr[i]);
  const pr = thinned.per_class[0].pr;
  assert.equal(pr.thresholds.length, pr.precision.length - 1);
  assert.equal(thinned.per_class[0].auc, 0.6667);
  assert.equal(thinned.micro!.ap, 0.5);
  assert.equal(thinned.calibration, curves.calibration);
});
