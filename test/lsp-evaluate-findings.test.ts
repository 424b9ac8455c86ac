// Issue 11, items 4 and 6: what the editor shows of evaluation findings. A loss its library refuses on the
// data is a diagnostic on the loss (not only a line of `xent eval`), and a data finding names the data file's
// row in words a user knows and carries relatedInformation with that file and line, so a click opens the row.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { analyze } from '../server/src/core/check';
import { evaluateExperiment } from '../server/src/core/eval/evaluate';
import { startClient, type TestClient } from './support/lsp-client';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xent-findings-'));
  // Three classes; rows 2 and 4 of the data (lines 3 and 5) do not sum to 1.
  writeFileSync(join(dir, 'val.csv'), 'label,p_cat,p_dog,p_horse\ncat,0.7,0.2,0.1\ndog,0.2,0.7,0.2\nhorse,0.1,0.1,0.8\ncat,0.3,0.6,0.2\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const experiment = (loss: string) =>
  `# a comment first, as in every example\nexperiment v {\n  task: multiclass\n  classes: [cat, dog, horse]\n  loss: ${loss}\n  metrics: [accuracy]\n  data: csv("val.csv", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse"])\n}\n`;

async function evaluate(text: string) {
  const model = analyze(text).models[0];
  return evaluateExperiment(model, { baseDir: dir, digits: 2 });
}

describe('evaluation findings (engine)', () => {
  test('a loss Keras refuses on this data is an error on the loss name, with the library\'s reason', async () => {
    const { result, diagnostics } = await evaluate(experiment('kl_divergence'));
    assert.equal(result.loss?.value, null);
    const d = diagnostics.find((x) => x.code === 'loss-not-computed');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range.start, { line: 4, character: 8 }, 'on `kl_divergence`');
    assert.match(d.message, /^kl_divergence cannot be computed on this data: Incompatible shapes/);
  });

  test('a layout finding on the loss already says why: no second diagnostic', async () => {
    const { diagnostics } = await evaluate(experiment('categorical_crossentropy'));
    assert.ok(diagnostics.some((x) => x.code === 'categorical-loss-integer-labels'));
    assert.ok(!diagnostics.some((x) => x.code === 'loss-not-computed'));
  });

  test('a loss xent has no engine for is information, not an error', async () => {
    const { diagnostics } = await evaluate(experiment('poisson'));
    const d = diagnostics.find((x) => x.code === 'loss-not-computed');
    assert.equal(d?.severity, 'info');
  });

  test('rows not summing to 1: the file\'s first such line, how many more, no "chunk"; related information on that line', async () => {
    const { diagnostics } = await evaluate(experiment('sparse_categorical_crossentropy'));
    const d = diagnostics.find((x) => x.code === 'rows-not-normalized')!;
    assert.ok(d);
    assert.doesNotMatch(d.message, /chunk/);
    assert.match(d.message, /^val\.csv:3 \(and 1 more row like it\): the predicted probabilities sum to 1\.09999/);
    assert.equal(d.related?.length, 1);
    assert.equal(d.related![0].file, join(dir, 'val.csv'));
    assert.equal(d.related![0].range.start.line, 2, 'line 3, 0-based');
  });
});

describe('evaluation findings over LSP', () => {
  let c: TestClient;
  before(async () => {
    c = await startClient();
  });
  after(() => c.stop());

  test('the background check publishes the loss diagnostic and a data finding whose relatedInformation opens the CSV row', async () => {
    const seen: PublishDiagnosticsParams[] = [];
    c.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => seen.push(p));
    const uri = pathToFileURL(join(dir, 'exp.xent')).href;
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version: 1, text: experiment('kl_divergence') } });
    let ds: Diagnostic[] = [];
    for (let i = 0; i < 100 && !ds.some((d) => d.code === 'rows-not-normalized'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      ds = seen.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? [];
    }
    const loss = ds.find((d) => d.code === 'loss-not-computed');
    assert.ok(loss, JSON.stringify(ds));
    assert.equal(loss.severity, 1);
    const rows = ds.find((d) => d.code === 'rows-not-normalized')!;
    assert.deepEqual(rows.relatedInformation, [
      { location: { uri: pathToFileURL(join(dir, 'val.csv')).href, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } } }, message: 'line 3 of val.csv' },
    ]);
  });
});
