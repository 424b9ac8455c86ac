// Tokens of the .xent language (chevrotain lexer).

import { createToken, Lexer, type TokenType } from 'chevrotain';
import { sticky, TOKEN_PATTERNS } from './token-patterns';

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: TOKEN_PATTERNS.whiteSpace,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const CommentTok = createToken({ name: 'Comment', pattern: TOKEN_PATTERNS.comment, group: 'comments' });

const identifierPattern = sticky(TOKEN_PATTERNS.identifier);
/** Every character an identifier may start with, for chevrotain's first-character optimisation. */
const identifierStartChars: number[] = [95 /* _ */];
for (let c = 65; c <= 90; c++) identifierStartChars.push(c, c + 32);
// Every non-ASCII code unit may start a name as far as the hint goes (the matcher decides): testing each of
// 65,000 characters against \p{L} at start-up cost ~12 ms of every CLI run.
for (let c = 0x80; c <= 0xffff; c++) identifierStartChars.push(c);

export const Identifier = createToken({
  name: 'Identifier',
  // Names may hold any letter, so non-ASCII class names work. A custom matcher because chevrotain's
  // regexp analysis does not support Unicode property escapes.
  pattern: (text: string, offset: number) => {
    identifierPattern.lastIndex = offset;
    return identifierPattern.exec(text);
  },
  line_breaks: false,
  start_chars_hint: identifierStartChars,
});
export const Experiment = createToken({ name: 'Experiment', pattern: /experiment/, longer_alt: Identifier });
export const Extends = createToken({ name: 'Extends', pattern: /extends/, longer_alt: Identifier });
export const True = createToken({ name: 'True', pattern: /true/, longer_alt: Identifier });
export const False = createToken({ name: 'False', pattern: /false/, longer_alt: Identifier });

export const NumberTok = createToken({
  name: 'Number',
  pattern: TOKEN_PATTERNS.number,
});

/** Both string forms share a category so the parser accepts an unterminated string and goes on. */
export const StringTok = createToken({ name: 'String', pattern: Lexer.NA });
export const TerminatedString = createToken({
  name: 'TerminatedString',
  pattern: TOKEN_PATTERNS.terminatedString,
  categories: StringTok,
});
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: TOKEN_PATTERNS.unterminatedString,
  categories: StringTok,
});

export const LCurly = createToken({ name: 'LCurly', pattern: /{/, label: "'{'" });
export const RCurly = createToken({ name: 'RCurly', pattern: /}/, label: "'}'" });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/, label: "']'" });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: "')'" });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: "':'" });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','" });

/**
 * Whatever no other token matches: a run of characters that cannot start a token, or one stray character.
 * Lexing it as a token (reported and removed before parsing) keeps the lexer fast on binary garbage, where
 * chevrotain's own error path would retry every pattern at every character.
 */
const unknownPattern = /[^\s\p{L}\p{N}_#"'{}[\](),:+\-.]+|[^]/uy;
export const Unknown = createToken({
  name: 'Unknown',
  pattern: (text: string, offset: number) => {
    unknownPattern.lastIndex = offset;
    return unknownPattern.exec(text);
  },
  line_breaks: true,
  start_chars_hint: Array.from({ length: 0x10000 }, (_, c) => c),
});

/** A run of nested numeric lists, collapsed by parse.ts before parsing (see collapseNumericLists). */
export const NumericArray = createToken({ name: 'NumericArray', pattern: Lexer.NA });

export const allTokens: TokenType[] = [
  WhiteSpace,
  CommentTok,
  Experiment,
  Extends,
  True,
  False,
  Identifier,
  NumberTok,
  StringTok,
  TerminatedString,
  UnterminatedString,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Colon,
  Comma,
  Unknown,
  NumericArray,
];

export const xentLexer = new Lexer(allTokens, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: false,
});

/**
 * A token's text for an error message: cut after `max` characters (never inside a surrogate pair), with
 * invisible and unpaired characters as escapes: control and format characters, separators such as U+2028, and
 * lone surrogates (which would not survive the trip to the editor as UTF-8).
 */
export function showImage(image: string, max = 24): string {
  const chars = [...image.slice(0, 2 * max + 1)];
  const shown = chars.slice(0, max).map((ch) => {
    if (ch === ' ' || !/^[\p{C}\p{Z}]$/u.test(ch)) return ch;
    const c = ch.codePointAt(0) ?? 0;
    return c > 0xffff ? `\\u{${c.toString(16)}}` : `\\u${c.toString(16).padStart(4, '0')}`;
  });
  return shown.join('') + (chars.length > max ? '…' : '');
}

/** A human name for a token type in error messages. */
export function describeTokenType(t: TokenType): string {
  switch (t.name) {
    case 'Identifier':
      return 'a name';
    case 'Number':
      return 'a number';
    case 'String':
    case 'TerminatedString':
    case 'UnterminatedString':
      return 'a string';
    case 'Experiment':
      return "'experiment'";
    case 'Extends':
      return "'extends'";
    case 'True':
      return "'true'";
    case 'False':
      return "'false'";
    case 'EOF':
      return 'the end of the file';
    default:
      return typeof t.LABEL === 'string' ? t.LABEL : t.name;
  }
}
