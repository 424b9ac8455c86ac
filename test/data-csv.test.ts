// CSV reader: every syntax feature and every error message, exactly, with line numbers; each case read
// sequentially with several buffer and chunk sizes (rows split across fs.read buffers) and in parallel
// with tiny byte ranges (row boundaries split across workers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvHeader, scanCsv, type CsvScanOptions, type CsvSchema } from '../server/src/core/data/csv';
import { scanCsvParallel } from '../server/src/core/data/csv-parallel';
import type { DataChunk, DataErrorCode } from '../server/src/core/data/types';

const dir = mkdtempSync(join(tmpdir(), 'xent-csv-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function write(text: string | Uint8Array): string {
  const p = join(dir, `f${fileNo++}.csv`);
  writeFileSync(p, text);
  return p;
}

interface Got {
  yTrue: number[];
  yPred: number[];
  features: number[];
  lines: number[];
}
type Outcome = { ok: true; got: Got; rows: number } | { ok: false; code: DataErrorCode; message: string; line?: number; column?: string };

async function run(
  path: string,
  schema: CsvSchema,
  how: { parallel?: boolean; bufferSize?: number; chunkRows?: number; rangeBytes?: number },
): Promise<Outcome> {
  const got: Got = { yTrue: [], yPred: [], features: [], lines: [] };
  const chunks: DataChunk[] = [];
  const opts: CsvScanOptions = {
    displayPath: 'runs/val.csv',
    bufferSize: how.bufferSize,
    chunkRows: how.chunkRows,
    onChunk: (c) => {
      assert.equal(c.rowStart, got.lines.length, 'chunks arrive in row order, contiguous');
      chunks.push(c);
      got.yTrue.push(...c.yTrue);
      got.yPred.push(...c.yPred);
      if (c.features) got.features.push(...c.features);
      got.lines.push(...c.lines!);
    },
  };
  const r = how.parallel
    ? await scanCsvParallel(path, schema, { ...opts, workers: 2, minParallelBytes: 0, rangeBytes: how.rangeBytes })
    : await scanCsv(path, schema, opts);
  if (!r.ok) return { ok: false, code: r.error.code, message: r.error.message, line: r.error.line, column: r.error.column };
  if (!how.parallel && how.chunkRows) {
    chunks.slice(0, -1).forEach((c) => assert.equal(c.n, how.chunkRows, 'sequential chunks are full but the last'));
  }
  assert.equal(r.value.rows, got.lines.length);
  return { ok: true, got, rows: r.value.rows };
}

const CONFIGS: Array<{ parallel?: boolean; bufferSize?: number; chunkRows?: number; rangeBytes?: number }> = [
  {},
  { bufferSize: 1, chunkRows: 1 },
  { bufferSize: 2, chunkRows: 2 },
  { bufferSize: 3, chunkRows: 3 },
  { bufferSize: 7, chunkRows: 1000 },
  { bufferSize: 16 },
  { parallel: true, rangeBytes: 1, bufferSize: 4, chunkRows: 2 },
  { parallel: true, rangeBytes: 9 },
];

interface Case {
  name: string;
  text: string | Uint8Array;
  schema: CsvSchema;
  want?: Partial<Got>;
  error?: { code: DataErrorCode; message: string; column?: string };
}

const S: CsvSchema = { yTrue: 'label', yPred: 'p*' };
const nan = NaN;

const CASES: Case[] = [
  // ---- line endings, BOM, blank lines
  { name: 'LF', text: 'label,p0,p1\n0,0.25,0.75\n1,0.5,0.5\n', schema: S, want: { yTrue: [0, 1], yPred: [0.25, 0.75, 0.5, 0.5], lines: [2, 3] } },
  { name: 'CRLF', text: 'label,p0,p1\r\n0,0.25,0.75\r\n1,0.5,0.5\r\n', schema: S, want: { yTrue: [0, 1], yPred: [0.25, 0.75, 0.5, 0.5], lines: [2, 3] } },
  { name: 'lone CR', text: 'label,p0\r0,0.25\r1,0.5\r', schema: S, want: { yTrue: [0, 1], yPred: [0.25, 0.5], lines: [2, 3] } },
  { name: 'UTF-8 BOM', text: '\ufefflabel,p0\n1,0.5\n', schema: S, want: { yTrue: [1], yPred: [0.5], lines: [2] } },
  { name: 'BOM and CRLF', text: '\ufefflabel,p0\r\n1,0.5\r\n0,1\r\n', schema: S, want: { yTrue: [1, 0], yPred: [0.5, 1], lines: [2, 3] } },
  { name: 'no final line break', text: 'label,p0\n1,0.5\n0,1', schema: S, want: { yTrue: [1, 0], yPred: [0.5, 1], lines: [2, 3] } },
  { name: 'no final line break, CRLF before', text: 'label,p0\r\n1,0.5\r\n0,.25', schema: S, want: { yTrue: [1, 0], yPred: [0.5, 0.25] } },
  { name: 'blank trailing lines (LF)', text: 'label,p0\n1,0.5\n\n\n', schema: S, want: { yTrue: [1], lines: [2] } },
  { name: 'blank trailing lines (CRLF)', text: 'label,p0\r\n1,0.5\r\n\r\n\r\n', schema: S, want: { yTrue: [1], lines: [2] } },
  { name: 'blank lines inside are skipped but counted', text: 'label,p0\n1,0.5\n\n\r\n0,0.25\n', schema: S, want: { yTrue: [1, 0], lines: [2, 5] } },
  { name: 'blank lines before the header', text: '\n\nlabel,p0\n1,0.5\n', schema: S, want: { yTrue: [1], lines: [4] } },
  // ---- numbers
  {
    name: 'every number syntax',
    text: 'label,p\n1,1\n-1,-1\n1.,1.\n.5,.5\n1e-5,1e-5\n2.5E+3,2.5E+3\n+3,+3\n"0.5","0.5"\n 2 , 0.25 \n-0,-0.0\n007,1.e2\n',
    schema: { yTrue: 'label', yPred: 'p' },
    want: { yTrue: [1, -1, 1, 0.5, 1e-5, 2500, 3, 0.5, 2, -0, 7], yPred: [1, -1, 1, 0.5, 1e-5, 2500, 3, 0.5, 0.25, -0, 100] },
  },
  {
    name: 'nan and inf spellings (allowNonFinite)',
    text: 'label,p\n0,nan\n0,NaN\n0,inf\n0,-inf\n0,Infinity\n0,+inf\n0,-Infinity\n0,"nan"\n0,1e400\n',
    schema: { yTrue: 'label', yPred: 'p', allowNonFinite: true },
    want: { yPred: [nan, nan, Infinity, -Infinity, Infinity, Infinity, -Infinity, nan, Infinity] },
  },
  { name: 'long mantissas are correctly rounded', text: 'label,p\n0,0.1000000000000000055511151231257827\n0,9007199254740993\n', schema: { yTrue: 'label', yPred: 'p' }, want: { yPred: [0.1, 9007199254740992] } },
  // ---- quoting
  {
    name: 'quoted fields with commas, newlines and doubled quotes',
    text: 'id,comment,label,p\n1,"hello, world",0,0.5\n2,"multi\nline ""quoted""",1,"0.25"\n3,x,0,0.75',
    schema: { yTrue: 'label', yPred: 'p' },
    want: { yTrue: [0, 1, 0], yPred: [0.5, 0.25, 0.75], lines: [2, 3, 5] },
  },
  {
    name: 'quoted header names',
    text: '"label","p, cat","p ""dog"""\r\n0,0.25,0.75\r\n',
    schema: { yTrue: 'label', yPred: ['p, cat', 'p "dog"'] },
    want: { yTrue: [0], yPred: [0.25, 0.75] },
  },
  { name: 'quoted CRLF inside a field', text: 'note,label,p\r\n"a\r\nb",1,0.5\r\n"",0,0.5\r\n', schema: { yTrue: 'label', yPred: 'p' }, want: { yTrue: [1, 0], lines: [2, 4] } },
  { name: 'a quote inside an unquoted field is text', text: 'note,label,p\nsay "hi",1,0.5\n', schema: { yTrue: 'label', yPred: 'p' }, want: { yTrue: [1] } },
  // ---- schema
  { name: 'y_pred list order is kept', text: 'label,p_cat,p_dog\n0,0.25,0.75\n', schema: { yTrue: 'label', yPred: ['p_dog', 'p_cat'] }, want: { yPred: [0.75, 0.25] } },
  { name: 'glob matches in header order', text: 'p_b,label,x,p_a\n0.1,1,9,0.9\n', schema: { yTrue: 'label', yPred: 'p_*' }, want: { yPred: [0.1, 0.9] } },
  {
    name: 'features by glob and list, unused columns skipped',
    text: 'id,f1,label,f2,p,junk\n7,1.5,1,2.5,0.5,zzz\n8,-1,0,0,0.25,"q,q"\n',
    schema: { yTrue: 'label', yPred: 'p', features: ['f*'] },
    want: { yTrue: [1, 0], yPred: [0.5, 0.25], features: [1.5, 2.5, -1, 0] },
  },
  { name: 'y_true alone', text: 'label\n1\n0\n2\n', schema: { yTrue: 'label' }, want: { yTrue: [1, 0, 2], yPred: [] } },
  { name: 'multi-column y_true (one-hot)', text: 't0,t1,p0,p1\n1,0,0.9,0.1\n0,1,0.2,0.8\n', schema: { yTrue: ['t0', 't1'], yPred: 'p*' }, want: { yTrue: [1, 0, 0, 1], yPred: [0.9, 0.1, 0.2, 0.8] } },
  { name: 'pandas index column (empty header name)', text: ',label,p\n0,1,0.5\n1,0,0.25\n', schema: { yTrue: 'label', yPred: 'p' }, want: { yTrue: [1, 0] } },
  { name: 'header names are trimmed', text: 'label , p0 ,p1\n1,0.5,0.5\n', schema: { yTrue: 'label', yPred: ['p0', 'p1'] }, want: { yTrue: [1] } },
  // ---- class names
  { name: 'declared class names map to their index', text: 'label,p\ncat,0.5\ndog,1\n"dog",0\n 1 ,0\n', schema: { yTrue: 'label', yPred: 'p', classes: ['cat', 'dog'] }, want: { yTrue: [0, 1, 1, 1] } },
  { name: 'numeric class names are names first', text: 'label,p\n1,0.5\n2,1\n', schema: { yTrue: 'label', yPred: 'p', classes: ['1', '2'] }, want: { yTrue: [0, 1] } },
  { name: 'class names "0","1" agree with indices', text: 'label,p\n1,0.5\n0,1\n', schema: { yTrue: 'label', yPred: 'p', classes: ['0', '1'] }, want: { yTrue: [1, 0] } },
  { name: 'class names are compared trimmed', text: 'label,p\n" dog ",0.5\ncat ,1\n', schema: { yTrue: 'label', yPred: 'p', classes: ['cat', ' dog'] }, want: { yTrue: [1, 0] } },
  { name: 'non-ASCII class names', text: 'label,p\nchat,0.5\nchien,1\nécureuil,0\n', schema: { yTrue: 'label', yPred: 'p', classes: ['chat', 'chien', 'écureuil'] }, want: { yTrue: [0, 1, 2] } },

  // ---- errors
  { name: 'not a number', text: 'label,p_cat,p_dog\n0,0.5,0.5\n1,0.5,abc\n', schema: S, error: { code: 'data-parse', message: "runs/val.csv:3: column p_dog is 'abc', not a number", column: 'p_dog' } },
  { name: 'number with trailing text', text: 'label,p\n0,0.5x\n', schema: S, error: { code: 'data-parse', message: "runs/val.csv:2: column p is '0.5x', not a number" } },
  { name: 'empty cell', text: 'label,p\n0,\n', schema: S, error: { code: 'data-parse', message: 'runs/val.csv:2: column p is empty, not a number' } },
  { name: 'empty label cell', text: 'label,p\n,0.5\n', schema: S, error: { code: 'data-parse', message: 'runs/val.csv:2: column label is empty, not a number' } },
  { name: 'hex is not a number', text: 'label,p\n0x1,0.5\n', schema: S, error: { code: 'data-parse', message: "runs/val.csv:2: column label is '0x1', not a number" } },
  {
    name: 'missing column lists the header',
    text: 'label,p_cat,p_dog,p_horse\n0,1,0,0\n',
    schema: { yTrue: 'label', yPred: ['p_cat', 'p_dog', 'p_cow'] },
    error: { code: 'missing-column', message: "runs/val.csv: no column 'p_cow'; the header has label, p_cat, p_dog, p_horse", column: 'p_cow' },
  },
  { name: 'missing y_true column, with a near match', text: 'Label,p\n0,1\n', schema: S, error: { code: 'missing-column', message: "runs/val.csv: no column 'label' (did you mean 'Label'?); the header has Label, p" } },
  { name: 'glob that matches nothing', text: 'label,q0\n0,1\n', schema: S, error: { code: 'missing-column', message: "runs/val.csv: no column matches 'p*'; the header has label, q0" } },
  { name: 'ambiguous column name', text: 'label,p,p\n0,1,1\n', schema: { yTrue: 'label', yPred: 'p' }, error: { code: 'data-schema', message: "runs/val.csv:1: the header has 2 columns named 'p' (columns 2, 3)" } },
  { name: 'ambiguous column name after blank lines', text: '\n\nlabel,p,p\n0,1,1\n', schema: { yTrue: 'label', yPred: 'p' }, error: { code: 'data-schema', message: "runs/val.csv:3: the header has 2 columns named 'p' (columns 2, 3)" } },
  { name: 'column in two roles', text: 'label,p\n0,1\n', schema: { yTrue: 'label', yPred: 'p', features: ['p'] }, error: { code: 'data-schema', message: 'runs/val.csv: column p is used as both y_pred and features' } },
  { name: 'too few fields', text: 'label,p0,p1\n0,0.5,0.5\n1,0.5\n', schema: S, error: { code: 'data-parse', message: 'runs/val.csv:3: the row has 2 fields, the header has 3' } },
  { name: 'one field', text: 'label,p0,p1\n0\n', schema: S, error: { code: 'data-parse', message: 'runs/val.csv:2: the row has 1 field, the header has 3' } },
  { name: 'too many fields', text: 'label,p0,p1\n0,0.5,0.5\n1,0.5,0.5,9\n', schema: S, error: { code: 'data-parse', message: 'runs/val.csv:3: the row has 4 fields, the header has 3' } },
  { name: 'trailing comma is a field', text: 'label,p0\n0,0.5,\n', schema: S, error: { code: 'data-parse', message: 'runs/val.csv:2: the row has 3 fields, the header has 2' } },
  { name: 'empty file', text: '', schema: S, error: { code: 'empty-data', message: 'runs/val.csv: the file is empty' } },
  { name: 'only a BOM and blank lines', text: '\ufeff\r\n\n', schema: S, error: { code: 'empty-data', message: 'runs/val.csv: the file is empty' } },
  { name: 'header only', text: 'label,p0\n', schema: S, error: { code: 'empty-data', message: 'runs/val.csv: the file has a header but no data rows' } },
  { name: 'header and blank lines', text: 'label,p0\r\n\r\n\r\n', schema: S, error: { code: 'empty-data', message: 'runs/val.csv: the file has a header but no data rows' } },
  { name: 'header without line break', text: 'label,p0', schema: S, error: { code: 'empty-data', message: 'runs/val.csv: the file has a header but no data rows' } },
  { name: 'unterminated quote', text: 'label,p\n0,0.5\n1,"0.5\n0,0.2\n', schema: S, error: { code: 'data-parse', message: 'runs/val.csv:3: column p: unterminated quote (the quoted field that starts here never ends)', column: 'p' } },
  { name: 'unterminated quote in a skipped column', text: 'note,label,p\n"abc,1,0.5\n', schema: { yTrue: 'label', yPred: 'p' }, error: { code: 'data-parse', message: 'runs/val.csv:2: column note: unterminated quote (the quoted field that starts here never ends)' } },
  { name: 'unterminated quote in the header', text: 'label,"p\n0,1\n', schema: S, error: { code: 'data-parse', message: 'runs/val.csv:1: header: unterminated quote (the quoted field that starts here never ends)' } },
  { name: 'text after a closing quote', text: 'label,p\n0,"0.5"x\n', schema: S, error: { code: 'data-parse', message: 'runs/val.csv:2: column p: text after the closing quote of a quoted field' } },
  { name: 'nan in a probability', text: 'label,p_dog\n0,0.5\n0,nan\n', schema: S, error: { code: 'non-finite', message: 'runs/val.csv:3: column p_dog is nan, not a finite number', column: 'p_dog' } },
  { name: 'NaN in a label', text: 'label,p\nNaN,0.5\n', schema: S, error: { code: 'non-finite', message: 'runs/val.csv:2: column label is nan, not a finite number' } },
  { name: '-Infinity', text: 'label,p\n0,-Infinity\n', schema: S, error: { code: 'non-finite', message: 'runs/val.csv:2: column p is -inf, not a finite number' } },
  { name: 'overflow to infinity', text: 'label,p\n0,1e400\n', schema: S, error: { code: 'non-finite', message: 'runs/val.csv:2: column p is inf, not a finite number' } },
  { name: 'non-finite feature', text: 'label,f\n0,inf\n', schema: { yTrue: 'label', features: ['f'] }, error: { code: 'non-finite', message: 'runs/val.csv:2: column f is inf, not a finite number' } },
  {
    name: 'class name without declared classes',
    text: 'label,p\n0,0.5\ncat,0.5\n',
    schema: S,
    error: { code: 'undeclared-classes', message: "runs/val.csv:3: column label is 'cat', a class name, but the experiment declares no class names; declare them (classes: [...]) or use class indices" },
  },
  {
    name: 'class name not among the declared classes',
    text: 'label,p\ncat,0.5\ndog,1\ncow,1\n',
    schema: { yTrue: 'label', yPred: 'p', classes: ['cat', 'dog'] },
    error: { code: 'label-out-of-range', message: "runs/val.csv:4: column label is 'cow', which is not one of the declared classes (cat, dog)" },
  },
  { name: 'line numbers count quoted line breaks', text: 'note,label,p\n"a\nb\nc",0,0.5\n"d",0,zz\n', schema: { yTrue: 'label', yPred: 'p' }, error: { code: 'data-parse', message: "runs/val.csv:5: column p is 'zz', not a number" } },
  { name: 'line of a field after a multi-line field', text: 'note,label,p\n"a\nb",0,zz\n', schema: { yTrue: 'label', yPred: 'p' }, error: { code: 'data-parse', message: "runs/val.csv:3: column p is 'zz', not a number" } },
  { name: 'line numbers with blank lines and CRLF', text: 'label,p\r\n\r\n0,1\r\n\r\n\r\n0,?\r\n', schema: S, error: { code: 'data-parse', message: "runs/val.csv:6: column p is '?', not a number" } },
  { name: 'a long cell is shortened in the message', text: 'label,p\n0,' + 'x'.repeat(100) + '\n', schema: S, error: { code: 'data-parse', message: `runs/val.csv:2: column p is '${'x'.repeat(40)}…', not a number` } },
  { name: 'a cell with control characters is escaped in the message', text: 'label,p\n0,a\u0000b\u001b[31m\u202ez\n', schema: S, error: { code: 'data-parse', message: "runs/val.csv:2: column p is 'a\\x00b\\x1b[31m\\u202ez', not a number" } },
];

function sameNumbers(a: number[], b: number[], what: string) {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `${what}[${i}]: got ${a[i]}, want ${b[i]}`);
}

