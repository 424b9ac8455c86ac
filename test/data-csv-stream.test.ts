// The CSV stream reader (csv-stream.ts, for `--data -`): for every input of the table, the bytes are written
// to a file and read by scanCsv, and delivered as a stream in pieces of 1 byte, 7 bytes, 64 KiB and seeded
// random sizes to openCsvStream + scan: the header, every chunk, the summary (but mode/workers) and the error
// (code, message, line, column) must be identical. Then: flat memory on a 3-million-row generated stream,
// cancellation (between chunks and while the stream waits), a stream that fails part-way, a second scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readCsvHeader, scanCsv, MAX_HEADER_BYTES, MAX_ROW_BYTES, type CsvScanOptions, type CsvSchema, type CsvScanResult } from '../server/src/core/data/csv';
import { openCsvStream } from '../server/src/core/data/csv-stream';
import type { DataChunk } from '../server/src/core/data/types';
import { mulberry32 } from './support/random.cjs';

const dir = mkdtempSync(join(tmpdir(), 'xent-csv-stream-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function writeTemp(bytes: Uint8Array): string {
  const p = join(dir, `f${fileNo++}.csv`);
  writeFileSync(p, bytes);
  return p;
}

const enc = new TextEncoder();
const S: CsvSchema = { yTrue: 'label', yPred: 'p*' };

/** How the stream's bytes are cut into pieces. */
type Split = { name: string; sizes: () => () => number };
const fixed = (n: number): Split => ({ name: `${n}-byte pieces`, sizes: () => () => n });
const seeded = (seed: number, max: number): Split => ({
  name: `random pieces of 1..${max} bytes (seed ${seed})`,
  sizes: () => {
    const rnd = mulberry32(seed);
    return () => 1 + Math.floor(rnd() * max);
  },
});
const SMALL_SPLITS: Split[] = [fixed(1), fixed(7), fixed(65536), seeded(13, 40), seeded(7, 5000)];
const BIG_SPLITS: Split[] = [fixed(65536), seeded(21, 1 << 20)];

async function* piecesOf(bytes: Uint8Array, split: Split): AsyncGenerator<Uint8Array> {
  const next = split.sizes();
  for (let at = 0; at < bytes.length; ) {
    const n = Math.min(next(), bytes.length - at);
    yield bytes.slice(at, at + n);
    at += n;
  }
}

type Outcome =
  | { ok: true; chunks: object[]; summary: object }
  | { ok: false; code: string; message: string; line?: number; column?: string };

function recorder(opts: Omit<CsvScanOptions, 'onChunk'>): { opts: CsvScanOptions; chunks: object[] } {
  const chunks: object[] = [];
  const onChunk = (c: DataChunk) => {
    // Copies: with reuseChunks the arrays are overwritten once onChunk returns.
    chunks.push({
      rowStart: c.rowStart,
      n: c.n,
      yTrue: Array.from(c.yTrue),
      yPred: Array.from(c.yPred),
      features: c.features ? Array.from(c.features) : undefined,
      lines: Array.from(c.lines!),
      predDtype: c.predDtype,
    });
  };
  return { opts: { ...opts, displayPath: 'stdin', onChunk }, chunks };
}

function outcome(r: CsvScanResult, chunks: object[]): Outcome {
  if (!r.ok) return { ok: false, code: r.error.code, message: r.error.message, line: r.error.line, column: r.error.column };
  const { mode: _mode, workers: _workers, ...summary } = r.value;
  return { ok: true, chunks, summary };
}

async function fromFile(path: string, schema: CsvSchema, opts: Omit<CsvScanOptions, 'onChunk'>): Promise<Outcome> {
  const rec = recorder(opts);
  return outcome(await scanCsv(path, schema, rec.opts), rec.chunks);
}

async function fromStream(input: AsyncIterable<Uint8Array>, schema: CsvSchema, opts: Omit<CsvScanOptions, 'onChunk'>): Promise<Outcome> {
  const opened = await openCsvStream(input, { displayPath: 'stdin' });
  if (!opened.ok) return outcome(opened, []);
  const rec = recorder(opts);
  return outcome(await opened.value.scan(schema, rec.opts), rec.chunks);
}

const VARIANTS: Omit<CsvScanOptions, 'onChunk'>[] = [{}, { bufferSize: 16, chunkRows: 2 }, { bufferSize: 5, chunkRows: 1, reuseChunks: true }];

/** JSON with every double kept apart: -0, nan and ±inf spelled out (JSON would merge them). */
function exact(o: Outcome): string {
  return JSON.stringify(o, (_k, v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `number:${Object.is(v, -0) ? '-0' : v}` : v,
  );
}

/** The whole comparison for one input: header, then every variant × split against scanCsv on the file. */
async function sameAsFile(bytes: Uint8Array, schema: CsvSchema, splits: Split[], variants = VARIANTS): Promise<Outcome[]> {
  const path = writeTemp(bytes);
  const fileHead = await readCsvHeader(path, { displayPath: 'stdin' });
  const seen: Outcome[] = [];
  // The file is read once per variant (with tiny buffers it is the slow side: a stat per chunk).
  const wanted: Outcome[] = [];
  for (const v of variants) wanted.push(await fromFile(path, schema, v));
  for (const split of splits) {
    const opened = await openCsvStream(piecesOf(bytes, split), { displayPath: 'stdin' });
    if (fileHead.ok) {
      assert.ok(opened.ok, `${split.name}: the header reads from the stream as from the file`);
      const { size: _a, ...want } = fileHead.value;
      const { size: _b, ...got } = opened.value.header;
      assert.deepEqual(got, want, `${split.name}: header`);
    } else {
      assert.ok(!opened.ok, `${split.name}: the header fails on the stream as on the file`);
      assert.deepEqual(opened.error, fileHead.error, `${split.name}: header error`);
    }
    for (const [i, v] of variants.entries()) {
      const got = await fromStream(piecesOf(bytes, split), schema, v);
      // Compared as exact text first (deepEqual of thousands of chunks is slow), for a readable diff if not.
      if (exact(got) !== exact(wanted[i])) assert.deepEqual(got, wanted[i], `${split.name}, ${JSON.stringify(v)}`);
      seen.push(got);
    }
  }
  return seen;
}

function manyRows(seed: number, rows: number): string {
  const rnd = mulberry32(seed);
  const breaks = ['\n', '\r\n', '\r', '\n\n'];
  let s = 'id,label,p0,p1,f\n';
  for (let i = 0; i < rows; i++) {
    const p = rnd();
    const id = rnd() < 0.2 ? `"row ${i}, with ""quotes""\nand a break"` : `r${i}`;
    const p0 = rnd() < 0.1 ? `"${p.toFixed(6)}"` : rnd() < 0.1 ? ` ${p} ` : String(p);
    s += `${id},${Math.floor(rnd() * 2)},${p0},${(1 - p).toPrecision(8)},${(rnd() * 100 - 50).toExponential(3)}`;
    s += breaks[Math.floor(rnd() * breaks.length)];
  }
  return s;
}

const CASES: { name: string; text: string | Uint8Array; schema?: CsvSchema; expect: 'ok' | string; splits?: Split[] }[] = [
  { name: 'plain', text: 'label,p0,p1\n0,0.1,0.9\n1,0.8,0.2\n1,0.3,0.7\n', expect: 'ok' },
  { name: 'CRLF', text: 'label,p0,p1\r\n0,0.1,0.9\r\n1,0.8,0.2\r\n1,0.3,0.7\r\n', expect: 'ok' },
  { name: 'lone CR', text: 'label,p0,p1\r0,0.1,0.9\r1,0.8,0.2\r1,0.3,0.7', expect: 'ok' },
  { name: 'UTF-8 BOM', text: '\ufefflabel,p0,p1\n0,0.1,0.9\n1,0.8,0.2\n', expect: 'ok' },
  { name: 'BOM and blank lines before the header', text: '\ufeff\n\r\n\rlabel,p\n0,0.25\n', expect: 'ok' },
  { name: 'blank lines between rows and at the end', text: '\n\nlabel,p\n0,0.1\n\n\n1,0.2\r\n\r\n\r0,0.3\n\n\n', expect: 'ok' },
  {
    name: 'quoted fields with commas, quotes and line breaks (header too)',
    text: '"na,me\nx",label,"p"\n"a,b\r\nc",0,"0.5"\n"x""y",1,0.25\n,1,"1e-3"\n',
    schema: { yTrue: 'label', yPred: ['p'] },
    expect: 'ok',
  },
  {
    name: 'class names and numbers mixed (byName / numeric counts)',
    text: 'label,p_cat,p_dog\ncat,0.9,0.1\n dog ,0.2,0.8\n1,0.3,0.7\n"cat",0.6,0.4\n',
    schema: { yTrue: 'label', yPred: 'p_*', classes: ['cat', 'dog'] },
    expect: 'ok',
  },
  { name: 'features', text: 'f1,label,p,f2\n1.5,0,0.5,-2\n2.5,1,0.25,3e3\n', schema: { yTrue: 'label', yPred: 'p', features: ['f2', 'f1'] }, expect: 'ok' },
  { name: 'no line break after the last row', text: 'label,p\n0,0.1\n1,0.9', expect: 'ok' },
  { name: 'a bad cell', text: 'label,p\n0,0.1\n\n1,abc\n0,0.2\n', expect: 'stdin:4: column p is \'abc\', not a number' },
  { name: 'an empty cell', text: 'label,p\n0,0.1\n1,\n', expect: 'stdin:3: column p is empty, not a number' },
  { name: 'a non-finite cell', text: 'label,p\n0,0.1\n1,0.2\n0,-inf\n', expect: 'stdin:4: column p is -inf, not a finite number' },
  { name: 'nan allowed', text: 'label,p\n0,nan\n1,inf\n', schema: { ...S, allowNonFinite: true }, expect: 'ok' },
  { name: 'an undeclared class name', text: 'label,p\n0,0.1\ncat,0.2\n', expect: "stdin:3: column label is 'cat', a class name, but the experiment declares no class names; declare them (classes: [...]) or use class indices" },
  { name: 'too few fields', text: 'label,p0,p1\n0,0.1,0.9\n1,0.8\n', expect: 'stdin:3: the row has 2 fields, the header has 3' },
  { name: 'too many fields', text: 'label,p\n0,0.1\n1,0.8,9\n', expect: 'stdin:3: the row has 3 fields, the header has 2' },
  { name: 'an unterminated quote in the data', text: 'label,p\n0,0.1\n1,"0.8\n0,0.2\n', expect: 'stdin:3: column p: unterminated quote (the quoted field that starts here never ends)' },
  { name: 'text after a closing quote', text: 'label,p\n0,"0.1"x\n', expect: 'stdin:2: column p: text after the closing quote of a quoted field' },
  { name: 'an unterminated quote in the header', text: '\nlabel,"p\n0,1\n', expect: 'stdin:2: header: unterminated quote (the quoted field that starts here never ends)' },
  { name: 'a missing column', text: 'label,q\n0,0.1\n', expect: "stdin: no column matches 'p*'; the header has label, q" },
  { name: 'empty', text: '', expect: 'stdin: the file is empty' },
  { name: 'only a BOM and blank lines', text: '\ufeff\r\n\n\r', expect: 'stdin: the file is empty' },
  { name: 'header only', text: 'label,p\n', expect: 'stdin: the file has a header but no data rows' },
  { name: 'header only, no line break, blank lines after', text: 'label,p\r\n\r\n\n', expect: 'stdin: the file has a header but no data rows' },
  { name: 'header without a line break', text: 'label,p', expect: 'stdin: the file has a header but no data rows' },
  {
    name: '3000 generated rows: quotes, padded cells, mixed line breaks',
    text: manyRows(5, 3000),
    schema: { yTrue: 'label', yPred: 'p*', features: ['f'] },
    expect: 'ok',
    // 1-byte pieces are read by every other case; here (250 KB) they would cost seconds of test time.
    splits: SMALL_SPLITS.slice(1),
  },
];

for (const c of CASES) {
  test(`stream = file: ${c.name}`, async () => {
    const bytes = typeof c.text === 'string' ? enc.encode(c.text) : c.text;
    const seen = await sameAsFile(bytes, c.schema ?? S, c.splits ?? SMALL_SPLITS);
    // The comparison could pass with both readers wrong in the same way: pin what the file reader gives.
    for (const o of seen) {
      if (c.expect === 'ok') assert.ok(o.ok, `reads: ${JSON.stringify(o)}`);
      else assert.equal(o.ok ? 'ok' : o.message, c.expect);
    }
  });
}

test('stream = file: the summary counts bytes, rows and class names as the file reader does', async () => {
  const text = 'label,p_cat,p_dog\ncat,0.9,0.1\ndog,0.2,0.8\n1,0.3,0.7\n';
  const [o] = await sameAsFile(enc.encode(text), { yTrue: 'label', yPred: 'p_*', classes: ['cat', 'dog'] }, [fixed(3)], [{}]);
  assert.ok(o.ok);
  assert.deepEqual(
    { ...o.summary, columns: undefined },
    { columns: undefined, rows: 3, bytes: enc.encode(text).length, labelsByName: 2, labelsNumeric: 1 },
  );
});

test('stream = file: a row longer than MAX_ROW_BYTES is a located error, not an unbounded buffer', { timeout: 120000 }, async () => {
  // The limit is a constant, so the input is generated: a header, a row, then one row of 65 MiB without a
  // line break.
  const head = enc.encode('label,p\n0,0.5\n\n1,');
  const bytes = new Uint8Array(head.length + MAX_ROW_BYTES + (1 << 20));
  bytes.set(head);
  bytes.fill(0x35, head.length); // '5'
  const seen = await sameAsFile(bytes, S, BIG_SPLITS, [{}]);
  for (const o of seen) {
    assert.equal(o.ok ? 'ok' : o.message, 'stdin:4: a row longer than 64 MiB starts here (a file without line breaks, or a quote that never closes?)');
  }
});

test('stream = file: a header longer than MAX_HEADER_BYTES is refused', { timeout: 120000 }, async () => {
  const bytes = new Uint8Array(MAX_HEADER_BYTES + 1000).fill(0x61); // 'a': one field, no line break
  const seen = await sameAsFile(bytes, S, BIG_SPLITS, [{}]);
  for (const o of seen) assert.equal(o.ok ? 'ok' : o.message, 'stdin: the first row is longer than 16 MiB: not a CSV header');
  // A header of exactly the limit, ended by the input's end, is still a header (as for a file).
  const exact = new Uint8Array(MAX_HEADER_BYTES).fill(0x61);
  const again = await sameAsFile(exact, S, [fixed(65536)], [{}]);
  assert.ok(!again[0].ok && again[0].code === 'missing-column');
});

test('a 3,000,000-row stream generated on the fly is read with flat memory', { timeout: 240000 }, async () => {
  const ROWS = 3_000_000;
  const PER_PIECE = 2000;
  let labelSum = 0;
  // ~33 bytes a row, about 100 MB in all: a reader that kept the input (or its rows) would pass the bounds.
  async function* generate(): AsyncGenerator<Uint8Array> {
    const rnd = mulberry32(99);
    yield enc.encode('label,p0,p1,p2\n');
    for (let r = 0; r < ROWS; r += PER_PIECE) {
      let s = '';
      for (let i = 0; i < PER_PIECE; i++) {
        const y = Math.floor(rnd() * 3);
        labelSum += y;
        const a = rnd() * 0.5;
        const b = rnd() * 0.5;
        s += `${y},${a.toFixed(7)},${b.toFixed(7)},${(1 - a - b).toFixed(7)}\n`;
      }
      yield enc.encode(s);
    }
  }
  // The heap as the reader can grow it: V8's heap and the ArrayBuffers outside it (the bytes and rows).
  const heap = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  const before = process.memoryUsage();
  let peakHeap = heap(before);
  let peakRss = before.rss;
  let rows = 0;
  let seenLabels = 0;
  let lastLine = 0;
  const opened = await openCsvStream(generate(), { displayPath: 'stdin' });
  assert.ok(opened.ok);
  const r = await opened.value.scan(S, {
    reuseChunks: true,
    onChunk: (c) => {
      rows += c.n;
      for (let i = 0; i < c.n; i++) seenLabels += c.yTrue[i];
      lastLine = c.lines![c.n - 1];
      const m = process.memoryUsage();
      if (heap(m) > peakHeap) peakHeap = heap(m);
      if (m.rss > peakRss) peakRss = m.rss;
    },
  });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.equal(r.value.rows, ROWS);
  assert.equal(rows, ROWS);
  assert.equal(seenLabels, labelSum);
  assert.equal(lastLine, ROWS + 1);
  const MiB = 1 << 20;
  const heapGrowth = (peakHeap - heap(before)) / MiB;
  const rssGrowth = (peakRss - before.rss) / MiB;
  // What the reader holds: two 1 MiB blocks, one chunk of 65,536 rows (2 MiB) and the piece in hand. The
  // rest of the growth is garbage not yet collected (each 66 KB piece's string and bytes, made by the
  // generator; nothing forces the GC): measured, 9 MiB of heap + ArrayBuffers and 21 MiB of RSS. The bounds
  // are generous for a loaded machine and a GC that runs late (RSS also keeps freed pages), yet a reader
  // that kept its input fails them (tried: 105 MiB and 129 MiB), as would one keeping the rows (3M × 4
  // doubles = 92 MiB).
  assert.ok(heapGrowth < 64, `heap grew by ${heapGrowth.toFixed(1)} MiB`);
  assert.ok(rssGrowth < 96, `rss grew by ${rssGrowth.toFixed(1)} MiB`);
  assert.ok(r.value.bytes > 90 * MiB, `the input was ${r.value.bytes} bytes`);
});

/** Rows for ever, in 8 KiB pieces. */
async function* endless(): AsyncGenerator<Uint8Array> {
  yield enc.encode('label,p\n');
  const piece = enc.encode('0,0.25\n1,0.75\n'.repeat(600));
  for (;;) yield piece;
}

test('cancelling mid-stream (between chunks) returns the cancelled error', async () => {
  const ac = new AbortController();
  const opened = await openCsvStream(endless(), { displayPath: 'stdin' });
  assert.ok(opened.ok);
  let chunks = 0;
  const r = await opened.value.scan(S, {
    chunkRows: 1000,
    signal: ac.signal,
    onChunk: () => {
      if (++chunks === 3) ac.abort();
    },
  });
  assert.deepEqual(r, { ok: false, error: { code: 'cancelled', file: 'stdin', message: 'stdin: cancelled', reason: 'cancelled' } });
  assert.equal(chunks, 3);
});

test('cancelling while the stream waits for bytes that never come returns at once', async () => {
  async function* stalls(afterHeader: boolean): AsyncGenerator<Uint8Array> {
    yield enc.encode(afterHeader ? 'label,p\n0,0.5\n' : 'label,');
    await new Promise(() => {}); // a writer that never writes again nor closes
  }
  // While reading the data (the scan's signal), and while reading the header (openCsvStream's signal).
  const ac = new AbortController();
  const opened = await openCsvStream(stalls(true), { displayPath: 'stdin' });
  assert.ok(opened.ok);
  setTimeout(() => ac.abort(), 50);
  const t0 = Date.now();
  const r = await opened.value.scan(S, { signal: ac.signal, onChunk: () => {} });
  assert.ok(!r.ok && r.error.code === 'cancelled', JSON.stringify(r));
  assert.ok(Date.now() - t0 < 2000);

  const ac2 = new AbortController();
  setTimeout(() => ac2.abort(), 50);
  const h = await openCsvStream(stalls(false), { displayPath: 'stdin', signal: ac2.signal });
  assert.ok(!h.ok && h.error.message === 'stdin: cancelled', JSON.stringify(h));
});

test('a stream that fails part-way gives a located DataError, never a throw', async () => {
  // An async iterable that throws (EPIPE from the writer's side)...
  async function* broken(): AsyncGenerator<Uint8Array> {
    yield enc.encode('label,p\n0,0.1\n1,0.2\n');
    yield enc.encode('0,0.3\n1,0.');
    throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
  }
  const opened = await openCsvStream(broken(), { displayPath: 'stdin' });
  assert.ok(opened.ok);
  const delivered: number[] = [];
  const r = await opened.value.scan(S, { bufferSize: 8, chunkRows: 1, onChunk: (c) => void delivered.push(...c.lines!) });
  assert.deepEqual(r, {
    ok: false,
    error: {
      code: 'data-unreadable',
      file: 'stdin',
      line: 4,
      message: 'stdin:4: the input stream failed after 30 bytes (write EPIPE); the rows from this line on were not read',
      reason: 'the input stream failed after 30 bytes (write EPIPE); the rows from this line on were not read',
    },
  });
  // Blocks of 8 bytes after the header: bytes 8-23 were parsed (rows at lines 2 and 3 delivered, the one at
  // line 4 cut by the block's end); the block after them never filled.
  assert.deepEqual(delivered, [2, 3]);

  // ... a Readable that emits 'error' (as process.stdin does), during the data and during the header.
  const readable = (parts: string[], err: Error) =>
    new Readable({
      read() {
        const p = parts.shift();
        if (p !== undefined) this.push(p);
        else this.destroy(err);
      },
    });
  const rs = await openCsvStream(readable(['label,p\n', '0,0.5\n'], new Error('read ECONNRESET')), { displayPath: 'stdin' });
  assert.ok(rs.ok);
  const r2 = await rs.value.scan(S, { onChunk: () => {} });
  assert.ok(!r2.ok);
  assert.equal(r2.error.message, 'stdin:2: the input stream failed after 14 bytes (read ECONNRESET); the rows from this line on were not read');
  const r3 = await openCsvStream(readable(['lab'], Object.assign(new Error(''), { code: 'EPIPE' })), { displayPath: 'stdin' });
  assert.ok(!r3.ok);
  assert.equal(r3.error.message, 'stdin: the input stream failed after 3 bytes (EPIPE), before the header was read');
  assert.equal(r3.error.code, 'data-unreadable');
});

test('a stream is scanned once: a second scan fails with a clear error', async () => {
  const opened = await openCsvStream(piecesOf(enc.encode('label,p\n0,0.5\n'), fixed(4)), { displayPath: 'stdin' });
  assert.ok(opened.ok);
  const first = await opened.value.scan(S, { onChunk: () => {} });
  assert.ok(first.ok && first.value.rows === 1);
  const second = await opened.value.scan(S, { onChunk: () => {} });
  assert.ok(!second.ok);
  assert.equal(second.error.message, 'stdin: the input stream has already been read (a stream can be scanned only once)');
});

test('an exception from onChunk is let out (the only one), and releases the stream', async () => {
  let returned = false;
  async function* rows(): AsyncGenerator<Uint8Array> {
    try {
      yield enc.encode('label,p\n0,0.5\n1,0.5\n');
      for (;;) yield enc.encode('0,0.5\n');
    } finally {
      returned = true;
    }
  }
  const opened = await openCsvStream(rows(), { displayPath: 'stdin' });
  assert.ok(opened.ok);
  await assert.rejects(
    opened.value.scan(S, { chunkRows: 1, bufferSize: 64, onChunk: () => { throw new Error('mine'); } }),
    /mine/,
  );
  await new Promise((r) => setTimeout(r, 10));
  assert.ok(returned, 'the generator was returned');
});
