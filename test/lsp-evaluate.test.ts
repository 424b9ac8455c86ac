// The "evaluate" code lens, the evaluation service, inlay hints and the evaluated hover, over LSP with a real
// client: lenses before and after evaluate (numbers equal to the metrics engine's, called directly here),
// failures in the lens and as diagnostics, Restricted Mode, data paths outside the workspace folder,
// cancellation and progress of a long evaluation, and the result cache.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  WorkDoneProgress,
  type CodeLens,
  type Diagnostic,
  type Hover,
  type InlayHint,
  type MarkupContent,
  type PublishDiagnosticsParams,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol';
import { analyze } from '../server/src/core/check';
import { evaluateExperiment } from '../server/src/core/eval/evaluate';
import type { DeclaredMetric, ExperimentResult } from '../server/src/core/eval/types';
import { headline } from '../shared/headline';
import { runCli } from '../server/src/cli/run';
import { declaredMarkdown } from '../server/src/lsp/evaluation/explain';
import { buildHints } from '../server/src/lsp/features/inlay-hints';
import { withCursor } from './support/cursor-marker';
import { SERVER, startClient, type TestClient } from './support/lsp-client';
import { createJobRunner } from '../server/src/lsp/evaluation/runner';
import { spawn } from 'node:child_process';
import { stdioConnection } from './support/stdio-connection';

// ------------------------------------------------------------------------------------------ fixtures

/** The seed of issue 4: scikit-learn log_loss([1, 0, 0], [0.7, 0.2, 0.1]) = 0.2284. */
const SEED = 'experiment c { task: binary loss: binary_crossentropy metrics: [log_loss] data { y_true: [1, 0, 0] y_pred: [0.7, 0.2, 0.1] } }';

/** The bnsreenu seed: a fitted logistic regression, log loss 0.4594 (the lens example of the issue). */
const BNSREENU = `experiment bnsreenu_cat_dog {
  task: binary
  classes: [cat, dog]
  model: logistic_regression(C: 1.0)
  loss: binary_crossentropy
  metrics: [log_loss, accuracy, f1]
  data {
    features: [-1.8, -0.8, -0.5, -0.1, 0.5, 0.6, 0.9, 1.1, 1.5, 1.9]
    y_true:   [0, 0, 1, 0, 1, 0, 1, 1, 1, 1]
  }
}
`;

/** One-hot y_true: a distribution, so the hover splits the cross-entropy into entropy and divergence. */
const ONE_HOT = `experiment cdh {
  task: multiclass
  classes: [cat, dog, horse]
  labels: onehot
  loss: categorical_crossentropy
  metrics: [accuracy, f1(average: macro), log_loss]
  data {
    y_true: [[0, 1, 0], [1, 0, 0], [0, 0, 1]]
    y_pred: [[0.4, 0.4, 0.2], [0.7, 0.2, 0.1], [0.1, 0.2, 0.7]]
  }
}
`;

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xent-eval-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh folder under the test's temp dir. */
function folder(name: string): string {
  const f = join(dir, name);
  mkdirSync(f, { recursive: true });
  return f;
}

const BIG_ROWS = 2_000_000;
let bigFolder: string | undefined;

/**
 * A folder holding big.csv: a multiclass CSV of 2M rows (≈ 50 MB), long enough to cancel and to see progress.
 * Its labels are quoted, which makes the CSV reader read sequentially (about a second) rather than in parallel.
 */
function bigCsvFolder(): string {
  if (bigFolder) return bigFolder;
  const f = folder('big');
  const parts = ['label,p_a,p_b,p_c\n'];
  let s = '';
  for (let i = 0; i < BIG_ROWS; i++) {
    const a = ((i * 7919) % 997) / 2000;
    const b = ((i * 104729) % 991) / 2000;
    s += `"${i % 3}",${a.toFixed(4)},${b.toFixed(4)},${(1 - a - b).toFixed(4)}\n`;
    if (s.length > 1 << 20) {
      parts.push(s);
      s = '';
    }
  }
  parts.push(s);
  writeFileSync(join(f, 'big.csv'), parts.join(''));
  return (bigFolder = f);
}

// ------------------------------------------------------------------------------------------ client plumbing

async function openFile(c: TestClient, path: string, text: string): Promise<string> {
  const uri = pathToFileURL(path).href;
  await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version: 1, text } });
  return uri;
}

const lenses = (c: TestClient, uri: string) => c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
const titles = async (c: TestClient, uri: string) => (await lenses(c, uri)).map((l) => l.command?.title);

interface Answer {
  results: ExperimentResult[];
  cached: string[];
}
const evaluate = (c: TestClient, uri: string, experiment?: string) => c.request<Answer>('xent/evaluate', { uri, experiment });

const hints = (c: TestClient, uri: string) =>
  c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } } });

async function hoverText(c: TestClient, uri: string, position: { line: number; character: number }): Promise<string> {
  const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  return h ? (h.contents as MarkupContent).value : '';
}

/**
 * Records every publishDiagnostics of the client (this replaces the shared client's own handler, so its
 * `diagnostics()` is not used afterwards in the same test).
 */
function recordDiagnostics(c: TestClient) {
  const seen: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  c.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    seen.push(p);
    waiters.splice(0).forEach((w) => w());
  });
  return {
    /** The first publication for `uri` (from the start of recording) whose diagnostics satisfy `pred`. */
    async until(uri: string, pred: (ds: Diagnostic[]) => boolean, timeoutMs = 5000): Promise<Diagnostic[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = [...seen].reverse().find((p) => p.uri === uri && pred(p.diagnostics));
        if (hit) return hit.diagnostics;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(seen.filter((p) => p.uri === uri).at(-1)?.diagnostics)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left).unref();
        });
      }
    },
  };
}

/** The engine's own result for an experiment of a text (the numbers the server must show). */
async function engine(text: string, name: string, baseDir = dir): Promise<ExperimentResult> {
  const model = analyze(text).models.find((m) => m.name === name)!;
  return (await evaluateExperiment(model, { baseDir, digits: 2 })).result;
}

