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

import { CstParser, EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as T from './lexer';

/** Error messages in plain words: "expected ':' after 'loss'". */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous }) {
    if (expected === EOF) return `unexpected ${describeToken(actual)}: expected 'experiment NAME { ... }'`;
    return `expected ${T.describeTokenType(expected)}${after(previous)}${found(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}: expected 'experiment'`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }) {
    const firsts = new Set<string>();
    for (const alt of expectedPathsPerAlt) for (const path of alt) if (path[0]) firsts.add(T.describeTokenType(path[0]));
    const what = ruleName === 'value' || ruleName === 'listValue' ? 'a value' : [...firsts].join(' or ');
    return `expected ${what}${after(previous)}${found(actual[0])}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, previous }) {
    const firsts = new Set(expectedIterationPaths.map((p) => (p[0] ? T.describeTokenType(p[0]) : '')));
    return `expected ${[...firsts].join(' or ')}${after(previous)}${found(actual[0])}`;
  },
};

function describeToken(token: IToken | undefined): string {
  if (!token || token.tokenType === EOF) return 'end of the file';
  if (token.tokenType === T.NumericArray) return 'a list';
  const image = token.image.length > 24 ? token.image.slice(0, 24) + '…' : token.image;
  return `'${image}'`;
}

function after(previous: IToken | undefined): string {
  if (!previous || previous.tokenType === EOF || !Number.isFinite(previous.startOffset)) return '';
  return ` after ${describeToken(previous)}`;
}

function found(actual: IToken | undefined): string {
  return `, found ${describeToken(actual)}`;
}

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
    ]);
  });

  block = this.RULE('block', () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.blockEntry));
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
      { ALT: () => this.SUBRULE(this.call) },
    ]);
  });

  list = this.RULE('list', () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.value);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.value);
      });
      this.OPTION2(() => this.CONSUME2(T.Comma, { LABEL: 'trailingComma' }));
    });
    this.CONSUME(T.RBracket);
  });

  call = this.RULE('call', () => {
    this.CONSUME(T.Identifier, { LABEL: 'callee' });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => {
        this.SUBRULE(this.argument);
        this.MANY(() => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.argument);
        });
        this.OPTION3(() => this.CONSUME2(T.Comma, { LABEL: 'trailingComma' }));
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
}

export type { TokenType };
