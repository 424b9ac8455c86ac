// parquet(...) data: the reader (core/data/parquet*.ts) and evaluations through it, against files written by
// polars and the numbers scikit-learn / Keras give on them (test/fixtures/parquet/generate.py → expected.json),
// and against the same rows as CSV (identical numbers). Python never runs here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import { evaluateExperiment } from '../server/src/core/eval/evaluate';
import { readParquetHeader, scanParquet, type ParquetSchemaSpec } from '../server/src/core/data/parquet';
import { listParquetFiles } from '../server/src/core/data/parquet-files';
import { snappyDecompress } from '../server/src/core/data/parquet-snappy';
import { parquetMetadataAsync, snappyUncompress } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import type { DataChunk } from '../server/src/core/data/types';
import { decideDataRead } from '../server/src/core/eval/data-check';

const DIR = join(__dirname, 'fixtures/parquet');
interface Numbers {
  log_loss: number;
  accuracy: number;
  f1_macro: number;
  confusion_matrix: number[][];
  loss?: { name: string; value: number };
  rows: number;
  log_loss_float64?: number;
}
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<'multiclass_int' | 'strings' | 'binary' | 'float32', Numbers>;

async function evalText(text: string, baseDir = DIR, root?: string) {
  const { models } = analyze(text);
  return Promise.all(models.map(async (m) => (await evaluateExperiment(m, { baseDir, root })).result));
}

const close = (a: number | null | undefined, b: number, rel = 1e-12) => {
  assert.ok(a !== null && a !== undefined, `got ${a}, expected ${b}`);
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);
};

function multiclass(name: string, data: string, extra = ''): string {
  return `experiment ${name} {
  task: multiclass
  classes: 4
  loss: sparse_categorical_crossentropy
  metrics: [accuracy, log_loss, f1(average: macro)]
  ${extra}
  data: ${data}
}
`;
}

async function scanAll(path: string, spec: ParquetSchemaSpec, extra: { chunkRows?: number; root?: string; signal?: AbortSignal; onChunk?: (c: DataChunk) => void } = {}) {
  const files = await listParquetFiles(path, DIR, { root: extra.root });
  if (!files.ok) return { ok: false as const, error: files.error, chunks: [] as Array<{ rowStart: number; n: number; yTrue: number[]; yPred: number[]; file: string; predDtype?: string }> };
  const chunks: Array<{ rowStart: number; n: number; yTrue: number[]; yPred: number[]; file: string; predDtype?: string }> = [];
  const r = await scanParquet(files.value, spec, {
    root: extra.root,
    signal: extra.signal,
    chunkRows: extra.chunkRows,
    reuseChunks: true,
    onChunk: (c, f) => {
      chunks.push({ rowStart: c.rowStart, n: c.n, yTrue: [...c.yTrue], yPred: [...c.yPred], file: f.display, predDtype: c.predDtype });
      extra.onChunk?.(c);
    },
  });
  return r.ok ? { ok: true as const, rows: r.value.rows, chunks } : { ok: false as const, error: r.error, chunks };
}

const P4 = { yTrue: 'label', yPred: 'p_*' };

test('multiclass, integer labels: the numbers of scikit-learn and Keras, and exactly those of the same rows as CSV', async () => {
  const e = expected.multiclass_int;
  const [pq, csv] = await evalText(
    multiclass('pq', 'parquet("multiclass_int.parquet", y_true: "label", y_pred: "p_*")') +
      multiclass('csv', 'csv("multiclass_int.csv", y_true: "label", y_pred: "p_*")'),
  );
  assert.equal(pq.error, null);
  assert.equal(pq.samples, e.rows);
  close(pq.metrics.log_loss, e.log_loss);
  close(pq.metrics.accuracy, e.accuracy);
  close(pq.metrics.f1?.macro, e.f1_macro);
  assert.deepEqual(pq.metrics.confusion_matrix, e.confusion_matrix);
  close(pq.loss?.value, e.loss!.value, 1e-6); // Keras computes in float32
  // The same data as CSV: identical, to the last bit.
  assert.equal(csv.error, null);
  assert.deepEqual(pq.metrics, csv.metrics);
  assert.equal(pq.loss?.value, csv.loss?.value);
});