/** The lens text without its timing, which differs from run to run. */
const untimed = (title: string | undefined) => title?.replace(/ · (<1|\d+(\.\d)?) (ms|s)$/, '');

// ------------------------------------------------------------------------------------------ pure parts

/** A declared metric's result as the engine shapes it (params as given, position irrelevant to the display). */
function declared(metric: string, params: DeclaredMetric['params'], value: DeclaredMetric['value'], extra: Partial<DeclaredMetric> = {}): DeclaredMetric {
  return { metric, params, value, error: null, library: 'scikit-learn', line: 1, column: 1, ...extra };
}

describe('the lens headline (pure)', () => {
  const base: ExperimentResult = {
    name: 'x',
    task: 'binary',
    classes: ['0', '1'],
    samples: 10,
    loss: { name: 'binary_crossentropy', value: 0.45942 },
    metrics: { log_loss: 0.45941, accuracy: 0.7, f1: { per_class: [0.6, 0.7692], binary: 0.76923, macro: 0.6846 } },
    declared: [],
    diagnostics: [],
    error: null,
    elapsed_ms: 3.2,
  };
  const logLoss = declared('log_loss', { normalize: true }, 0.45941);
  const accuracy = declared('accuracy', { normalize: true }, 0.7);
  const f1 = declared('f1', { average: 'binary', pos_label: 1, zero_division: 'warn' }, 0.76923);
  const cases: { name: string; result: Partial<ExperimentResult>; expected: string }[] = [
    {
      name: 'the issue example: the declared metrics in the file\'s order; the loss equal to log_loss to the printed digits is left out',
      result: { declared: [logLoss, accuracy, f1] },
      expected: 'log_loss 0.4594 · accuracy 0.700 · F1 0.7692 · 10 samples · 3 ms',
    },
    { name: 'no metrics declared: log loss, F1 and accuracy', result: {}, expected: 'log_loss 0.4594 · F1 0.7692 · accuracy 0.700 · 10 samples · 3 ms' },
    {
      name: 'a non-binary average is named; the loss comes first when log_loss is not declared',
      result: { declared: [declared('f1', { average: 'macro', pos_label: 1, zero_division: 'warn' }, 0.68456)] },
      expected: 'binary_crossentropy 0.4594 · F1 macro 0.6846 · 10 samples · 3 ms',
    },
    {
      name: 'a loss that differs from the log loss is shown',
      result: { loss: { name: 'categorical_crossentropy', value: 0.61 }, declared: [logLoss] },
      expected: 'categorical_crossentropy 0.6100 · log_loss 0.4594 · 10 samples · 3 ms',
    },
    {
      name: 'two f1 with different averages, fbeta and top-k are told apart',
      result: {
        loss: null,
        declared: [
          declared('f1', { average: 'micro', pos_label: 1, zero_division: 'warn' }, 0.8),
          declared('f1', { average: 'weighted', pos_label: 1, zero_division: 1 }, 0.7512),
          declared('fbeta', { beta: 2, average: 'binary', pos_label: 1, zero_division: 'warn' }, 0.81234),
          declared('top_k_accuracy', { k: 3, normalize: true }, 1),
        ],
      },
      expected: 'F1 micro 0.8000 · F1 weighted 0.7512 · F2 0.8123 · top-3 accuracy 1.0000 · 10 samples · 3 ms',
    },
    {
      name: 'values that are not one number stay out of the lens; refused ones are counted',
      result: {
        loss: { name: 'sparse_categorical_crossentropy', value: null, error: 'Argument `output` must have rank (ndim) `target.ndim - 1`' },
        declared: [
          declared('f1', { average: 'none', pos_label: 1, zero_division: 'warn' }, { cat: 0.5, dog: 1 }),
          declared('confusion_matrix', { normalize: null }, [[1, 0], [1, 2]]),
          declared('auc', { average: 'macro', multi_class: 'raise', max_fpr: null }, null, { error: "multi_class must be in ('ovo', 'ovr')" }),
          declared('cohen_kappa', { weights: 'quadratic', replace_undefined_by: 'nan' }, 0.8),
        ],
      },
      expected: 'cohen_kappa 0.8000 · 2 not computed · 10 samples · 3 ms',
    },
    {
      name: 'at most four metrics, then how many more',
      result: {
        loss: null,
        declared: ['accuracy', 'balanced_accuracy', 'matthews_corrcoef', 'hamming_loss', 'jaccard', 'brier_score_loss'].map((m, i) => declared(m, {}, i / 10)),
      },
      expected: 'accuracy 0.000 · balanced_accuracy 0.1000 · matthews_corrcoef 0.2000 · hamming_loss 0.3000 · +2 more · 10 samples · 3 ms',
    },
    { name: 'one sample, under a millisecond, no loss', result: { samples: 1, elapsed_ms: 0.2, loss: null, declared: [accuracy] }, expected: 'accuracy 0.700 · 1 sample · <1 ms' },
    { name: 'a failure', result: { error: 'runs/val.csv: file not found' }, expected: 'cannot evaluate: runs/val.csv: file not found' },
  ];
  for (const k of cases) {
    test(k.name, () => {
      assert.equal(headline({ ...base, ...k.result }), k.expected);
    });
  }
});

