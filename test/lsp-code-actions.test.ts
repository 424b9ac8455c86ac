// Quick fixes over the protocol: textDocument/codeAction with a published diagnostic in its context answers
// CodeActions of kind quickfix with that diagnostic attached, the expected titles and preferred flags, and a
// WorkspaceEdit that applies cleanly and removes the diagnostic when the server re-checks the document.
// Needs the bundle: `npm run build` (npm test does it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { ROOT, startClient, type TestClient } from './support/lsp-client';

let client: TestClient;
before(async () => {
  client = await startClient();
});
after(async () => {
  await client.stop();
});

function codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics, ...(only ? { only } : {}) },
  });
}

/** The document after a code action's WorkspaceEdit, applied by the protocol library as an editor would. */
function applied(uri: string, text: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits && edits.length > 0, `"${action.title}" edits the document`);
  assert.deepEqual(Object.keys(action.edit!.changes!), [uri], 'only this document');
  return TextDocument.applyEdits(TextDocument.create(uri, 'xent', 1, text), edits);
}

test('initialize announces quick fixes', () => {
  assert.deepEqual(client.initialize.capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
});

interface Case {
  readonly name: string;
  readonly text: string;
  readonly code: string;
  /** Expected titles in order; `*` marks the preferred one. */
  readonly actions: readonly string[];
}

const cases: Case[] = [
  {
    name: 'the matching loss, or the labels converted',
    code: 'categorical-loss-integer-labels',
    text: `experiment digits {\n  classes: 3\n  loss: categorical_crossentropy\n  data {\n    y_true: [0, 2, 1]\n  }\n}\n`,
    actions: ['* Use sparse_categorical_crossentropy', 'Convert y_true to one-hot rows'],
  },
  {
    name: 'from_logits, or an output activation',
    code: 'logits-without-from-logits',
    text: `experiment digits {\n  model {\n    dense(10)\n  }\n  loss: sparse_categorical_crossentropy\n}\n`,
    actions: ['* Set from_logits: true on the loss', 'Use softmax on the output layer'],
  },
  {
    name: 'from_logits removed, or the output made linear',
    code: 'double-sigmoid',
    text: `experiment spam {\n  model {\n    dense(1, activation: sigmoid)\n  }\n  loss: binary_crossentropy(from_logits: true)\n}\n`,
    actions: ['* Remove from_logits: true from the loss', 'Make the output layer linear (remove its activation)'],
  },
  {
    name: 'the output units',
    code: 'output-units-mismatch',
    text: `experiment pets {\n  classes: [cat, dog, horse]\n  labels: onehot\n  model {\n    dense(4, activation: softmax)\n  }\n  loss: categorical_crossentropy\n}\n`,
    actions: ['* Set the output units to 3'],
  },
  {
    name: 'one-based labels shifted',
    code: 'one-based-labels',
    text: `experiment grades {\n  classes: 3\n  data {\n    y_true: [1, 2, 3, 1]\n  }\n}\n`,
    actions: ['* Subtract 1 from every label'],
  },
  {
    name: 'f1 added to accuracy alone',
    code: 'accuracy-on-imbalanced-data',
    text: `experiment fraud {\n  task: binary\n  metrics: [accuracy]\n  data {\n    y_true: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]\n  }\n}\n`,
    actions: ['* Add f1(average: macro) to the metrics'],
  },
  {
    name: 'the suggested name, or the unknown parameter removed',
    code: 'unknown-name',
    text: `experiment a {\n  loss: binary_crossentropy(from_logit: true)\n}\n`,
    actions: ["* Replace with 'from_logits'", "Remove the argument 'from_logit'"],
  },
  {
    name: 'a missing loss line',
    code: 'missing-loss',
    text: `experiment spam {\n  model {\n    dense(1, activation: sigmoid)\n  }\n}\n`,
    actions: ['* Add loss: binary_crossentropy'],
  },
];

for (const c of cases) {
  test(`${c.code}: ${c.name}`, async () => {
    const uri = await client.open(c.text);
    const diagnostics = (await client.diagnostics(uri, 1)).filter((d) => d.code === c.code);
    assert.equal(diagnostics.length, 1, `${c.code} is published`);
    const actions = await codeActions(uri, diagnostics);
    assert.deepEqual(
      actions.map((a) => `${a.isPreferred ? '* ' : ''}${a.title}`),
      c.actions,
    );
    for (const a of actions) {
      assert.equal(a.kind, 'quickfix');
      assert.deepEqual(a.diagnostics, diagnostics);
    }
    // Each action applied and re-checked by the server: no syntax error, and the diagnostic is gone.
    let version = 1;
    for (const a of actions) {
      await client.change(uri, applied(uri, c.text, a));
      const now = await client.diagnostics(uri, ++version);
      assert.deepEqual(now.filter((d) => d.code === 'syntax-error'), [], a.title);
      assert.deepEqual(now.filter((d) => d.code === c.code), [], a.title);
    }
    await client.close(uri);
  });
}

test('every code action on every docs/rules.md wrong example applies and is re-checked clean by the server', async () => {
  const md = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
  const examples = [...md.matchAll(/^\*\*Wrong\*\*[ \t]*\r?\n\s*```xent\r?\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  assert.ok(examples.length >= 36);
  const failures: string[] = [];
  let applied_ = 0;
  for (const text of examples) {
    const uri = await client.open(text);
    const published = await client.diagnostics(uri, 1);
    let version = 1;
    for (const d of published) {
      for (const a of await codeActions(uri, [d])) {
        const before = published.filter((x) => x.code === d.code).length;
        await client.change(uri, applied(uri, text, a));
        const now = await client.diagnostics(uri, ++version);
        applied_++;
        if (now.some((x) => x.code === 'syntax-error')) failures.push(`${d.code} "${a.title}": syntax error`);
        if (now.filter((x) => x.code === d.code).length >= before) failures.push(`${d.code} "${a.title}": still reported`);
      }
    }
    await client.close(uri);
  }
  assert.deepEqual(failures, []);
  assert.ok(applied_ >= 40, `only ${applied_} actions applied`);
});

test('no actions for another kind, another source, or a diagnostic the document no longer has', async () => {
  const text = `experiment a {\n  loss: categorical_crossentropi\n}\n`;
  const uri = await client.open(text);
  const [d] = await client.diagnostics(uri, 1);
  assert.equal(d.code, 'unknown-name');
  assert.equal((await codeActions(uri, [d])).length, 1);
  assert.deepEqual(await codeActions(uri, [d], ['refactor']), []);
  assert.equal((await codeActions(uri, [d], ['quickfix'])).length, 1);
  assert.deepEqual(await codeActions(uri, [{ ...d, source: 'eslint' }]), []);
  assert.deepEqual(await codeActions(uri, [{ ...d, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } }]), []);
  // Fixed meanwhile: the old diagnostic matches nothing in the new version.
  await client.change(uri, `experiment a {\n  loss: categorical_crossentropy\n}\n`);
  assert.deepEqual(await client.diagnostics(uri, 2), []);
  assert.deepEqual(await codeActions(uri, [d]), []);
  // An unknown document answers empty, not an error.
  assert.deepEqual(await codeActions('file:///nowhere.xent', [d]), []);
  await client.close(uri);
});