test('the same rows uncompressed, gzip, as a directory of 3 part files and as a glob give the same numbers', async () => {
  const sources = [
    'parquet("multiclass_uncompressed.parquet", y_true: "label", y_pred: "p_*")',
    'parquet("multiclass_gzip.parquet", y_true: "label", y_pred: ["p_0", "p_1", "p_2", "p_3"])',
    'parquet("parts", y_true: "label", y_pred: "p_*")',
    'parquet("parts/part-*.parquet", y_true: "label", y_pred: "p_*")',
    'parquet("parts/part-?.parquet", y_true: "label", y_pred: "p_*")',
  ];
  const [base, ...rest] = await evalText(multiclass('base', 'parquet("multiclass_int.parquet", y_true: "label", y_pred: "p_*")') + sources.map((s, i) => multiclass(`s${i}`, s)).join(''));
  assert.equal(base.error, null);
  for (const r of rest) {
    assert.equal(r.error, null, r.name);
    assert.equal(r.samples, 300, r.name);
    assert.deepEqual(r.metrics, base.metrics, r.name);
    assert.equal(r.loss?.value, base.loss?.value, r.name);
  }
});

test('string labels (dictionary-encoded and plain) map to the declared classes as CSV class names do', async () => {
  const e = expected.strings;
  const exp = (name: string, data: string) => `experiment ${name} {
  task: multiclass
  classes: [cat, dog, horse]
  metrics: [accuracy, log_loss, f1(average: macro)]
  data: ${data}
}
`;
  const [dict, plain, csv] = await evalText(
    exp('dict', 'parquet("strings_dict.parquet", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse"])') +
      exp('plain', 'parquet("strings_plain.parquet", y_true: "label", y_pred: "p_*")') +
      exp('csv', 'csv("strings.csv", y_true: "label", y_pred: "p_*")'),
  );
  for (const r of [dict, plain]) {
    assert.equal(r.error, null, r.name);
    assert.equal(r.samples, e.rows);
    close(r.metrics.log_loss, e.log_loss);
    close(r.metrics.accuracy, e.accuracy);
    close(r.metrics.f1?.macro, e.f1_macro);
    assert.deepEqual(r.metrics.confusion_matrix, e.confusion_matrix);
    assert.deepEqual(r.metrics, csv.metrics, r.name);
  }
});

test('a class name that is not declared, and class names without declared classes: the CSV errors, located', async () => {
  const [unknown, undeclared] = await evalText(`experiment unknown {
  task: multiclass
  classes: [cat, dog, horse]
  metrics: [accuracy]
  data: parquet("strings_unknown.parquet", y_true: "label", y_pred: "p_*")
}
experiment undeclared {
  task: multiclass
  metrics: [accuracy]
  data: parquet("strings_plain.parquet", y_true: "label", y_pred: "p_*")
}
`);
  assert.equal(unknown.error, "strings_unknown.parquet: row 7: column label is 'zebra', which is not one of the declared classes (cat, dog, horse)");
  assert.equal(unknown.diagnostics?.[0]?.code ?? undefined, 'label-out-of-range');
  assert.match(undeclared.error ?? '', /^strings_plain\.parquet: row 1: column label is '(cat|dog|horse)', a class name, but the experiment declares no class names/);
});

test('binary: one column P(class 1); scikit-learn log_loss and Keras binary_crossentropy', async () => {
  const e = expected.binary;
  const [r] = await evalText(`experiment b {
  task: binary
  loss: binary_crossentropy
  metrics: [accuracy, log_loss, f1(average: macro)]
  data: parquet("binary.parquet", y_true: "label", y_pred: ["p_1"])
}
`);
  assert.equal(r.error, null);
  assert.equal(r.samples, e.rows);
  close(r.metrics.log_loss, e.log_loss);
  close(r.metrics.accuracy, e.accuracy);
  assert.deepEqual(r.metrics.confusion_matrix, e.confusion_matrix);
  close(r.loss?.value, e.loss!.value, 1e-6);
});