describe('declared metrics in inlay hints and hovers (pure)', () => {
  const text = `experiment x {
  task: multiclass
  classes: [cat, dog, horse]
  loss: sparse_categorical_crossentropy
  metrics: [f1(average: none), auc, confusion_matrix, accuracy, classification_report(digits: 3)]
}
experiment y extends x {
  metrics: [accuracy]
}
`;
  const analysis = analyze(text);
  const result: ExperimentResult = {
    name: 'x',
    task: 'multiclass',
    classes: ['cat', 'dog', 'horse'],
    samples: 3,
    loss: { name: 'sparse_categorical_crossentropy', value: null, error: 'Received a label value of 3 which is outside the valid range of [0, 3)', library: 'keras' },
    metrics: {},
    declared: [
      declared('f1', { average: 'none', pos_label: 1, zero_division: 'warn' }, { cat: 0.6667, dog: 0, horse: 1 }),
      declared('auc', { average: 'macro', multi_class: 'raise', max_fpr: null }, null, { error: "multi_class must be in ('ovo', 'ovr')" }),
      declared('confusion_matrix', { normalize: null }, [[1, 0, 0], [1, 0, 0], [0, 0, 1]]),
      declared('accuracy', { normalize: true }, 2 / 3, { note: 'a note the user must see' }),
      declared('classification_report', { digits: 3, zero_division: 'warn' }, '              precision\n         cat      0.500\n'),
    ],
    diagnostics: [],
    error: null,
    elapsed_ms: 1,
  };
  const lines = text.split('\n');
  const after = (word: string, from = 0) => {
    const line = lines.findIndex((l, i) => i >= from && l.includes(word));
    return analysis.parse.source.offsetAt({ line, character: lines[line].indexOf(word) + word.length });
  };
  const hints = buildHints({ analysis, from: 0, to: text.length, outcome: (name) => (name === 'x' ? { result, fresh: true } : undefined) });

  const rows: { after: number; label: string; tooltip: RegExp }[] = [
    { after: after('sparse_categorical_crossentropy'), label: '— error', tooltip: /sparse_categorical_crossentropy loss \(keras\)[\s\S]*outside the valid range/ },
    { after: after('f1(average: none)'), label: '= cat 0.6667 · dog 0.0000 · horse 1.0000', tooltip: /^f1\(average: none, pos_label: 1, zero_division: warn\) of experiment x on 3 samples$/ },
    { after: after('auc'), label: '— error', tooltip: /auc\(average: macro, multi_class: raise, max_fpr: none\)[\s\S]*multi_class must be in/ },
    { after: after('confusion_matrix'), label: '= [[1, 0, 0], [1, 0, 0], [0, 0, 1]]', tooltip: /^confusion_matrix\(normalize: none\)/ },
    { after: after('accuracy'), label: '= 0.667', tooltip: /a note the user must see/ },
    { after: after('classification_report(digits: 3)'), label: '= report', tooltip: /precision\n\s+cat\s+0\.500/ },
  ];
  test('one hint after the loss and after each metric of the experiment\'s own text, in the file\'s order', () => {
    assert.deepEqual(
      hints.map((h) => [h.offset, h.label]),
      rows.map((r) => [r.after, r.label]),
      'nothing on y, whose result is not known, nor on its inherited metrics',
    );
  });
  for (const r of rows) {
    test(`hint ${r.label}: its tooltip`, () => {
      const h = hints.find((x) => x.offset === r.after)!;
      assert.match(h.tooltip, r.tooltip);
    });
  }
  test('a result that predates the text (a metric renamed since) shows no number for it', () => {
    const edited = analyze(text.replace('confusion_matrix,', 'hamming_loss,'));
    const got = buildHints({ analysis: edited, from: 0, to: text.length, outcome: (name) => (name === 'x' ? { result, fresh: false } : undefined) });
    assert.equal(got.length, rows.length - 1);
    assert.ok(got.every((h) => /computed before the latest changes/.test(h.tooltip)));
  });

  const hoverRows: { name: string; metric: number; has: string[] }[] = [
    { name: 'a per-class value, one line per class', metric: 0, has: ['f1(average: none, pos_label: 1, zero_division: warn) =', '  cat    0.6667', "by scikit-learn's rules"] },
    { name: 'a refusal with the library\'s reason', metric: 1, has: ["**Not computed:** multi_class must be in ('ovo', 'ovr')"] },
    { name: 'a matrix', metric: 2, has: ['confusion_matrix(normalize: none) =\n  [1, 0, 0]\n  [1, 0, 0]\n  [0, 0, 1]'] },
    { name: 'a number with its note', metric: 3, has: ['accuracy(normalize: true) = 0.667', '**Note:** a note the user must see'] },
    { name: 'the report text', metric: 4, has: ['classification_report(digits: 3, zero_division: warn)\n\n              precision'] },
  ];
  for (const r of hoverRows) {
    test(`hover: ${r.name}`, () => {
      const md = declaredMarkdown(result.declared[r.metric], result);
      assert.match(md, /^\*\*Evaluated\*\* \(experiment `x`, 3 samples/);
      for (const want of r.has) assert.ok(md.includes(want), `expected ${JSON.stringify(want)} in:\n${md}`);
    });
  }
});

// ------------------------------------------------------------------------------------------ over LSP

describe('the evaluate code lens over LSP', () => {
  let c: TestClient;
  const refreshes = { codeLens: 0, inlayHint: 0 };
  before(async () => {
    c = await startClient();
    c.connection.onRequest('workspace/codeLens/refresh', () => void refreshes.codeLens++);
    c.connection.onRequest('workspace/inlayHint/refresh', () => void refreshes.inlayHint++);
  });
  after(() => c.stop());

  test('advertises the commands, lenses and inlay hints', () => {
    const caps = c.initialize.capabilities;
    assert.deepEqual(caps.executeCommandProvider?.commands, ['xent.server.evaluate', 'xent.server.evaluateAll', 'xent.server.showReport']);
    assert.ok(caps.codeLensProvider);
    assert.ok(caps.inlayHintProvider);
  });

  const beforeCases: { name: string; text: string; expected: { title: string; command: string; args: string[] }[] }[] = [
    { name: 'no experiment: no lens', text: '# nothing yet\n', expected: [] },
    { name: 'one experiment: "▶ evaluate", no "evaluate all"', text: SEED, expected: [{ title: '▶ evaluate', command: 'xent.server.evaluate', args: ['c'] }] },
    {
      name: 'several experiments: "▶ evaluate all" at the top, then one per experiment',
      text: `${SEED}\n\n${ONE_HOT}`,
      expected: [
        { title: '▶ evaluate all', command: 'xent.server.evaluateAll', args: [] },
        { title: '▶ evaluate', command: 'xent.server.evaluate', args: ['c'] },
        { title: '▶ evaluate', command: 'xent.server.evaluate', args: ['cdh'] },
      ],
    },
  ];
  for (const k of beforeCases) {
    test(`before evaluate: ${k.name}`, async () => {
      const uri = await c.open(k.text);
      const got = await lenses(c, uri);
      assert.deepEqual(
        got.map((l) => ({ title: l.command?.title, command: l.command?.command, args: (l.command?.arguments ?? []).slice(1) })),
        k.expected,
      );
      for (const l of got) assert.equal(l.command?.arguments?.[0], uri);
      if (k.expected.length > 1) assert.equal(got[0].range.start.line, 0);
    });
  }

  test('lenses carry the editor\'s own command ids when it registers them (the VS Code extension)', async () => {
    const vscodeLike = await startClient({ settings: { clientCommands: true } });
    try {
      const uri = await vscodeLike.open(`${SEED}\n\n${ONE_HOT}`);
      const got = await lenses(vscodeLike, uri);
      assert.deepEqual(got.map((l) => l.command?.command), ['xent.evaluateAll', 'xent.evaluate', 'xent.evaluate']);
    } finally {
      await vscodeLike.stop();
    }
  });

  test('xent/evaluate on the seed: the lens reads log_loss 0.2284, the engine\'s numbers, with a report lens', async () => {
    const uri = await c.open(SEED);
    const before = refreshes.codeLens;
    const answer = await evaluate(c, uri, 'c');
    const direct = await engine(SEED, 'c');
    assert.equal(answer.results.length, 1);
    const r = answer.results[0];
    assert.equal(r.error, null);
    assert.equal(r.metrics.log_loss, direct.metrics.log_loss);
    assert.equal(r.loss?.value, direct.loss?.value);
    assert.equal(r.samples, 3);
    assert.equal(r.metrics.log_loss!.toFixed(4), '0.2284');
    const got = await titles(c, uri);
    assert.match(got[0] ?? '', /^log_loss 0\.2284 · 3 samples · /);
    assert.equal(untimed(got[0]), untimed(headline(direct)));
    assert.equal(got[1], 'report');
    await waitFor(() => refreshes.codeLens > before, 'a workspace/codeLens/refresh after the result');
    await waitFor(() => refreshes.inlayHint > 0, 'a workspace/inlayHint/refresh after the result');
  });

  test('the bnsreenu seed (a fitted model): "log_loss 0.4594 · accuracy 0.700 · F1 0.7692 · 10 samples"', async () => {
    const uri = await c.open(BNSREENU);
    const [r] = (await evaluate(c, uri)).results;
    const direct = await engine(BNSREENU, 'bnsreenu_cat_dog');
    assert.equal(r.metrics.log_loss, direct.metrics.log_loss);
    assert.deepEqual(r.metrics.f1, direct.metrics.f1);
    assert.deepEqual(r.declared, direct.declared.map((d) => ({ ...d })));
    assert.equal(untimed((await titles(c, uri))[0]), 'log_loss 0.4594 · accuracy 0.700 · F1 0.7692 · 10 samples');
  });

  const commandCases = ['xent.server.evaluate', 'xent.evaluate'];
  for (const command of commandCases) {
    test(`workspace/executeCommand ${command} [uri, name] evaluates for a generic client`, async () => {
      const uri = await c.open(SEED);
      const answer = await c.request<Answer>('workspace/executeCommand', { command, arguments: [uri, 'c'] });
      assert.equal(answer.results[0].metrics.log_loss, (await engine(SEED, 'c')).metrics.log_loss);
      assert.match((await titles(c, uri))[0] ?? '', /^log_loss 0\.2284/);
    });
  }

  test('evaluate all: every experiment gets its numbers; xent/report returns the report and confusion matrix', async () => {
    const text = `${SEED}\n${ONE_HOT}`;
    const uri = await c.open(text);
    const answer = await c.request<Answer>('workspace/executeCommand', { command: 'xent.server.evaluateAll', arguments: [uri] });
    assert.deepEqual(answer.results.map((r) => r.name), ['c', 'cdh']);
    const got = await titles(c, uri);
    assert.equal(got[0], '▶ evaluate all');
    assert.match(got[1] ?? '', /^log_loss 0\.2284/);
    const direct = await engine(text, 'cdh');
    assert.equal(untimed(got[3]), untimed(headline(direct)));
    const report = await c.request<{ result: ExperimentResult; stale: boolean } | null>('xent/report', { uri, experiment: 'cdh' });
    assert.equal(report?.stale, false);
    assert.equal(report?.result.metrics.report_text, direct.metrics.report_text);
    assert.deepEqual(report?.result.metrics.confusion_matrix, [[1, 0, 0], [1, 0, 0], [0, 0, 1]]);
    assert.equal(await c.request('xent/report', { uri, experiment: 'nope' }), null);
  });

  test('inlay hints: none before evaluate; after it "= value" after the loss and each metric, naming the experiment and samples', async () => {
    const uri = await c.open(ONE_HOT);
    assert.deepEqual(await hints(c, uri), []);
    await evaluate(c, uri, 'cdh');
    const direct = await engine(ONE_HOT, 'cdh');
    const got = await hints(c, uri);
    const lines = ONE_HOT.split('\n');
    const after = (word: string) => {
      const line = lines.findIndex((l) => l.includes(word));
      return { line, character: lines[line].indexOf(word) + word.length };
    };
    assert.deepEqual(
      got.map((h) => ({ position: h.position, label: h.label })),
      [
        { position: after('categorical_crossentropy'), label: `= ${direct.loss!.value!.toFixed(4)}` },
        // The numbers of `declared`, the list `xent eval --json` prints, in the file's order.
        { position: after('[accuracy'), label: `= ${(direct.declared[0].value as number).toFixed(3)}` },
        { position: after('f1(average: macro)'), label: `= ${(direct.declared[1].value as number).toFixed(4)}` },
        { position: after('log_loss'), label: `= ${(direct.declared[2].value as number).toFixed(4)}` },
      ],
    );
    assert.deepEqual(direct.declared.map((d) => d.metric), ['accuracy', 'f1', 'log_loss']);
    for (const h of got) assert.match(String(h.tooltip), /experiment cdh on 3 samples/);
  });

  const hoverCases: { name: string; text: string; experiment: string; cursor: string; expect: (r: ExperimentResult) => string[] }[] = [
    {
      name: 'the loss shows the formula with N, the sum and the result',
      text: SEED,
      experiment: 'c',
      cursor: 'loss: binary_cross|entropy',
      expect: () => ['L = −(1/3) · (−0.6852) = 0.2284', 'N = 3 samples, Σ = −0.6852'],
    },
    { name: 'the log_loss metric too', text: SEED, experiment: 'c', cursor: 'metrics: [log_|loss]', expect: () => ['L = −(1/3) · (−0.6852) = 0.2284'] },
    { name: 'a y_pred row of the true class: −log p', text: SEED, experiment: 'c', cursor: 'y_pred: [0.|7', expect: () => ['Sample 1 of 3', '−log 0.7 = 0.3567', '0.3567 / 3 = 0.1189'] },
    { name: 'a y_pred row of class 0: −log(1 − p)', text: SEED, experiment: 'c', cursor: '0.7, 0.|2', expect: () => ['Sample 2 of 3', '−log(1 − 0.2) = −log 0.8 = 0.2231'] },
    { name: 'a one-hot row: −log 0.4 = 0.9163', text: ONE_HOT, experiment: 'cdh', cursor: 'y_pred: [[0.4, 0.|4', expect: () => ['Sample 1 of 3', '−log 0.4 = 0.9163'] },
    {
      name: 'a distribution y_true: H(p, q) = H(p) + KL(p‖q) with the three values',
      text: ONE_HOT,
      experiment: 'cdh',
      cursor: 'loss: categorical|_crossentropy',
      expect: (r) => ['H(p, q) = H(p) + KL(p‖q)', `${r.metrics.entropy!.cross_entropy.toFixed(4)} = ${r.metrics.entropy!.entropy.toFixed(4)} + ${r.metrics.entropy!.kl_divergence.toFixed(4)}`],
    },
    { name: 'the y_true key shows the decomposition', text: ONE_HOT, experiment: 'cdh', cursor: 'y_tr|ue', expect: () => ['H(p, q) = H(p) + KL(p‖q)'] },
    {
      name: 'a declared metric: its value with every effective parameter, defaults included',
      text: ONE_HOT,
      experiment: 'cdh',
      cursor: 'metrics: [accuracy, f|1(average: macro)',
      expect: (r) => [`f1(average: macro, pos_label: 1, zero_division: warn) = ${(r.declared[1].value as number).toFixed(4)}`, "by scikit-learn's rules"],
    },
    {
      name: 'the log_loss metric: its declared value and the formula with the same number',
      text: ONE_HOT,
      experiment: 'cdh',
      cursor: 'f1(average: macro), log_|loss',
      expect: (r) => [`log_loss(normalize: true) = ${(r.declared[2].value as number).toFixed(4)}`, `= ${(r.declared[2].value as number).toFixed(4)}\n`],
    },
  ];
  for (const k of hoverCases) {
    test(`evaluated hover: ${k.name}`, async () => {
      const { text, position } = withCursor(k.text.replace(k.cursor.replace('|', ''), k.cursor));
      const uri = await c.open(text);
      assert.doesNotMatch(await hoverText(c, uri, position), /With your numbers|Sample \d of|Cross-entropy = entropy/, 'nothing evaluated before an evaluation');
      await evaluate(c, uri, k.experiment);
      const md = await hoverText(c, uri, position);
      for (const want of k.expect(await engine(text, k.experiment))) assert.ok(md.includes(want), `expected ${JSON.stringify(want)} in:\n${md}`);
    });
  }

  test('one number everywhere: the lens, the inlay hint, the hover and xent eval --json show the same declared F1', async () => {
    const ws = folder('same-number');
    const file = join(ws, 'cdh.xent');
    writeFileSync(file, ONE_HOT);
    let out = '';
    assert.equal(await runCli(['eval', file, '--json'], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true } }), 0);
    const json = (JSON.parse(out) as { experiments: ExperimentResult[] }).experiments[0].declared;
    const f1 = (json[1].value as number).toFixed(4);
    const { text, position } = withCursor(ONE_HOT.replace('[accuracy, f1(', '[accuracy, f|1('));
    const uri = await openFile(c, file, text);
    await evaluate(c, uri, 'cdh');
    assert.match((await titles(c, uri))[0] ?? '', new RegExp(`F1 macro ${f1.replace('.', '\\.')} `));
    assert.ok((await hints(c, uri)).some((h) => h.label === `= ${f1}`), 'the inlay hint');
    assert.ok((await hoverText(c, uri, position)).includes(`= ${f1}`), 'the hover');
  });

  test('after an edit of the experiment, the hover drops the numbers while the lens keeps its last text (no flicker)', async () => {
    const { text, position } = withCursor(SEED.replace('loss: binary_crossentropy', 'loss: binary_cross|entropy'));
    const uri = await c.open(text);
    await evaluate(c, uri, 'c');
    const evaluated = await titles(c, uri);
    assert.match(await hoverText(c, uri, position), /With your numbers/);
    await c.change(uri, text.replace('0.7, 0.2', '0.6, 0.2'));
    assert.doesNotMatch(await hoverText(c, uri, position), /With your numbers/);
    assert.deepEqual(await titles(c, uri), evaluated);
    assert.equal((await hints(c, uri)).length, 2, 'inlay hints keep the last values too');
  });

  test('the cache: unchanged content is served from it; an edit of the experiment invalidates it, an edit elsewhere does not', async () => {
    const uri = await c.open(SEED);
    const first = await evaluate(c, uri, 'c');
    const second = await evaluate(c, uri, 'c');
    assert.deepEqual(second.cached, ['c']);
    assert.equal(second.results[0].elapsed_ms, first.results[0].elapsed_ms);
    await c.change(uri, `# a comment above moves the experiment, its text stays\n${SEED}`);
    assert.deepEqual((await evaluate(c, uri, 'c')).cached, ['c']);
    await c.change(uri, SEED.replace('0.7, 0.2', '0.6, 0.2'));
    const edited = await evaluate(c, uri, 'c');
    assert.deepEqual(edited.cached, []);
    assert.equal(edited.results[0].metrics.log_loss, (await engine(SEED.replace('0.7, 0.2', '0.6, 0.2'), 'c')).metrics.log_loss);
  });
});

