// `xent check --data-limit`: small data files are read for the data rules, as the editor does in the
// background (one decision in the core, core/eval/data-check.ts). Run through the built CLI (dist/cli.js:
// `npm run build` first), as a user or CI would run it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import { dataFindings, decideDataRead, DEFAULT_DATA_SIZE_LIMIT } from '../server/src/core/eval/data-check';
import type { RangedDiagnostic } from '../server/src/core/eval/types';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings';
import { npy } from './support/npy';

const CLI = join(__dirname, '..', 'dist', 'cli.js');

function xent(args: string[], cwd: string): { code: number | null; out: string; err: string } {
  assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.error, undefined, `xent ${args.join(' ')} ran (${r.error?.message})`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'xent-check-data-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

// Label 3 on a binary task: Keras's "outside the valid range" error, found only by reading the file.
const CSV = 'label,p0,p1\n0,0.2,0.8\n3,0.6,0.4\n1,0.3,0.7\n';
const CSV_XENT = `experiment scored {
  task: binary
  data: csv("val.csv", y_true: "label", y_pred: ["p0", "p1"])
}
`;

describe('xent check --data-limit', () => {
  it('defaults to the editor setting xent.dataSizeLimit (5 MB)', () => {
    assert.equal(DEFAULT_DATA_SIZE_LIMIT, 5 * 1024 * 1024);
    assert.equal(DEFAULT_SETTINGS.dataSizeLimit, DEFAULT_DATA_SIZE_LIMIT);
  });

  it('reports a data finding of a small CSV at its place, with exit 1, in text, json and sarif', () => {
    const dir = folder({ 'val.csv': CSV, 'a.xent': CSV_XENT });
    const text = xent(['check', 'a.xent'], dir);
    assert.equal(text.code, 1, text.out + text.err);
    // On the data key (line 3, column 3), as the editor shows it.
    assert.match(text.out, /^a\.xent:3:3: error label-out-of-range .*val\.csv:3/m);
    // Named by the value in the file (3), not by a class index or a count slot.
    assert.match(text.out, /label-out-of-range val\.csv:3: y_true holds 3, which is not one of the classes \(0, 1\)/);

    const json = xent(['check', '--format', 'json', 'a.xent'], dir);
    assert.equal(json.code, 1);
    const rows = JSON.parse(json.out) as { file: string; line: number; column: number; code: string; severity: string }[];
    // (Warnings of the scores computed beside it may follow; the error is the finding.)
    assert.deepEqual(
      rows.filter((r) => r.severity === 'error').map((r) => [r.file, r.line, r.column, r.code]),
      [['a.xent', 3, 3, 'label-out-of-range']],
    );

    const sarif = xent(['check', '--format', 'sarif', 'a.xent'], dir);
    assert.equal(sarif.code, 1);
    const results = JSON.parse(sarif.out).runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    assert.deepEqual(
      results.filter((r) => r.level === 'error').map((r) => [r.ruleId, r.locations[0].physicalLocation.region.startLine]),
      [['label-out-of-range', 3]],
    );
  });

  it('reads nothing with --data-limit 0, or when the files together exceed the limit', () => {
    const dir = folder({ 'val.csv': CSV, 'a.xent': CSV_XENT });
    const size = Buffer.byteLength(CSV);
    for (const args of [['--data-limit', '0'], ['--data-limit=0'], ['--data-limit', String(size - 1)]]) {
      const r = xent(['check', ...args, 'a.xent'], dir);
      assert.deepEqual([r.code, r.out], [0, ''], args.join(' '));
    }
    // The limit is inclusive, and takes the K / M suffixes of --max-size.
    assert.equal(xent(['check', '--data-limit', String(size), 'a.xent'], dir).code, 1);
    assert.equal(xent(['check', '--data-limit', '1K', 'a.xent'], dir).code, 1);
  });

  it('refuses a malformed --data-limit with the usage and exit 2', () => {
    const dir = folder({ 'a.xent': CSV_XENT });
    for (const bad of ['lots', '-5', '']) {
      const r = xent(['check', '--data-limit', bad, 'a.xent'], dir);
      assert.equal(r.code, 2, bad);
      assert.match(r.err, /--data-limit takes a size in bytes/);
    }
    assert.equal(xent(['check', 'a.xent', '--data-limit'], dir).code, 2);
  });

  it('reports a missing data file as the editor does', () => {
    const dir = folder({ 'a.xent': CSV_XENT });
    const r = xent(['check', 'a.xent'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /^a\.xent:3:3: error \S+ .*val\.csv/m);
    assert.deepEqual([xent(['check', '--data-limit', '0', 'a.xent'], dir).code], [0]);
  });

  it('reads unasked only data inside the current directory (or --root): a .xent cannot make check quote any file', () => {
    const outside = folder({ 'secret.csv': 'label,p0,p1\nTOP-SECRET,0.5,0.5\n' });
    const dir = folder({ 'a.xent': CSV_XENT.replace('"val.csv"', JSON.stringify(join(outside, 'secret.csv'))) });
    const r = xent(['check', 'a.xent'], dir);
    assert.deepEqual([r.code, r.out], [0, ''], 'not read, nothing reported');
    assert.doesNotMatch(r.out + r.err, /TOP-SECRET/);
    // Given as the root, the folder is read.
    const rooted = xent(['check', '--root', outside, 'a.xent'], dir);
    assert.equal(rooted.code, 1, rooted.out);
    // And xent eval, asked explicitly, reads it as before.
    assert.match(xent(['eval', 'a.xent'], dir).out + xent(['eval', 'a.xent'], dir).err, /secret\.csv/);
  });

  it('never opens a FIFO in the background: the experiment is left to xent eval', { skip: process.platform === 'win32' }, () => {
    const dir = folder({ 'a.xent': CSV_XENT });
    const made = spawnSync('mkfifo', [join(dir, 'val.csv')]);
    assert.equal(made.status, 0, 'mkfifo');
    const r = xent(['check', 'a.xent'], dir); // a blocking read would hit spawnSync's timeout
    assert.deepEqual([r.code, r.out], [0, '']);
  });


  it('catches issue 8 case 6 without eval: labels: integer, a sparse loss and a one-hot y_true .npy', () => {
    const oneHot = [1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1];
    const probs = [0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.2, 0.5, 0.3, 0.2, 0.2, 0.6];
    const dir = folder({
      'y.npy': npy(oneHot, [4, 3], '<f8'),
      'p.npy': npy(probs, [4, 3], '<f8'),
      'c6.xent': `experiment c6 {
  task: multiclass
  classes: [a, b, c]
  labels: integer
  loss: sparse_categorical_crossentropy
  data: npy(y_true: "y.npy", y_pred: "p.npy")
}
`,
    });
    const r = xent(['check', '--format', 'json', 'c6.xent'], dir);
    assert.equal(r.code, 1, r.out + r.err);
    const rows = JSON.parse(r.out) as { line: number; severity: string; code: string; message: string }[];
    // The rule of the same fault in inline data, on the loss line, naming the file and its shape.
    const loss = rows.find((d) => d.code === 'sparse-loss-onehot-labels');
    assert.ok(loss, `the sparse loss against the one-hot file is reported: ${r.out}`);
    assert.deepEqual([loss.line, loss.severity], [5, 'error']);
    assert.match(loss.message, /y\.npy has shape \(4, 3\)/);
    // And the declared labels: integer against the file, on the labels line.
    assert.ok(rows.some((d) => d.line === 4 && d.severity === 'error' && /labels: integer/.test(d.message)), r.out);
    // The text alone cannot know it.
    assert.deepEqual(JSON.parse(xent(['check', '--format', 'json', '--data-limit', '0', 'c6.xent'], dir).out), []);
  });
});

describe('the shared decision (core/eval/data-check.ts)', () => {
  const models = (text: string) => analyze(text).models;

  it('adds the sizes of every file an experiment reads; missing files count 0; inline data is never "read"', async () => {
    const dir = folder({ 'y.npy': Buffer.alloc(600), 'p.npy': Buffer.alloc(500) });
    const [both, one, missing, inline] = models(`
experiment both { task: binary data: npy(y_true: "y.npy", y_pred: "p.npy") }
experiment one { task: binary data: npy(y_true: "y.npy") }
experiment missing { task: binary data: npy(y_true: "nope.npy", y_pred: "p.npy") }
experiment inline { task: binary data { y_true: [0, 1] y_pred: [0.2, 0.7] } }
`);
    assert.deepEqual(await decideDataRead(both, dir, 1100), { read: true, bytes: 1100 });
    assert.deepEqual(await decideDataRead(both, dir, 1000), { read: false, why: 'too-large', bytes: 1100 });
    assert.deepEqual(await decideDataRead(one, dir, 1000), { read: true, bytes: 600 });
    assert.deepEqual(await decideDataRead(missing, dir, 1000), { read: true, bytes: 500 });
    assert.deepEqual(await decideDataRead(one, dir, 0), { read: false, why: 'text-only', bytes: 0 });
    assert.deepEqual(await decideDataRead(inline, dir, 1000), { read: false, why: 'no-data-file', bytes: 0 });
    // Inside the root: read; outside it (here the root is a sibling folder): left to an explicit evaluation.
    assert.deepEqual(await decideDataRead(one, dir, 1000, dir), { read: true, bytes: 600 });
    assert.deepEqual(await decideDataRead(one, dir, 1000, folder({})), { read: false, why: 'outside-root', bytes: 0 });
  });

  it('leaves a directory named as a data file to an explicit evaluation', async () => {
    const dir = folder({});
    const [m] = models('experiment d { task: binary data: npy(y_true: ".") }');
    assert.equal((await decideDataRead(m, dir, 1000)).read, false);
  });

  it('drops a finding the text already reports in the experiment and moves one from outside onto the name', () => {
    const text = `experiment parent {
  task: binary
  data { y_true: [0, 3] y_pred: [0.2, 0.7] }
}
experiment child extends parent {
  loss: binary_crossentropy
}
`;
    const analysis = analyze(text);
    const source = analysis.parse.source;
    const parentModel = analysis.models[0];
    const child = analysis.models[1];
    const known = analysis.diagnostics.find((d) => source.offsetAt(d.range.start) < parentModel.node.end);
    assert.ok(known, 'the text reports something in the parent');
    const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
    const evaluation: RangedDiagnostic[] = [
      { range: known.range, severity: 'error', code: known.code, message: 'the same finding, from the data' },
      { range: at(2, 2, 6), severity: 'error', code: 'data-only-finding', message: 'found in the data' },
    ];
    assert.deepEqual(
      dataFindings(parentModel, analysis.diagnostics, evaluation, source).map((d) => d.code),
      ['data-only-finding'],
    );
    // The child's data stands in the parent's text: its findings go on the child's name.
    const moved = dataFindings(child, analysis.diagnostics, evaluation, source);
    const name = child.node.name!;
    assert.deepEqual(
      moved.map((d) => [d.code, source.offsetAt(d.range.start), source.offsetAt(d.range.end)]),
      [known.code, 'data-only-finding'].map((code) => [code, name.start, name.end]),
    );
  });
});
