// The parser's public entry: text in, typed AST and plain-word syntax errors out. It never throws.
//
// Before chevrotain parses, the token stream is shaped in three steps:
//   1. Unknown characters are reported and dropped (the lexer turns them into Unknown tokens, never errors).
//   2. Anything nested deeper than MAX_NESTING is reported and dropped, so the recursive-descent parser cannot
//      overflow the stack on `[[[[…` 100,000 deep.
//   3. Well-formed lists of literals (numbers, names, strings, booleans; nested) are collapsed into one
//      NumericArray token each: inline data is most of a
//      large file, and building it from a token slice is ~10× faster than a CST node per number.
// Then the stream is cut before every 'experiment' keyword (a reserved word, valid nowhere else) and each piece
// is parsed on its own: an error in one experiment never swallows the next, and whatever stands before the
// first experiment is reported once.

import { createTokenInstance, EOF, type IToken } from 'chevrotain';
import { Anchor, Comment, type Experiment, XentDocument, type SyntaxError } from './ast';
import { AstBuilder } from './build-ast';
import { XentGrammar } from './grammar';
import * as T from './lexer';
import { SourceText } from './source';

export interface ParseResult {
  readonly document: XentDocument;
  readonly errors: readonly SyntaxError[];
  readonly source: SourceText;
}

/** Lists, calls and blocks nested deeper than this are cut off with an error (the parser recurses per level). */
export const MAX_NESTING = 64;
/** A file of garbage would otherwise yield one error per token; past this many the rest are summarised. */
export const MAX_SYNTAX_ERRORS = 100;

type Report = (message: string, start: number, end: number) => void;

