// The experiment's data sources (eval/sources.ts) over the readers: the layout seen in the data (never
// converted), column patterns for y_true and y_pred, y_pred's dtype, locations naming the right file and
// row, the root, and Fortran-order .npy from pandas. Fixtures: test/fixtures/data/npy (numpy, pandas).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import { openSource, type RowPlace, type Source, type SourceOptions } from '../server/src/core/eval/sources';
import type { ScoreChunk } from '../server/src/core/eval/scorer';

const NPY = join(__dirname, 'fixtures/data/npy');
const dir = mkdtempSync(join(tmpdir(), 'xent-sources-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
for (const f of ['chunks-true.npy', 'chunks-pred.npy', 'pandas-pred.npy', 'pandas-true.npy', 'pandas-onehot.npy', 'lef2-v1-2d.npy', 'lei4-v1-2d.npy', 'lef8-v1-2d.npy', 'nan.npy', 'truncated.npy', 'chunks-short.npy']) {
  copyFileSync(join(NPY, f), join(dir, f));
}
const expected = JSON.parse(readFileSync(join(NPY, 'expected.json'), 'utf8')) as { cases: Array<{ file: string; values?: string[] }> };
const valuesOf = (file: string) => expected.cases.find((c) => c.file === file)!.values!.map(Number);

function model(text: string) {
  const { models } = analyze(text);
  assert.equal(models.length, 1);
  return models[0];
}

async function open(text: string, opts: Partial<SourceOptions> = {}): Promise<Source> {
  const m = model(text);
  const s = await openSource(m, 'indices', { baseDir: dir, ...opts });
  if (typeof s === 'string') assert.fail(s);
  return s;
}

async function readAll(s: Source): Promise<ScoreChunk[]> {
  const out: ScoreChunk[] = [];
  await s.read((c) => {
    // Chunks are recycled after consume returns: copy what is kept.
    out.push({
      ...c,
      indices: c.indices && Float64Array.from(c.indices),
      matrix: c.matrix && Float64Array.from(c.matrix),
      yPred: Float64Array.from(c.yPred),
    });
  });
  return out;
}

async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  return assert.fail('expected an error');
}

test('csv: y_true and y_pred as column patterns (docs/language.md), read as one-hot rows', async () => {
  writeFileSync(join(dir, 'pat.csv'), 'id,t_a,t_b,t_c,p_a,p_b,p_c\n1,1,0,0,0.7,0.2,0.1\n2,0,1,0,0.1,0.8,0.1\n3,0,0,1,0.2,0.2,0.6\n');
  const s = await open('experiment p { task: multiclass classes: [a, b, c] data: csv("pat.csv", y_true: "t_*", y_pred: "p_*") }');
  assert.equal(s.layout, 'onehot');
  assert.deepEqual({ kind: s.seen.kind, columns: s.seen.columns }, { kind: 'matrix', columns: 3 });
  assert.equal(s.predCols, 3);
  const chunks = await readAll(s);
  assert.equal(chunks.length, 1);
  const c = chunks[0];
  assert.equal(c.indices, undefined);
  assert.deepEqual([...c.matrix!], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  assert.deepEqual([...c.yPred], [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.2, 0.2, 0.6]);
  assert.equal(c.cols, 3);
  assert.equal(c.where(1), 'pat.csv:3');
  // A list mixing a name and a pattern.
  const mixed = await open('experiment p { task: multiclass classes: [a, b, c] data: csv("pat.csv", y_true: "t_*", y_pred: ["p_a", "p_*"]) }').catch((e: Error) => e);
  assert.ok(mixed instanceof Error, 'p_a twice (name and pattern) is a schema error');
  assert.match((mixed as Error).message, /^pat\.csv: column p_a is used twice in y_pred/);
});

test('csv: a pattern matching one y_true column is a label column', async () => {
  writeFileSync(join(dir, 'one.csv'), 'target,p_0,p_1\n0,0.9,0.1\n1,0.3,0.7\n');
  const s = await open('experiment p { task: multiclass classes: [a, b] data: csv("one.csv", y_true: "tar*", y_pred: "p_*") }');
  assert.equal(s.layout, 'indices');
  assert.equal(s.seen.kind, 'labels');
  const [c] = await readAll(s);
  assert.deepEqual([...c.indices!], [0, 1]);
  assert.equal(c.matrix, undefined);
});

test('csv: one label column under labels: onehot stays labels (never one-hot encoded)', async () => {
  writeFileSync(join(dir, 'lab.csv'), 'label,p_a,p_b,p_c\n2,0.1,0.2,0.7\n0,0.8,0.1,0.1\n');
  const s = await open('experiment p { task: multiclass classes: [a, b, c] labels: onehot loss: categorical_crossentropy data: csv("lab.csv", y_true: "label", y_pred: "p_*") }');
  assert.equal(s.layout, 'indices');
  assert.equal(s.seen.kind, 'labels');
  assert.match(s.seen.description, /lab\.csv: y_true is the single column label/);
  const [c] = await readAll(s);
  assert.deepEqual([...c.indices!], [2, 0]);
  assert.equal(c.matrix, undefined);
  assert.equal(c.predDtype, 'float64');
});

test('npy: the layout is the array shape, whatever labels: says', async () => {
  // 1-D labels under labels: onehot: labels, not encoded.
  const a = await open('experiment n { task: multiclass classes: [a, b, c] labels: onehot data: npy(y_true: "chunks-true.npy", y_pred: "chunks-pred.npy") }');
  assert.equal(a.layout, 'indices');
  assert.deepEqual({ kind: a.seen.kind, columns: a.seen.columns }, { kind: 'labels', columns: 1 });
  assert.equal(a.seen.description, 'chunks-true.npy has shape (1000,)');
  const ac = await readAll(a);
  assert.ok(ac.every((c) => c.matrix === undefined && c.indices!.length === c.n));
  assert.deepEqual(ac.flatMap((c) => [...c.indices!]), valuesOf('chunks-true.npy'));
  // A 2-D one-hot y_true under labels: integer: a matrix.
  const b = await open('experiment n { task: multiclass classes: [a, b, c] labels: integer loss: sparse_categorical_crossentropy data: npy(y_true: "pandas-onehot.npy", y_pred: "pandas-pred.npy") }');
  assert.equal(b.layout, 'onehot');
  assert.deepEqual({ kind: b.seen.kind, columns: b.seen.columns }, { kind: 'matrix', columns: 3 });
  const bc = await readAll(b);
  assert.ok(bc.every((c) => c.indices === undefined && c.matrix!.length === c.n * 3));
  // The one-hot rows are those of pandas.get_dummies(label): a 1 in the label's column.
  const labels = valuesOf('pandas-true.npy');
  const m = bc.flatMap((c) => [...c.matrix!]);
  for (let i = 0; i < labels.length; i++) assert.deepEqual(m.slice(i * 3, i * 3 + 3), [0, 1, 2].map((j) => (j === labels[i] ? 1 : 0)));
  // Multilabel: a matrix is indicator rows.
  const c = await open('experiment n { task: multilabel classes: [a, b, c] data: npy(y_true: "pandas-onehot.npy", y_pred: "pandas-pred.npy") }');
  assert.equal(c.layout, 'indicator');
});

test('npy: Fortran-order predictions saved from pandas are read row by row (np.load order)', async () => {
  const s = await open('experiment n { task: multiclass classes: [a, b, c] data: npy(y_true: "pandas-true.npy", y_pred: "pandas-pred.npy") }');
  const chunks = await readAll(s);
  assert.deepEqual(chunks.flatMap((c) => [...c.yPred]), valuesOf('pandas-pred.npy'));
  assert.equal(chunks.reduce((n, c) => n + c.n, 0), 1000);
});

test('y_pred dtype: float16 and float32 kept, other dtypes float64, CSV float64', async () => {
  const dtypeOf = async (pred: string, yTrue = 'pandas-true.npy') => {
    const s = await open(`experiment n { task: multiclass classes: [a, b, c] data: npy(y_true: "${yTrue}", y_pred: "${pred}") }`);
    const chunks = await readAll(s);
    return [...new Set(chunks.map((c) => c.predDtype))];
  };
  assert.deepEqual(await dtypeOf('chunks-pred.npy', 'chunks-true.npy'), ['float32']); // >f4
  assert.deepEqual(await dtypeOf('pandas-pred.npy'), ['float64']);
  // 4-row fixtures: a 4-row y_true.
  writeFileSync(join(dir, 'y4-2d.npy'), readFileSync(join(NPY, 'lef8-v1-2d.npy')));
  const four = async (pred: string) => {
    const s = await open(`experiment n { task: multiclass classes: [a, b, c] data: npy(y_true: "y4-2d.npy", y_pred: "${pred}") }`);
    return [...new Set((await readAll(s)).map((c) => c.predDtype))];
  };
  assert.deepEqual(await four('lef2-v1-2d.npy'), ['float16']);
  assert.deepEqual(await four('lei4-v1-2d.npy'), ['float64']);
  assert.deepEqual(await four('lef8-v1-2d.npy'), ['float64']);
});

test('locations: a bad y_pred .npy is reported against the y_pred file, with its row', async () => {
  // nan.npy is [[0.1, 0.9], [0.5, nan]]: y_pred, with 2-row labels.
  const labels = join(dir, 'labels2.npy');
  // A 2-row 1-D int64 label file, written byte by byte as numpy's format 1.0 does.
  const header = "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }";
  const padded = header + ' '.repeat(128 - 10 - header.length - 1) + '\n';
  writeFileSync(labels, Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, padded.length, 0]), Buffer.from(padded, 'latin1'), Buffer.from(new BigInt64Array([0n, 1n]).buffer)]));
  const s = await open('experiment n { task: binary classes: [a, b] data: npy(y_true: "labels2.npy", y_pred: "nan.npy") }');
  const e = await errorOf(s.read(() => {}));
  assert.equal(e.code, 'non-finite');
  assert.equal(e.message, 'nan.npy: row 2: element [1, 1] is nan, not a finite number');

  const t = await open('experiment n { task: multiclass classes: [a, b, c] data: npy(y_true: "chunks-true.npy", y_pred: "truncated.npy") }').catch((x: Error) => x);
  assert.ok(t instanceof Error);
  assert.match((t as Error).message, /^truncated\.npy: the file is truncated/);

  const short = await errorOf(open('experiment n { task: multiclass classes: [a, b, c] data: npy(y_true: "chunks-true.npy", y_pred: "chunks-short.npy") }').then((x) => x.read(() => {})));
  assert.equal(short.message, 'chunks-short.npy: y_pred has 999 rows but y_true (chunks-true.npy) has 1000');

  // where(): the row of both files, or of the file of a role.
  const ok = await open('experiment n { task: multiclass classes: [a, b, c] data: npy(y_true: "chunks-true.npy", y_pred: "chunks-pred.npy") }');
  let place: RowPlace | undefined;
  let rowStart = -1;
  await ok.read((c) => {
    if (c.rowStart > 0 && place === undefined) {
      place = c.where as RowPlace;
      rowStart = c.rowStart;
    }
  });
  if (place === undefined) {
    // One chunk only (1000 rows < 65536): take the first.
    await ok.read((c) => {
      place ??= c.where as RowPlace;
      rowStart = c.rowStart;
    });
  }
  assert.equal(place!(4), `row ${rowStart + 5} of chunks-true.npy (y_true) and chunks-pred.npy (y_pred)`);
  assert.equal(place!(4, 'y_pred'), `chunks-pred.npy row ${rowStart + 5}`);
  assert.equal(place!(4, 'y_true'), `chunks-true.npy row ${rowStart + 5}`);
});