describe('evaluation failures, trust and data paths over LSP', () => {
  let c: TestClient;
  let diagnostics: ReturnType<typeof recordDiagnostics>;
  before(async () => {
    c = await startClient();
    diagnostics = recordDiagnostics(c);
  });
  after(() => c.stop());

  const csvExperiment = (path: string) =>
    `experiment v {\n  task: multiclass\n  classes: [cat, dog, horse]\n  metrics: [accuracy]\n  data: csv("${path}", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse"])\n}\n`;
  const csvRows = 'label,p_cat,p_dog,p_horse\ncat,0.7,0.2,0.1\ndog,0.2,0.7,0.1\nhorse,0.1,0.1,0.8\ncat,0.3,0.6,0.1\n';

  test('a missing csv: the lens and a diagnostic say so; once the file exists (a watched-file change) it evaluates', async () => {
    const ws = folder('missing');
    const text = csvExperiment('runs/val.csv');
    const uri = await openFile(c, join(ws, 'exp.xent'), text);
    const [r] = (await evaluate(c, uri, 'v')).results;
    assert.equal(r.error, 'runs/val.csv: file not found');
    assert.equal((await titles(c, uri))[0], 'cannot evaluate: runs/val.csv: file not found');
    const ds = await diagnostics.until(uri, (d) => d.some((x) => x.code === 'data-not-found'));
    const d = ds.find((x) => x.code === 'data-not-found')!;
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'xent');
    assert.equal(d.message, 'cannot evaluate: runs/val.csv: file not found');
    assert.deepEqual(d.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 6 } }, 'on the `data` key');

    mkdirSync(join(ws, 'runs'));
    writeFileSync(join(ws, 'runs', 'val.csv'), csvRows);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(ws, 'runs', 'val.csv')).href, type: 1 }] });
    const [ok] = (await evaluate(c, uri, 'v')).results;
    assert.equal(ok.error, null);
    assert.equal(ok.metrics.accuracy, (await engine(text, 'v', ws)).metrics.accuracy);
    assert.equal(untimed((await titles(c, uri))[0]), 'accuracy 0.750 · 4 samples');
    await diagnostics.until(uri, (ds2) => !ds2.some((x) => x.code === 'data-not-found'));
  });

  test('a data file that changes on disk is read again (its modification time is part of the cache key)', async () => {
    const ws = folder('mtime');
    writeFileSync(join(ws, 'val.csv'), csvRows);
    const uri = await openFile(c, join(ws, 'exp.xent'), csvExperiment('val.csv'));
    await evaluate(c, uri, 'v');
    assert.deepEqual((await evaluate(c, uri, 'v')).cached, ['v']);
    writeFileSync(join(ws, 'val.csv'), csvRows + 'dog,0.1,0.8,0.1\n');
    utimesSync(join(ws, 'val.csv'), new Date(), new Date(Date.now() + 5000));
    const again = await evaluate(c, uri, 'v');
    assert.deepEqual(again.cached, []);
    assert.equal(again.results[0].samples, 5);
  });

  const outside: { name: string; setup: (ws: string, out: string) => string; message: RegExp }[] = [
    { name: 'a ../ path', setup: () => '../outside/secret.csv', message: /^\.\.\/outside\/secret\.csv is outside the workspace folder; xent reads data files only inside / },
    { name: 'an absolute path', setup: (_ws, out) => join(out, 'secret.csv'), message: /is outside the workspace folder/ },
    {
      name: 'a symbolic link inside that leads outside',
      setup: (ws, out) => {
        symlinkSync(join(out, 'secret.csv'), join(ws, 'link.csv'));
        return 'link.csv';
      },
      message: /^link\.csv is outside the workspace folder \(a symbolic link leads to .*secret\.csv\)/,
    },
    {
      name: 'a linked folder that leads outside, to a file that does not exist',
      setup: (ws, out) => {
        symlinkSync(out, join(ws, 'data'));
        return 'data/missing.csv';
      },
      message: /^data\/missing\.csv is outside the workspace folder/,
    },
  ];
  for (const [i, k] of outside.entries()) {
    test(`a data path outside the .xent file's folder is refused: ${k.name}`, async () => {
      const ws = folder(`outside-${i}/ws`);
      const out = folder(`outside-${i}/outside`);
      writeFileSync(join(out, 'secret.csv'), csvRows);
      const uri = await openFile(c, join(ws, 'exp.xent'), csvExperiment(k.setup(ws, out)));
      const [r] = (await evaluate(c, uri, 'v')).results;
      assert.match(r.error ?? '', k.message);
      assert.equal(r.samples, 0);
      assert.match((await titles(c, uri))[0] ?? '', /^cannot evaluate: .* is outside the workspace folder/);
      const ds = await diagnostics.until(uri, (d) => d.some((x) => x.code === 'data-outside-workspace'));
      const d = ds.find((x) => x.code === 'data-outside-workspace')!;
      assert.deepEqual(d.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 6 } }, 'on the `data` key');
      assert.match(d.message, /^cannot evaluate: /);
    });
  }

  test('Restricted Mode (xent/trust false): nothing is evaluated and every lens says why; trust restores the lenses', async () => {
    const uri = await c.open(`${SEED}\n${ONE_HOT}`);
    await c.connection.sendNotification('xent/trust', { trusted: false });
    try {
      const got = await lenses(c, uri);
      assert.deepEqual(got.map((l) => l.command?.title), Array(3).fill('evaluation is disabled in Restricted Mode'));
      assert.ok(got.every((l) => l.command?.command === ''), 'not clickable');
      const answer = await evaluate(c, uri);
      assert.deepEqual(answer.results.map((r) => r.name), ['c', 'cdh']);
      for (const r of answer.results) {
        assert.match(r.error ?? '', /Restricted Mode/);
        assert.equal(r.samples, 0);
      }
      assert.deepEqual(await hints(c, uri), []);
    } finally {
      await c.connection.sendNotification('xent/trust', { trusted: true });
    }
    assert.deepEqual(await titles(c, uri), ['▶ evaluate all', '▶ evaluate', '▶ evaluate'], 'nothing was evaluated meanwhile');
  });
});