interface Reported {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

// Token types used in per-token loops, read once (module namespace reads are getters once transpiled).
const { LBracket, RBracket, LParen, RParen, LCurly, RCurly, Comma, NumberTok, NumericArray, Unknown, UnterminatedString, TerminatedString, Identifier, True, False } = T;

let grammar: XentGrammar | undefined;

/** The one grammar instance, created on first use (its self-analysis costs a few milliseconds). */
function sharedGrammar(): XentGrammar {
  grammar ??= new XentGrammar();
  return grammar;
}

/**
 * Parses `text`. With `previous` (the result for an earlier version of the same document), the experiments the
 * edit did not touch are reused: their trees are moved (one Anchor each) instead of re-lexed and re-parsed, and
 * only the text from the experiment holding the first changed character to the first untouched experiment
 * after the last one is lexed and parsed again. The result equals a parse of `text` from scratch
 * (test/incremental-parse.test.ts checks it over thousands of random edits).
 *
 * `previous` is consumed: its reused experiments now belong to the new result (their offsets are those of the
 * new text), and a second parse from the same `previous` parses from scratch.
 */
export function parse(text: string, previous?: ParseResult): ParseResult {
  const state = previous && states.get(previous);
  if (previous) states.delete(previous);
  // Where the texts differ: the common prefix and suffix (compared by chunks, natively).
  const edit = previous && commonEnds(previous.source.text, text);
  const source = previous && edit ? SourceText.edited(previous.source, text, edit.prefix, edit.suffix) : new SourceText(text);
  try {
    const segments = (state && previous && edit && reparse(text, source, previous.source.text, state, edit)) ?? segmentAll(text, source);
    if (segments && nestingWithinLimit(segments)) {
      const result = assemble(source, segments);
      states.set(result, { segments });
      return result;
    }
  } catch {
    // Whatever went wrong, the one-pass parse below stands (it has its own last line of defence).
  }
  return parseInOnePass(text, source);
}

/** A report kept by a segment, its offsets relative to the segment's start. */
interface Segment {
  /** Offset of the segment in the text of the result that holds it (moved on reuse). */
  start: number;
  readonly anchor: Anchor;
  /** The text before the first experiment (no experiment; its one error is the stray text's). */
  readonly leading: boolean;
  readonly experiment: Experiment | undefined;
  readonly comments: Comment[];
  /** The first MAX_SYNTAX_ERRORS reports of the lexing phase (unknown characters, open strings), and how many. */
  readonly lexReports: Reported[];
  readonly lexCount: number;
  /** The same for the parsing phase (the grammar's errors, the stray text before the first experiment). */
  readonly parseReports: Reported[];
  readonly parseCount: number;
  /** Bracket depth over the segment from 0 without clamping: lowest, final and highest prefix sums. */
  readonly depthMin: number;
  readonly depthNet: number;
  readonly depthMax: number;
}

interface ParseState {
  readonly segments: Segment[];
}

/** The segments of each result parsed this way, for the next parse of the same document. */
const states = new WeakMap<ParseResult, ParseState>();

/** 'experiment' and the character after it (which decides between the keyword and a longer name). */
const KEYWORD_SPAN = 'experiment'.length + 1;

interface Lexed {
  readonly tokens: IToken[];
  readonly comments: IToken[];
}

/** Chunk lengths for comparing texts: string equality of slices is native, far faster than a loop per character. */
const CHUNKS = [65536, 4096, 256, 16, 1];

/** Two texts agree on their first `prefix` and last `suffix` characters (which do not overlap in either). */
interface Edit {
  readonly prefix: number;
  readonly suffix: number;
}

function commonEnds(a: string, b: string): Edit {
  const prefix = commonPrefix(a, b);
  return { prefix, suffix: commonSuffix(a, b, Math.min(a.length, b.length) - prefix) };
}

/** The length of the longest common prefix of two texts. */
function commonPrefix(a: string, b: string): number {
  const most = Math.min(a.length, b.length);
  let n = 0;
  for (const c of CHUNKS) while (n + c <= most && a.slice(n, n + c) === b.slice(n, n + c)) n += c;
  return n;
}

/** The length of the longest common suffix of two texts, at most `most`. */
function commonSuffix(a: string, b: string, most: number): number {
  let n = 0;
  for (const c of CHUNKS) while (n + c <= most && a.slice(a.length - n - c, a.length - n) === b.slice(b.length - n - c, b.length - n)) n += c;
  return n;
}

/**
 * A copy of text[from, to) that shares no memory with `text`. The names and strings the AST keeps are slices of
 * the text lexed; the experiments parsed again after an edit live on while the document changes around them,
 * and a slice of the whole text would keep that version of the whole document alive with each of them.
 */
function detachedSlice(text: string, from: number, to: number): string {
  // Joining forces a flat copy: a substring of a substring would point into `text` again.
  return (' ' + text.slice(from, to)).slice(1);
}

/** Lexes text[from, to) with offsets in `text`; undefined if the lexer reports an error (it never should). */
function lexRange(text: string, from: number, to: number): Lexed | undefined {
  const lexed = T.xentLexer.tokenize(from === 0 && to === text.length ? text : detachedSlice(text, from, to));
  if (lexed.errors.length > 0) return undefined;
  const comments = lexed.groups.comments ?? [];
  if (from > 0) {
    for (const t of lexed.tokens) t.startOffset += from;
    for (const t of comments) t.startOffset += from;
  }
  return { tokens: lexed.tokens, comments };
}

/**
 * The whole text cut into segments: the leading text, then one per 'experiment' keyword. Lexed a piece at a
 * time, so that the tokens of a large document never all exist at once (they took more memory than its tree):
 * a piece ends before the next 'experiment' at the start of a line that lexing to just past it confirms is the
 * keyword (not the start of a longer name); from there on the text lexes as it would in one pass.
 */
function segmentAll(text: string, source: SourceText): Segment[] | undefined {
  const g = sharedGrammar();
  const segments: Segment[] = [];
  let from = 0;
  let candidate = text.indexOf('\nexperiment');
  for (;;) {
    let region: Lexed | undefined;
    let to = text.length;
    while (candidate >= 0 && !region) {
      const at = candidate + 1;
      candidate = text.indexOf('\nexperiment', at);
      if (at <= from) continue;
      const lexed = lexRange(text, from, Math.min(text.length, at + KEYWORD_SPAN));
      if (!lexed) return undefined;
      const i = lexed.tokens.findIndex((t) => t.startOffset >= at);
      if (i >= 0 && lexed.tokens[i].startOffset === at && lexed.tokens[i].tokenType === T.Experiment) {
        region = { tokens: lexed.tokens.slice(0, i), comments: lexed.comments.filter((c) => c.startOffset < at) };
        to = at;
      }
    }
    region ??= lexRange(text, from, text.length);
    if (!region) return undefined;
    const pieces = cut(region, from, to, from === 0, to < text.length, source, g);
    if (!pieces) return undefined;
    for (const p of pieces) segments.push(p);
    if (to === text.length) return segments;
    from = to;
  }
}

/**
 * Cuts lexed text[from, to) before each 'experiment' token and builds a segment of each piece. With `leading`
 * the piece before the first experiment is the leading segment; without, the range must start with one.
 * `moreAfter`: another experiment follows `to`.
 */
function cut(lexed: Lexed, from: number, to: number, leading: boolean, moreAfter: boolean, source: SourceText, g: XentGrammar): Segment[] | undefined {
  const { tokens, comments } = lexed;
  const starts: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (tokens[i].tokenType === T.Experiment) starts.push(i);
  if (!leading && (starts.length === 0 || starts[0] !== 0 || tokens[0].startOffset !== from)) return undefined;
  const segments: Segment[] = [];
  let c = 0;
  const piece = (first: number, last: number, begin: number, end: number, isLeading: boolean, followed: boolean) => {
    const own: IToken[] = [];
    while (c < comments.length && comments[c].startOffset < end) own.push(comments[c++]);
    segments.push(buildSegment(tokens.slice(first, last), own, begin, isLeading, followed, source, g));
  };
  if (leading) piece(0, starts.length > 0 ? starts[0] : tokens.length, from, starts.length > 0 ? tokens[starts[0]].startOffset : to, true, false);
  for (let k = 0; k < starts.length; k++) {
    const next = k + 1 < starts.length ? starts[k + 1] : tokens.length;
    const end = k + 1 < starts.length ? tokens[next].startOffset : to;
    piece(starts[k], next, tokens[starts[k]].startOffset, end, false, k + 1 < starts.length || moreAfter);
  }
  return segments;
}

/** Reports of one phase of one segment: the first MAX_SYNTAX_ERRORS, and how many there were. */
function phase(): { readonly reports: Reported[]; count: number; readonly report: Report } {
  const p = {
    reports: [] as Reported[],
    count: 0,
    report: (message: string, start: number, end: number) => {
      if (p.count++ < MAX_SYNTAX_ERRORS) p.reports.push({ message, start, end: Math.max(start, end) });
    },
  };
  return p;
}

/** Lexes nothing: shapes one piece's tokens (offsets in the text) as parse() does and parses it on its own. */
function buildSegment(raw: IToken[], commentTokens: IToken[], start: number, leading: boolean, followed: boolean, source: SourceText, g: XentGrammar): Segment {
  const anchor = new Anchor(source, start);
  for (const t of raw) t.startOffset -= start;
  const comments = commentTokens.map((t) => new Comment(anchor, t.startOffset - start, t.startOffset - start + t.image.length, t.image));
  const lex = phase();
  const known: IToken[] = [];
  let depth = 0;
  let depthMin = 0;
  let depthMax = 0;
  for (const t of raw) {
    if (t.tokenType === Unknown) {
      reportUnknown(t, lex.report);
      continue;
    }
    if (t.tokenType === UnterminatedString) lex.report('unterminated string: add the closing quote', t.startOffset, t.startOffset + t.image.length);
    if (isOpen(t)) depthMax = Math.max(depthMax, ++depth);
    else if (isClose(t)) depthMin = Math.min(depthMin, --depth);
    known.push(t);
  }
  const tokens = collapseNumericLists(known);
  const parsed = phase();
  let experiment: Experiment | undefined;
  if (leading) {
    if (tokens.length > 0) {
      const first = tokens[0];
      const image = first.tokenType === NumericArray ? 'a list' : `'${T.showImage(first.image)}'`;
      parsed.report(`unexpected ${image}: a file holds experiments, 'experiment NAME { ... }'`, first.startOffset, tokenEnd(tokens[tokens.length - 1]));
    }
  } else {
    const cst = g.parseExperiment(tokens, followed);
    const reported = new Set<number>();
    for (const e of g.errors) {
      // As in parseInOnePass: nothing right after an open string, and one error per place.
      if (tokenBefore(e.token, tokens)?.tokenType === UnterminatedString) continue;
      const [from, to] = errorSpan(e.token, tokens, 0);
      if (reported.has(from)) continue;
      reported.add(from);
      parsed.report(e.message, from, to);
    }
    experiment = (cst && new AstBuilder(anchor).experiment(cst)) || undefined;
  }
  return {
    start,
    anchor,
    leading,
    experiment,
    comments,
    lexReports: lex.reports,
    lexCount: lex.count,
    parseReports: parsed.reports,
    parseCount: parsed.count,
    depthMin,
    depthNet: depth,
    depthMax,
  };
}

/**
 * Whether parseInOnePass's nesting limit would cut nothing: the depth at the end of each segment follows from the
 * depth it starts at (closing brackets at depth 0 are ignored), and a bound on the deepest point inside it.
 */
function nestingWithinLimit(segments: readonly Segment[]): boolean {
  let depth = 0;
  for (const s of segments) {
    const floor = Math.max(depth, -s.depthMin);
    if (floor + s.depthMax > MAX_NESTING) return false;
    depth = floor + s.depthNet;
  }
  return true;
}

/** The result from the segments: the reports of each phase in text order, as parseInOnePass makes them. */
function assemble(source: SourceText, segments: readonly Segment[]): ParseResult {
  const kept: Reported[] = [];
  let dropped = 0;
  const take = (s: Segment, reports: readonly Reported[], count: number, seen: number): number => {
    for (const r of reports) {
      if (seen++ < MAX_SYNTAX_ERRORS) kept.push({ message: r.message, start: r.start + s.start, end: r.end + s.start });
      else dropped++;
    }
    dropped += count - reports.length;
    return seen + count - reports.length;
  };
  let seen = 0;
  for (const s of segments) seen = take(s, s.lexReports, s.lexCount, seen);
  seen = 0;
  for (const s of segments) seen = take(s, s.parseReports, s.parseCount, seen);
  const experiments: Experiment[] = [];
  const comments: Comment[] = [];
  for (const s of segments) {
    if (s.experiment) experiments.push(s.experiment);
    for (const c of s.comments) comments.push(c);
  }
  return { document: new XentDocument(source, experiments, comments), errors: syntaxErrors(source, kept, dropped), source };
}

/**
 * The segments of `text` from those of `oldText`, or undefined when the edit cannot be placed (then the caller
 * parses from scratch). The changed span is where the two texts differ (common prefix and suffix removed).
 */
function reparse(text: string, source: SourceText, oldText: string, state: ParseState, edit: Edit): Segment[] | undefined {
  const old = state.segments;
  const g = sharedGrammar();
  const { prefix, suffix } = edit;
  const oldEditEnd = oldText.length - suffix;
  const delta = text.length - oldText.length;

  // Re-lex from the last experiment whose keyword (and the character deciding it) the edit left alone: the
  // tokens before it are those of the old text. Before the first experiment, from the start.
  let k = 0;
  for (let i = old.length - 1; i >= 1; i--) {
    if (old[i].start + KEYWORD_SPAN <= prefix) {
      k = i;
      break;
    }
  }
  const from = old[k].start;
  // ... to the first experiment after the edit whose keyword is still a token where it was (shifted): from
  // there on the text and its tokens are the old ones. Lexing to just past that keyword tells.
  let j = k + 1;
  while (j < old.length && old[j].start < oldEditEnd) j++;
  let region: Lexed | undefined;
  let to = text.length;
  for (; ; j++) {
    if (j >= old.length) {
      region = lexRange(text, from, text.length);
      to = text.length;
      break;
    }
    const target = old[j].start + delta;
    const lexed = lexRange(text, from, Math.min(text.length, target + KEYWORD_SPAN));
    if (!lexed) return undefined;
    const at = lexed.tokens.findIndex((t) => t.startOffset >= target);
    if (at >= 0 && lexed.tokens[at].startOffset === target && lexed.tokens[at].tokenType === T.Experiment) {
      region = { tokens: lexed.tokens.slice(0, at), comments: lexed.comments.filter((c) => c.startOffset < target) };
      to = target;
      break;
    }
  }
  if (!region) return undefined;
  const fresh = cut(region, from, to, k === 0, j < old.length, source, g);
  if (!fresh) return undefined;

  const segments: Segment[] = [];
  for (let i = 0; i < k; i++) segments.push(old[i]);
  for (const s of fresh) segments.push(s);
  for (let i = j; i < old.length; i++) {
    old[i].start += delta;
    segments.push(old[i]);
  }
  // Whether each experiment is followed by another is unchanged for the reused ones: those before the region
  // are followed by it, and the ones after it keep their order up to the end.
  for (const s of segments) {
    s.anchor.source = source;
    s.anchor.base = s.start;
  }
  return segments;
}

/**
 * The whole text in one pass, nesting limited across experiments: the path for a text nested too deep for the
 * segmented parse above (where limitNesting would cut across experiments), and the reference the tests hold the
 * segmented and incremental parses to. Same results, no state kept for a next parse.
 */
export function parseInOnePass(text: string, source = new SourceText(text)): ParseResult {
  // Each phase reports in text order, so keeping the first MAX_SYNTAX_ERRORS of each phase is enough to know the
  // first MAX_SYNTAX_ERRORS overall; the rest are only counted (binary garbage yields a million of them).
  const kept: Reported[] = [];
  let phaseCount = 0;
  let dropped = 0;
  const report: Report = (message, start, end) => {
    if (phaseCount++ < MAX_SYNTAX_ERRORS) kept.push({ message, start, end: Math.max(start, end) });
    else dropped++;
  };
  const nextPhase = () => (phaseCount = 0);

  let experiments: Experiment[] = [];
  let comments: Comment[] = [];
  const anchor = new Anchor(source, 0);
  try {
    const lexed = T.xentLexer.tokenize(text);
    for (const e of lexed.errors) report('unexpected character', e.offset, e.offset + e.length); // not expected: Unknown catches all
    comments = (lexed.groups.comments ?? []).map(
      (t: IToken) => new Comment(anchor, t.startOffset, t.startOffset + t.image.length, t.image),
    );
    const known: IToken[] = [];
    nextPhase();
    for (const t of lexed.tokens) {
      if (t.tokenType === Unknown) reportUnknown(t, report);
      else {
        if (t.tokenType === UnterminatedString) {
          report('unterminated string: add the closing quote', t.startOffset, t.startOffset + t.image.length);
        }
        known.push(t);
      }
    }
    nextPhase();
    const tokens = collapseNumericLists(limitNesting(known, report));
    const builder = new AstBuilder(anchor);
    const g = sharedGrammar();
    nextPhase();
    const segments = splitAtExperiments(tokens, report);
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      const cst = g.parseExperiment(segment, i + 1 < segments.length);
      const reported = new Set<number>();
      for (const e of g.errors) {
        // A string left open runs to the end of its line and swallows what followed it there, often the
        // closing ')' or '}': an error right after it only repeats "unterminated string".
        if (tokenBefore(e.token, segment)?.tokenType === UnterminatedString) continue;
        const [start, end] = errorSpan(e.token, segment, text.length);
        // One error per place: recovery may report the same token twice, as the end of an inner construct left
        // open and again in the outer one ("expected ')' ..., found 'x'" then "expected ']' ..., found 'x'").
        if (reported.has(start)) continue;
        reported.add(start);
        report(e.message, start, end);
      }
      const experiment = cst && builder.experiment(cst);
      if (experiment) experiments.push(experiment);
    }
  } catch (err) {
    // The grammar recovers from anything; this is the last line of defence, not a code path.
    report(`internal parser error: ${(err as Error)?.message ?? String(err)}`, 0, 0);
  }

