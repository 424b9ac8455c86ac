// Issue 10, the language server (dist/server.js over stdio, a real JSON-RPC client): cancelled requests
// answer RequestCancelled; after shutdown every request answers InvalidRequest; `exit` is honoured even with
// an evaluation in flight (0 after shutdown, 1 without); the server exits when its parent process dies; a
// FIFO or a device named as data in a trusted workspace never hangs anything. Every wait is bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { launchServer, threadsBlockedOnPipes, within, type ServerProcess } from './support/server-process';

const REQUEST_CANCELLED = -32800;
const INVALID_REQUEST = -32600;

interface EvalAnswer {
  results: { name: string; error: string | null; samples: number }[];
}

function workspace(name: string): string {
  return mkdtempSync(join(tmpdir(), `xent-hardening-lsp-${name}-`));
}

const experiment = (name: string, path: string) =>
  `experiment ${name} {\n  classes: [a, b]\n  loss: sparse_categorical_crossentropy\n  data: csv("${path}", y_true: "label", y_pred: ["p_a", "p_b"])\n}\n`;

/** A CSV of `rows` rows: large enough that scoring it takes a while (the evaluation is in flight). */
function writeLargeCsv(path: string, rows: number): void {
  const lines = ['label,p_a,p_b'];
  for (let i = 0; i < rows; i++) {
    const p = ((i * 7919) % 1000) / 1000;
    lines.push(`${i % 2 ? 'a' : 'b'},${p.toFixed(3)},${(1 - p).toFixed(3)}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

async function errorCode(p: Promise<unknown>, what: string): Promise<number | 'answered'> {
  try {
    await within(10_000, what, p);
    return 'answered';
  } catch (err) {
    if (err instanceof ResponseError) return err.code;
    throw err;
  }
}

async function stop(s: ServerProcess): Promise<void> {
  try {
    await within(5_000, 'shutdown', s.connection.sendRequest('shutdown'));
    await s.connection.sendNotification('exit');
    await within(5_000, 'exit', s.exited);
  } finally {
    s.kill();
    s.connection.dispose();
  }
}

test('a cancelled xent/evaluate answers the error RequestCancelled (-32800), not an empty result', { timeout: 60_000 }, async () => {
  const ws = workspace('cancel');
  writeLargeCsv(join(ws, 'big.csv'), 600_000);
  writeFileSync(join(ws, 'small.csv'), 'label,p_a,p_b\na,0.9,0.1\nb,0.2,0.8\n');
  const s = await launchServer({ workspace: ws });
  try {
    const uri = await s.open(join(ws, 'x.xent'), experiment('big', 'big.csv') + experiment('small', 'small.csv'));
    for (let i = 0; i < 3; i++) {
      const source = new CancellationTokenSource();
      const pending = s.connection.sendRequest('xent/evaluate', { uri, experiment: 'big' }, source.token);
      setTimeout(() => source.cancel(), 20);
      assert.equal(await errorCode(pending, 'the cancelled evaluation'), REQUEST_CANCELLED);
    }
    // The server goes on answering, and an uncancelled evaluation is scored.
    const answer = await within(15_000, 'xent/evaluate', s.connection.sendRequest<EvalAnswer>('xent/evaluate', { uri, experiment: 'small' }));
    assert.equal(answer.results[0].error, null);
    assert.equal(answer.results[0].samples, 2);
  } finally {
    await stop(s);
  }
});

test('after shutdown every request answers InvalidRequest (-32600); exit then ends the process with 0', { timeout: 30_000 }, async () => {
  const ws = workspace('shutdown');
  const s = await launchServer({ workspace: ws });
  try {
    const uri = await s.open(join(ws, 'a.xent'), 'experiment a {\n  loss: log_loss\n}\n');
    assert.notEqual(await errorCode(s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 4 } }), 'hover'), INVALID_REQUEST);
    assert.equal(await within(5_000, 'shutdown', s.connection.sendRequest('shutdown')), null);
    const after: [string, unknown][] = [
      ['textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 4 } }],
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['workspace/symbol', { query: '' }],
      ['xent/evaluate', { uri }],
      ['no/such/method', {}],
      ['shutdown', undefined],
    ];
    for (const [method, params] of after) assert.equal(await errorCode(s.connection.sendRequest(method, params), method), INVALID_REQUEST, method);
    await s.connection.sendNotification('exit');
    assert.equal(await within(5_000, 'exit', s.exited), 0);
  } finally {
    s.kill();
    s.connection.dispose();
  }
});

test('exit is honoured with an evaluation in flight: 1 without shutdown, 0 after it', { timeout: 60_000 }, async () => {
  const ws = workspace('exit');
  writeLargeCsv(join(ws, 'big.csv'), 600_000);
  for (const withShutdown of [false, true]) {
    const s = await launchServer({ workspace: ws });
    try {
      const uri = await s.open(join(ws, 'x.xent'), experiment('big', 'big.csv'));
      const inFlight = s.connection.sendRequest('xent/evaluate', { uri }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 150));
      if (withShutdown) await within(5_000, 'shutdown', s.connection.sendRequest('shutdown'));
      await s.connection.sendNotification('exit');
      assert.equal(await within(5_000, 'the process to exit', s.exited), withShutdown ? 0 : 1);
      void inFlight;
    } finally {
      s.kill();
      s.connection.dispose();
    }
  }
});

for (const transport of ['stdio', 'ipc'] as const) {
  test(`the server exits by itself when the parent process named in initialize dies (${transport})`, { timeout: 30_000 }, async () => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const s = await launchServer({ processId: parent.pid!, transport });
    try {
      // Alive while the parent is.
      await within(5_000, 'workspace/symbol', s.connection.sendRequest('workspace/symbol', { query: '' }));
      await new Promise((r) => setTimeout(r, 3_500));
      assert.equal(s.child.exitCode, null, 'the server exited while its parent was alive');
      parent.kill('SIGKILL');
      // vscode-languageserver polls the parent every 3 s.
      const code = await within(10_000, 'the server to notice its parent died', s.exited);
      assert.equal(code, 1, 'no shutdown was received, so the exit code is 1');
    } finally {
      parent.kill('SIGKILL');
      s.kill();
      s.connection.dispose();
    }
  });
}

test('a FIFO and devices named as data in a trusted workspace: the document opens, diagnostics arrive, nothing hangs', { timeout: 90_000 }, async () => {
  const ws = workspace('fifo');
  execFileSync('mkfifo', [join(ws, 'pipe.csv')]);
  symlinkSync('/dev/zero', join(ws, 'zero-link.csv'));
  // A character device inside the workspace itself (a /dev/zero twin) where the system lets us make one.
  let device = false;
  try {
    execFileSync('mknod', [join(ws, 'zero.csv'), 'c', '1', '5'], { stdio: 'ignore' });
    device = true;
  } catch {
    // not root: the FIFO and the links still cover the server's path
  }
  writeFileSync(join(ws, 'ok.csv'), 'label,p_a,p_b\na,0.9,0.1\nb,0.2,0.8\n');
  const names = ['fifo', 'abs_zero', 'zero_link', ...(device ? ['device'] : [])];
  const paths: Record<string, string> = { fifo: 'pipe.csv', abs_zero: '/dev/zero', zero_link: 'zero-link.csv', device: 'zero.csv' };
  const text = names.map((n) => experiment(n, paths[n])).join('\n');
  const s = await launchServer({ workspace: ws, settings: { trusted: true } });
  try {
    const uri = await s.open(join(ws, 'special.xent'), text);
    // Diagnostics of the text arrive although the background data check meets a FIFO.
    await within(10_000, 'diagnostics', (async () => {
      while (!s.published.some((p) => p.uri === uri)) await new Promise((r) => setTimeout(r, 50));
    })());
    // Each experiment, evaluated on request many times (a new version each time, so none comes from the
    // cache), is refused at once; the issue saw the server stop answering after 6 such evaluations.
    for (let round = 0; round < 8; round++) {
      await s.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: round + 2 },
        contentChanges: [{ text: `# round ${round}\n${text}` }],
      });
      const answer = await within(10_000, `xent/evaluate round ${round}`, s.connection.sendRequest<EvalAnswer>('xent/evaluate', { uri }));
      for (const r of answer.results) {
        assert.ok(r.error, `${r.name} was scored`);
        const why = r.name === 'fifo' || r.name === 'device' ? /not a regular file/ : /outside the workspace|not a regular file/;
        assert.match(r.error, why, r.name);
      }
    }
    // Other requests still answer, and an ordinary document is scored.
    await within(10_000, 'workspace/symbol', s.connection.sendRequest('workspace/symbol', { query: '' }));
    const ok = await s.open(join(ws, 'ok.xent'), experiment('ok', 'ok.csv'));
    const scored = await within(10_000, 'xent/evaluate ok', s.connection.sendRequest<EvalAnswer>('xent/evaluate', { uri: ok }));
    assert.equal(scored.results[0].error, null);
    assert.deepEqual(threadsBlockedOnPipes(s.child.pid!), [], 'a server thread is blocked on a FIFO');
  } finally {
    await stop(s);
  }
});
