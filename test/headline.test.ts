// The declared metric's signature as the CLI, the lens tooltip and the hover print it (shared/headline.ts):
// every effective parameter, written so it reads back as the same value in a .xent file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paramText } from '../shared/headline';

test('parameter values print as they are written in a .xent file', () => {
  const cases: [Parameters<typeof paramText>[0], string][] = [
    [null, 'none'],
    [true, 'true'],
    [2, '2'],
    ['macro', 'macro'],
    ['ham', 'ham'],
    // Strings that would read as a boolean or a number are quoted (confusion_matrix(normalize: "true")); none is a name (average: none).
    ['true', '"true"'],
    ['none', 'none'],
    ['1', '"1"'],
    [[0.5, 2], '[0.5, 2]'],
  ];
  for (const [value, text] of cases) assert.equal(paramText(value), text, JSON.stringify(value));
});