for (const c of CASES) {
  test(`csv: ${c.name}`, async () => {
    const path = write(c.text);
    for (const how of CONFIGS) {
      const r = await run(path, c.schema, how);
      const label = JSON.stringify(how);
      if (c.error) {
        assert.ok(!r.ok, `${label}: expected an error, got ${JSON.stringify(r)}`);
        if (!r.ok) {
          assert.equal(r.message, c.error.message, label);
          assert.equal(r.code, c.error.code, label);
          const m = /^runs\/val\.csv:(\d+):/.exec(c.error.message);
          assert.equal(r.line, m ? Number(m[1]) : undefined, `${label}: line`);
          if (c.error.column) assert.equal(r.column, c.error.column, `${label}: column`);
        }
      } else {
        if (!r.ok) assert.fail(`${label}: ${r.message}`);
        for (const k of ['yTrue', 'yPred', 'features', 'lines'] as const) {
          if (c.want![k]) sameNumbers(r.got[k], c.want![k]!, `${label} ${k}`);
        }
      }
    }
  });
}

test('csv: the example message at line 10234', async () => {
  let text = 'label,p_cat,p_dog,p_horse\n';
  for (let i = 2; i < 10234; i++) text += `${i % 3},0.2,0.3,0.5\n`;
  text += '1,0.2,abc,0.5\n2,0.2,0.3,0.5\n';
  const path = write(text);
  for (const how of [{}, { bufferSize: 100, chunkRows: 999 }, { parallel: true, rangeBytes: 4096 }]) {
    const r = await run(path, { yTrue: 'label', yPred: 'p_*' }, how);
    assert.ok(!r.ok);
    if (!r.ok) assert.equal(r.message, "runs/val.csv:10234: column p_dog is 'abc', not a number");
  }
});

