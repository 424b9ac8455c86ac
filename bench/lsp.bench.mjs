#!/usr/bin/env node
// Language-server benchmark (issue 4): a generated 5,000-line .xent file of 250 experiments, against the
// bundled server over stdio (a fresh process), side by side with vscode-json-languageservice — the service VS
// Code's JSON server runs — on a JSON document of the same experiments, called in-process as that server does.
//
//   npm run build && node bench/lsp.bench.mjs [--write]     (--write updates docs/benchmarks.md)
//
// Measured, never asserted: start to first diagnostics, didChange → publishDiagnostics, hover, completion
// (median and p95), and the server's resident memory. Then (issue 9) a 5 MB document (small experiments and
// some with large inline y_true / y_pred lists): keystroke → diagnostics, documentSymbol, semantic tokens (full
// and for a visible range), folding, formatting, resident memory while open and after didClose; and "evaluate
// all" (xent/evaluate with no experiment) on 400 and 800 experiments against `node dist/cli.js eval` on the
// same file.
//
//   --only=5000|big|all   run one part (default: every part); --cpu-prof DIR profiles the server processes
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const json = require('vscode-json-languageservice');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { mulberry32 } = require('../test/support/random.cjs');

const EXPERIMENTS = 250;

/** 250 experiments of 20 lines: a model, a loss, an optimizer, metrics and inline data. */
function xentFile(experiments = EXPERIMENTS) {
  const lines = [];
  for (let i = 0; i < experiments; i++) {
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

const argValue = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = argValue('only') ?? 'every';
const profileDir = argValue('cpu-prof');

async function startServer(text, uri = 'file:///bench/bench.xent') {
  const t0 = performance.now();
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...flags, join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
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
  const first = new Promise((resolve) => waiters.set(1, resolve));
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version: 1, text } });
  const firstAt = await first;
  return { child, conn, uri, waiters, startMs: firstAt - t0 };
}

/** Types at column 2 of `line` (a space in, then out again), `count` edits: each edit's time to its diagnostics. */
async function type({ conn, uri, waiters }, line, count) {
  const diag = [];
  for (let version = 2; version < count + 2; version++) {
    const change =
      version % 2 === 0
        ? { range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: ' ' }
        : { range: { start: { line, character: 2 }, end: { line, character: 3 } }, text: '' };
    const published = new Promise((resolve) => waiters.set(version, resolve));
    const t = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    diag.push((await published) - t);
  }
  return diag;
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
    await stopServer(s);
  }
  const s = await startServer(text);
  const { conn, uri, waiters } = s;
  // Typing in the middle of the file: insert then delete a character, 200 times.
  const line = Math.floor(lines.length / 2) + 2; // a `classes:` line near the middle
  const diag = await type(s, line, 200);
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
  await stopServer(s);
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

/** Ends a server: politely when profiling (the profile is written on exit), else by a signal. */
async function stopServer(s) {
  if (profileDir) {
    const exited = new Promise((resolve) => s.child.once('exit', resolve));
    await s.conn.sendRequest('shutdown').catch(() => {});
    await s.conn.sendNotification('exit').catch(() => {});
    await exited;
  } else s.child.kill();
  s.conn.dispose();
}

/**
 * A document of about 5 MB as real ones arise: 400 small experiments, and 16 with their scores inline (y_true of
 * 10,000 labels, y_pred of 10,000 rows of 3 probabilities).
 */
function bigFile() {
  const small = xentFile(400).split('\n');
  const lines = [];
  const random = mulberry32(9);
  const BIG = 16;
  const ROWS = 10_000;
  for (let b = 0; b < BIG; b++) {
    lines.push(...small.slice(b * 25 * 20, (b + 1) * 25 * 20));
    const yTrue = [];
    const yPred = [];
    for (let r = 0; r < ROWS; r++) {
      const p = [random(), random(), random()];
      const sum = p[0] + p[1] + p[2];
      yTrue.push(Math.floor(random() * 3));
      yPred.push(`[${p.map((v) => (v / sum).toFixed(4)).join(', ')}]`);
    }
    lines.push(
      `experiment scored_${b} {`,
      '  task: multiclass',
      '  classes: [cat, dog, horse]',
      '  labels: integer',
      '  loss: sparse_categorical_crossentropy',
      '  metrics: [accuracy, log_loss]',
      '  data {',
      `    y_true: [${yTrue.join(', ')}]`,
      `    y_pred: [${yPred.join(',\n      ')}]`,
      '  }',
      '}',
      '',
    );
  }
  return lines.join('\n');
}