describe('the experiment at the cursor (xent/evaluate and xent/report with a position)', () => {
  test('the server resolves the cursor by the core rule: in an experiment, that one; between experiments, every one', async () => {
    const root = folder('at-cursor');
    const text = [
      'experiment a { task: binary y_true: [1, 0] y_pred: [0.8, 0.3] }', // line 0
      '', // line 1: between the experiments
      'experiment b { task: binary y_true: [1, 0] y_pred: [0.6, 0.1] }', // line 2
    ].join('\n');
    const c = await startClient();
    try {
      const uri = await openFile(c, join(root, 'two.xent'), text);
      const at = (line: number, character: number) => c.request<Answer>('xent/evaluate', { uri, position: { line, character } });
      assert.deepEqual((await at(2, 20)).results.map((r) => r.name), ['b']);
      assert.deepEqual((await at(0, text.indexOf('}') + 1)).results.map((r) => r.name), ['a'], 'just after the closing brace is still a');
      assert.deepEqual((await at(1, 0)).results.map((r) => r.name).sort(), ['a', 'b'], 'on the blank line between: every experiment');
      assert.deepEqual((await c.request<Answer>('xent/evaluate', { uri, experiment: 'a', position: { line: 2, character: 5 } })).results.map((r) => r.name), ['a'], 'a name wins over the position');
      const report = await c.request<{ result: ExperimentResult } | null>('xent/report', { uri, position: { line: 2, character: 3 } });
      assert.equal(report?.result.name, 'b');
      assert.equal(await c.request('xent/report', { uri, position: { line: 1, character: 0 } }), null, 'no experiment at the cursor: no report');
      assert.equal(await c.request('xent/report', { uri, position: { line: 'x', character: 0 } }), null, 'a malformed position is no position');
    } finally {
      await c.stop();
    }
  });
});