test('float32 probabilities stay float32: log_loss clips with float32 eps, as scikit-learn does on the same array', async () => {
  const e = expected.float32;
  const [r] = await evalText(`experiment f {
  task: multiclass
  classes: 3
  metrics: [accuracy, log_loss]
  data: parquet("float32.parquet", y_true: "label", y_pred: "p_*")
}
`);
  assert.equal(r.error, null);
  close(r.metrics.log_loss, e.log_loss, 1e-9);
  close(r.metrics.accuracy, e.accuracy);
  // The float64 reading of the same values gives another number: the dtype kept is what makes it right.
  assert.ok(Math.abs(e.log_loss - e.log_loss_float64!) > 1e-3);
  const header = await readParquetHeader((await listParquetFiles('float32.parquet', DIR)).ok ? [{ path: join(DIR, 'float32.parquet'), display: 'float32.parquet' }] : [], P4);
  assert.ok(header.ok && header.value.predDtype === 'float32');
  const h64 = await readParquetHeader([{ path: join(DIR, 'multiclass_int.parquet'), display: 'multiclass_int.parquet' }], P4);
  assert.ok(h64.ok && h64.value.predDtype === 'float64');
});

test('streamed by row group: chunks never span a row group, rows in order, arrays reused', async () => {
  // multiclass_int.parquet has row groups of 64 rows (300 rows: 64 × 4 + 44).
  const r = await scanAll('multiclass_int.parquet', P4);
  assert.ok(r.ok);
  assert.deepEqual(r.chunks.map((c) => c.n), [64, 64, 64, 64, 44]);
  assert.deepEqual(r.chunks.map((c) => c.rowStart), [0, 64, 128, 192, 256]);
  // Smaller chunks inside a group.
  const small = await scanAll('multiclass_int.parquet', P4, { chunkRows: 30 });
  assert.ok(small.ok);
  assert.equal(small.chunks.reduce((s, c) => s + c.n, 0), 300);
  assert.ok(small.chunks.every((c) => c.n <= 30));
  assert.deepEqual(small.chunks.flatMap((c) => c.yPred), r.chunks.flatMap((c) => c.yPred));
  // The directory: files in name order, row numbers running on across files.
  const parts = await scanAll('parts', P4);
  assert.ok(parts.ok);
  assert.deepEqual([...new Set(parts.chunks.map((c) => c.file))], ['parts/part-0.parquet', 'parts/part-1.parquet', 'parts/part-2.parquet']);
  assert.deepEqual(parts.chunks.flatMap((c) => c.yTrue), r.chunks.flatMap((c) => c.yTrue));
  assert.deepEqual(parts.chunks.map((c) => c.rowStart).filter((_, i, a) => i === 0 || a[i] > a[i - 1]).length, parts.chunks.length);
});

test('a null names the file, the column and the row', async () => {
  const r = await scanAll('null.parquet', P4);
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'data-parse');
  assert.equal(r.error.message, 'null.parquet: row 17: column p_1 is null (a missing value), not a number');
  assert.equal(r.error.row, 17);
  assert.equal(r.error.column, 'p_1');
  assert.equal(r.chunks.length, 0, 'nothing of the row group with the null is delivered');
});

test('an unsupported codec is a parquet-format error naming file and column, found before any row', async () => {
  const r = await scanAll('multiclass_lz4.parquet', P4);
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'parquet-format');
  assert.equal(r.error.column, 'label');
  assert.match(r.error.message, /^multiclass_lz4\.parquet: column label is compressed with lz4(_raw)?, which xent does not decompress \(uncompressed, snappy, gzip, brotli.* are read\)/);
});

