// Semantic tokens: colours that only the meaning of a name can give. The keywords; experiment names (with the
// `declaration` modifier where declared); the keys; the catalogue's names by kind: losses, activations,
// optimizers, metrics, layers, models and data sources as `function`, tasks, encodings, averages and the fixed
// values of a parameter (padding: same) as `enumMember`, all with `defaultLibrary`; parameter names; classes;
// numbers, strings and comments. A name the catalogue does not know gets no token, so it stays plain and its
// unknown-name diagnostic stands out.
//
// One pass over the AST in text order, merging the comments in; each token is five integers pushed onto one
// array (no object per token), and lines are found by a cursor that only moves forward.
// Names are classified by the same slots hover and completion use (catalogue-text/slots.ts).

import type { SemanticTokens, SemanticTokensParams, SemanticTokensRangeParams } from 'vscode-languageserver';
import { allowedValues, isAllowedValue, type CatalogueEntry, type EntryKind } from '../../core/catalogue';
import type { Analysis } from '../../core/check';
import type { Call, Comment, Experiment, ListLiteral, Property, Value } from '../../core/syntax/ast';
import type { SourceText } from '../../core/syntax/source';
import type { Feature, ServerContext } from '../context';
import { argumentSlot, blockContent, entryIn, keyEntry, layerSlot, NO_SLOT, paramOfArgument, propertySlot, type Scope, type Slot } from './catalogue-text/slots';

export const TOKEN_TYPES = ['keyword', 'class', 'property', 'function', 'enumMember', 'parameter', 'number', 'string', 'comment'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

const T = {
  keyword: 0,
  class: 1,
  property: 2,
  function: 3,
  enumMember: 4,
  parameter: 5,
  number: 6,
  string: 7,
  comment: 8,
} as const satisfies Record<TokenType, number>;
const DECLARATION = 1;
const DEFAULT_LIBRARY = 2;

/** The token type of a catalogue entry's name. */
const KIND_TYPES: Record<EntryKind, number> = {
  key: T.property,
  'data-key': T.property,
  task: T.enumMember,
  encoding: T.enumMember,
  framework: T.enumMember,
  average: T.enumMember,
  loss: T.function,
  activation: T.function,
  optimizer: T.function,
  metric: T.function,
  layer: T.function,
  model: T.function,
  'data-source': T.function,
};

/** Collects tokens in text order as LSP's relative integer encoding. */
class TokenSink {
  readonly data: number[] = [];
  private prevLine = 0;
  private prevChar = 0;
  private line: number;
  private lineStart: number;
  private nextLineStart: number;
  private comment = 0;

  constructor(
    private readonly source: SourceText,
    private readonly comments: readonly Comment[],
    /** Only tokens starting in [from, to) are kept (range requests). */
    readonly from: number,
    readonly to: number,
  ) {
    this.line = from > 0 ? source.positionAt(from).line : 0;
    this.lineStart = source.lineStart(this.line);
    this.nextLineStart = this.line + 1 < source.lineCount ? source.lineStart(this.line + 1) : Infinity;
    while (this.comment < comments.length && comments[this.comment].start < from) this.comment++;
  }

  push(start: number, end: number, type: number, modifiers = 0): void {
    // Comments never stand inside a token, so those before it are emitted first and the order holds.
    while (this.comment < this.comments.length && this.comments[this.comment].start < start) {
      const c = this.comments[this.comment++];
      this.emit(c.start, c.end, T.comment, 0);
    }
    this.emit(start, end, type, modifiers);
  }

  /** Emits the comments left (those after the last token). */
  finish(): number[] {
    while (this.comment < this.comments.length) {
      const c = this.comments[this.comment++];
      this.emit(c.start, c.end, T.comment, 0);
    }
    return this.data;
  }

  private emit(start: number, end: number, type: number, modifiers: number): void {
    if (start < this.from || start >= this.to || end <= start) return;
    while (start >= this.nextLineStart) {
      this.line++;
      this.lineStart = this.nextLineStart;
      this.nextLineStart = this.line + 1 < this.source.lineCount ? this.source.lineStart(this.line + 1) : Infinity;
    }
    const char = start - this.lineStart;
    const deltaLine = this.line - this.prevLine;
    this.data.push(deltaLine, deltaLine === 0 ? char - this.prevChar : char, end - start, type, modifiers);
    this.prevLine = this.line;
    this.prevChar = char;
  }
}

/** What the walk knows about the experiment it is in. */
interface Walk {
  readonly sink: TokenSink;
  readonly text: string;
  /** Names of the experiments declared in the document (a parent that names none gets no token). */
  readonly experiments: ReadonlySet<string>;
  /** The experiment's class names, when named (for class names in y_true and label parameters). */
  readonly classes: ReadonlySet<string> | undefined;
}

/**
 * The encoded semantic tokens of a document, or of the part of it in [from, to) (offsets).
 * Linear in the size of the AST; an experiment or list item wholly outside the range is skipped.
 */
export function semanticTokens(analysis: Analysis, from = 0, to = Infinity): number[] {
  const { source, document } = analysis.parse;
  const sink = new TokenSink(source, document.comments, from, to);
  const experiments = new Set<string>();
  for (const e of document.experiments) if (e.name) experiments.add(e.name.name);
  const classesOf = new Map<Experiment, ReadonlySet<string>>();
  for (const m of analysis.models) if (m.classes?.value.named) classesOf.set(m.node, new Set(m.classes.value.names));
  for (const e of document.experiments) {
    if (e.end < from) continue;
    if (e.start >= to) break;
    experimentTokens(e, { sink, text: source.text, experiments, classes: classesOf.get(e) });
  }
  return sink.finish();
}

function experimentTokens(e: Experiment, w: Walk): void {
  const { sink } = w;
  sink.push(e.start, e.start + 'experiment'.length, T.keyword);
  if (e.name) sink.push(e.name.start, e.name.end, T.class, DECLARATION);
  if (e.parent) {
    const keyword = extendsKeyword(w.text, e.name?.end ?? e.start + 'experiment'.length, e.parent.start);
    if (keyword >= 0) sink.push(keyword, keyword + 'extends'.length, T.keyword);
    if (w.experiments.has(e.parent.name)) sink.push(e.parent.start, e.parent.end, T.class);
  }
  for (const p of e.properties) {
    if (p.end < sink.from) continue;
    if (p.start >= sink.to) break;
    propertyTokens(p, 'experiment', w);
  }
}

/** The offset of `extends` between the name and the parent (white space and comments may stand around it). */
function extendsKeyword(text: string, from: number, parentStart: number): number {
  let i = from;
  while (i < parentStart) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      while (i < parentStart && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c <= 32 || c === 0xa0 || c === 0xfeff) i++;
    else return text.startsWith('extends', i) ? i : -1;
  }
  return -1;
}

