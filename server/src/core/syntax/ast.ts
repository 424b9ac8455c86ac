// The typed syntax tree of a .xent document.
// `kind` is a prototype getter, not a field: a field is defined on each of millions of number nodes.
// Nodes keep UTF-16 offsets [start, end) and compute their LSP range on demand: a 10 MB file of inline
// data holds millions of number nodes, and eager {line, character} objects for each would dominate memory.

import type { Range, SourceText } from './source';

abstract class Node {
  constructor(
    protected readonly source: SourceText,
    readonly start: number,
    readonly end: number,
  ) {}

  /** The node's exact range: 0-based line, UTF-16 character, as LSP uses. */
  get range(): Range {
    return this.source.rangeOf(this.start, this.end);
  }
}

export class Identifier extends Node {
  get kind(): 'identifier' {
    return 'identifier';
  }
  constructor(source: SourceText, start: number, end: number, readonly name: string) {
    super(source, start, end);
  }
}

export class NumberLiteral extends Node {
  get kind(): 'number' {
    return 'number';
  }
  constructor(source: SourceText, start: number, end: number, readonly value: number, readonly raw: string) {
    super(source, start, end);
  }
}

export class StringLiteral extends Node {
  get kind(): 'string' {
    return 'string';
  }
  constructor(
    source: SourceText,
    start: number,
    end: number,
    readonly value: string,
    /** False when the closing quote is missing (a syntax error was reported). */
    readonly terminated: boolean,
  ) {
    super(source, start, end);
  }
}

export class BooleanLiteral extends Node {
  get kind(): 'boolean' {
    return 'boolean';
  }
  constructor(source: SourceText, start: number, end: number, readonly value: boolean) {
    super(source, start, end);
  }
}

export class ListLiteral extends Node {
  get kind(): 'list' {
    return 'list';
  }
  constructor(source: SourceText, start: number, end: number, readonly items: readonly Value[]) {
    super(source, start, end);
  }
}

/** `name: value` or a bare `value` inside a call's parentheses. */
export class Argument extends Node {
  get kind(): 'argument' {
    return 'argument';
  }
  constructor(
    source: SourceText,
    start: number,
    end: number,
    readonly name: Identifier | undefined,
    readonly value: Value | undefined,
  ) {
    super(source, start, end);
  }
}

export class Call extends Node {
  get kind(): 'call' {
    return 'call';
  }
  constructor(
    source: SourceText,
    start: number,
    end: number,
    readonly callee: Identifier,
    readonly args: readonly Argument[],
    /** Offsets of '(' and ')' (-1 when missing), for signature help and argument positions. */
    readonly openParen: number,
    readonly closeParen: number,
  ) {
    super(source, start, end);
  }
}

/** A value: a bare identifier stands for a call with no arguments where a call is expected. */
export type Value = NumberLiteral | StringLiteral | BooleanLiteral | Identifier | ListLiteral | Call;

/** `{ ... }` after a key: `model { dense(3) ... }` holds values, `data { y_true: [...] }` holds properties. */
export class Block extends Node {
  get kind(): 'block' {
    return 'block';
  }
  constructor(
    source: SourceText,
    start: number,
    end: number,
    readonly entries: readonly (Property | Value)[],
    readonly closed: boolean,
  ) {
    super(source, start, end);
  }
}

/** `key: value` or `key { ... }`. */
export class Property extends Node {
  get kind(): 'property' {
    return 'property';
  }
  constructor(
    source: SourceText,
    start: number,
    end: number,
    readonly key: Identifier,
    readonly value: Value | undefined,
    readonly block: Block | undefined,
    /** Offset of the ':' (-1 for a block property or when missing). */
    readonly colon: number,
  ) {
    super(source, start, end);
  }
}

export class Experiment extends Node {
  get kind(): 'experiment' {
    return 'experiment';
  }
  constructor(
    source: SourceText,
    start: number,
    end: number,
    readonly name: Identifier | undefined,
    readonly parent: Identifier | undefined,
    readonly properties: readonly Property[],
    /** Offsets of '{' and '}' (-1 when missing). */
    readonly openBrace: number,
    readonly closeBrace: number,
  ) {
    super(source, start, end);
  }
}

export class Comment extends Node {
  get kind(): 'comment' {
    return 'comment';
  }
  constructor(source: SourceText, start: number, end: number, readonly text: string) {
    super(source, start, end);
  }
}

export interface SyntaxError {
  readonly message: string;
  readonly range: Range;
  readonly code: 'syntax-error';
}

export class XentDocument extends Node {
  get kind(): 'document' {
    return 'document';
  }
  constructor(
    source: SourceText,
    readonly experiments: readonly Experiment[],
    readonly comments: readonly Comment[],
  ) {
    super(source, 0, source.text.length);
  }

  get text(): SourceText {
    return this.source;
  }
}

export type AstNode =
  | XentDocument
  | Experiment
  | Property
  | Block
  | Argument
  | Comment
  | Value;