test('schema errors: a missing column lists the columns, strings as probabilities, not a Parquet file, no match', async () => {
  const missing = await scanAll('multiclass_int.parquet', { yTrue: 'lable', yPred: 'p_*' });
  assert.ok(!missing.ok);
  assert.equal(missing.error.code, 'missing-column');
  assert.equal(missing.error.message, "multiclass_int.parquet: no column 'lable'; the file has columns id, label, p_0, p_1, p_2, p_3");
  const pattern = await scanAll('multiclass_int.parquet', { yTrue: 'label', yPred: 'q_*' });
  assert.ok(!pattern.ok);
  assert.equal(pattern.error.message, "multiclass_int.parquet: no column matches 'q_*'; the file has columns id, label, p_0, p_1, p_2, p_3");
  const strings = await scanAll('strings_plain.parquet', { yTrue: 'p_cat', yPred: ['label', 'p_dog'] });
  assert.ok(!strings.ok);
  assert.equal(strings.error.code, 'parquet-type');
  assert.equal(strings.error.message, 'strings_plain.parquet: column label holds strings, not numbers (it is a y_pred column)');
  const notParquet = await scanAll('multiclass_int.csv', P4);
  assert.ok(!notParquet.ok);
  assert.equal(notParquet.error.code, 'parquet-format');
  assert.match(notParquet.error.message, /^multiclass_int\.csv: is not a Parquet file, or its footer is damaged/);
  const none = await scanAll('parts/*.pq', P4);
  assert.ok(!none.ok);
  assert.equal(none.error.code, 'data-not-found');
  assert.equal(none.error.message, "parts/*.pq: no file matches '*.pq' in parts");
  const gone = await scanAll('nope.parquet', P4);
  assert.ok(!gone.ok);
  assert.equal(gone.error.code, 'data-not-found');
});

test('files of one dataset must have the same columns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-pq-'));
  copyFileSync(join(DIR, 'multiclass_int.parquet'), join(dir, 'a.parquet'));
  copyFileSync(join(DIR, 'float32.parquet'), join(dir, 'b.parquet'));
  const files = await listParquetFiles(dir, DIR);
  assert.ok(files.ok);
  const r = await scanParquet(files.value, P4, { onChunk: () => undefined });
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'data-schema');
  assert.match(r.error.message, /b\.parquet: its y_pred columns \(p_0, p_1, p_2\) are not those of .*a\.parquet \(p_0, p_1, p_2, p_3\)/);
});

test('safety: outside the root (file, directory, symlinked part) refused; cancelled; a file changed while read', async () => {
  const root = mkdtempSync(join(tmpdir(), 'xent-pq-root-'));
  // A file outside the root.
  const out = await scanAll(join(DIR, 'multiclass_int.parquet'), P4, { root });
  assert.ok(!out.ok);
  assert.equal(out.error.code, 'data-outside-root');
  // A directory outside the root is not even listed.
  const outDir = await listParquetFiles(join(DIR, 'parts'), DIR, { root });
  assert.ok(!outDir.ok && outDir.error.code === 'data-outside-root');
  // A part inside the root that is a symlink leading out.
  mkdirSync(join(root, 'ds'));
  copyFileSync(join(DIR, 'parts/part-0.parquet'), join(root, 'ds/part-0.parquet'));
  symlinkSync(join(DIR, 'parts/part-1.parquet'), join(root, 'ds/part-1.parquet'));
  const files = await listParquetFiles('ds', root, { root });
  assert.ok(files.ok);
  const linked = await scanParquet(files.value, P4, { root, onChunk: () => undefined });
  assert.ok(!linked.ok);
  assert.equal(linked.error.code, 'data-outside-root');
  assert.match(linked.error.message, /^ds\/part-1\.parquet: is outside the workspace/);
  // Cancelled after the first chunk.
  const ac = new AbortController();
  const cancelled = await scanAll('multiclass_int.parquet', P4, { signal: ac.signal, onChunk: () => ac.abort() });
  assert.ok(!cancelled.ok);
  assert.equal(cancelled.error.code, 'cancelled');
  assert.equal(cancelled.chunks.length, 1);
  // Appended to after the first row group: data-changed, nothing more delivered.
  const copy = join(root, 'grow.parquet');
  copyFileSync(join(DIR, 'multiclass_int.parquet'), copy);
  const grown = await scanParquet([{ path: copy, display: 'grow.parquet' }], P4, { onChunk: () => appendFileSync(copy, 'more') });
  assert.ok(!grown.ok);
  assert.equal(grown.error.code, 'data-changed');
  assert.match(grown.error.message, /^grow\.parquet: changed while reading/);
});

