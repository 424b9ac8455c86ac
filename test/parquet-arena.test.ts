// The Parquet reader reuses each column's memory from one row group to the next (parquet-pages.ts
// ColumnArena: the bytes read, the decompressed pages, the values copied out of misaligned pages) and
// reads a group's column chunks at once. Checked here on files of many row groups written by DuckDB (the
// development dependency; OPTIONAL columns, so their float pages are misaligned and copied) whose groups
// change size on the way (a compressible group between random ones, a short last group): every value
// scanParquet delivers is hyparquet's own parquetRead's value for that row (an independent decoder),
// snappy, gzip and uncompressed (whose values are views of the bytes read) alike, and a bad value in the
// last group is reported at its row.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { scanParquet } from '../server/src/core/data/parquet';

const dir = mkdtempSync(join(tmpdir(), 'xent-pq-arena-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 30000;
const GROUP = 4096; // 7 full groups and a short one
/** Rows of the compressible group (the bytes read per column shrink, then grow again). */
const FLAT = [2 * GROUP, 3 * GROUP];

async function write(file: string, codec: string, badRow?: number): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const p = (k: number) =>
    `CASE WHEN i >= ${FLAT[0]} AND i < ${FLAT[1]} THEN 0.25 ${k === 1 && badRow !== undefined ? `WHEN i = ${badRow} THEN 'NaN'::DOUBLE ` : ''}` +
    `ELSE ((i * ${7919 + 104729 * k}) % 100003) / 100003.0 + 1e-7 * ${k + 1} END AS p_${k}`;
  await con.run(
    `COPY (SELECT (i % 4)::BIGINT AS label, ${[0, 1, 2, 3].map(p).join(', ')} FROM range(${ROWS}) t(i) ORDER BY i)
     TO '${file}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE ${GROUP})`,
  );
  con.closeSync();
  db.closeSync();
}

async function scan(file: string) {
  const labels: number[] = [];
  const probs: number[] = [];
  const result = await scanParquet([{ path: file, display: 'f.parquet' }], { yTrue: 'label', yPred: 'p_*' }, {
    reuseChunks: true,
    chunkRows: 1000,
    onChunk: (c) => {
      labels.push(...c.yTrue);
      probs.push(...c.yPred);
    },
  });
  return { result, labels, probs };
}

for (const codec of ['snappy', 'uncompressed', 'gzip']) {
  test(`${codec}: every row of a file of ${Math.ceil(ROWS / GROUP)} row groups of changing size is hyparquet's`, async () => {
    const file = join(dir, `${codec}.parquet`);
    await write(file, codec);
    const bytes = readFileSync(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const groups = parquetMetadata(buffer).row_groups.map((g) => Number(g.num_rows));
    assert.ok(groups.length >= 8, `${groups.length} row groups`);
    assert.equal(groups.reduce((a, b) => a + b, 0), ROWS);
    const compressors = { GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)) };
    const rows = (await parquetReadObjects({ file: buffer, compressors })) as Array<Record<string, number | bigint>>;
    const { result, labels, probs } = await scan(file);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
    assert.equal(result.value.rows, ROWS);
    assert.equal(labels.length, ROWS);
    for (let i = 0; i < ROWS; i++) {
      const r = rows[i];
      if (labels[i] !== Number(r.label)) assert.fail(`row ${i + 1}: label ${labels[i]}, hyparquet ${r.label}`);
      for (let k = 0; k < 4; k++) {
        if (!Object.is(probs[i * 4 + k], r[`p_${k}`])) assert.fail(`row ${i + 1}, p_${k}: ${probs[i * 4 + k]}, hyparquet ${r[`p_${k}`]}`);
      }
    }
    // The compressible group really is smaller in the file: the memory for it shrinks, then grows again.
    assert.ok(probs[FLAT[0] * 4] === 0.25 && probs[FLAT[1] * 4] !== 0.25);
  });
}

test('a nan in the last row group is reported at its row (after the reused memory of every group before)', async () => {
  const file = join(dir, 'bad.parquet');
  const bad = ROWS - 17;
  await write(file, 'snappy', bad);
  const { result } = await scan(file);
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.equal(result.error.code, 'non-finite');
  assert.equal(result.error.message, `f.parquet: row ${bad + 1}: column p_1 is nan, not a finite number`);
});
