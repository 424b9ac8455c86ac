// Fuzzing the running server: thousands of random incremental edits and requests (every advertised method,
// at random positions, some cancelled, some with positions past the end). The server must answer every
// request — a result or a proper error — log no handler failure, and still be running at the end.
// The second test does it in a hostile workspace (issue 10): FIFOs, a symlink that another process keeps
// pointing elsewhere (inside, outside, a FIFO, /dev/zero, nothing), a .xent file that keeps turning into a
// FIFO, a CSV that grows and shrinks while it is read; no thread may be left blocked and `exit` must work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { SourceText } from '../server/src/core/syntax/source';
import { ROOT, startClient } from './support/lsp-client';
import { launchServer, threadsBlockedOnPipes, within } from './support/server-process';
import { mulberry32 } from './support/random.cjs';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const OPERATIONS = 3000;

const VOCABULARY = [
  'experiment', 'extends', '{', '}', '[', ']', '(', ')', ':', ',', '\n', '  ', '#', '"', "'", 'loss', 'task', 'model',
  'data', 'metrics', 'classes', 'labels', 'optimizer', 'dense(3, activation: softmax)', 'softmax', 'sigmoid', 'relu',
  'binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'from_logits: true', 'f1(average: macro)',
  'y_true: [0, 1, 2]', 'y_pred: [[0.2, 0.8], [0.6, 0.4]]', '0.5', '-1', '1e-3', 'nan', 'é', '猫', '𝒳', '\u0000', '\r\n', 'csv("x.csv")',
];

