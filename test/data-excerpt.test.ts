// Excerpts of data in messages (issue 10 item 3): short, escaped, never a whole line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerptText, quoteExcerpt } from '../server/src/core/data/excerpt';

test('printable text up to the limit is shown as it is', () => {
  assert.equal(excerptText('p_dog'), 'p_dog');
  assert.equal(excerptText('chat été 猫 😀'), 'chat été 猫 😀');
  assert.equal(quoteExcerpt('abc'), "'abc'");
});

test('cut at the limit (code points, not UTF-16 units) with an ellipsis', () => {
  assert.equal(excerptText('x'.repeat(40)), 'x'.repeat(40));
  assert.equal(excerptText('x'.repeat(41)), 'x'.repeat(40) + '…');
  assert.equal(excerptText('😀'.repeat(5), 3), '😀😀😀…');
  assert.equal(excerptText('abcdef', 0), '…');
});

test('control and invisible characters are escaped', () => {
  assert.equal(excerptText('a\u0000b\u0007c\u001b[31m\u007f'), 'a\\x00b\\x07c\\x1b[31m\\x7f');
  assert.equal(excerptText('l1\nl2\r\tz'), 'l1\\nl2\\r\\tz');
  assert.equal(excerptText('\u0085\u00a0\u00ad'), '\\u0085\\u00a0\\u00ad');
  assert.equal(excerptText('a\u202eb\u200bc\u2066d\ufeff'), 'a\\u202eb\\u200bc\\u2066d\\ufeff');
  assert.equal(excerptText('lone \ud800 surrogate \udc00'), 'lone \\ud800 surrogate \\udc00');
  assert.equal(excerptText('back\\slash'), 'back\\\\slash');
});

test('escapes count as one character each toward the limit', () => {
  assert.equal(excerptText('\u0000'.repeat(50), 4), '\\x00\\x00\\x00\\x00…');
});