describe('workspace folders', () => {
  test('data may live anywhere inside the workspace folder that holds the .xent file, not outside it', async () => {
    const root = folder('wsroot');
    const sub = folder('wsroot/experiments');
    writeFileSync(join(root, 'val.csv'), 'label,p\n1,0.7\n0,0.2\n0,0.1\n');
    writeFileSync(join(dir, 'beside-root.csv'), 'label,p\n1,0.7\n');
    const c = await startClient();
    try {
      c.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(root).href, name: 'wsroot' }]);
      const text = (path: string) => `experiment w { task: binary metrics: [log_loss] data: csv("${path}", y_true: "label", y_pred: "p") }`;
      const inside = await openFile(c, join(sub, 'in.xent'), text('../val.csv'));
      const [r] = (await evaluate(c, inside, 'w')).results;
      assert.equal(r.error, null);
      assert.equal(r.metrics.log_loss!.toFixed(4), '0.2284');
      const outsideUri = await openFile(c, join(sub, 'out.xent'), text('../../beside-root.csv'));
      assert.match((await evaluate(c, outsideUri, 'w')).results[0].error ?? '', /outside the workspace folder; xent reads data files only inside .*wsroot$/);
    } finally {
      await c.stop();
    }
  });

  test('a client that cannot be asked for its folders: the root it gave at initialize is the workspace folder', async () => {
    // The one source of folders (lsp/workspace.ts): asked of the client; when it cannot answer, what initialize said.
    const root = folder('rootonly');
    const sub = folder('rootonly/experiments');
    writeFileSync(join(root, 'val.csv'), 'label,p\n1,0.7\n0,0.2\n0,0.1\n');
    const c = await startClient({ rootUri: pathToFileURL(root).href });
    try {
      const text = (path: string) => `experiment w { task: binary metrics: [log_loss] data: csv("${path}", y_true: "label", y_pred: "p") }`;
      const inside = await openFile(c, join(sub, 'in.xent'), text('../val.csv'));
      const [r] = (await evaluate(c, inside, 'w')).results;
      assert.equal(r.error, null);
      assert.equal(r.metrics.log_loss!.toFixed(4), '0.2284');
      const outsideUri = await openFile(c, join(sub, 'out.xent'), text('../../beside-root.csv'));
      assert.match((await evaluate(c, outsideUri, 'w')).results[0].error ?? '', /outside the workspace folder; xent reads data files only inside .*rootonly$/);
    } finally {
      await c.stop();
    }
  });
});

