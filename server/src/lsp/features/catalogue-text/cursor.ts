// Where the cursor stands, read from the text before it: which brackets are open (experiment body, model or
// data block, list, call) and what the innermost one expects next (a key, a value, an argument).
//
// Completion and signature help need this on text that is being typed and so rarely parses: AST nodes end at
// their last token, so after `metrics: [f1, ` or `dense(3, ` the cursor lies in no node at all, and an
// unterminated string or a missing brace moves the parser's recovery elsewhere. A small scanner of the text
// from the start of the enclosing experiment to the cursor knows the open brackets whatever follows.
// Closed lists that the AST holds before the cursor (inline data, possibly megabytes) are skipped whole, and in
// a list around the cursor the items before it are skipped to the last one.

import type { CatalogueEntry } from '../../../core/catalogue';
import type { Experiment, XentDocument } from '../../../core/syntax/ast';
import { experimentStartingBefore } from '../../../core/syntax/experiment-at';
import { locate } from '../../../core/syntax/locate';
import { sticky, TOKEN_PATTERNS } from '../../../core/syntax/token-patterns';
import { argumentSlot, blockContent, entryIn, layerSlot, NO_SLOT, paramOfArgument, propertySlot, type Scope, type Slot } from './slots';

export type FrameState =
  // top level
  | 'top' // between experiments
  | 'exp-name' // after `experiment`
  | 'exp-after-name' // after `experiment NAME`
  | 'exp-parent' // after `extends`
  | 'exp-after-parent'
  // experiment body and data block
  | 'key' // at the start of a property
  | 'after-key' // after `key`, expecting ':' or '{'
  | 'value' // after `key:`
  // model block, list
  | 'item'
  | 'after-item'
  // call
  | 'arg-start' // after '(' or ','
  | 'arg-after-ident' // after an identifier that may be an argument name or a value
  | 'arg-value' // after `name:`
  | 'arg-after'; // after an argument's value

export interface Frame {
  readonly kind: 'top' | 'body' | 'layers' | 'list' | 'call';
  state: FrameState;
  /** Offset of the opening delimiter ('{', '[', '('); -1 for the top level. */
  readonly open: number;
  /** body: where its properties stand ('other' for the block of an unknown key). */
  readonly scope?: Scope | 'other';
  /** body: the key being read; top: the experiment name. */
  key?: string;
  /** body: where the ':' after the key stands (a value may follow on a later line). */
  colonAt?: number;
  /** list: what its items are; call: what the callee was (to find its entry). */
  readonly slot: Slot;
  /** The identifier that ended the last token, while it may still turn into a callee (`adam` before `(`). */
  pending?: { readonly name: string; readonly start: number; readonly slot: Slot };
  // call only
  readonly callee?: string;
  readonly calleeStart?: number;
  readonly entry?: CatalogueEntry;
  argIndex: number;
  /** The name of the argument being written (`activation` after `activation:`), if it is named. */
  argName?: string;
  /** The identifier just read at the start of an argument, before a ':' or ',' tells whether it was a name. */
  argIdent?: string;
  /** Parameters already given before the cursor (canonical names, the positional one included). */
  readonly given: Set<string>;
}

export interface CursorContext {
  /** Open frames, outermost (the top level) first. */
  readonly frames: readonly Frame[];
  /** The identifier under or just before the cursor (the word being typed), as [start, end) offsets. */
  readonly word: { readonly start: number; readonly end: number; readonly text: string };
  /** What token the cursor is inside of, when it is not an identifier or the gap between tokens. */
  readonly inside?: { readonly kind: 'string'; readonly start: number; readonly end: number; readonly terminated: boolean } | { readonly kind: 'comment' | 'number' };
  /** The experiment being scanned (its AST node), if the cursor is in or after one. */
  readonly experiment?: Experiment;
}

/** One token of the text before the cursor, by the lexer's own patterns (core/syntax/token-patterns.ts). */
const P = TOKEN_PATTERNS;
const TOKEN = new RegExp(
  [P.whiteSpace, P.comment, { source: `${P.terminatedString.source}|${P.unterminatedString.source}` }, P.identifier, P.number, P.punctuation, { source: '[^]' }]
    .map((p) => `(${p.source})`)
    .join('|'),
  'uy',
);
/** A string with its closing quote (the lexer's TerminatedString), to tell `"a\"` (unclosed) from `"a"`. */
const CLOSED_STRING = sticky(P.terminatedString);
const IDENT_CHAR = /[\p{L}\p{N}_]/u;

