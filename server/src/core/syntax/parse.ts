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
import { Comment, type Experiment, XentDocument, type SyntaxError } from './ast';
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

// Token types used in per-token loops, read once (module namespace reads are getters once transpiled).
const { LBracket, RBracket, LParen, RParen, LCurly, RCurly, Comma, NumberTok, NumericArray, Unknown, UnterminatedString, TerminatedString, Identifier, True, False } = T;

let grammar: XentGrammar | undefined;

/** The one grammar instance, created on first use (its self-analysis costs a few milliseconds). */
function sharedGrammar(): XentGrammar {
  grammar ??= new XentGrammar();
  return grammar;
}

export function parse(text: string): ParseResult {
  const source = new SourceText(text);
  // Each phase reports in text order, so keeping the first MAX_SYNTAX_ERRORS of each phase is enough to know the
  // first MAX_SYNTAX_ERRORS overall; the rest are only counted (binary garbage yields a million of them).
  const kept: { message: string; start: number; end: number }[] = [];
  let phaseCount = 0;
  let dropped = 0;
  const report: Report = (message, start, end) => {
    if (phaseCount++ < MAX_SYNTAX_ERRORS) kept.push({ message, start, end: Math.max(start, end) });
    else dropped++;
  };
  const nextPhase = () => (phaseCount = 0);

  let experiments: Experiment[] = [];
  let comments: Comment[] = [];
  try {
    const lexed = T.xentLexer.tokenize(text);
    for (const e of lexed.errors) report('unexpected character', e.offset, e.offset + e.length); // not expected: Unknown catches all
    comments = (lexed.groups.comments ?? []).map(
      (t: IToken) => new Comment(source, t.startOffset, t.startOffset + t.image.length, t.image),
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
    const builder = new AstBuilder(source);
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

  kept.sort((a, b) => a.start - b.start || a.end - b.end);
  const shown = kept.slice(0, MAX_SYNTAX_ERRORS);
  const hidden = kept.length - shown.length + dropped;
  const errors: SyntaxError[] = shown.map((e) => ({ message: e.message, range: source.rangeOf(e.start, e.end), code: 'syntax-error' }));
  if (hidden > 0) {
    const at = shown[shown.length - 1];
    errors.push({ code: 'syntax-error', range: source.rangeOf(at.start, at.end), message: `${hidden} more syntax errors not shown` });
  }
  return { document: new XentDocument(source, experiments, comments), errors, source };
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