test('the background data check counts every file of a directory or glob', async () => {
  const { models } = analyze(multiclass('d', 'parquet("parts", y_true: "label", y_pred: "p_*")') + multiclass('g', 'parquet("parts/part-*.parquet", y_true: "label", y_pred: "p_*")'));
  const sizes = ['part-0', 'part-1', 'part-2'].reduce((s, n) => s + readFileSync(join(DIR, 'parts', `${n}.parquet`)).length, 0);
  for (const m of models) {
    const d = await decideDataRead(m, DIR, 10 * 1024 * 1024);
    assert.deepEqual(d, { read: true, bytes: sizes }, m.name);
    const small = await decideDataRead(m, DIR, sizes - 1);
    assert.equal(small.read, false);
  }
});

test('a directory with no .parquet file, and an empty dataset', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-pq-empty-'));
  writeFileSync(join(dir, 'notes.txt'), 'x');
  const r = await listParquetFiles(dir, DIR);
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'data-not-found');
  assert.match(r.error.message, /is a directory with no \.parquet file in it$/);
});

test('snappy: the range-copying decoder gives hyparquet\'s bytes on every page of the fixtures, and refuses malformed streams', async () => {
  let pages = 0;
  for (const name of ['multiclass_int.parquet', 'strings_plain.parquet', 'binary.parquet', 'float32.parquet', 'parts/part-1.parquet']) {
    const b = readFileSync(join(DIR, name));
    const file = b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
    const md = await parquetMetadataAsync(file);
    for (const g of md.row_groups) {
      for (const c of g.columns) {
        const m = c.meta_data!;
        assert.equal(m.codec, 'SNAPPY');
        const start = Number(m.dictionary_page_offset || m.data_page_offset);
        const bytes = new Uint8Array(file, start, Number(m.total_compressed_size));
        const reader = { view: new DataView(file, start, bytes.length), offset: 0 };
        while (reader.offset < bytes.length) {
          const h = parquetHeader(reader);
          const body = bytes.subarray(reader.offset, reader.offset + h.compressed_page_size);
          reader.offset += h.compressed_page_size;
          if (h.type === 'DATA_PAGE_V2') continue; // levels are stored outside the compressed part
          const want = new Uint8Array(h.uncompressed_page_size);
          snappyUncompress(body, want);
          assert.deepEqual(snappyDecompress(body, h.uncompressed_page_size), want);
          pages++;
        }
      }
    }
  }
  assert.ok(pages >= 40, `${pages} pages`);
  // A literal of 20 bytes, then a copy of 8 bytes at offset 4 (overlapping) and of 16 at offset 20.
  const lit = Array.from({ length: 20 }, (_, i) => i + 1);
  const ok = Uint8Array.from([44, (19 << 2) | 0, ...lit, ((8 - 4) << 2) | 1, 4, ((16 - 1) << 2) | 2, 20, 0]);
  const out = snappyDecompress(ok, 44);
  assert.deepEqual([...out.subarray(0, 20)], lit);
  assert.deepEqual([...out.subarray(20, 28)], [17, 18, 19, 20, 17, 18, 19, 20]);
  assert.deepEqual([...out.subarray(28, 44)], [...out.subarray(8, 24)]);
  assert.throws(() => snappyDecompress(ok, 45), /the stream holds 44 bytes/);
  assert.throws(() => snappyDecompress(Uint8Array.from([4, (3 << 2) | 1, 9]), 4), /invalid copy offset/);
  assert.throws(() => snappyDecompress(Uint8Array.from([30, (29 << 2) | 0, 1, 2]), 30), /literal past the end/);
});

