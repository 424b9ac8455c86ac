// Turns chevrotain's concrete syntax tree into the typed AST (ast.ts).
// Recovery may leave rules half-built and insert virtual tokens (NaN offsets): those are skipped, so every
// node the AST holds has real offsets inside the text.

import type { CstElement, CstNode, IToken } from 'chevrotain';
import {
  type Anchor,
  Argument,
  Block,
  BooleanLiteral,
  Call,
  Experiment,
  Identifier,
  ListLiteral,
  NumberLiteral,
  Property,
  StringLiteral,
  type Value,
} from './ast';
import * as T from './lexer';

function isToken(e: CstElement): e is IToken {
  return (e as IToken).image !== undefined;
}

function realToken(t: IToken | undefined): t is IToken {
  return t !== undefined && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}

function tokens(node: CstNode, label: string): IToken[] {
  return ((node.children[label] ?? []) as IToken[]).filter(realToken);
}

function nodes(node: CstNode, label: string): CstNode[] {
  return (node.children[label] ?? []) as CstNode[];
}

/** [start, end) of a real token. With positionTracking 'onlyOffset' tokens carry no endOffset (only the
 * collapsed NumericArray token does), so the end is start + image length. */
function tokenSpan(t: IToken): [number, number] | undefined {
  if (!realToken(t)) return undefined;
  const end = t.endOffset !== undefined && Number.isFinite(t.endOffset) ? t.endOffset + 1 : t.startOffset + t.image.length;
  return [t.startOffset, end];
}

function elementSpan(e: CstElement): [number, number] | undefined {
  return isToken(e) ? tokenSpan(e) : span(e);
}

/**
 * [start, end) of a CST node from its real tokens, or undefined when recovery left it empty.
 * Chevrotain's node location holds only the start offset here (its tokens carry no end), so the end is found
 * from the children: within one label they are in text order, so only the last real one of each label counts.
 * (This once walked every token of the subtree, again at every level, and took a token's end as its start + 1,
 * so `loss: relu` covered `loss: r` and a name stuck out of its parent's range.)
 */
const spans = new WeakMap<CstNode, [number, number] | undefined>();

/** span() of a node is asked by every ancestor on the way up: computed once per node. */
function span(node: CstNode): [number, number] | undefined {
  if (spans.has(node)) return spans.get(node);
  const s = computeSpan(node);
  spans.set(node, s);
  return s;
}

function computeSpan(node: CstNode): [number, number] | undefined {
  const loc = node.location;
  const startKnown = loc !== undefined && Number.isFinite(loc.startOffset);
  let start = startKnown ? loc.startOffset : Infinity;
  let end = -Infinity;
  for (const key in node.children) {
    const list = node.children[key];
    for (let i = list.length - 1; i >= 0; i--) {
      const s = elementSpan(list[i]);
      if (s) {
        end = Math.max(end, s[1]);
        break;
      }
    }
    if (!startKnown) {
      for (let i = 0; i < list.length; i++) {
        const s = elementSpan(list[i]);
        if (s) {
          start = Math.min(start, s[0]);
          break;
        }
      }
    }
  }
  return start === Infinity || end === -Infinity ? undefined : [start, end];
}

/** Decodes a string token's body: backslash escapes as in JSON/Python (\n, \t, \\, \", \', \uXXXX). */
export function unquote(image: string): { value: string; terminated: boolean } {
  const quote = image[0];
  const terminated = image.length >= 2 && image.endsWith(quote) && !endsWithEscape(image.slice(0, -1));
  const body = image.slice(1, terminated ? -1 : undefined);
  const value = body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'u':
        return e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : 'u';
      default:
        return e;
    }
  });
  return { value, terminated };
}

