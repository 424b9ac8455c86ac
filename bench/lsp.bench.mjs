#!/usr/bin/env node
// Language-server benchmark (issue 4): a generated 5,000-line .xent file of 250 experiments, against the
// bundled server over stdio (a fresh process), side by side with vscode-json-languageservice — the service VS
// Code's JSON server runs — on a JSON document of the same experiments, called in-process as that server does.
//
//   npm run build && node bench/lsp.bench.mjs [--write]     (--write updates docs/benchmarks.md)
//
// Measured, never asserted: start to first diagnostics, didChange → publishDiagnostics, hover, completion
// (median and p95), and the server's resident memory.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const json = require('vscode-json-languageservice');
const { TextDocument } = require('vscode-languageserver-textdocument');

const EXPERIMENTS = 250;

/** 250 experiments of 20 lines: a model, a loss, an optimizer, metrics and inline data. */
function xentFile() {
  const lines = [];
  for (let i = 0; i < EXPERIMENTS; i++) {
    lines.push(
      `experiment run_${i} {`,
      '  task: multiclass',
      '  classes: [cat, dog, horse]',
      '  labels: integer',
      '  model {',
      '    input(8)',
      `    dense(${16 + (i % 5) * 8}, activation: relu)`,
      '    dropout(0.2)',
      '    dense(3, activation: softmax)',
      '  }',
      '  loss: sparse_categorical_crossentropy',
      `  optimizer: adam(learning_rate: 0.00${1 + (i % 9)})`,
      '  metrics: [accuracy, f1(average: macro), log_loss]',
      '  data {',
      `    y_true: [${i % 3}, 1, 2, 0]`,
      '    y_pred: [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.5, 0.3, 0.2]]',
      '  }',
      '}',
      `# run ${i}`,
      '',
    );
  }
  return lines.join('\n');
}

function jsonFile() {
  const experiments = [];
  for (let i = 0; i < EXPERIMENTS; i++) {
    experiments.push({
      name: `run_${i}`,
      task: 'multiclass',
      classes: ['cat', 'dog', 'horse'],
      labels: 'integer',
      model: [{ layer: 'input', shape: 8 }, { layer: 'dense', units: 16 + (i % 5) * 8, activation: 'relu' }, { layer: 'dropout', rate: 0.2 }, { layer: 'dense', units: 3, activation: 'softmax' }],
      loss: 'sparse_categorical_crossentropy',
      optimizer: { name: 'adam', learning_rate: 0.001 * (1 + (i % 9)) },
      metrics: ['accuracy', { name: 'f1', average: 'macro' }, 'log_loss'],
      data: { y_true: [i % 3, 1, 2, 0], y_pred: [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.5, 0.3, 0.2]] },
    });
  }
  return JSON.stringify({ experiments }, null, 2);
}

const SCHEMA = {
  type: 'object',
  properties: {
    experiments: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'task', 'loss'],
        properties: {
          name: { type: 'string', description: 'The experiment name.' },
          task: { enum: ['binary', 'multiclass', 'multilabel'], description: 'binary | multiclass | multilabel' },
          classes: { type: 'array', items: { type: 'string' }, description: 'The class names.' },
          labels: { enum: ['integer', 'onehot', 'indicator'], description: 'How y_true is encoded.' },
          model: { type: 'array', items: { type: 'object' } },
          loss: { enum: ['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence'], description: 'L = −(1/N) Σᵢ log pᵢ,yᵢ' },
          optimizer: { type: 'object', properties: { name: { enum: ['adam', 'sgd', 'rmsprop'] }, learning_rate: { type: 'number', exclusiveMinimum: 0 } } },
          metrics: { type: 'array' },
          data: { type: 'object' },
        },
      },
    },
  },
};

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const stats = (xs) => ({ median: quantile(xs, 0.5), p95: quantile(xs, 0.95) });

async function startServer(text) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  // No partial-message timer: it outlives a killed server and would keep the benchmark's process alive
  // (test/support/stdio-connection.ts says more).
  const reader = new rpc.StreamMessageReader(child.stdout);
  reader.partialMessageTimeout = 0;
  const conn = rpc.createMessageConnection(reader, new rpc.StreamMessageWriter(child.stdin));
  const waiters = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiters.get(p.version);
    if (w) {
      waiters.delete(p.version);
      w(performance.now());
    }
  });
  conn.onRequest('workspace/configuration', () => [{}]);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.onRequest('workspace/workspaceFolders', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', () => {});
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const uri = 'file:///bench/bench.xent';
  const first = new Promise((resolve) => waiters.set(1, resolve));
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version: 1, text } });
  const firstAt = await first;
  return { child, conn, uri, waiters, startMs: firstAt - t0 };
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const get = (k) => Number(/\s(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(k)) ?? '')?.[1] ?? NaN) / 1024;
  return { rss: get('VmRSS:'), hwm: get('VmHWM:') };
}

