// The language server over stdio with a real protocol client: lifecycle, diagnostics, settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startClient } from './support/lsp-client';

test('initialize negotiates incremental sync and names the server', async () => {
  const c = await startClient();
  try {
    assert.equal(c.initialize.serverInfo?.name, 'xent');
    const sync = c.initialize.capabilities.textDocumentSync as { change: number };
    assert.equal(sync.change, 2);
  } finally {
    await c.stop();
  }
});

test('diagnostics are published on open and on change, with code, source and a rules link; cleared on close', async () => {
  const c = await startClient();
  try {
    const uri = await c.open('experiment a {\n  loss: categorical_crossentropi\n}\n');
    const first = await c.diagnostics(uri, 1);
    assert.equal(first.length, 1);
    assert.equal(first[0].code, 'unknown-name');
    assert.equal(first[0].source, 'xent');
    assert.match(first[0].codeDescription?.href ?? '', /rules\.md#unknown-name$/);
    assert.deepEqual(first[0].range.start, { line: 1, character: 8 });
    assert.equal((first[0].data as { suggestion?: string }).suggestion, 'categorical_crossentropy');
    await c.change(uri, 'experiment a {\n  loss: categorical_crossentropy\n}\n');
    assert.deepEqual(await c.diagnostics(uri, 2), []);
    await c.change(uri, 'experiment a { loss: nope }');
    assert.equal((await c.diagnostics(uri, 3)).length, 1);
  } finally {
    await c.stop();
  }
});

test('xent.rules turns a rule off or changes its severity', async () => {
  const c = await startClient({ settings: { rules: { 'unknown-name': 'off', 'missing-loss': 'info' } } });
  try {
    const uri = await c.open('experiment a { loss: nope model { dense(1, activation: sigmoid) } }\nexperiment b { model { dense(2, activation: softmax) } }');
    const ds = await c.diagnostics(uri, 1);
    assert.ok(!ds.some((d) => d.code === 'unknown-name'));
    const missing = ds.find((d) => d.code === 'missing-loss');
    assert.equal(missing?.severity, 3);
  } finally {
    await c.stop();
  }
});

test('experiment templates are completions unless the editor has them as snippets (VS Code does)', async () => {
  const labels = async (settings?: unknown) => {
    const c = await startClient({ settings });
    try {
      const uri = await c.open('');
      const r = await c.request<{ items: { label: string }[] } | { label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
      return (Array.isArray(r) ? r : r.items).map((i) => i.label);
    } finally {
      await c.stop();
    }
  };
  assert.ok((await labels()).includes('experiment (binary)'));
  const withoutTemplates = await labels({ experimentTemplates: false });
  assert.ok(!withoutTemplates.includes('experiment (binary)'));
  assert.ok(withoutTemplates.includes('experiment'));
});

test('small file data is checked without a click: a bad CSV cell shows as a diagnostic on the data key', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const dir = mkdtempSync(join(tmpdir(), 'xent-datacheck-'));
  writeFileSync(join(dir, 'val.csv'), 'label,p_a,p_b\na,0.9,0.1\nb,abc,0.8\n');
  const c = await startClient({ rootUri: pathToFileURL(dir).href });
  try {
    const uri = pathToFileURL(join(dir, 'exp.xent')).href;
    await c.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'xent', version: 1, text: 'experiment x {\n  classes: [a, b]\n  data: csv("val.csv", y_true: "label", y_pred: ["p_a", "p_b"])\n}\n' },
    });
    const deadline = Date.now() + 15_000;
    let found: { code?: unknown; message: string; range: { start: { line: number } } } | undefined;
    while (!found && Date.now() < deadline) {
      await c.diagnostics(uri, 1);
      found = c.latestDiagnostics(uri).find((d) => d.code === 'data-parse');
      if (!found) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(found, `a data-parse diagnostic; seen: ${JSON.stringify(c.latestDiagnostics(uri))} ${c.stderr()}`);
    assert.match(found.message, /val\.csv:3: column p_a is 'abc', not a number/);
    assert.equal(found.range.start.line, 2);
  } finally {
    await c.stop();
  }
});