function propertyTokens(p: Property, scope: Scope, w: Walk): void {
  const key = p.key.name;
  if (keyEntry(key, scope)) w.sink.push(p.key.start, p.key.end, T.property);
  if (p.value) valueTokens(p.value, propertySlot(key, scope), 0, w);
  if (!p.block) return;
  const content = blockContent(key, scope);
  for (const entry of p.block.entries) {
    if (entry.end < w.sink.from) continue;
    if (entry.start >= w.sink.to) break;
    if (entry.kind === 'property') {
      if (content === 'data') propertyTokens(entry, 'data', w);
      else if (entry.value) valueTokens(entry.value, NO_SLOT, 0, w); // `key:` in a model block: an error, no colour
    } else valueTokens(entry, content === 'layers' ? layerSlot() : NO_SLOT, 0, w);
  }
}

/** `lists` counts the lists entered since the slot was set: a class is an item of the first one. */
function valueTokens(v: Value, slot: Slot, lists: number, w: Walk): void {
  switch (v.kind) {
    case 'number':
      w.sink.push(v.start, v.end, T.number);
      return;
    case 'string':
      w.sink.push(v.start, v.end, T.string);
      return;
    case 'boolean':
      w.sink.push(v.start, v.end, T.keyword);
      return;
    case 'identifier':
      nameToken(v.start, v.end, v.name, slot, lists, w);
      return;
    case 'list':
      listTokens(v, slot, lists + 1, w);
      return;
    case 'call':
      callTokens(v, slot, w);
      return;
  }
}

function listTokens(list: ListLiteral, slot: Slot, lists: number, w: Walk): void {
  const items = list.items;
  // Only the items within the requested range: inline data lists may be long.
  let i = list.start < w.sink.from ? firstItemEndingAfter(items, w.sink.from) : 0;
  for (; i < items.length; i++) {
    const item = items[i];
    if (item.start >= w.sink.to) break;
    valueTokens(item, slot, lists, w);
  }
}

function firstItemEndingAfter(items: readonly Value[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function callTokens(call: Call, slot: Slot, w: Walk): void {
  const owner = entryIn(slot, call.callee.name);
  if (owner) w.sink.push(call.callee.start, call.callee.end, KIND_TYPES[owner.kind], DEFAULT_LIBRARY);
  call.args.forEach((arg, index) => {
    const param = owner ? paramOfArgument(owner, arg.name?.name, index) : undefined;
    if (arg.name && param) w.sink.push(arg.name.start, arg.name.end, T.parameter);
    if (arg.value) valueTokens(arg.value, owner && param ? argumentSlot(owner, param) : NO_SLOT, 0, w);
  });
}

function nameToken(start: number, end: number, name: string, slot: Slot, lists: number, w: Walk): void {
  switch (slot.kind) {
    case 'names': {
      const entry: CatalogueEntry | undefined = entryIn(slot, name);
      if (entry) w.sink.push(start, end, KIND_TYPES[entry.kind], DEFAULT_LIBRARY);
      return;
    }
    case 'param':
      if (slot.param.type === 'label' || slot.param.alsoAccepts?.includes('label')) {
        if (w.classes?.has(name)) w.sink.push(start, end, T.enumMember);
      } else if (allowedValues(slot.param) && isAllowedValue(slot.param, name)) w.sink.push(start, end, T.enumMember, DEFAULT_LIBRARY);
      return;
    case 'classes':
      if (lists === 1) w.sink.push(start, end, T.enumMember, DECLARATION);
      return;
    case 'labels':
      if (w.classes?.has(name)) w.sink.push(start, end, T.enumMember);
      return;
    default:
      return;
  }
}

export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export const semanticTokensFeature: Feature = {
  name: 'semantic-tokens',
  capabilities: { semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true } },
  register(ctx: ServerContext) {
    ctx.connection.languages.semanticTokens.on(
      ctx.guard<SemanticTokensParams, SemanticTokens>('semantic tokens', { data: [] }, (params) => {
        const state = ctx.store.get(params.textDocument.uri);
        return { data: state ? semanticTokens(state.analysis) : [] };
      }),
    );
    ctx.connection.languages.semanticTokens.onRange(
      ctx.guard<SemanticTokensRangeParams, SemanticTokens>('semantic tokens (range)', { data: [] }, (params) => {
        const state = ctx.store.get(params.textDocument.uri);
        if (!state) return { data: [] };
        const source = state.analysis.parse.source;
        return { data: semanticTokens(state.analysis, source.offsetAt(params.range.start), source.offsetAt(params.range.end)) };
      }),
    );
  },
};