  return { document: new XentDocument(source, experiments, comments), errors: syntaxErrors(source, kept, dropped), source };
}

/** The first MAX_SYNTAX_ERRORS reports in text order, and a summary of the rest. */
function syntaxErrors(source: SourceText, kept: Reported[], dropped: number): SyntaxError[] {
  kept.sort((a, b) => a.start - b.start || a.end - b.end);
  const shown = kept.slice(0, MAX_SYNTAX_ERRORS);
  const hidden = kept.length - shown.length + dropped;
  const errors: SyntaxError[] = shown.map((e) => ({ message: e.message, range: source.rangeOf(e.start, e.end), code: 'syntax-error' }));
  if (hidden > 0) {
    const at = shown[shown.length - 1];
    errors.push({ code: 'syntax-error', range: source.rangeOf(at.start, at.end), message: `${hidden} more syntax errors not shown` });
  }
  return errors;
}

function reportUnknown(t: IToken, report: Report): void {
  const plural = t.image.length > 1 ? 's' : '';
  report(`unexpected character${plural} '${T.showImage(t.image, 16)}'`, t.startOffset, t.startOffset + t.image.length);
}

/** Cuts the stream before each 'experiment'; tokens before the first one are reported as one error. */
function splitAtExperiments(tokens: IToken[], report: Report): IToken[][] {
  const segments: IToken[][] = [];
  let current: IToken[] | undefined;
  for (const t of tokens) {
    if (t.tokenType === T.Experiment) segments.push((current = []));
    if (current) current.push(t);
  }
  const leading = current === undefined ? tokens.length : tokens.indexOf(segments[0][0]);
  if (leading > 0) {
    const first = tokens[0];
    const last = tokens[leading - 1];
    const image = first.tokenType === NumericArray ? 'a list' : `'${T.showImage(first.image)}'`;
    report(`unexpected ${image}: a file holds experiments, 'experiment NAME { ... }'`, first.startOffset, tokenEnd(last));
  }
  return segments;
}

