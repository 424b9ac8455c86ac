// What stands at an offset: the chain of AST nodes from the experiment down to the innermost node.
// Hover, completion, signature help, definition and rename all start here.

import type { Argument, Block, Call, Experiment, Identifier, ListLiteral, Property, Value, XentDocument } from './ast';
import { experimentAt } from './experiment-at';

export type Located = Experiment | Property | Block | Argument | Value;

/** The nodes containing `offset` (end inclusive, so the cursor just after a name still touches it), outermost first. */
export function locate(document: XentDocument, offset: number): Located[] {
  const path: Located[] = [];
  const within = (n: { start: number; end: number }) => n.start <= offset && offset <= n.end;
  const experiment = experimentAt(document, offset);
  if (!experiment) return path;
  path.push(experiment);
  if (experiment.name && within(experiment.name)) {
    path.push(experiment.name);
    return path;
  }
  if (experiment.parent && within(experiment.parent)) {
    path.push(experiment.parent);
    return path;
  }
  const property = experiment.properties.find(within);
  if (property) descendProperty(property, offset, path);
  return path;
}

function descendProperty(p: Property, offset: number, path: Located[]): void {
  path.push(p);
  if (p.key.start <= offset && offset <= p.key.end) {
    path.push(p.key);
    return;
  }
  if (p.value && p.value.start <= offset && offset <= p.value.end) descendValue(p.value, offset, path);
  else if (p.block && p.block.start <= offset && offset <= p.block.end) {
    path.push(p.block);
    const entry = p.block.entries.find((e) => e.start <= offset && offset <= e.end);
    if (!entry) return;
    if (entry.kind === 'property') descendProperty(entry, offset, path);
    else descendValue(entry, offset, path);
  }
}

function descendValue(v: Value, offset: number, path: Located[]): void {
  path.push(v);
  if (v.kind === 'list') {
    const item = findItem(v, offset);
    if (item) descendValue(item, offset, path);
  } else if (v.kind === 'call') {
    if (v.callee.start <= offset && offset <= v.callee.end) {
      path.push(v.callee);
      return;
    }
    const arg = v.args.find((a) => a.start <= offset && offset <= a.end);
    if (!arg) return;
    path.push(arg);
    if (arg.name && arg.name.start <= offset && offset <= arg.name.end) path.push(arg.name);
    else if (arg.value && arg.value.start <= offset && offset <= arg.value.end) descendValue(arg.value, offset, path);
  }
}

/** Binary search: list items are sorted by offset, and inline data lists can be long. */
function findItem(list: ListLiteral, offset: number): Value | undefined {
  const items = list.items;
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const it = items[mid];
    if (offset < it.start) hi = mid - 1;
    else if (offset > it.end) lo = mid + 1;
    else return it;
  }
  return undefined;
}

/** The innermost node of a kind on the path. */
export function innermost<K extends Located['kind']>(path: readonly Located[], kind: K): Extract<Located, { kind: K }> | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (path[i].kind === kind) return path[i] as Extract<Located, { kind: K }>;
  return undefined;
}

export type { Call, Identifier };
