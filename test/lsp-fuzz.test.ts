// Fuzzing the running server: thousands of random incremental edits and requests (every advertised method,
// at random positions, some cancelled, some with positions past the end). The server must answer every
// request — a result or a proper error — log no handler failure, and still be running at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { SourceText } from '../server/src/core/syntax/source';
import { ROOT, startClient } from './support/lsp-client';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const OPERATIONS = 3000;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = [
  'experiment', 'extends', '{', '}', '[', ']', '(', ')', ':', ',', '\n', '  ', '#', '"', "'", 'loss', 'task', 'model',
  'data', 'metrics', 'classes', 'labels', 'optimizer', 'dense(3, activation: softmax)', 'softmax', 'sigmoid', 'relu',
  'binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'from_logits: true', 'f1(average: macro)',
  'y_true: [0, 1, 2]', 'y_pred: [[0.2, 0.8], [0.6, 0.4]]', '0.5', '-1', '1e-3', 'nan', 'é', '猫', '𝒳', '\u0000', '\r\n', 'csv("x.csv")',
];

test(`the server answers thousands of random edits and requests and never dies (seed ${SEED})`, async () => {
  const random = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const examples = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.xent'))
    .map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8'));
  const c = await startClient();
  const failures: string[] = [];
  c.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => {
    if (m.type === 1) failures.push(m.message);
  });
  let text = pick(examples);
  const uri = await c.open(text, 'fuzz');
  let version = 1;
  const withTimeout = <T>(p: Promise<T>, what: string) =>
    Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${what} within 10 s (seed ${SEED})`)), 10_000))]);

  const position = (allowOutside: boolean) => {
    if (allowOutside && random() < 0.05) return { line: Math.floor(random() * 1000), character: Math.floor(random() * 500) };
    const src = new SourceText(text);
    return src.positionAt(Math.floor(random() * (text.length + 1)));
  };

  const requests: [string, () => unknown][] = [
    ['textDocument/hover', () => ({ textDocument: { uri }, position: position(true) })],
    ['textDocument/completion', () => ({ textDocument: { uri }, position: position(true) })],
    ['textDocument/signatureHelp', () => ({ textDocument: { uri }, position: position(true) })],
    ['textDocument/definition', () => ({ textDocument: { uri }, position: position(true) })],
    ['textDocument/references', () => ({ textDocument: { uri }, position: position(true), context: { includeDeclaration: true } })],
    ['textDocument/prepareRename', () => ({ textDocument: { uri }, position: position(true) })],
    ['textDocument/rename', () => ({ textDocument: { uri }, position: position(true), newName: pick(['renamed', 'x', '1bad', 'experiment']) })],
    ['textDocument/documentSymbol', () => ({ textDocument: { uri } })],
    ['textDocument/foldingRange', () => ({ textDocument: { uri } })],
    ['textDocument/semanticTokens/full', () => ({ textDocument: { uri } })],
    ['textDocument/selectionRange', () => ({ textDocument: { uri }, positions: [position(true), position(false)] })],
    ['textDocument/documentLink', () => ({ textDocument: { uri } })],
    ['textDocument/codeLens', () => ({ textDocument: { uri } })],
    ['textDocument/formatting', () => ({ textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })],
    ['textDocument/inlayHint', () => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: position(true) } })],
    ['textDocument/codeAction', () => {
      const start = position(false);
      return { textDocument: { uri }, range: { start, end: start }, context: { diagnostics: c.latestDiagnostics(uri) } };
    }],
    ['workspace/symbol', () => ({ query: pick(['', 'a', 'cat', 'zz']) })],
  ];

  let answered = 0;
  for (let op = 0; op < OPERATIONS; op++) {
    if (random() < 0.55) {
      // An incremental edit: replace a random span by a random piece (or paste an example fragment).
      const a = Math.floor(random() * (text.length + 1));
      const b = Math.min(text.length, a + Math.floor(random() * (random() < 0.1 ? 200 : 8)));
      const insert = random() < 0.08 ? pick(examples).slice(0, Math.floor(random() * 400)) : random() < 0.5 ? '' : pick(VOCABULARY);
      const src = new SourceText(text);
      const range = { start: src.positionAt(a), end: src.positionAt(b) };
      text = text.slice(0, a) + insert + text.slice(b);
      version++;
      await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
      if (random() < 0.02) {
        // Now and then the whole document is replaced, sometimes by nothing.
        text = random() < 0.3 ? '' : pick(examples);
        version++;
        await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      }
      continue;
    }
    const [method, params] = pick(requests);
    const source = new CancellationTokenSource();
    const pending = c.connection.sendRequest(method, params(), source.token);
    if (random() < 0.1) source.cancel();
    try {
      await withTimeout(pending, method);
    } catch (err) {
      // A proper error response (cancelled, invalid params) is an answer; silence is not.
      if (err instanceof Error && err.message.startsWith('no answer')) throw err;
    }
    answered++;
  }
  // A last round trip proves the server is still serving, then the process must be alive.
  await withTimeout(c.request('textDocument/documentSymbol', { textDocument: { uri } }), 'the final request');
  assert.equal(c.process.exitCode, null, `the server exited (seed ${SEED}): ${c.stderr()}`);
  assert.ok(answered > OPERATIONS / 3, `only ${answered} requests`);
  assert.deepEqual(failures, [], `handler failures were logged (seed ${SEED})`);
  await c.stop();
});
