// "Which experiment is at this offset": one function with one boundary rule (core/syntax/experiment-at.ts), used by
// locate (hover, definition, rename), experimentNameAt and the completion scanner. Tested at every boundary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../server/src/core/syntax/parse';
import { experimentAt, experimentStartingBefore } from '../server/src/core/syntax/experiment-at';
import { experimentNameAt } from '../server/src/core/syntax/experiment-names';
import { locate } from '../server/src/core/syntax/locate';

const doc = (text: string) => parse(text).document;
const nameAt = (text: string, offset: number) => experimentAt(doc(text), offset)?.name?.name;

test('an experiment holds its span from the keyword to just after its closing brace, both ends included', () => {
  const text = '# head\nexperiment a { task: binary }\n\nexperiment b { task: binary }\n';
  const aStart = text.indexOf('experiment a');
  const aEnd = text.indexOf('}') + 1;
  const bStart = text.indexOf('experiment b');
  assert.equal(nameAt(text, 0), undefined, 'before the first experiment (a comment)');
  assert.equal(nameAt(text, aStart - 1), undefined, 'just before the keyword');
  assert.equal(nameAt(text, aStart), 'a', 'at the keyword');
  assert.equal(nameAt(text, aEnd - 1), 'a', 'before the closing brace');
  assert.equal(nameAt(text, aEnd), 'a', 'just after the closing brace (the cursor still touches it)');
  assert.equal(nameAt(text, aEnd + 1), undefined, 'on the blank line between experiments');
  assert.equal(nameAt(text, bStart), 'b');
  assert.equal(nameAt(text, text.length), undefined, 'after the last experiment');
});

test('where two experiments touch, the offset belongs to the one that begins there', () => {
  const text = 'experiment a { task: binary }experiment b { task: binary }';
  const touch = text.indexOf('}') + 1;
  assert.equal(nameAt(text, touch - 1), 'a');
  assert.equal(nameAt(text, touch), 'b');
  assert.equal(experimentStartingBefore(doc(text), touch)?.name?.name, 'b');
});

test('no experiment in an empty document; an unclosed one ends at its last token, the scanner still starts from it', () => {
  assert.equal(nameAt('', 0), undefined);
  assert.equal(experimentStartingBefore(doc(''), 0), undefined);
  const text = 'experiment a {\n  loss:   ';
  assert.equal(nameAt(text, text.indexOf(':') + 1), 'a', 'just after the last token');
  assert.equal(nameAt(text, text.length), undefined, 'past the last token of an unclosed experiment');
  assert.equal(experimentStartingBefore(doc(text), text.length)?.name?.name, 'a', 'the text being typed after it is scanned from its start');
});

test('locate and experimentNameAt follow the same rule', () => {
  const text = 'experiment a { task: binary }experiment b extends a { task: binary }';
  const d = doc(text);
  const touch = text.indexOf('}') + 1;
  assert.equal((locate(d, touch)[0] as { name?: { name: string } }).name?.name, 'b');
  assert.equal((locate(d, touch - 1)[0] as { name?: { name: string } }).name?.name, 'a');
  const parent = text.lastIndexOf(' a ') + 1;
  assert.deepEqual([experimentNameAt(d, parent)?.role, experimentNameAt(d, parent + 1)?.name], ['parent', 'a'], 'the name `a` after extends, touched at both ends');
  assert.equal(experimentNameAt(d, text.indexOf('a {'))?.experiment.name?.name, 'a');
});