test('locations: CSV errors name the file and line', async () => {
  writeFileSync(join(dir, 'bad.csv'), 'label,p\n0,0.2\n\n1,abc\n');
  const s = await open('experiment c { task: binary data: csv("bad.csv", y_true: "label", y_pred: "p") }');
  const e = await errorOf(s.read(() => {}));
  assert.equal(e.message, "bad.csv:4: column p is 'abc', not a number");
});

test('root: data outside the root is refused before anything is read', async () => {
  const root = join(dir, 'ws');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(dir, 'outside.csv'), 'SECRET_HEADER,x\n1,2\n');
  const text = 'experiment c { task: binary data: csv("../outside.csv", y_true: "label", y_pred: "p") }';
  const m = model(text);
  const e = await errorOf(openSource(m, 'indices', { baseDir: root, root, rootName: '--root' }));
  assert.equal(e.code, 'data-outside-root');
  assert.equal(e.message, `../outside.csv: is outside --root; xent reads files only inside ${root}`);
  assert.ok(!e.message.includes('SECRET'));
});

test('a header that is not a CSV header is not echoed (a password file named as data)', async () => {
  writeFileSync(join(dir, 'shadow'), 'root:$6$saltsalt$abcdefghijklmnopqrstuvwxyz0123456789:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n');
  const e = await errorOf(open('experiment c { task: binary data: csv("shadow", y_true: "label", y_pred: "p") }'));
  assert.equal(e.code, 'missing-column');
  assert.equal(e.message, "shadow: no column 'label'; the first row has a single field, so it is not a CSV header (columns separated by commas)");
  // Header names are listed as short escaped excerpts, at most 12 of them.
  const long = 'x'.repeat(60);
  const names = [`a\u0000b`, long, ...Array.from({ length: 14 }, (_, i) => `c${i}`)];
  writeFileSync(join(dir, 'many.csv'), names.join(',') + '\n' + names.map(() => '1').join(',') + '\n');
  const m = await errorOf(open('experiment c { task: binary data: csv("many.csv", y_true: "label", y_pred: "p") }'));
  assert.equal(m.message, `many.csv: no column 'label'; the header has a\\x00b, ${'x'.repeat(24)}…, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, … (4 more)`);
});