/** The cursor context at `offset` of `text`, whose parse is `document`. */
export function cursorContext(text: string, document: XentDocument, offset: number): CursorContext {
  offset = Math.max(0, Math.min(offset, text.length));
  // The experiment the cursor is in or after (text being typed after an unclosed experiment still belongs to it, though
  // its AST ends at its last token): scanning starts at its `experiment` keyword.
  const experiment = experimentStartingBefore(document, offset);
  const begin = experiment?.start ?? 0;
  const skips = closedListsBefore(experiment, text, offset);

  // The word being typed: identifier characters on both sides of the cursor.
  let ws = offset;
  while (ws > begin && IDENT_CHAR.test(text[ws - 1])) ws--;
  let we = offset;
  while (we < text.length && IDENT_CHAR.test(text[we])) we++;
  // A word starting with a digit is a number, not a name.
  const wordIsName = ws < offset ? /[\p{L}_]/u.test(text[ws]) : true;

  const frames: Frame[] = [newFrame('top', -1, NO_SLOT)];
  let inside: CursorContext['inside'];
  let pos = begin;
  const stop = wordIsName ? ws : offset;
  const resume = listsAround(document, offset, stop);
  while (pos < stop) {
    const skipEnd = skips.get(pos);
    if (skipEnd !== undefined && skipEnd <= stop) {
      valueDone(frames);
      pos = skipEnd;
      continue;
    }
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) break;
    const start = pos;
    const end = pos + m[0].length;
    if (m[1]) {
      pos = end;
      continue;
    }
    if (m[2] !== undefined) {
      if (offset <= end) {
        inside = { kind: 'comment' };
        break;
      }
      pos = end;
      continue;
    }
    if (m[3] !== undefined) {
      CLOSED_STRING.lastIndex = start;
      const terminated = CLOSED_STRING.exec(text)?.[0].length === m[3].length;
      if (offset < end || (!terminated && offset <= end)) {
        inside = { kind: 'string', start, end, terminated };
        break;
      }
      literal(frames);
      pos = end;
      continue;
    }
    if (m[5] !== undefined && end >= offset) {
      inside = { kind: 'number' };
      break;
    }
    if (m[4] !== undefined) identifier(frames, m[4], start);
    else if (m[5] !== undefined) literal(frames);
    else if (m[6] !== undefined) punctuation(frames, m[6], start);
    else clearPending(frames);
    pos = end;
    const jump = m[6] === '[' ? resume.get(start) : undefined;
    if (jump !== undefined && jump <= stop) {
      frames[frames.length - 1].state = 'after-item';
      pos = jump;
    }
  }
  const word = wordIsName && !inside ? { start: ws, end: we, text: text.slice(ws, offset) } : { start: offset, end: offset, text: '' };
  return { frames, word, inside, experiment };
}

/** Closed list literals of the experiment that end before the cursor: [start → end). */
function closedListsBefore(e: Experiment | undefined, text: string, offset: number): Map<number, number> {
  const skips = new Map<number, number>();
  if (!e) return skips;
  const add = (v: { kind: string; start: number; end: number } | undefined) => {
    if (v?.kind === 'list' && v.end <= offset && text.charCodeAt(v.end - 1) === 93 /* ] */) skips.set(v.start, v.end);
  };
  for (const p of e.properties) {
    add(p.value);
    for (const entry of p.block?.entries ?? []) if (entry.kind === 'property') add(entry.value);
  }
  return skips;
}

/**
 * For each list around the cursor: where its last item ending before `stop` (the start of the word being
 * typed) ends; the items up to there are complete values and need no scanning.
 */
function listsAround(document: XentDocument, offset: number, stop: number): Map<number, number> {
  const resume = new Map<number, number>();
  for (const n of locate(document, offset)) {
    if (n.kind !== 'list' || n.items.length === 0 || n.items[0].end > stop) continue;
    let lo = 0;
    let hi = n.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (n.items[mid].end <= stop) lo = mid;
      else hi = mid - 1;
    }
    resume.set(n.start, n.items[lo].end);
  }
  return resume;
}

function newFrame(kind: Frame['kind'], open: number, slot: Slot, extra: Partial<Frame> = {}): Frame {
  const state: FrameState = kind === 'top' ? 'top' : kind === 'body' ? 'key' : kind === 'call' ? 'arg-start' : 'item';
  return { kind, state, open, slot, argIndex: 0, given: new Set(), ...extra };
}

function clearPending(frames: Frame[]): void {
  frames[frames.length - 1].pending = undefined;
}

/** The slot of a value written now in the innermost frame. */
export function valueSlot(f: Frame): Slot {
  switch (f.kind) {
    case 'body':
      return f.state === 'value' && f.key && f.scope !== 'other' ? propertySlot(f.key, f.scope!) : NO_SLOT;
    case 'layers':
      return layerSlot();
    case 'list':
      return f.slot;
    case 'call': {
      if (!f.entry) return NO_SLOT;
      const param = paramOfArgument(f.entry, f.argName, f.argIndex);
      return param ? argumentSlot(f.entry, param) : NO_SLOT;
    }
    default:
      return NO_SLOT;
  }
}

/** A value (literal, list or call) ended in the innermost frame. */
function valueDone(frames: Frame[]): void {
  const f = frames[frames.length - 1];
  f.pending = undefined;
  switch (f.kind) {
    case 'body':
      if (f.state === 'value') f.state = 'key';
      break;
    case 'list':
      if (f.state === 'item') f.state = 'after-item';
      break;
    case 'call':
      if (f.state === 'arg-start' || f.state === 'arg-value') {
        markGiven(f);
        f.state = 'arg-after';
      }
      break;
  }
}

