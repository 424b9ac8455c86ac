// The regular expressions of the .xent tokens, defined once: the lexer (lexer.ts) builds its chevrotain tokens from
// them, and the scanners that read text without parsing it (the completion cursor, the experiment-name scanner of
// workspace symbols) build theirs from the same sources, so a change to what a name, a number or a string is
// reaches all of them. No chevrotain here: the light scanners do not pay for the lexer's construction.

export const TOKEN_PATTERNS = {
  /** A BOM counts as white space: the offsets of everything after it stay those of the text. */
  whiteSpace: /[ \t\r\n\f\v\u00a0\ufeff]+/,
  comment: /#[^\r\n]*/,
  /** Any letter may start a name, so non-ASCII class names work (needs the u flag). */
  identifier: /[\p{L}_][\p{L}\p{N}_]*/u,
  number: /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/,
  terminatedString: /"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'/,
  /** A string cut by the end of its line (or of the text); a lone backslash before the line break is part of it. */
  unterminatedString: /"(?:[^"\\\r\n]|\\.)*\\?|'(?:[^'\\\r\n]|\\.)*\\?/,
  /** The one-character tokens { } [ ] ( ) : , */
  punctuation: /[{}[\](),:]/,
} as const;

/** A sticky (and Unicode) copy of a pattern, for matching at a given offset with lastIndex. */
export function sticky(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, 'uy');
}