describe('a long evaluation (2M CSV rows)', () => {
  let c: TestClient;
  let ws: string;
  const big = (name: string, metrics: string) =>
    `experiment ${name} { task: multiclass classes: [a, b, c] metrics: ${metrics} data: csv("big.csv", y_true: "label", y_pred: ["p_a", "p_b", "p_c"]) }\n`;
  before(async () => {
    ws = bigCsvFolder();
    c = await startClient();
  });
  after(() => c.stop());

  test('reports progress on the request\'s token, and hovers answer while it runs', async () => {
    const text = big('full', '[accuracy]');
    const uri = await openFile(c, join(ws, 'full.xent'), text);
    const events: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] = [];
    c.connection.onProgress(WorkDoneProgress.type, 'full-progress', (v) => events.push(v));
    const started = Date.now();
    let finished = false;
    const running = c.request<Answer>('xent/evaluate', { uri, experiment: 'full', workDoneToken: 'full-progress' }).finally(() => (finished = true));
    await waitFor(() => events.some((e) => e.kind === 'report'), 'a progress report');
    const t0 = Date.now();
    const hover = await hoverText(c, uri, { line: 0, character: text.indexOf('multiclass') + 2 });
    const hoverMs = Date.now() - t0;
    const duringEvaluation = !finished;
    const answer = await running;
    const total = Date.now() - started;
    assert.match(hover, /multiclass/);
    assert.ok(duringEvaluation, `the evaluation (${total} ms) finished before the hover was answered`);
    assert.ok(hoverMs < 500, `a hover took ${hoverMs} ms during the evaluation (${total} ms)`);
    assert.equal(answer.results[0].samples, BIG_ROWS);
    assert.equal(events[0].kind, 'begin');
    assert.equal((events[0] as WorkDoneProgressBegin).cancellable, true);
    assert.equal(events.at(-1)?.kind, 'end');
    const percentages = events.flatMap((e) => (e.kind === 'report' && e.percentage !== undefined ? [e.percentage] : []));
    assert.ok(percentages.some((p) => p > 0 && p < 100), `progress percentages: ${percentages.join(', ')}`);
    assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), 'progress only goes forward');
  });

  test('cancelling answers promptly, and the lens does not show "cancelled"', async () => {
    const uri = await openFile(c, join(ws, 'cancel.xent'), big('cancelled_one', '[log_loss]'));
    const source = new CancellationTokenSource();
    let reported = false;
    c.connection.onProgress(WorkDoneProgress.type, 'cancel-progress', (v) => {
      if (v.kind === 'report') reported = true;
    });
    const running = c.connection.sendRequest<Answer>('xent/evaluate', { uri, experiment: 'cancelled_one', workDoneToken: 'cancel-progress' }, source.token);
    await waitFor(() => reported, 'the evaluation to be under way');
    const t0 = Date.now();
    source.cancel();
    const answer = await running.catch((err: unknown) => ({ cancelledWith: err }));
    const ms = Date.now() - t0;
    assert.ok(ms < 1000, `the cancelled request answered after ${ms} ms`);
    if ('results' in answer) assert.deepEqual(answer.results, [], 'a cancelled request answers with no result');
    assert.equal((await titles(c, uri))[0], '▶ evaluate');
    // The server is still fine: a new evaluation of the same experiment runs to the end.
    const [done] = (await evaluate(c, uri, 'cancelled_one')).results;
    assert.equal(done.samples, BIG_ROWS);
  });
});

