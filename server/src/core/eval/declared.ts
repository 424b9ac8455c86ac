// The metrics an experiment declares (`metrics: [...]`), as specs the engine computes: the canonical catalogue
// name, every parameter of the catalogue entry with its effective value (what was written, else the
// catalogue's default, else xent's documented task default), and where the metric is written. Parameters are
// read generically from the catalogue entry, so a new catalogue metric needs no code here.

import { AVERAGE_DEFAULT_NOTE } from '../catalogue/metrics';
import { defaultAverage, suggest } from '../catalogue';
import type { CatalogueEntry } from '../catalogue/types';
import type { CallModel, Task } from '../model/types';
import type { Value } from '../syntax/ast';
import type { DeclaredParam } from './types';

export interface DeclaredSpec {
  /** The canonical catalogue name, or the name as written when the catalogue does not know it. */
  readonly metric: string;
  readonly entry: CatalogueEntry | undefined;
  /** Every catalogue parameter with its effective value (null = Python's None, or a required one not given). */
  readonly params: Record<string, DeclaredParam>;
  /** Parameters the user wrote (the others are defaults). */
  readonly written: ReadonlySet<string>;
  /** 1-based position of the metric's name in the .xent file. */
  readonly line: number;
  readonly column: number;
  /** Why the metric cannot be computed at all (an unknown name), decided before any data is read. */
  readonly problem?: string;
}

/** The declared metrics of an experiment, in the file's order. */
export function declaredSpecs(metrics: readonly CallModel[], task: Task): DeclaredSpec[] {
  return metrics.map((call) => declaredSpec(call, task));
}

function declaredSpec(call: CallModel, task: Task): DeclaredSpec {
  const start = call.nameNode.range.start;
  const line = start.line + 1;
  const column = start.character + 1;
  const entry = call.entry?.kind === 'metric' ? call.entry : undefined;
  if (!entry) {
    const hint = suggest(call.name, 'metric');
    return {
      metric: call.name,
      entry: undefined,
      params: {},
      written: new Set(),
      line,
      column,
      problem: `unknown metric '${call.name}'${hint ? `; did you mean '${hint}'?` : ''}`,
    };
  }
  const params: Record<string, DeclaredParam> = {};
  const written = new Set<string>();
  for (const p of entry.params) {
    const arg = call.args.get(p.name);
    const v = arg?.value ? paramValue(arg.value) : undefined;
    if (v !== undefined) {
      params[p.name] = v;
      written.add(p.name);
    } else if (p.defaultNote === AVERAGE_DEFAULT_NOTE) params[p.name] = defaultAverage(task);
    else params[p.name] = p.default === undefined ? null : p.default;
  }
  return { metric: entry.name, entry, params, written, line, column };
}

/** A written argument as a JSON value: numbers, booleans, names and strings as they are; lists of numbers. */
export function paramValue(v: Value): DeclaredParam | undefined {
  switch (v.kind) {
    case 'number':
      return v.value;
    case 'boolean':
      return v.value;
    case 'string':
      return v.value;
    case 'identifier':
      return v.name;
    case 'list':
      return v.items.every((i) => i.kind === 'number') ? v.items.map((i) => (i as { value: number }).value) : undefined;
    default:
      return undefined;
  }
}
