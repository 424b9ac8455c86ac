// The formatter's safety net: the formatted text must hold the same tokens as the original, in the same order.
// The grammar never looks at white space, so the same tokens parse to the same tree: same experiments,
// properties, calls and values, every number with its exact text. The only tokens the formatter may add or drop
// are trailing commas (a ',' right before ']' or ')'), which the grammar accepts and the tree does not record.
// Comments must come back in the same order with the same text (trailing white space aside).
// Lexing costs a few milliseconds where a second parse would cost tens.

import type { IToken } from 'chevrotain';
import { Comma, RBracket, RParen, xentLexer } from '../syntax/lexer';

export function sameTokens(original: string, formatted: string): boolean {
  const a = xentLexer.tokenize(original);
  const b = xentLexer.tokenize(formatted);
  if (b.errors.length > 0) return false;
  const ta = significant(a.tokens);
  const tb = significant(b.tokens);
  if (ta.length !== tb.length) return false;
  for (let i = 0; i < ta.length; i++) {
    if (ta[i].tokenType !== tb[i].tokenType || ta[i].image !== tb[i].image) return false;
  }
  const ca = a.groups.comments ?? [];
  const cb = b.groups.comments ?? [];
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) if (ca[i].image.trimEnd() !== cb[i].image.trimEnd()) return false;
  return true;
}

/** The tokens without trailing commas. */
function significant(tokens: readonly IToken[]): IToken[] {
  return tokens.filter((t, i) => {
    if (t.tokenType !== Comma) return true;
    const next = tokens[i + 1]?.tokenType;
    return next !== RBracket && next !== RParen;
  });
}