describe('server-created progress (a client with window.workDoneProgress)', () => {
  test('the server creates a cancellable progress for a long evaluation; cancelling it stops the evaluation', async () => {
    const ws = bigCsvFolder();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = stdioConnection(child);
    const created: string[] = [];
    const events = new Map<string, string[]>();
    connection.onRequest('window/workDoneProgress/create', (p: { token: string }) => {
      created.push(p.token);
      connection.onProgress(WorkDoneProgress.type, p.token, (v) => {
        events.set(p.token, [...(events.get(p.token) ?? []), v.kind === 'begin' ? `begin ${v.title} cancellable=${v.cancellable}` : v.kind]);
      });
      return null;
    });
    connection.onRequest('workspace/configuration', () => [{}]);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true } } });
      await connection.sendNotification('initialized', {});
      const uri = pathToFileURL(join(ws, 'p.xent')).href;
      const text = 'experiment p { task: multiclass classes: [a, b, c] metrics: [accuracy] data: csv("big.csv", y_true: "label", y_pred: ["p_a", "p_b", "p_c"]) }\n';
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version: 1, text } });

      const running = connection.sendRequest<Answer>('xent/evaluate', { uri, experiment: 'p' });
      await waitFor(() => created.length > 0 && (events.get(created[0]) ?? []).includes('report'), 'a server-created progress with a report');
      assert.equal(events.get(created[0])![0], 'begin xent: evaluating p cancellable=true');
      const t0 = Date.now();
      await connection.sendNotification('window/workDoneProgress/cancel', { token: created[0] });
      const answer = await running;
      assert.ok(Date.now() - t0 < 1000, `answered ${Date.now() - t0} ms after the cancel`);
      assert.equal(answer.results[0].error, 'cancelled');
      await waitFor(() => events.get(created[0])!.at(-1) === 'end', 'the progress to end');
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});

describe('the job runner (worker pool and the in-process fallback)', () => {
  const job = { text: `${SEED}\n${ONE_HOT}`, baseDir: tmpdir(), experiment: 'cdh', digits: 2 };
  const runners = [
    { name: 'worker threads (dist/eval-worker.js)', make: () => createJobRunner({ script: join(__dirname, '..', 'dist', 'eval-worker.js'), maxWorkers: 1 }) },
    { name: 'in process', make: () => createJobRunner({ script: undefined }) },
  ];
  for (const r of runners) {
    test(`${r.name}: the engine's result, one job after another on the same worker; an aborted job answers "cancelled"`, async () => {
      const runner = r.make();
      try {
        const direct = await engine(job.text, 'cdh', job.baseDir);
        for (let i = 0; i < 3; i++) {
          const reply = await runner.run(job, { signal: new AbortController().signal });
          assert.deepEqual({ ...reply.result, elapsed_ms: 0 }, { ...direct, elapsed_ms: 0 });
        }
        const aborted = new AbortController();
        aborted.abort();
        assert.equal((await runner.run(job, { signal: aborted.signal })).cancelled, true);
        const missing = await runner.run({ ...job, experiment: 'nope' }, { signal: new AbortController().signal });
        assert.equal(missing.result.error, "there is no experiment named 'nope'");
      } finally {
        runner.dispose();
      }
    });
  }
});

async function waitFor(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