/** The token before `token` in the segment (the last one when `token` is the end of input). */
function tokenBefore(token: IToken | undefined, tokens: IToken[]): IToken | undefined {
  if (!token || !Number.isFinite(token.startOffset)) return tokens[tokens.length - 1];
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].startOffset < token.startOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? tokens[lo - 1] : undefined;
}

function tokenEnd(t: IToken): number {
  return (t.endOffset ?? t.startOffset + t.image.length - 1) + 1;
}

/**
 * Removes whatever is nested deeper than MAX_NESTING (from the opening bracket to its matching close, or to the
 * end of the file), reporting each removed run once.
 */
function limitNesting(tokens: IToken[], report: Report): IToken[] {
  let depth = 0;
  let deepest = 0;
  for (const t of tokens) {
    if (isOpen(t)) deepest = Math.max(deepest, ++depth);
    else if (isClose(t) && depth > 0) depth--;
  }
  if (deepest <= MAX_NESTING) return tokens;

  const message = `nested more than ${MAX_NESTING} levels deep: the inner part is ignored`;
  const kept: IToken[] = [];
  depth = 0;
  let cutStart = -1;
  let cutEnd = -1;
  for (const t of tokens) {
    let drop: boolean;
    if (isOpen(t)) drop = ++depth > MAX_NESTING;
    else if (isClose(t) && depth > 0) drop = depth-- > MAX_NESTING;
    else drop = depth > MAX_NESTING;
    if (drop) {
      if (cutStart < 0) cutStart = t.startOffset;
      cutEnd = t.startOffset + t.image.length;
      continue;
    }
    if (cutStart >= 0) {
      report(message, cutStart, cutEnd);
      cutStart = -1;
    }
    kept.push(t);
  }
  if (cutStart >= 0) report(message, cutStart, cutEnd);
  return kept;
}

