// docs/rules.md is generated from the code registry (scripts/gen-rules-doc.mjs): the committed file must be what
// the registry renders now, so a rule's docs cannot drift from its file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTED } from '../scripts/rules-doc/entries';
import { rulesMarkdown, section } from '../scripts/rules-doc/render';

test('docs/rules.md is the text the registry generates (run npm run docs:rules after changing a rule)', () => {
  const committed = readFileSync(join(__dirname, '..', 'docs', 'rules.md'), 'utf8');
  assert.ok(committed === rulesMarkdown(), 'docs/rules.md is stale: run npm run docs:rules');
});

test('every code has its own section, headed by its id (the anchor docs/rules.md#id)', () => {
  const doc = rulesMarkdown();
  for (const c of DOCUMENTED) {
    assert.equal(doc.split('\n').filter((l) => l === `## ${c.entry.id}`).length, 1, c.entry.id);
    assert.ok(doc.includes(section(c)), c.entry.id);
  }
});

test('a section shows the first positive example as Wrong and the first negative one as Right', () => {
  const c = DOCUMENTED.find((x) => x.entry.id === 'sparse-loss-onehot-labels')!;
  const s = section(c);
  const wrong = c.examples.find((e) => e.expect.length > 0)!.text;
  const right = c.examples.find((e) => e.expect.length === 0)!.text;
  assert.ok(s.indexOf(wrong) > s.indexOf('**Wrong**') && s.indexOf('**Wrong**') > 0);
  assert.ok(s.indexOf(right) > s.indexOf('**Right**') && s.indexOf('**Right**') > s.indexOf(wrong));
});
