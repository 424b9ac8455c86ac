// .npy reader against fixtures written by numpy (test/fixtures/data/generate_npy.py; see expected.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNpyHeader, readNpy, readNpyHeader, scanNpy, scanNpyData } from '../server/src/core/data/npy';
import type { DataChunk } from '../server/src/core/data/types';

const DIR = join(__dirname, 'fixtures/data/npy');
const fx = (name: string) => join(DIR, name);

interface OkCase {
  file: string;
  descr: string;
  dtype: string;
  version: string;
  shape: number[];
  fortran_order: boolean;
  values: string[];
}
interface ErrCase {
  file: string;
  error: string;
  contains: string;
}
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { numpy: string; cases: Array<OkCase | ErrCase> };

test('the fixture set covers every dtype × endianness × version × 1-D/2-D', () => {
  const ok = expected.cases.filter((c): c is OkCase => !('error' in c));
  const combos = new Set(ok.map((c) => `${c.descr}|${c.version}|${c.shape.length}`));
  for (const t of ['f2', 'f4', 'f8', 'i2', 'i4', 'i8', 'u2', 'u4', 'u8']) {
    for (const e of ['<', '>']) for (const v of ['1.0', '2.0', '3.0']) for (const d of [1, 2]) assert.ok(combos.has(`${e}${t}|${v}|${d}`), `${e}${t} v${v} ${d}-D`);
  }
  for (const t of ['|i1', '|u1', '|b1']) for (const v of ['1.0', '2.0', '3.0']) for (const d of [1, 2]) assert.ok(combos.has(`${t}|${v}|${d}`));
  assert.ok(ok.length >= 126);
});

for (const c of expected.cases) {
  test(`npy: ${c.file}`, async () => {
    if ('error' in c) {
      const h = await readNpyHeader(fx(c.file), { displayPath: `data/${c.file}` });
      const r = h.ok ? await readNpy(fx(c.file), { displayPath: `data/${c.file}` }) : h;
      assert.ok(!r.ok, 'refused');
      if (!r.ok) {
        assert.equal(r.error.code, c.error, r.error.message);
        assert.ok(r.error.message.startsWith(`data/${c.file}: `), r.error.message);
        assert.ok(r.error.message.includes(c.contains), `${r.error.message} should mention ${c.contains}`);
        assert.equal(r.error.line, undefined);
      }
      return;
    }
    const want = c.values.map(Number);
    for (const chunkRows of [undefined, 1, 2, 3]) {
      const r = await readNpy(fx(c.file), { chunkRows });
      if (!r.ok) assert.fail(r.error.message);
      const h = r.value.header;
      assert.equal(h.descr, c.descr);
      assert.equal(h.dtype, c.dtype);
      assert.equal(h.version, c.version);
      assert.deepEqual(h.shape, c.shape);
      assert.equal(h.fortranOrder, c.fortran_order);
      assert.equal(h.rows, c.shape[0]);
      assert.equal(h.cols, c.shape.length === 2 ? c.shape[1] : 1);
      assert.equal(r.value.data.length, want.length);
      for (let i = 0; i < want.length; i++) {
        if (!Object.is(r.value.data[i], want[i])) assert.fail(`${c.file}[${i}] = ${r.value.data[i]}, numpy says ${c.values[i]}`);
      }
    }
  });
}

test('npy: y_true, y_pred in lockstep chunks, row counts, progress', async () => {
  const yt = await readNpy(fx('chunks-true.npy'));
  const yp = await readNpy(fx('chunks-pred.npy'));
  assert.ok(yt.ok && yp.ok);
  if (!yt.ok || !yp.ok) return;
  for (const chunkRows of [1, 7, 64, 1000, 5000]) {
    const chunks: DataChunk[] = [];
    const progress: number[][] = [];
    const r = await scanNpyData(
      { yTrue: fx('chunks-true.npy'), yPred: fx('chunks-pred.npy') },
      { chunkRows, onChunk: (c) => void chunks.push(c), onProgress: (d, t) => progress.push([d, t]) },
    );
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.value.rows, 1000);
    assert.deepEqual(r.value.yPred!.shape, [1000, 3]);
    assert.equal(r.value.features, undefined);
    let row = 0;
    for (const c of chunks) {
      assert.equal(c.rowStart, row);
      assert.equal(c.yTrue.length, c.n);
      assert.equal(c.yPred.length, c.n * 3);
      assert.equal(c.lines, undefined);
      for (let i = 0; i < c.n; i++) {
        assert.equal(c.yTrue[i], yt.value.data[row + i]);
        for (let j = 0; j < 3; j++) assert.equal(c.yPred[i * 3 + j], yp.value.data[(row + i) * 3 + j]);
      }
      row += c.n;
    }
    assert.equal(row, 1000);
    const total: number = yt.value.header.fileSize + yp.value.header.fileSize;
    assert.deepEqual(progress.at(-1), [total, total]);
  }
});

