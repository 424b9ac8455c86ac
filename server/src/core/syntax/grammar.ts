// The .xent grammar as a chevrotain CST parser. One instance is created and reused for every parse.
//
//   document   := experiment*      (parse.ts splits the tokens at each 'experiment' and parses each alone)
//   experiment := 'experiment' NAME ('extends' NAME)? '{' property* '}'
//   property   := KEY ':' value | KEY block
//   block      := '{' (KEY ':' value | value)* '}'
//   value      := NUMBER | STRING | 'true' | 'false' | list | NAME call-args?
//                 (a well-formed list of numbers arrives pre-collapsed as one NumericArray token)
//   list       := '[' (value (',' value)* ','?)? ']'
//   call-args  := '(' (arg (',' arg)* ','?)? ')'
//   arg        := NAME ':' value | value

import {
  CstParser,
  EOF,
  MismatchedTokenException,
  tokenMatcher,
  type IParserErrorMessageProvider,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from 'chevrotain';
import * as T from './lexer';

/**
 * What the error messages may look at besides chevrotain's arguments: the tokens being parsed, and whether
 * another experiment follows them (parse.ts parses one experiment at a time, so the parser's end of input is
 * then the next 'experiment', not the end of the file). Set by XentGrammar.parseExperiment.
 */
let input: IToken[] = [];
let followedByExperiment = false;

/** Error messages in plain words: "expected ':' after 'loss'". */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (expected === EOF) return `unexpected ${describeToken(actual)}: expected 'experiment NAME { ... }'`;
    const previous = tokenBefore(actual);
    let closes = '';
    if (expected === T.RCurly && ruleName === 'experiment' && atEnd(actual) && input[1]?.tokenType === T.Identifier) {
      // The '}' of an inner block may have closed the experiment: "expected '}' after '}'" alone is puzzling.
      closes = ` to close experiment '${input[1].image}'`;
    }
    return `expected ${expectedText(expected, previous, actual, ruleName)}${after(previous)}${closes}${found(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}: expected 'experiment'`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const firsts = new Set<string>();
    for (const alt of expectedPathsPerAlt) for (const path of alt) if (path[0]) firsts.add(T.describeTokenType(path[0]));
    // A property's key is followed by ':' and a value, or by a block (a missing ':' is handled in the grammar).
    const what = ruleName === 'value' ? 'a value' : ruleName === 'property' ? "':' or '{'" : [...firsts].join(' or ');
    return `expected ${what}${after(tokenBefore(actual[0]))}${found(actual[0])}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const firsts = new Set(expectedIterationPaths.map((p) => (p[0] ? T.describeTokenType(p[0]) : '')));
    return `expected ${[...firsts].join(' or ')}${after(tokenBefore(actual[0]))}${found(actual[0])}`;
  },
};

/**
 * What was expected, in the words of the place: a missing ']' after an item may as well be a missing ',';
 * after '[' or ',' a value may come; inside braces a property may come. (Chevrotain names only the closer.)
 */
function expectedText(expected: TokenType, previous: IToken | undefined, actual: IToken, ruleName: string): string {
  const closer = T.describeTokenType(expected);
  const prev = previous?.tokenType;
  if (expected === T.RBracket || expected === T.RParen) {
    if (prev === T.Comma || prev === T.LBracket || prev === T.LParen) {
      return `${expected === T.RParen ? 'an argument' : 'a value'} or ${closer}`;
    }
    return `',' or ${closer}`;
  }
  if (expected === T.RCurly && !atEnd(actual) && tokenAfter(actual)?.tokenType !== T.LCurly) {
    if (ruleName === 'experiment') return `a property or ${closer}`;
    if (ruleName === 'block') return `a value, a property or ${closer}`;
  }
  return closer;
}

function atEnd(token: IToken | undefined): boolean {
  return !token || token.tokenType === EOF || !Number.isFinite(token.startOffset);
}

/** The index `actual` has (or would have) in the input: the first token starting at or after it. */
function indexOf(actual: IToken): number {
  const offset = actual.startOffset;
  let lo = 0;
  let hi = input.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // End-of-file sentinels (NaN offsets), which chevrotain appends while parsing, compare as "after".
    if (input[mid].startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The real token before `actual` in the input. Chevrotain's own `previous` is the last token it skipped while
 * re-syncing a repetition, which made messages such as "expected '}' after ':'" where no ':' came before.
 */
function tokenBefore(actual: IToken | undefined): IToken | undefined {
  if (atEnd(actual)) {
    let i = input.length - 1;
    while (i >= 0 && atEnd(input[i])) i--;
    return i >= 0 ? input[i] : undefined;
  }
  const i = indexOf(actual as IToken);
  return i > 0 ? input[i - 1] : undefined;
}

/** The token after `actual` in the input (actual must be a real token). */
function tokenAfter(actual: IToken): IToken | undefined {
  return input[indexOf(actual) + 1];
}

function describeToken(token: IToken | undefined): string {
  if (atEnd(token)) return followedByExperiment ? "'experiment'" : 'end of the file';
  const t = token as IToken;
  if (t.tokenType === T.NumericArray) return 'a list';
  const image = T.showImage(t.image);
  // A string shows its own quotes: after "abc", not after '"abc"'.
  if (t.tokenType === T.TerminatedString || t.tokenType === T.UnterminatedString) return image;
  return `'${image}'`;
}

function after(previous: IToken | undefined): string {
  if (atEnd(previous)) return '';
  return ` after ${describeToken(previous)}`;
}

function found(actual: IToken | undefined): string {
  return `, found ${describeToken(actual)}`;
}

const BRACKETS: TokenType[] = [T.LCurly, T.RCurly, T.LBracket, T.RBracket, T.LParen, T.RParen];

export class XentGrammar extends CstParser {
  constructor() {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      errorMessageProvider: messages,
      // Value alternatives overlap only where the first listed alternative is the intended one.
      skipValidations: false,
      nodeLocationTracking: 'onlyOffset',
    });
    this.performSelfAnalysis();
  }

  experiment = this.RULE('experiment', () => {
    this.CONSUME(T.Experiment);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(T.Extends);
      this.CONSUME2(T.Identifier, { LABEL: 'parent' });
    });
    // `experiment a extend b {` (a misspelt 'extends', or a name with spaces): the stray names before '{' are
    // reported once and skipped, so the braces still open the experiment (else its properties were lost).
    this.OPTION2({
      GATE: () => this.namesThenBrace(),
      DEF: () => {
        this.ACTION(() => {
          const previous = this.LA(0);
          const expected = this.LA(-1).tokenType === T.Extends ? "'{'" : "'extends' or '{'";
          this.saveError(new MismatchedTokenException(`expected ${expected}${after(previous)}${found(this.LA(1))}`, this.LA(1), previous));
        });
        this.MANY2(() => this.CONSUME3(T.Identifier, { LABEL: 'stray' }));
      },
    });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.property));
    this.CONSUME(T.RCurly);
  });

  property = this.RULE('property', () => {
    this.CONSUME(T.Identifier, { LABEL: 'key' });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          this.SUBRULE(this.value);
        },
      },
      { ALT: () => this.SUBRULE(this.block) },
      {
        // A missing ':' before a value on the same footing (`loss categorical_crossentropy`): reported, and the
        // value kept, so the value is not re-read as the next property's key (which made a second, false error).
        // Not when the name starts a property of its own (`loss` with no value, then `model {` or `task: ...`).
        GATE: () => !this.startsProperty(),
        ALT: () => {
          this.ACTION(() => {
            const key = this.LA(0);
            const next = this.LA(1);
            this.saveError(new MismatchedTokenException(`expected ':' or '{'${after(key)}${found(next)}`, next, key));
          });
          this.SUBRULE2(this.value);
        },
      },
    ]);
  });

  block = this.RULE('block', () => {
    this.CONSUME(T.LCurly);
    // `NAME {` opens the next block property: the '}' of this block is missing.
    this.MANY({ GATE: () => !this.startsBlockProperty(), DEF: () => this.SUBRULE(this.blockEntry) });
    this.CONSUME(T.RCurly);
  });

  blockEntry = this.RULE('blockEntry', () => {
    this.OR([
      {
        // `key: value` (LL(2): a name followed by ':').
        ALT: () => {
          this.CONSUME(T.Identifier, { LABEL: 'key' });
          this.CONSUME(T.Colon);
          this.SUBRULE(this.value);
        },
      },
      { ALT: () => this.SUBRULE2(this.value) },
    ]);
  });

  value = this.RULE('value', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumericArray) },
      { ALT: () => this.CONSUME(T.NumberTok) },
      { ALT: () => this.CONSUME(T.StringTok) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.SUBRULE(this.list) },
      // `NAME:` and `NAME {` start a property, never a value: after a missing value or ']' they are left to the
      // property that follows, instead of becoming a value with a second error at their ':' or '{'.
      { GATE: () => !this.startsProperty(), ALT: () => this.SUBRULE(this.call) },
    ]);
  });

  // Lists and calls accept an empty item (`[1,,2]`, `[,1]`, `f(a,,b)`) and report it: read strictly, the stray ','
  // ended the list, and a name after it was re-read as the next property's key, with a second, false error.
  // A single ',' before the closer is the allowed trailing comma.
  // Lists also accept a missing ',' (`[accuracy f1(average: macro)]`), reported, for the same reason; not before
  // `NAME:` or `NAME {`, which start the next property after a list left open. (Calls do not: in a model block
  // the next layer starts right after a call left open.)
  list = this.RULE('list', () => {
    this.CONSUME(T.LBracket);
    // Items and commas in any order (one decision per token, so no ambiguity); the order is checked here.
    let item = false;
    this.MANY({
      GATE: () => !this.startsProperty(),
      DEF: () => {
        this.OR([
          {
            ALT: () => {
              const comma = this.CONSUME(T.Comma);
              this.ACTION(() => item || this.reportEmptyItem(comma, 'a value', "']'"));
              item = false;
            },
          },
          {
            ALT: () => {
              this.ACTION(() => item && this.reportMissingComma());
              this.SUBRULE(this.value);
              item = true;
            },
          },
        ]);
      },
    });
    this.CONSUME(T.RBracket);
  });

  call = this.RULE('call', () => {
    this.CONSUME(T.Identifier, { LABEL: 'callee' });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      let item = this.OPTION2(() => this.SUBRULE(this.argument)) !== undefined;
      this.MANY(() => {
        const comma = this.CONSUME(T.Comma);
        this.ACTION(() => item || this.reportEmptyItem(comma, 'an argument', "')'"));
        item = this.OPTION3(() => this.SUBRULE2(this.argument)) !== undefined;
      });
      this.CONSUME(T.RParen);
    });
  });

  argument = this.RULE('argument', () => {
    this.OPTION(() => {
      this.CONSUME(T.Identifier, { LABEL: 'name' });
      this.CONSUME(T.Colon);
    });
    this.SUBRULE(this.value);
  });

  /** Parses one experiment's tokens; `followedByAnother` says whether its end of input is another 'experiment'. */
  parseExperiment(tokens: IToken[], followedByAnother: boolean) {
    input = tokens;
    followedByExperiment = followedByAnother;
    this.input = tokens;
    try {
      return this.experiment();
    } finally {
      input = [];
    }
  }

  /**
   * Recovery by single-token deletion when the token after the bad one is the expected one (`[a b]`,
   * `f(1 2)`); chevrotain tries insertion first, which there closed the list early and re-read the stray name
   * as a property key, with a second error. A bracket is never the one deleted: in `experiment { x: 1 }` the
   * '{' is meant, the name is what is missing.
   */
  canRecoverWithSingleTokenInsertion(expected: TokenType, follows: TokenType[]): boolean {
    if (tokenMatcher(this.LA(2), expected) && !BRACKETS.includes(this.LA(1).tokenType)) return false;
    const next = this.LA(1);
    return follows.some((t) => tokenMatcher(next, t));
  }

  /** A ',' with no item before it (after '[', '(' or another ','). */
  private reportEmptyItem(comma: IToken, what: string, closer: string): void {
    const previous = tokenBefore(comma);
    this.saveError(new MismatchedTokenException(`expected ${what} or ${closer}${after(previous)}${found(comma)}`, comma, previous ?? comma));
  }

  /** A list item right after another, with no ',' between them. */
  private reportMissingComma(): void {
    const previous = this.LA(0);
    const next = this.LA(1);
    this.saveError(new MismatchedTokenException(`expected ',' or ']'${after(previous)}${found(next)}`, next, previous));
  }

  /** The next tokens are `NAME :` or `NAME {`. */
  private startsProperty(): boolean {
    if (this.LA(1).tokenType !== T.Identifier) return false;
    const next = this.LA(2).tokenType;
    return next === T.Colon || next === T.LCurly;
  }

  private startsBlockProperty(): boolean {
    return this.LA(1).tokenType === T.Identifier && this.LA(2).tokenType === T.LCurly;
  }

  /** The next tokens are one or more names, then '{'. */
  private namesThenBrace(): boolean {
    let k = 1;
    while (this.LA(k).tokenType === T.Identifier) k++;
    return k > 1 && this.LA(k).tokenType === T.LCurly;
  }

  /** chevrotain's error recording (not part of its typed API). */
  private saveError(e: IRecognitionException): void {
    (this as unknown as { SAVE_ERROR(e: IRecognitionException): void }).SAVE_ERROR(e);
  }
}

export type { TokenType };
