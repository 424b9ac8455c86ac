// Compact, human-readable summaries of parse results for table-driven parser tests.
//
//   experiment a extends b { loss: call(categorical_crossentropy, label_smoothing: 0.1) ; model { call(dense, 3) } }
//
// A bare identifier prints as its name; a call (with parentheses) as call(callee, args…). Numbers print their
// value, strings as JSON. What recovery left out prints as '?'; a missing closer ('}' or ')') is not printed.
import type {
  AstNode,
  Block,
  Call,
  Experiment,
  Property,
  SyntaxError,
  Value,
  XentDocument,
} from '../../server/src/core/syntax/ast';
import type { Range } from '../../server/src/core/syntax/source';

export function summarizeValue(v: Value | undefined): string {
  if (v === undefined) return '?';
  switch (v.kind) {
    case 'number':
      return String(v.value);
    case 'string':
      return JSON.stringify(v.value) + (v.terminated ? '' : '<unterminated>');
    case 'boolean':
      return String(v.value);
    case 'identifier':
      return v.name;
    case 'list':
      return `[${v.items.map(summarizeValue).join(', ')}]`;
    case 'call':
      return summarizeCall(v);
  }
}

function summarizeCall(c: Call): string {
  const parts = [c.callee.name, ...c.args.map((a) => (a.name ? `${a.name.name}: ` : '') + summarizeValue(a.value))];
  return `call(${parts.join(', ')}${c.closeParen >= 0 ? ')' : ''}`;
}

function summarizeBlock(b: Block): string {
  const entries = b.entries.map((e) => (e.kind === 'property' ? summarizeProperty(e) : summarizeValue(e)));
  return `{${entries.length ? ' ' + entries.join(' ; ') : ''}${b.closed ? ' }' : ''}`;
}

export function summarizeProperty(p: Property): string {
  if (p.block) return `${p.key.name} ${summarizeBlock(p.block)}`;
  return `${p.key.name}: ${summarizeValue(p.value)}`;
}

export function summarizeExperiment(e: Experiment): string {
  let s = `experiment ${e.name?.name ?? '?'}`;
  if (e.parent) s += ` extends ${e.parent.name}`;
  if (e.openBrace >= 0) s += ' {';
  if (e.properties.length) s += ' ' + e.properties.map(summarizeProperty).join(' ; ');
  if (e.closeBrace >= 0) s += ' }';
  return s;
}

/** One line per experiment, joined by ' | '. */
export function summarize(document: XentDocument): string {
  return document.experiments.map(summarizeExperiment).join(' | ');
}

/** A range as `line:col-line:col`, 0-based as LSP counts (not the CLI's 1-based columns). */
export function formatRange(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** `line:col-line:col message`, one per error. */
export function formatErrors(errors: readonly SyntaxError[]): string[] {
  return errors.map((e) => `${formatRange(e.range)} ${e.message}`);
}

/** Every node of the tree with its parent (undefined for the document), depth first. */
export function* walk(node: AstNode, parent?: AstNode): Generator<[AstNode, AstNode | undefined]> {
  yield [node, parent];
  for (const child of children(node)) yield* walk(child, node);
}

export function children(node: AstNode): AstNode[] {
  const out: (AstNode | undefined)[] = [];
  switch (node.kind) {
    case 'document':
      out.push(...node.experiments, ...node.comments);
      break;
    case 'experiment':
      out.push(node.name, node.parent, ...node.properties);
      break;
    case 'property':
      out.push(node.key, node.value, node.block);
      break;
    case 'block':
      out.push(...node.entries);
      break;
    case 'list':
      out.push(...node.items);
      break;
    case 'call':
      out.push(node.callee, ...node.args);
      break;
    case 'argument':
      out.push(node.name, node.value);
      break;
    default:
      break;
  }
  return out.filter((n): n is AstNode => n !== undefined);
}