function isOpen(t: IToken): boolean {
  return t.tokenType === LBracket || t.tokenType === LParen || t.tokenType === LCurly;
}

function isClose(t: IToken): boolean {
  return t.tokenType === RBracket || t.tokenType === RParen || t.tokenType === RCurly;
}

/**
 * Replaces every well-formed list whose items are numbers or such lists (`[1, 2]`, `[[0.1, 0.9], [1, 0],]`)
 * by one NumericArray token whose payload is the token slice. Malformed lists are left for the grammar, which
 * reports them; their well-formed inner lists are still collapsed.
 */
function collapseNumericLists(tokens: IToken[]): IToken[] {
  const out: IToken[] = [];
  let i = 0;
  while (i < tokens.length) {
    const end = tokens[i].tokenType === LBracket ? matchNumericList(tokens, i) : -1;
    if (end < 0) {
      out.push(tokens[i++]);
      continue;
    }
    const first = tokens[i];
    const last = tokens[end];
    const token = createTokenInstance(NumericArray, '[…]', first.startOffset, last.startOffset, NaN, NaN, NaN, NaN);
    token.payload = tokens.slice(i, end + 1);
    out.push(token);
    i = end + 1;
  }
  return out;
}

/** The index of the ']' closing a well-formed numeric list starting at `start`, or -1. */
function matchNumericList(tokens: IToken[], start: number): number {
  let depth = 0;
  // What may come next: an item or ']' (after '[' or ','), or ',' or ']' (after an item).
  let expectItem = true;
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i].tokenType;
    if (t === LBracket) {
      if (!expectItem) return -1;
      depth++;
      expectItem = true;
    } else if (t === RBracket) {
      // ']' may follow '[' (empty list), an item, or a trailing ',' - but never ', ,'.
      depth--;
      if (depth === 0) return i;
      expectItem = false;
    } else if (t === NumberTok || t === TerminatedString || t === Identifier || t === True || t === False) {
      // A name followed by '(' is a call: the next token is then not ',' or ']', and the match fails.
      if (!expectItem) return -1;
      expectItem = false;
    } else if (t === Comma) {
      if (expectItem) return -1;
      expectItem = true;
    } else return -1;
  }
  return -1;
}

/** Where to show a parse error: on its token, or (at the end of the file) just after the last real token. */
function errorSpan(token: IToken | undefined, tokens: IToken[], textLength: number): [number, number] {
  if (token && token.tokenType !== EOF && Number.isFinite(token.startOffset)) {
    return [token.startOffset, tokenEnd(token)];
  }
  const last = tokens[tokens.length - 1];
  const end = last ? tokenEnd(last) : textLength;
  return [end, end];
}