function endsWithEscape(s: string): boolean {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

const { RBracket, Comma, LBracket, NumberTok, True, False, Identifier: IdentifierTok } = T;

export class AstBuilder {
  /** Token offsets are relative to the anchor's base (the experiment's start). */
  constructor(private readonly anchor: Anchor) {}

  private ident(t: IToken): Identifier {
    return new Identifier(this.anchor, t.startOffset, t.startOffset + t.image.length, t.image);
  }

  experiment(node: CstNode): Experiment | undefined {
    const s = span(node);
    if (!s) return undefined;
    const [name] = tokens(node, 'name');
    const [parent] = tokens(node, 'parent');
    const [open] = tokens(node, 'LCurly');
    const [close] = tokens(node, 'RCurly');
    const properties = nodes(node, 'property')
      .map((p) => this.property(p))
      .filter((p): p is Property => p !== undefined);
    return new Experiment(
      this.anchor,
      s[0],
      s[1],
      name && this.ident(name),
      parent && this.ident(parent),
      properties,
      open ? open.startOffset : -1,
      close ? close.startOffset : -1,
    );
  }

  private property(node: CstNode): Property | undefined {
    const s = span(node);
    const [key] = tokens(node, 'key');
    if (!s || !key) return undefined;
    const [colon] = tokens(node, 'Colon');
    const [valueNode] = nodes(node, 'value');
    const [blockNode] = nodes(node, 'block');
    return new Property(
      this.anchor,
      s[0],
      s[1],
      this.ident(key),
      valueNode && this.value(valueNode),
      blockNode && this.block(blockNode),
      colon ? colon.startOffset : -1,
    );
  }

  private block(node: CstNode): Block | undefined {
    const s = span(node);
    if (!s) return undefined;
    const entries: (Property | Value)[] = [];
    for (const entry of nodes(node, 'blockEntry')) {
      const [key] = tokens(entry, 'key');
      const [valueNode] = nodes(entry, 'value');
      if (key) {
        const es = span(entry) ?? [key.startOffset, key.startOffset + key.image.length];
        const [colon] = tokens(entry, 'Colon');
        entries.push(
          new Property(this.anchor, es[0], es[1], this.ident(key), valueNode && this.value(valueNode), undefined, colon ? colon.startOffset : -1),
        );
      } else if (valueNode) {
        const v = this.value(valueNode);
        if (v) entries.push(v);
      }
    }
    return new Block(this.anchor, s[0], s[1], entries, tokens(node, 'RCurly').length > 0);
  }

  value(node: CstNode): Value | undefined {
    const c = node.children;
    const [array] = tokens(node, 'NumericArray');
    if (array) return this.numericArray(array.payload as IToken[]);
    const [num] = tokens(node, 'Number');
    if (num) {
      const end = num.startOffset + num.image.length;
      return new NumberLiteral(this.anchor, num.startOffset, end, Number(num.image), num.image);
    }
    const [str] = tokens(node, 'String');
    if (str) {
      const { value, terminated } = unquote(str.image);
      return new StringLiteral(this.anchor, str.startOffset, str.startOffset + str.image.length, value, terminated);
    }
    const [t] = tokens(node, 'True');
    if (t) return new BooleanLiteral(this.anchor, t.startOffset, t.startOffset + 4, true);
    const [f] = tokens(node, 'False');
    if (f) return new BooleanLiteral(this.anchor, f.startOffset, f.startOffset + 5, false);
    if (c.list) return this.list((c.list as CstNode[])[0]);
    if (c.call) return this.call((c.call as CstNode[])[0]);
    return undefined;
  }

  /** One literal token of a collapsed list: a number, a quoted string, a name or true/false. */
  private literal(t: IToken): Value {
    const start = t.startOffset;
    const end = start + t.image.length;
    if (t.tokenType === NumberTok) return new NumberLiteral(this.anchor, start, end, Number(t.image), t.image);
    if (t.tokenType === True) return new BooleanLiteral(this.anchor, start, end, true);
    if (t.tokenType === False) return new BooleanLiteral(this.anchor, start, end, false);
    if (t.tokenType === IdentifierTok) return new Identifier(this.anchor, start, end, t.image);
    const { value, terminated } = unquote(t.image);
    return new StringLiteral(this.anchor, start, end, value, terminated);
  }

  /** Builds a pre-collapsed list of literals (see parse.ts) from its token slice: '[' items ']'. */
  private numericArray(slice: IToken[]): ListLiteral {
    let i = 0;
    const build = (): ListLiteral => {
      const open = slice[i++];
      const items: Value[] = [];
      for (;;) {
        const t = slice[i];
        if (t.tokenType === RBracket) {
          i++;
          return new ListLiteral(this.anchor, open.startOffset, t.startOffset + 1, items);
        }
        if (t.tokenType === Comma) i++;
        else if (t.tokenType === LBracket) items.push(build());
        else {
          items.push(this.literal(t));
          i++;
        }
      }
    };
    return build();
  }

  private list(node: CstNode): ListLiteral | undefined {
    const s = span(node);
    if (!s) return undefined;
    const items: Value[] = [];
    for (const v of nodes(node, 'value')) {
      const item = this.value(v);
      if (item) items.push(item);
    }
    return new ListLiteral(this.anchor, s[0], s[1], items);
  }

  private call(node: CstNode): Value | undefined {
    const [callee] = tokens(node, 'callee');
    if (!callee) return undefined;
    const [open] = tokens(node, 'LParen');
    const calleeNode = this.ident(callee);
    if (!open) return calleeNode; // A bare name: a call with no arguments where a call is expected.
    const s = span(node) ?? [callee.startOffset, callee.startOffset + callee.image.length];
    const [close] = tokens(node, 'RParen');
    const args: Argument[] = [];
    for (const a of nodes(node, 'argument')) {
      const as = span(a);
      if (!as) continue;
      const [name] = tokens(a, 'name');
      const [valueNode] = nodes(a, 'value');
      args.push(new Argument(this.anchor, as[0], as[1], name && this.ident(name), valueNode && this.value(valueNode)));
    }
    return new Call(this.anchor, s[0], s[1], calleeNode, args, open.startOffset, close ? close.startOffset : -1);
  }
}