test('csv: file not found, a directory', async () => {
  const missing = await scanCsv(join(dir, 'nope.csv'), S, { displayPath: 'runs/missing.csv', onChunk: () => {} });
  assert.deepEqual(missing.ok ? null : [missing.error.code, missing.error.message], ['data-not-found', 'runs/missing.csv: file not found']);
  const sub = join(dir, 'adir');
  mkdirSync(sub);
  const isDir = await scanCsvParallel(sub, S, { displayPath: 'runs/adir', onChunk: () => {} });
  assert.deepEqual(isDir.ok ? null : [isDir.error.code, isDir.error.message], ['data-unreadable', 'runs/adir: is not a regular file (a directory)']);
});

test('csv: readCsvHeader', async () => {
  const path = write('\ufeff\nid, label ,"p,0"\n1,2,3\n');
  const h = await readCsvHeader(path);
  assert.ok(h.ok);
  if (h.ok) {
    assert.deepEqual(h.value.header, ['id', 'label', 'p,0']);
    assert.equal(h.value.headerLine, 2);
    assert.equal(h.value.dataLine, 3);
  }
});

test('csv: class-name counters and summary', async () => {
  const path = write('label,p\ncat,0.5\n1,0.5\ndog,0.5\n');
  const r = await scanCsv(path, { yTrue: 'label', yPred: 'p', classes: ['cat', 'dog'] }, { onChunk: () => {} });
  assert.ok(r.ok);
  if (r.ok) {
    assert.equal(r.value.labelsByName, 2);
    assert.equal(r.value.labelsNumeric, 1);
    assert.deepEqual(r.value.columns, { header: ['label', 'p'], yTrue: ['label'], yPred: ['p'], features: [] });
    assert.equal(r.value.mode, 'sequential');
  }
});

test('csv: reuseChunks hands the same arrays back, with the right values', async () => {
  let text = 'label,p0,p1\n';
  for (let i = 0; i < 100; i++) text += `${i},${i / 100},${1 - i / 100}\n`;
  const path = write(text);
  const seen = new Set<ArrayBufferLike>();
  let sum = 0;
  const r = await scanCsv(path, S, {
    chunkRows: 10,
    bufferSize: 64,
    reuseChunks: true,
    onChunk: (c) => {
      seen.add(c.yPred.buffer);
      for (let i = 0; i < c.n; i++) {
        assert.equal(c.yTrue[i], c.rowStart + i);
        sum += c.yPred[2 * i];
      }
    },
  });
  assert.ok(r.ok);
  assert.ok(seen.size <= 2, `a set of buffers per chunk in flight, reused (${seen.size})`);
  assert.ok(Math.abs(sum - 49.5) < 1e-12);
});
