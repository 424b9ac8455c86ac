// openRegularFile / checkUnchanged / readTextFile: only regular files, inside the root, opened once and
// verified by descriptor; special files refused at once (a hang fails the test through its timeout).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkUnchanged, openRegularFile, readTextFile } from '../server/src/core/data/safe-open';

const dir = mkdtempSync(join(tmpdir(), 'xent-open-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const root = join(dir, 'root');
mkdirSync(root);
const inside = join(root, 'in.txt');
writeFileSync(inside, 'inside\n');
const outsideFile = join(dir, 'secret.txt');
writeFileSync(outsideFile, 'SECRET\n');

test('a regular file inside the root opens; fstat is of the descriptor', { timeout: 5000 }, async () => {
  const r = await openRegularFile(inside, { root, displayPath: 'in.txt' });
  assert.ok(r.ok);
  try {
    assert.equal(r.value.stat.size, 7);
    assert.equal(r.value.display, 'in.txt');
    assert.equal(await checkUnchanged(r.value), null);
  } finally {
    await r.value.handle.close();
  }
});

test('a FIFO is refused at once, not waited on', { timeout: 5000 }, async () => {
  const fifo = join(root, 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  const r = await openRegularFile(fifo, { root, displayPath: 'pipe.csv' });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'data-unreadable');
    assert.equal(r.error.message, 'pipe.csv: is not a regular file (a FIFO)');
  }
  const t = await readTextFile(fifo);
  assert.equal(t.ok, false);
});

test('/dev/zero, a directory: not regular files', { timeout: 5000 }, async () => {
  const z = await openRegularFile('/dev/zero');
  assert.ok(!z.ok && z.error.message === '/dev/zero: is not a regular file (a character device)', JSON.stringify(z));
  const d = await openRegularFile(root, { displayPath: 'root' });
  assert.ok(!d.ok && d.error.message === 'root: is not a regular file (a directory)');
  const u = await readTextFile('/dev/urandom', { maxBytes: 1000 });
  assert.ok(!u.ok && u.error.code === 'data-unreadable');
});

test('outside the root: ../ and a symlink that leads out are refused', { timeout: 5000 }, async () => {
  const up = await openRegularFile(join(root, '..', 'secret.txt'), { root, displayPath: '../secret.txt' });
  assert.ok(!up.ok && up.error.code === 'data-outside-root');
  assert.ok(!up.ok && !up.error.message.includes('SECRET'));
  const link = join(root, 'link.txt');
  symlinkSync(outsideFile, link);
  const l = await openRegularFile(link, { root, rootName: '--root', displayPath: 'link.txt' });
  assert.ok(!l.ok);
  if (!l.ok) assert.equal(l.error.message, `link.txt: is outside --root; xent reads files only inside ${root}`);
  // Without a root, the link is followed to a regular file.
  const free = await openRegularFile(link);
  assert.ok(free.ok);
  if (free.ok) await free.value.handle.close();
});

test('missing file, size limit', { timeout: 5000 }, async () => {
  const m = await openRegularFile(join(root, 'nope.csv'), { displayPath: 'nope.csv' });
  assert.ok(!m.ok && m.error.code === 'data-not-found' && m.error.message === 'nope.csv: file not found');
  const big = await openRegularFile(inside, { maxBytes: 6, displayPath: 'in.txt' });
  assert.ok(!big.ok && big.error.code === 'data-too-large');
  if (!big.ok) assert.equal(big.error.message, 'in.txt: is 7 bytes, over the limit of 6 bytes');
  const t = await readTextFile(inside, { maxBytes: 7 });
  assert.ok(t.ok && t.value === 'inside\n');
});

test('checkUnchanged: growth, truncation, mtime, replacement', { timeout: 5000 }, async () => {
  const f = join(root, 'grow.txt');
  const open = async () => {
    writeFileSync(f, 'abc\n');
    const r = await openRegularFile(f, { displayPath: 'grow.txt' });
    assert.ok(r.ok);
    return r.value;
  };
  let o = await open();
  appendFileSync(f, 'more\n');
  let e = await checkUnchanged(o);
  assert.equal(e?.code, 'data-changed');
  assert.match(e!.message, /^grow\.txt: changed while reading \(its size went from 4 to 9 bytes\)/);
  await o.handle.close();

  o = await open();
  utimesSync(f, new Date(2001, 1, 1), new Date(2001, 1, 1));
  e = await checkUnchanged(o);
  assert.match(e!.message, /modification time changed/);
  await o.handle.close();

  o = await open();
  const tmp = join(root, 'grow.tmp');
  writeFileSync(tmp, 'abc\n');
  execFileSync('mv', [tmp, f]);
  e = await checkUnchanged(o);
  assert.match(e!.message, /the path now names another file/);
  await o.handle.close();
});