async function benchXent() {
  const text = xentFile();
  const lines = text.split('\n');
  const starts = [];
  for (let i = 0; i < 5; i++) {
    const s = await startServer(text);
    starts.push(s.startMs);
    s.conn.dispose();
    s.child.kill();
  }
  const s = await startServer(text);
  const { conn, uri, waiters } = s;
  // Typing in the middle of the file: insert then delete a character, 200 times.
  const line = Math.floor(lines.length / 2) + 2; // a `classes:` line near the middle
  const diag = [];
  let version = 1;
  for (let i = 0; i < 200; i++) {
    version++;
    const insert = i % 2 === 0;
    const change = insert
      ? { range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: ' ' }
      : { range: { start: { line, character: 2 }, end: { line, character: 3 } }, text: '' };
    const published = new Promise((resolve) => waiters.set(version, resolve));
    const t = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    diag.push((await published) - t);
  }
  const hover = [];
  const completion = [];
  for (let i = 0; i < 200; i++) {
    const exp = (i * 37) % EXPERIMENTS;
    const lossLine = exp * 20 + 10;
    let t = performance.now();
    await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: lossLine, character: 10 } });
    hover.push(performance.now() - t);
    t = performance.now();
    await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: lossLine, character: 8 } });
    completion.push(performance.now() - t);
  }
  const memory = rssMiB(s.child.pid);
  conn.dispose();
  s.child.kill();
  return { lines: lines.length, start: stats(starts), diag: stats(diag), hover: stats(hover), completion: stats(completion), memory };
}

function benchJson() {
  const service = json.getLanguageService({});
  service.configure({ validate: true, schemas: [{ uri: 'bench://schema', fileMatch: ['*.json'], schema: SCHEMA }] });
  let text = jsonFile();
  const lines = text.split('\n').length;
  let doc = TextDocument.create('file:///bench/bench.json', 'json', 1, text);
  const diag = [];
  const middle = text.indexOf('"classes"', Math.floor(text.length / 2));
  return (async () => {
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      text = i % 2 === 0 ? text.slice(0, middle) + ' ' + text.slice(middle) : text.slice(0, middle) + text.slice(middle + 1);
      doc = TextDocument.create(doc.uri, 'json', doc.version + 1, text);
      const parsed = service.parseJSONDocument(doc);
      await service.doValidation(doc, parsed);
      diag.push(performance.now() - t);
    }
    const parsed = service.parseJSONDocument(doc);
    const hover = [];
    const completion = [];
    const positions = [];
    for (let from = 0, k = 0; k < 200; k++) {
      const at = text.indexOf('"loss"', from);
      from = at < 0 ? 0 : at + 1;
      positions.push(doc.positionAt(at < 0 ? 0 : at + 12));
    }
    for (const p of positions) {
      let t = performance.now();
      await service.doHover(doc, p, parsed);
      hover.push(performance.now() - t);
      t = performance.now();
      await service.doComplete(doc, p, parsed);
      completion.push(performance.now() - t);
    }
    return { lines, diag: stats(diag), hover: stats(hover), completion: stats(completion) };
  })();
}

const x = await benchXent();
const j = await benchJson();
const ms = (v) => `${v.toFixed(1)} ms`;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. xent: ${x.lines} lines, 250 experiments, the bundled server over stdio in its own process (latency includes JSON-RPC both ways). JSON: ${j.lines} lines of the same experiments, vscode-json-languageservice 5.7.2 with a schema, called in-process (no protocol).`,
  '',
  '| measure | xent server | target | met? | vscode-json-languageservice |',
  '|---|---|---|---|---|',
  `| start to first diagnostics (median of 5) | ${ms(x.start.median)} | ≤ 300 ms | ${x.start.median <= 300 ? 'yes' : 'no'} | — |`,
  `| didChange → diagnostics, median / p95 | ${ms(x.diag.median)} / ${ms(x.diag.p95)} | p95 ≤ 30 ms | ${x.diag.p95 <= 30 ? 'yes' : 'no'} | ${ms(j.diag.median)} / ${ms(j.diag.p95)} (parse + validate) |`,
  `| hover, median / p95 | ${ms(x.hover.median)} / ${ms(x.hover.p95)} | p95 ≤ 5 ms | ${x.hover.p95 <= 5 ? 'yes' : 'no'} | ${ms(j.hover.median)} / ${ms(j.hover.p95)} |`,
  `| completion, median / p95 | ${ms(x.completion.median)} / ${ms(x.completion.p95)} | p95 ≤ 5 ms | ${x.completion.p95 <= 5 ? 'yes' : 'no'} | ${ms(j.completion.median)} / ${ms(j.completion.p95)} |`,
  `| resident memory after the run (peak) | ${x.memory.rss.toFixed(0)} MiB (${x.memory.hwm.toFixed(0)} MiB) | ≤ 100 MB | ${x.memory.hwm <= 100 ? 'yes' : 'no'} | — (in-process) |`,
].join('\n');
console.log(table);
if (process.argv.includes('--write')) {
  const file = join(root, 'docs', 'benchmarks.md');
  let doc = readFileSync(file, 'utf8');
  const section = `## The language server against vscode-json-languageservice\n\n\`npm run build && node bench/lsp.bench.mjs --write\`\n\n<!-- lsp-bench:start -->\n${table}\n<!-- lsp-bench:end -->\n`;
  const start = doc.indexOf('## The language server against');
  const end = doc.indexOf('<!-- lsp-bench:end -->');
  doc = start >= 0 && end >= 0 ? doc.slice(0, start) + section + doc.slice(end + '<!-- lsp-bench:end -->\n'.length) : doc.trimEnd() + '\n\n' + section;
  writeFileSync(file, doc);
}
process.exit(0);
