// The token patterns are defined once (core/syntax/token-patterns.ts): the lexer is built from them, and so are the
// light scanners (completion cursor, experiment-name scanner). A pattern copied instead of shared fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as lexer from '../server/src/core/syntax/lexer';
import { TOKEN_PATTERNS } from '../server/src/core/syntax/token-patterns';

test('the lexer tokens use the shared patterns', () => {
  assert.equal(lexer.WhiteSpace.PATTERN, TOKEN_PATTERNS.whiteSpace);
  assert.equal(lexer.CommentTok.PATTERN, TOKEN_PATTERNS.comment);
  assert.equal(lexer.NumberTok.PATTERN, TOKEN_PATTERNS.number);
  assert.equal(lexer.TerminatedString.PATTERN, TOKEN_PATTERNS.terminatedString);
  assert.equal(lexer.UnterminatedString.PATTERN, TOKEN_PATTERNS.unterminatedString);
  const punctuation = [lexer.LCurly, lexer.RCurly, lexer.LBracket, lexer.RBracket, lexer.LParen, lexer.RParen, lexer.Colon, lexer.Comma];
  const chars = punctuation.map((t) => (t.PATTERN as RegExp).source.replace(/^\\/, ''));
  assert.deepEqual(chars.sort(), [...'{}[]():,'].sort());
  for (const c of chars) assert.ok(new RegExp(`^${TOKEN_PATTERNS.punctuation.source}$`).test(c), c);
  assert.ok(!new RegExp(`^${TOKEN_PATTERNS.punctuation.source}$`).test('.'));
});

test('no scanner of the server writes a token pattern of its own', () => {
  // The identifier and number patterns, as written literally: only token-patterns.ts may hold them.
  const literals = ['[\\p{L}_][\\p{L}\\p{N}_]*', '(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?', '[^"\\\\\\r\\n]'];
  const root = join(__dirname, '..', 'server', 'src');
  for (const file of ['core/syntax/lexer.ts', 'core/syntax/experiment-names.ts', 'lsp/features/catalogue-text/cursor.ts']) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const l of literals) assert.ok(!text.includes(l), `${file} writes ${l} itself`);
  }
});