function markGiven(f: Frame): void {
  if (!f.entry) return;
  const p = paramOfArgument(f.entry, f.argName, f.argIndex);
  if (p) f.given.add(p.name);
}

function literal(frames: Frame[]): void {
  valueDone(frames);
}

function identifier(frames: Frame[], name: string, start: number): void {
  const f = frames[frames.length - 1];
  switch (f.kind) {
    case 'top':
      f.pending = undefined;
      if (name === 'experiment') f.state = 'exp-name';
      else if (f.state === 'exp-name') {
        f.state = 'exp-after-name';
        f.key = name;
      } else if (f.state === 'exp-after-name' && name === 'extends') f.state = 'exp-parent';
      else if (f.state === 'exp-parent') f.state = 'exp-after-parent';
      return;
    case 'body':
      if (f.state === 'value') {
        const slot = valueSlot(f);
        valueDone(frames);
        f.pending = { name, start, slot };
      } else {
        // A new key (after a value, or after a key that never got its ':').
        f.pending = undefined;
        f.key = name;
        f.state = 'after-key';
      }
      return;
    case 'layers':
    case 'list': {
      const slot = valueSlot(f);
      valueDone(frames);
      f.pending = { name, start, slot };
      return;
    }
    case 'call':
      if (f.state === 'arg-start') {
        f.argIdent = name;
        f.pending = { name, start, slot: valueSlot(f) };
        f.state = 'arg-after-ident';
      } else if (f.state === 'arg-value') {
        const slot = valueSlot(f);
        valueDone(frames);
        f.pending = { name, start, slot };
      } else f.pending = undefined;
      return;
  }
}

function punctuation(frames: Frame[], p: string, at: number): void {
  const f = frames[frames.length - 1];
  const pending = f.pending;
  f.pending = undefined;
  switch (p) {
    case '{': {
      if (f.kind === 'top') {
        if (f.state !== 'top') frames.push(newFrame('body', at, NO_SLOT, { scope: 'experiment' }));
        f.state = 'top';
      } else if (f.kind === 'body' && f.state === 'after-key' && f.key) {
        const content = f.scope === 'experiment' ? blockContent(f.key, f.scope) : undefined;
        f.state = 'key';
        if (content === 'layers') frames.push(newFrame('layers', at, layerSlot()));
        else frames.push(newFrame('body', at, NO_SLOT, { scope: content === 'data' ? 'data' : 'other' }));
      } else frames.push(newFrame('body', at, NO_SLOT, { scope: 'other' }));
      return;
    }
    case '}':
      // Close the innermost brace, dropping any list or call left open inside it.
      for (let i = frames.length - 1; i > 0; i--) {
        if (frames[i].kind === 'body' || frames[i].kind === 'layers') {
          frames.length = i;
          if (i === 1) frames[0].state = 'top';
          else valueDone(frames);
          return;
        }
      }
      return;
    case '[':
      frames.push(newFrame('list', at, valueSlot(f)));
      return;
    case ']':
      closeTo(frames, 'list');
      return;
    case '(': {
      const slot = pending?.slot ?? NO_SLOT;
      const entry = pending ? entryIn(slot, pending.name) : undefined;
      if (f.kind === 'call' && f.state === 'arg-after-ident') {
        // `bidirectional(lstm(` : the identifier was a positional value, now a callee.
        f.state = 'arg-start';
      }
      frames.push(newFrame('call', at, slot, { callee: pending?.name, calleeStart: pending?.start, entry }));
      return;
    }
    case ')':
      closeTo(frames, 'call');
      return;
    case ':':
      if (f.kind === 'body' && f.state === 'after-key') {
        f.state = 'value';
        f.colonAt = at;
      }
      else if (f.kind === 'call' && f.state === 'arg-after-ident') {
        f.argName = f.argIdent;
        f.state = 'arg-value';
      }
      return;
    case ',':
      if (f.kind === 'call') {
        if (f.state === 'arg-after-ident' || f.state === 'arg-value') markGiven(f);
        f.argIndex++;
        f.argName = undefined;
        f.argIdent = undefined;
        f.state = 'arg-start';
      } else if (f.kind === 'list') f.state = 'item';
      return;
  }
}

/** Closes the innermost frame of `kind` (and anything open inside it); the closed list or call is a value. */
function closeTo(frames: Frame[], kind: 'list' | 'call'): void {
  for (let i = frames.length - 1; i > 0; i--) {
    if (frames[i].kind === kind) {
      frames.length = i;
      valueDone(frames);
      return;
    }
    if (frames[i].kind === 'body' || frames[i].kind === 'layers') return; // a stray bracket: ignore it
  }
}

/** The innermost frame, and the innermost call frame (for signature help). */
export function innermostFrame(ctx: CursorContext): Frame {
  return ctx.frames[ctx.frames.length - 1];
}

export function innermostCall(ctx: CursorContext): Frame | undefined {
  for (let i = ctx.frames.length - 1; i > 0; i--) {
    const f = ctx.frames[i];
    if (f.kind === 'call') return f;
    if (f.kind === 'body' || f.kind === 'layers') return undefined;
  }
  return undefined;
}