test(`the server answers thousands of random edits and requests and never dies (seed ${SEED})`, async () => {
  const random = mulberry32(SEED);
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

const HOSTILE_OPERATIONS = 500;
const SECRET = 'FUZZ_OUTSIDE_SECRET';

test(`the server in a workspace of FIFOs, changing links and growing files answers everything, blocks no thread and exits (seed ${SEED})`, { timeout: 240_000 }, async () => {
  const random = mulberry32(SEED + 10);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const base = mkdtempSync(join(tmpdir(), 'xent-fuzz-hostile-'));
  const ws = join(base, 'ws');
  const stage = join(base, 'stage');
  mkdirSync(ws);
  mkdirSync(stage);
  const header = 'label,p_a,p_b\n';
  writeFileSync(join(ws, 'ok.csv'), `${header}a,0.9,0.1\nb,0.2,0.8\na,0.7,0.3\n`);
  writeFileSync(join(base, 'secret.csv'), `${header}${SECRET},0.5,0.5\n`);
  writeFileSync(join(ws, 'grow.csv'), header);
  execFileSync('mkfifo', [join(ws, 'fifo.csv')]);
  execFileSync('mkfifo', [join(ws, 'fifo.xent')]);
  execFileSync('mkfifo', [join(stage, 'fifo.xent')]);
  writeFileSync(join(stage, 'regular.xent'), 'experiment on_disk {\n  classes: [a, b]\n}\n');
  symlinkSync(join(ws, 'ok.csv'), join(ws, 'link.csv'));
  writeFileSync(join(ws, 'swap.xent'), 'experiment swapped {\n  classes: [a, b]\n}\n');

  // Another process keeps the workspace moving: the link changes target, swap.xent is a regular file one
  // moment and a FIFO the next, grow.csv grows (and is cut back) while the server reads it.
  const mover = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('fs');
       const [ws, stage, secret] = process.argv.slice(1);
       const targets = [ws + '/ok.csv', ws + '/fifo.csv', secret, '/dev/zero', ws + '/missing.csv', ws + '/grow.csv'];
       const link = ws + '/link.csv', tmp = ws + '/link.tmp', grow = ws + '/grow.csv';
       let i = 0, xentIsFifo = false;
       setInterval(() => {
         for (let k = 0; k < 10; k++) {
           try { fs.unlinkSync(tmp); } catch {}
           fs.symlinkSync(targets[i++ % targets.length], tmp);
           fs.renameSync(tmp, link);
         }
         fs.renameSync(ws + '/swap.xent', stage + '/' + (xentIsFifo ? 'fifo.xent' : 'regular.xent'));
         fs.renameSync(stage + '/' + (xentIsFifo ? 'regular.xent' : 'fifo.xent'), ws + '/swap.xent');
         xentIsFifo = !xentIsFifo;
         fs.appendFileSync(grow, 'a,0.6,0.4\\nb,0.3,0.7\\n'.repeat(200));
         if (fs.statSync(grow).size > 1 << 20) fs.writeFileSync(grow, 'label,p_a,p_b\\n');
       }, 2);`,
      ws,
      stage,
      join(base, 'secret.csv'),
    ],
    { stdio: 'ignore' },
  );
  const s = await launchServer({ workspace: ws, settings: { trusted: true } });
  const failures: string[] = [];
  const messages: string[] = [];
  s.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => {
    messages.push(m.message);
    if (m.type === 1) failures.push(m.message);
  });
  s.connection.onNotification('window/showMessage', (m: { message: string }) => messages.push(m.message));
  try {
    const experiments = ['link.csv', 'fifo.csv', 'grow.csv', 'ok.csv', '/dev/zero', '../secret.csv', 'fifo.xent'].map(
      (path, i) => `experiment e${i} {\n  classes: [a, b]\n  loss: sparse_categorical_crossentropy\n  data: csv("${path}", y_true: "label", y_pred: ["p_a", "p_b"])\n}\n`,
    );
    const npy = 'experiment n {\n  classes: [a, b]\n  data: npy(y_true: "link.csv", y_pred: "fifo.csv")\n}\n';
    const compose = () => [...experiments, npy].filter(() => random() < 0.6).join('\n') || experiments[0];
    let text = compose();
    const uri = await s.open(join(ws, 'main.xent'), text);
    let version = 1;
    const position = () => new SourceText(text).positionAt(Math.floor(random() * (text.length + 1)));
    const requests: [string, () => unknown][] = [
      ['xent/evaluate', () => ({ uri })],
      ['xent/evaluate', () => ({ uri, experiment: `e${Math.floor(random() * experiments.length)}` })],
      ['xent/report', () => ({ uri, experiment: `e${Math.floor(random() * experiments.length)}` })],
      ['workspace/executeCommand', () => ({ command: 'xent.server.evaluateAll', arguments: [uri] })],
      ['workspace/symbol', () => ({ query: pick(['', 'e', 'on_disk', 'swapped']) })],
      ['textDocument/codeLens', () => ({ textDocument: { uri } })],
      ['textDocument/hover', () => ({ textDocument: { uri }, position: position() })],
      ['textDocument/inlayHint', () => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: position() } })],
      ['textDocument/documentLink', () => ({ textDocument: { uri } })],
      ['textDocument/completion', () => ({ textDocument: { uri }, position: position() })],
    ];
    let answered = 0;
    for (let op = 0; op < HOSTILE_OPERATIONS; op++) {
      if (random() < 0.25) {
        text = compose();
        version++;
        await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        continue;
      }
      if (random() < 0.03) {
        await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(ws, 'grow.csv')).href, type: 2 }] });
      }
      const [method, params] = pick(requests);
      const source = new CancellationTokenSource();
      const pending = s.connection.sendRequest(method, params(), source.token);
      if (random() < 0.2) setTimeout(() => source.cancel(), Math.floor(random() * 20));
      try {
        await within(15_000, `${method} (operation ${op}, seed ${SEED})`, pending);
      } catch (err) {
        // A proper error response (cancelled) is an answer; silence is not.
        if (err instanceof Error && err.message.includes('no answer within')) throw err;
      }
      answered++;
    }
    mover.kill('SIGKILL');
    // Still serving: an evaluation and the workspace symbols answer, and no thread waits on a FIFO.
    const ok = await s.open(join(ws, 'ok.xent'), experiments[3].replace('e3', 'ok'));
    const scored = await within(15_000, 'the final evaluation', s.connection.sendRequest<{ results: { error: string | null; samples: number }[] }>('xent/evaluate', { uri: ok }));
    assert.equal(scored.results[0].error, null);
    assert.equal(scored.results[0].samples, 3);
    await within(15_000, 'the final workspace/symbol', s.connection.sendRequest('workspace/symbol', { query: '' }));
    assert.deepEqual(threadsBlockedOnPipes(s.child.pid!), [], `threads blocked on a FIFO (seed ${SEED})`);
    assert.ok(answered > HOSTILE_OPERATIONS / 2, `only ${answered} requests`);
    assert.deepEqual(failures, [], `handler failures were logged (seed ${SEED})`);
    assert.ok(!messages.some((m) => m.includes(SECRET)), 'a message echoed the file outside the workspace');
    assert.ok(!s.published.some((p) => JSON.stringify(p).includes(SECRET)), 'a diagnostic echoed the file outside the workspace');
    await within(5_000, 'shutdown', s.connection.sendRequest('shutdown'));
    await s.connection.sendNotification('exit');
    assert.equal(await within(5_000, 'exit', s.exited), 0);
  } finally {
    mover.kill('SIGKILL');
    s.kill();
    s.connection.dispose();
  }
});