test('damaged files (truncated, bytes overwritten) end in a result or a located error, never a throw or a hang', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xent-pq-fuzz-'));
  const original = readFileSync(join(DIR, 'multiclass_int.parquet'));
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const codes = new Set<string>();
  for (let i = 0; i < 60; i++) {
    let bytes: Buffer;
    if (i < 20) bytes = original.subarray(0, Math.floor(rand() * original.length)); // truncated
    else {
      bytes = Buffer.from(original);
      const at = Math.floor(rand() * bytes.length);
      for (let k = 0; k < 1 + Math.floor(rand() * 8); k++) bytes[Math.min(bytes.length - 1, at + k)] = Math.floor(rand() * 256);
    }
    const path = join(dir, `f${i}.parquet`);
    writeFileSync(path, bytes);
    const r = await scanParquet([{ path, display: `f${i}.parquet` }], P4, { onChunk: () => undefined });
    if (!r.ok) {
      codes.add(r.error.code);
      assert.ok(r.error.message.startsWith(`f${i}.parquet: `), r.error.message);
    }
  }
  assert.ok(codes.has('parquet-format'), [...codes].join(', '));
  for (const c of codes) assert.ok(['parquet-format', 'parquet-type', 'data-parse', 'non-finite', 'missing-column', 'data-schema', 'empty-data'].includes(c), c);
});

test('files written by pyarrow (pandas\' engine): dictionary-encoded floats, data page v2, REQUIRED columns, a category of names', async () => {
  const files = ['pandas.parquet', 'pyarrow_v2.parquet', 'pyarrow_required.parquet'];
  const [base, ...rest] = await evalText(
    multiclass('base', 'parquet("multiclass_int.parquet", y_true: "label", y_pred: "p_*")') +
      files.map((f, i) => multiclass(`f${i}`, `parquet("${f}", y_true: "label", y_pred: "p_*")`)).join(''),
  );
  rest.forEach((r, i) => {
    assert.equal(r.error, null, files[i]);
    assert.deepEqual(r.metrics, base.metrics, files[i]);
    assert.equal(r.loss?.value, base.loss?.value, files[i]);
  });
  const [cat, csv] = await evalText(`experiment cat {
  task: multiclass
  classes: [cat, dog, horse]
  metrics: [accuracy, log_loss]
  data: parquet("strings_pandas.parquet", y_true: "label", y_pred: "p_*")
}
experiment csv {
  task: multiclass
  classes: [cat, dog, horse]
  metrics: [accuracy, log_loss]
  data: csv("strings.csv", y_true: "label", y_pred: "p_*")
}
`);
  assert.equal(cat.error, null);
  assert.deepEqual(cat.metrics, csv.metrics);
  close(cat.metrics.log_loss, expected.strings.log_loss);
});

test('refused column types name the file and the column', async () => {
  const ts = await scanAll('refused_types.parquet', { yTrue: 'label', yPred: 'p_1' });
  assert.ok(!ts.ok);
  assert.equal(ts.error.code, 'parquet-type');
  assert.equal(ts.error.column, 'label');
  assert.match(ts.error.message, /^refused_types\.parquet: column label is a timestamp column, which xent does not read as numbers or labels$/);
  const list = await scanAll('refused_types.parquet', { yTrue: 'tags', yPred: 'p_1' });
  assert.ok(!list.ok);
  assert.equal(list.error.code, 'parquet-type');
  assert.equal(list.error.message, 'refused_types.parquet: column tags is a nested column (a list, map or struct), which xent does not read as numbers or labels');
});