test('npy: features, reuseChunks', async () => {
  let sum = 0;
  const arrays = new Set<ArrayBufferLike>();
  const r = await scanNpyData(
    { yTrue: fx('chunks-true.npy'), yPred: fx('chunks-pred.npy'), features: fx('chunks-pred.npy') },
    {
      chunkRows: 100,
      reuseChunks: true,
      onChunk: (c) => {
        arrays.add(c.features!.buffer);
        for (let i = 0; i < c.yPred.length; i++) assert.equal(c.features![i], c.yPred[i]);
        sum += c.n;
      },
    },
  );
  assert.ok(r.ok);
  assert.equal(sum, 1000);
  assert.ok(arrays.size <= 2, 'two sets of arrays alternate (one is read while the other is consumed)');
});

test('npy: length mismatch names both files', async () => {
  const r = await scanNpyData(
    { yTrue: fx('chunks-true.npy'), yPred: fx('chunks-short.npy') },
    { displayPaths: { yTrue: 'runs/y.npy', yPred: 'runs/p.npy' }, onChunk: () => {} },
  );
  assert.deepEqual(r.ok ? null : [r.error.code, r.error.message], [
    'length-mismatch',
    'runs/p.npy: y_pred has 999 rows but y_true (runs/y.npy) has 1000',
  ]);
});

test('npy: empty arrays, missing files, cancellation', async () => {
  const e = await scanNpyData({ yTrue: fx('empty.npy') }, { displayPaths: { yTrue: 'e.npy' }, onChunk: () => {} });
  assert.deepEqual(e.ok ? null : [e.error.code, e.error.message], ['empty-data', 'e.npy: the array has no rows']);
  const m = await scanNpy(fx('nope.npy'), { displayPath: 'runs/nope.npy', onChunk: () => {} });
  assert.deepEqual(m.ok ? null : [m.error.code, m.error.message], ['data-not-found', 'runs/nope.npy: file not found']);
  const ac = new AbortController();
  let n = 0;
  const c = await scanNpy(fx('chunks-pred.npy'), {
    chunkRows: 10,
    signal: ac.signal,
    onChunk: () => {
      if (++n === 2) ac.abort();
    },
  });
  assert.deepEqual(c.ok ? null : c.error.code, 'cancelled');
  assert.equal(n, 2);
});

test('npy: header parsing edge cases', () => {
  const make = (dict: string, major = 1) => {
    const body = Buffer.from(dict, 'latin1');
    const head = Buffer.alloc(major === 1 ? 10 : 12);
    head.write('\x93NUMPY', 0, 'latin1');
    head[6] = major;
    if (major === 1) head.writeUInt16LE(body.length, 8);
    else head.writeUInt32LE(body.length, 8);
    return new Uint8Array(Buffer.concat([head, body]));
  };
  const parse = (dict: string, extra = 0, major = 1) => {
    const b = make(dict, major);
    return parseNpyHeader(b, 'x.npy', b.length + extra);
  };
  // Key order, double quotes, spaces and a Python 2 long are all fine.
  const ok = parse(`{"shape": (3L, 2), 'fortran_order': False, 'descr': '<f4'}`, 24);
  assert.ok(ok.ok);
  if (ok.ok) assert.deepEqual([ok.value.shape, ok.value.cols, ok.value.itemSize], [[3, 2], 2, 4]);
  const cases: Array<[string, string, number?]> = [
    [`{'descr': '<f8', 'fortran_order': False}`, "the .npy header has no 'shape'"],
    [`{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}`, "'fortran_order' is not True or False"],
    [`{'descr': '<f8', 'fortran_order': False, 'shape': [1]}`, "'shape' is not a tuple of sizes"],
    [`{'descr': '<f8', 'fortran_order': False, 'shape': (1,)`, 'not a Python dict literal'],
    [`{'descr': '<f16', 'fortran_order': False, 'shape': (1,)}`, "dtype '<f16' is not supported"],
    [`{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (1,)}`, 'date/time'],
    [`{'descr': '<f8', 'fortran_order': False, 'shape': (2,)}`, 'the header promises 2 float64 values (16 bytes) but only 8 bytes follow it', 8],
  ];
  for (const [dict, msg, extra] of cases) {
    const r = parse(dict, extra ?? 0);
    assert.ok(!r.ok, dict);
    if (!r.ok) assert.ok(r.error.message.includes(msg), `${r.error.message} / ${msg}`);
  }
  const v4 = make(`{'descr': '<f8', 'fortran_order': False, 'shape': (0,)}`);
  v4[6] = 4;
  const r4 = parseNpyHeader(v4, 'x.npy', v4.length);
  assert.deepEqual(r4.ok ? null : r4.error.message, 'x.npy: unsupported .npy format version 4.0 (1.0, 2.0 and 3.0 are read)');
  const v2 = parse(`{'descr': '>u2', 'fortran_order': True, 'shape': (1, 5), }`, 10, 2);
  assert.ok(v2.ok, 'Fortran order with one row has the C layout');
});
