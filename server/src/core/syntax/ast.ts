// The typed syntax tree of a .xent document.
// `kind` is a prototype getter, not a field: a field is defined on each of millions of number nodes.
// Nodes keep UTF-16 offsets [start, end) and compute their LSP range on demand: a 10 MB file of inline
// data holds millions of number nodes, and eager {line, character} objects for each would dominate memory.
//
// Offsets are stored relative to the node's Anchor (one per experiment: where the experiment starts in the
// text, and the text) and read back as absolute offsets through getters. An edit elsewhere in the document
// moves an experiment by updating its one anchor, so the incremental parse (parse.ts) reuses the experiment's
// whole tree without walking it.

import type { Range, SourceText } from './source';

/** Where a parsed piece of the text starts now, and the text it is in. Moved by the incremental parse. */
export class Anchor {
  constructor(
    public source: SourceText,
    public base: number,
  ) {}
}

abstract class Node {
  private readonly relStart: number;
  private readonly relEnd: number;

  /** `start` and `end` are relative to the anchor's base. */
  constructor(
    protected readonly anchor: Anchor,
    start: number,
    end: number,
  ) {
    this.relStart = start;
    this.relEnd = end;
  }

  get start(): number {
    return this.relStart + this.anchor.base;
  }

  get end(): number {
    return this.relEnd + this.anchor.base;
  }

  protected get source(): SourceText {
    return this.anchor.source;
  }

  /** An optional offset (-1 when missing) stored relative to the anchor, made absolute. */
  protected absolute(relative: number): number {
    return relative < 0 ? -1 : relative + this.anchor.base;
  }

  /** The node's exact range: 0-based line, UTF-16 character, as LSP uses. */
  get range(): Range {
    return this.anchor.source.rangeOf(this.start, this.end);
  }
}

export class Identifier extends Node {
  get kind(): 'identifier' {
    return 'identifier';
  }
  constructor(anchor: Anchor, start: number, end: number, readonly name: string) {
    super(anchor, start, end);
  }
}

export class NumberLiteral extends Node {
  get kind(): 'number' {
    return 'number';
  }
  constructor(anchor: Anchor, start: number, end: number, readonly value: number, readonly raw: string) {
    super(anchor, start, end);
  }
}

export class StringLiteral extends Node {
  get kind(): 'string' {
    return 'string';
  }
  constructor(
    anchor: Anchor,
    start: number,
    end: number,
    readonly value: string,
    /** False when the closing quote is missing (a syntax error was reported). */
    readonly terminated: boolean,
  ) {
    super(anchor, start, end);
  }
}

export class BooleanLiteral extends Node {
  get kind(): 'boolean' {
    return 'boolean';
  }
  constructor(anchor: Anchor, start: number, end: number, readonly value: boolean) {
    super(anchor, start, end);
  }
}

export class ListLiteral extends Node {
  get kind(): 'list' {
    return 'list';
  }
  constructor(anchor: Anchor, start: number, end: number, readonly items: readonly Value[]) {
    super(anchor, start, end);
  }
}

/** `name: value` or a bare `value` inside a call's parentheses. */
export class Argument extends Node {
  get kind(): 'argument' {
    return 'argument';
  }
  constructor(
    anchor: Anchor,
    start: number,
    end: number,
    readonly name: Identifier | undefined,
    readonly value: Value | undefined,
  ) {
    super(anchor, start, end);
  }
}

export class Call extends Node {
  get kind(): 'call' {
    return 'call';
  }
  constructor(
    anchor: Anchor,
    start: number,
    end: number,
    readonly callee: Identifier,
    readonly args: readonly Argument[],
    openParen: number,
    closeParen: number,
  ) {
    super(anchor, start, end);
    this.relOpenParen = openParen;
    this.relCloseParen = closeParen;
  }

  private readonly relOpenParen: number;
  private readonly relCloseParen: number;

  /** Offset of '(' (-1 when missing), for signature help and argument positions. */
  get openParen(): number {
    return this.absolute(this.relOpenParen);
  }

  /** Offset of ')' (-1 when missing). */
  get closeParen(): number {
    return this.absolute(this.relCloseParen);
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
    anchor: Anchor,
    start: number,
    end: number,
    readonly entries: readonly (Property | Value)[],
    readonly closed: boolean,
  ) {
    super(anchor, start, end);
  }
}

/** `key: value` or `key { ... }`. */
export class Property extends Node {
  get kind(): 'property' {
    return 'property';
  }
  constructor(
    anchor: Anchor,
    start: number,
    end: number,
    readonly key: Identifier,
    readonly value: Value | undefined,
    readonly block: Block | undefined,
    colon: number,
  ) {
    super(anchor, start, end);
    this.relColon = colon;
  }

  private readonly relColon: number;

  /** Offset of the ':' (-1 for a block property or when missing). */
  get colon(): number {
    return this.absolute(this.relColon);
  }
}

export class Experiment extends Node {
  get kind(): 'experiment' {
    return 'experiment';
  }
  constructor(
    anchor: Anchor,
    start: number,
    end: number,
    readonly name: Identifier | undefined,
    readonly parent: Identifier | undefined,
    readonly properties: readonly Property[],
    openBrace: number,
    closeBrace: number,
  ) {
    super(anchor, start, end);
    this.relOpenBrace = openBrace;
    this.relCloseBrace = closeBrace;
  }

  private readonly relOpenBrace: number;
  private readonly relCloseBrace: number;

  /** Offset of '{' (-1 when missing). */
  get openBrace(): number {
    return this.absolute(this.relOpenBrace);
  }

  /** Offset of '}' (-1 when missing). */
  get closeBrace(): number {
    return this.absolute(this.relCloseBrace);
  }

  /** The whole document's text (a worker thread rebuilds the experiment from it: eval/range-scoring.ts). */
  get documentText(): string {
    return this.source.text;
  }
}

export class Comment extends Node {
  get kind(): 'comment' {
    return 'comment';
  }
  constructor(anchor: Anchor, start: number, end: number, readonly text: string) {
    super(anchor, start, end);
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
    super(new Anchor(source, 0), 0, source.text.length);
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
