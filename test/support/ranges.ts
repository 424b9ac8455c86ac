// Range invariants of a parse result, shared by the table-driven and the property tests.
import type { ParseResult } from '../../server/src/core/syntax/parse';
import type { Position, Range, SourceText } from '../../server/src/core/syntax/source';
import { walk } from './ast-summary';

/** Why a position is not inside the document (0 ≤ line < lineCount, 0 ≤ character ≤ line length), or ''. */
export function badPosition(source: SourceText, p: Position): string {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) return `non-integer position ${JSON.stringify(p)}`;
  if (p.line < 0 || p.line >= source.lineCount) return `line ${p.line} outside 0..${source.lineCount - 1}`;
  const length = source.lineEnd(p.line) - source.lineStart(p.line);
  if (p.character < 0 || p.character > length) return `character ${p.character} outside 0..${length} on line ${p.line}`;
  return '';
}

export function badRange(source: SourceText, r: Range): string {
  const why = badPosition(source, r.start) || badPosition(source, r.end);
  if (why) return why;
  if (comparePositions(r.start, r.end) > 0) return `range ends before it starts`;
  return '';
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/**
 * Every problem with the ranges of a parse result, as readable lines (empty when all is well):
 * AST nodes lie in the text, each inside its parent, and their LSP ranges match their offsets;
 * errors lie in the document, are sorted, and are at most 100 plus one summary.
 */
export function rangeProblems(result: ParseResult): string[] {
  const { source, document, errors } = result;
  const text = source.text;
  const problems: string[] = [];
  for (const [node, parent] of walk(document)) {
    const what = `${node.kind} [${node.start}, ${node.end})`;
    if (!(Number.isInteger(node.start) && Number.isInteger(node.end) && 0 <= node.start && node.start <= node.end && node.end <= text.length)) {
      problems.push(`${what} is not inside the text of length ${text.length}`);
      continue;
    }
    if (parent && (node.start < parent.start || node.end > parent.end)) {
      problems.push(`${what} is not inside its parent ${parent.kind} [${parent.start}, ${parent.end})`);
    }
    const range = node.range;
    const why = badRange(source, range);
    if (why) problems.push(`${what}: ${why}`);
    else if (source.offsetAt(range.start) !== node.start || source.offsetAt(range.end) !== node.end) {
      problems.push(`${what}: its range ${JSON.stringify(range)} does not map back to its offsets`);
    }
    if (problems.length > 20) break;
  }
  if (errors.length > 101) problems.push(`${errors.length} errors, more than 100 and a summary`);
  for (let i = 0; i < errors.length; i++) {
    const why = badRange(source, errors[i].range);
    if (why) problems.push(`error ${JSON.stringify(errors[i].message)}: ${why}`);
    if (i > 0 && comparePositions(errors[i - 1].range.start, errors[i].range.start) > 0) {
      problems.push(`errors not sorted: ${JSON.stringify(errors[i - 1])} before ${JSON.stringify(errors[i])}`);
    }
    if (typeof errors[i].message !== 'string' || errors[i].message.length === 0) problems.push(`error ${i} has no message`);
  }
  return problems;
}

/**
 * For a program parsed with no error: every node's range is exactly its text, no more and no less
 * (a name's range is the name, a list's runs from '[' to ']', a property's from its key to the end of its value).
 */
export function tightRangeProblems(result: ParseResult): string[] {
  const text = result.source.text;
  const problems: string[] = [];
  const slice = (n: { start: number; end: number }) => text.slice(n.start, n.end);
  const check = (ok: boolean, node: { kind: string; start: number; end: number }, what: string) => {
    if (!ok) problems.push(`${node.kind} ${JSON.stringify(slice(node))} [${node.start}, ${node.end}): ${what}`);
  };
  for (const [node] of walk(result.document)) {
    const s = slice(node);
    switch (node.kind) {
      case 'document':
        check(node.start === 0 && node.end === text.length, node, 'is not the whole text');
        break;
      case 'identifier':
        check(s === node.name, node, `is not the name ${JSON.stringify(node.name)}`);
        break;
      case 'number':
        check(s === node.raw, node, `is not the number ${node.raw}`);
        break;
      case 'boolean':
        check(s === String(node.value), node, 'is not the boolean');
        break;
      case 'string':
        check(s.length >= 2 && (s[0] === '"' || s[0] === "'") && s.endsWith(s[0]), node, 'is not a quoted string');
        break;
      case 'comment':
        check(s === node.text && s.startsWith('#') && !/[\r\n]/.test(s), node, 'is not the comment');
        break;
      case 'list':
        check(s.startsWith('[') && s.endsWith(']'), node, "does not run from '[' to ']'");
        break;
      case 'block':
        check(s.startsWith('{') && s.endsWith('}'), node, "does not run from '{' to '}'");
        break;
      case 'call':
        check(node.start === node.callee.start && node.end === node.closeParen + 1 && text[node.openParen] === '(', node, "does not run from its name to ')'");
        break;
      case 'argument': {
        const first = node.name ?? node.value;
        check(first !== undefined && node.start === first.start && node.value !== undefined && node.end === node.value.end, node, 'does not run from its name to its value');
        break;
      }
      case 'property': {
        const last = node.block ?? node.value;
        check(node.start === node.key.start && last !== undefined && node.end === last.end, node, 'does not run from its key to its value');
        break;
      }
      case 'experiment':
        check(s.startsWith('experiment') && node.end === node.closeBrace + 1 && text[node.openBrace] === '{', node, "does not run from 'experiment' to '}'");
        break;
    }
    if (problems.length > 20) break;
  }
  return problems;
}
