// Issue 11, items 1, 5 and 7: "Show Report" and the status bar after a file opens with the cursor on its first
// line (a comment). The server lists what has been evaluated in a document, explicit or background
// (xent/outcomes), and says when it changes (xent/outcomesChanged); the client's choice of report is a pure
// function (client/src/report/pick.ts). The status bar itself (no error / warning counters) is checked in the
// real VS Code by test/vscode/suite and the UI test.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chooseReport } from '../client/src/report/pick';
import type { OutcomesAnswer } from '../server/src/lsp/features/outcomes';
import { startClient, type TestClient } from './support/lsp-client';

describe('which report Show Report opens (pure)', () => {
  test('the latest evaluated experiment (the only one, or the most recent), else a pick among the file\'s experiments', () => {
    assert.deepEqual(chooseReport(['a', 'b'], [{ name: 'b' }]), { kind: 'show', name: 'b' });
    assert.deepEqual(chooseReport(['a', 'b'], [{ name: 'a' }, { name: 'b' }]), { kind: 'show', name: 'a' });
    assert.deepEqual(chooseReport(['a', 'b'], []), { kind: 'pick', names: ['a', 'b'] });
    assert.deepEqual(chooseReport([], []), { kind: 'none' });
  });
});

describe('xent/outcomes over LSP', () => {
  let c: TestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xent-outcomes-'));
    writeFileSync(join(dir, 'val.csv'), 'label,p_cat,p_dog\ncat,0.7,0.3\ndog,0.2,0.8\ncat,0.6,0.4\ndog,0.3,0.7\n');
    c = await startClient();
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const text = `# two experiments; the file opens with the cursor here\nexperiment small {\n  task: binary\n  classes: [cat, dog]\n  metrics: [accuracy]\n  data: csv("val.csv", y_true: "label", y_pred: ["p_cat", "p_dog"])\n}\n\nexperiment inline {\n  task: binary\n  metrics: [accuracy]\n  data {\n    y_true: [0, 1, 1]\n    y_pred: [0.2, 0.9, 0.4]\n  }\n}\n`;

  test('the background check\'s result is listed (with the lens\'s headline) and announced; an explicit evaluation becomes the latest', async () => {
    const changed: string[] = [];
    c.connection.onNotification('xent/outcomesChanged', (p: { uri: string }) => changed.push(p.uri));
    const uri = pathToFileURL(join(dir, 'exp.xent')).href;
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version: 1, text } });
    let answer: OutcomesAnswer = { experiments: [], outcomes: [] };
    for (let i = 0; i < 100 && answer.outcomes.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      answer = await c.request<OutcomesAnswer>('xent/outcomes', { uri });
    }
    assert.deepEqual(answer.experiments, ['small', 'inline']);
    assert.deepEqual(answer.outcomes.map((o) => o.name), ['small'], 'the small CSV was evaluated in the background');
    assert.match(answer.outcomes[0].headline, /^accuracy 1\.000 · 4 samples/);
    assert.ok(changed.includes(uri), 'xent/outcomesChanged announced it');

    await new Promise((r) => setTimeout(r, 5));
    await c.request('xent/evaluate', { uri, experiment: 'inline' });
    answer = await c.request<OutcomesAnswer>('xent/outcomes', { uri });
    assert.deepEqual(answer.outcomes.map((o) => o.name), ['inline', 'small'], 'most recent first');
    assert.equal(answer.outcomes[0].stale, false);
  });

  test('Restricted Mode: the experiments, no outcomes', async () => {
    const uri = pathToFileURL(join(dir, 'exp.xent')).href;
    await c.connection.sendNotification('xent/trust', { trusted: false });
    const answer = await c.request<OutcomesAnswer>('xent/outcomes', { uri });
    assert.deepEqual(answer, { experiments: ['small', 'inline'], outcomes: [] });
    await c.connection.sendNotification('xent/trust', { trusted: true });
  });
});