async function benchBig() {
  const text = bigFile();
  const lines = text.split('\n');
  const starts = [];
  const s = await startServer(text);
  starts.push(s.startMs);
  const { conn, uri, waiters } = s;
  // Typing in a small experiment in the middle (its `classes:` line).
  const line = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('  classes:'));
  const diag = await type(s, line, 40);
  const typed = rssMiB(s.child.pid);
  const timed = async (method, params) => {
    const t = performance.now();
    const answer = await conn.sendRequest(method, params);
    return { ms: performance.now() - t, bytes: JSON.stringify(answer ?? null).length, answer };
  };
  const doc = { uri };
  const symbols = await timed('textDocument/documentSymbol', { textDocument: doc });
  const countSymbols = (xs) => (xs ?? []).reduce((n, x) => n + 1 + countSymbols(x.children), 0);
  const tokensFull = await timed('textDocument/semanticTokens/full', { textDocument: doc });
  const visible = { start: { line, character: 0 }, end: { line: line + 60, character: 0 } };
  const tokensRange = await timed('textDocument/semanticTokens/range', { textDocument: doc, range: visible });
  const folding = await timed('textDocument/foldingRange', { textDocument: doc });
  const options = { tabSize: 2, insertSpaces: true };
  const rangeFormatting = await timed('textDocument/rangeFormatting', { textDocument: doc, range: visible, options });
  const formatting = await timed('textDocument/formatting', { textDocument: doc, options });
  const open = rssMiB(s.child.pid);
  await conn.sendNotification('textDocument/didClose', { textDocument: doc });
  await new Promise((r) => setTimeout(r, 3000));
  const closed = rssMiB(s.child.pid);
  await stopServer(s);
  return {
    bytes: Buffer.byteLength(text),
    lines: lines.length,
    start: starts[0],
    diag: stats(diag),
    symbols: { ...symbols, count: countSymbols(symbols.answer) },
    tokensFull,
    tokensRange,
    folding,
    formatting,
    rangeFormatting,
    typed,
    open,
    closed,
  };
}

/** xent/evaluate for every experiment of a file of `n` experiments, against the CLI on the same file. */
async function benchEvaluateAll(n) {
  const dir = mkdtempSync(join(tmpdir(), 'xent-lsp-bench-'));
  try {
    const file = join(dir, `all-${n}.xent`);
    const text = xentFile(n);
    writeFileSync(file, text);
    const t0 = performance.now();
    const cli = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'eval', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const cliMs = performance.now() - t0;
    const s = await startServer(text, pathToFileURL(file).href);
    const t = performance.now();
    const answer = await s.conn.sendRequest('xent/evaluate', { uri: s.uri });
    const serverMs = performance.now() - t;
    const failed = answer.results.filter((r) => r.error).length;
    await stopServer(s);
    return { n, serverMs, cliMs, cliStatus: cli.status, results: answer.results.length, failed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const x = only === 'every' || only === '5000' ? await benchXent() : undefined;
const j = x ? await benchJson() : undefined;
const big = only === 'every' || only === 'big' ? await benchBig() : undefined;
const all = only === 'every' || only === 'all' ? [await benchEvaluateAll(400), await benchEvaluateAll(800)] : [];
const ms = (v) => `${v.toFixed(1)} ms`;
const mib = (v) => `${v.toFixed(0)} MiB`;
const yes = (ok) => (ok ? 'yes' : 'no');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const parts = [`Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end (1 / 5 / 15 min). The bundled server over stdio in its own process (latency includes JSON-RPC both ways).`];
if (x) {
  parts.push(
    '',
    `**${x.lines} lines, ${EXPERIMENTS} experiments.** JSON: ${j.lines} lines of the same experiments, vscode-json-languageservice 5.7.2 with a schema, called in-process (no protocol).`,
    '',
    '| measure | xent server | target | met? | vscode-json-languageservice |',
    '|---|---|---|---|---|',
    `| start to first diagnostics (median of 5) | ${ms(x.start.median)} | ≤ 200 ms | ${yes(x.start.median <= 200)} | — |`,
    `| didChange → diagnostics, median / p95 | ${ms(x.diag.median)} / ${ms(x.diag.p95)} | p95 ≤ 20 ms | ${yes(x.diag.p95 <= 20)} | ${ms(j.diag.median)} / ${ms(j.diag.p95)} (parse + validate) |`,
    `| hover, median / p95 | ${ms(x.hover.median)} / ${ms(x.hover.p95)} | p95 ≤ 5 ms | ${yes(x.hover.p95 <= 5)} | ${ms(j.hover.median)} / ${ms(j.hover.p95)} |`,
    `| completion, median / p95 | ${ms(x.completion.median)} / ${ms(x.completion.p95)} | p95 ≤ 5 ms | ${yes(x.completion.p95 <= 5)} | ${ms(j.completion.median)} / ${ms(j.completion.p95)} |`,
    `| resident memory after the run (peak) | ${mib(x.memory.rss)} (${mib(x.memory.hwm)}) | ≤ 100 MiB | ${yes(x.memory.rss <= 100)} (peak ${yes(x.memory.hwm <= 100)}) | — (in-process) |`,
  );
}
if (big) {
  const answered = (r, what) => `${ms(r.ms)}${what ? `, ${what}` : ''}`;
  parts.push(
    '',
    `**A ${(big.bytes / 1e6).toFixed(1)} MB document** (${big.lines} lines: 400 small experiments and 16 with 10,000 labels and 10,000 × 3 probabilities inline).`,
    '',
    '| measure | xent server | target | met? |',
    '|---|---|---|---|',
    `| start to first diagnostics | ${ms(big.start)} | — | — |`,
    `| keystroke → diagnostics, median / p95 (40 edits) | ${ms(big.diag.median)} / ${ms(big.diag.p95)} | p95 ≤ 150 ms | ${yes(big.diag.p95 <= 150)} |`,
    `| documentSymbol | ${answered(big.symbols, `${big.symbols.count} symbols, ${(big.symbols.bytes / 1024).toFixed(0)} KiB`)} | ≤ 50 ms, no symbol per number | ${yes(big.symbols.ms <= 50 && big.symbols.count < 5000)} |`,
    `| semantic tokens, full | ${answered(big.tokensFull, `${(big.tokensFull.bytes / 1024).toFixed(0)} KiB`)} | ≤ 200 ms or by range | ${yes(big.tokensFull.ms <= 200 || big.tokensRange.ms <= 200)} |`,
    `| semantic tokens, 60 visible lines | ${answered(big.tokensRange, `${(big.tokensRange.bytes / 1024).toFixed(1)} KiB`)} | ≤ 200 ms | ${yes(big.tokensRange.ms <= 200)} |`,
    `| folding ranges | ${answered(big.folding)} | ≤ 200 ms | ${yes(big.folding.ms <= 200)} |`,
    `| formatting, whole document | ${answered(big.formatting)} | ≤ 200 ms or by range | ${yes(big.formatting.ms <= 200 || big.rangeFormatting.ms <= 200)} |`,
    `| formatting, 60 visible lines | ${answered(big.rangeFormatting)} | ≤ 200 ms | ${yes(big.rangeFormatting.ms <= 200)} |`,
    `| resident memory after opening and typing (peak) | ${mib(big.typed.rss)} (${mib(big.typed.hwm)}) | ≤ 400 MiB | ${yes(big.typed.hwm <= 400)} |`,
    `| resident memory after the requests above (peak) | ${mib(big.open.rss)} (${mib(big.open.hwm)}) | ≤ 400 MiB | ${yes(big.open.hwm <= 400)} |`,
    `| resident memory 3 s after didClose | ${mib(big.closed.rss)} | < 150 MiB | ${yes(big.closed.rss < 150)} |`,
  );
}
if (all.length > 0) {
  parts.push('', '**Evaluate all** (xent/evaluate with no experiment, as "▶ evaluate all" sends) against `node dist/cli.js eval FILE` on the same file, each a fresh process.', '', '| experiments | server | CLI | ratio | target | met? |', '|---|---|---|---|---|---|');
  for (const a of all) {
    const note = a.failed > 0 ? ` (${a.failed} failed)` : '';
    parts.push(`| ${a.n} | ${ms(a.serverMs)}${note} | ${ms(a.cliMs)} | ${(a.serverMs / a.cliMs).toFixed(2)}× | ≤ 2× the CLI | ${yes(a.serverMs <= 2 * a.cliMs)} |`);
  }
}
const table = parts.join('\n');
console.log(table);
if (process.argv.includes('--write') && only === 'every') {
  const file = join(root, 'docs', 'benchmarks.md');
  let doc = readFileSync(file, 'utf8');
  const section = `## The language server against vscode-json-languageservice\n\n\`npm run build && node bench/lsp.bench.mjs --write\`\n\n<!-- lsp-bench:start -->\n${table}\n<!-- lsp-bench:end -->\n`;
  const start = doc.indexOf('## The language server against');
  const end = doc.indexOf('<!-- lsp-bench:end -->');
  doc = start >= 0 && end >= 0 ? doc.slice(0, start) + section + doc.slice(end + '<!-- lsp-bench:end -->\n'.length) : doc.trimEnd() + '\n\n' + section;
  writeFileSync(file, doc);
}
process.exit(0);
