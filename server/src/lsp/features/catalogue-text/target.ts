// What the name under the cursor denotes, read from the AST path that `locate` returns: an experiment, a key,
// a catalogue entry (loss, layer, activation, average…), a parameter or one of its values, or a class.
// Hover sections start here; the walk carries the slot of each value down the path (see slots.ts).

import type { CatalogueEntry, ParamSpec } from '../../../core/catalogue';
import type { Call, Experiment, Identifier, Property, Value } from '../../../core/syntax/ast';
import type { Located } from '../../../core/syntax/locate';
import { argumentSlot, blockContent, entryIn, keyEntry, layerSlot, NO_SLOT, paramOfArgument, propertySlot, type Scope, type Slot } from './slots';

export type Target =
  | { readonly kind: 'experiment'; readonly experiment: Experiment; readonly node: Identifier }
  | { readonly kind: 'parent'; readonly experiment: Experiment; readonly node: Identifier }
  | { readonly kind: 'key'; readonly entry: CatalogueEntry | undefined; readonly scope: Scope; readonly property: Property; readonly node: Identifier }
  | { readonly kind: 'entry'; readonly entry: CatalogueEntry; readonly node: Identifier | Value }
  /** An argument's name, or a literal given for a parameter (`16` in dense(16)). */
  | { readonly kind: 'param'; readonly owner: CatalogueEntry; readonly param: ParamSpec; readonly call: Call; readonly node: Identifier | Value }
  /** A name given to a parameter that takes a fixed set of names (`padding: same`). */
  | { readonly kind: 'param-value'; readonly owner: CatalogueEntry; readonly param: ParamSpec; readonly value: string; readonly node: Value }
  /** A class: in `classes: [...]`, in y_true, or given to a label parameter (pos_label: cat). */
  | { readonly kind: 'class'; readonly name: string; readonly isIndex: boolean; readonly node: Value };

const LEAVES = new Set(['identifier', 'number', 'string', 'boolean']);

/** The target of the innermost node of `path`, or undefined when the path ends on no name or literal. */
export function targetAt(path: readonly Located[]): Target | undefined {
  const experiment = path[0];
  const leaf = path[path.length - 1];
  if (experiment?.kind !== 'experiment' || !leaf || !LEAVES.has(leaf.kind)) return undefined;
  if (leaf === experiment.name) return { kind: 'experiment', experiment, node: leaf as Identifier };
  if (leaf === experiment.parent) return { kind: 'parent', experiment, node: leaf as Identifier };

  let scope: Scope = 'experiment';
  let slot: Slot = NO_SLOT;
  let owner: CatalogueEntry | undefined;
  let call: Call | undefined;
  let param: ParamSpec | undefined;
  let lists = 0; // lists entered since the slot was set: a class is an item of one list, not a count or a row
  for (let i = 1; i < path.length; i++) {
    const n = path[i];
    const next = path[i + 1];
    switch (n.kind) {
      case 'property':
        lists = 0;
        if (next === n.key) return { kind: 'key', entry: keyEntry(n.key.name, scope), scope, property: n, node: n.key };
        slot = next?.kind === 'block' ? NO_SLOT : propertySlot(n.key.name, scope);
        if (next?.kind === 'block') {
          const content = blockContent(n.key.name, scope);
          if (content === 'layers') slot = layerSlot();
          else if (content === 'data') scope = 'data';
          else slot = NO_SLOT;
        }
        break;
      case 'block':
        break; // the block's entries take the slot already set
      case 'list':
        lists++;
        break;
      case 'call':
        owner = entryIn(slot, n.callee.name);
        call = n;
        if (next === n.callee) return owner ? { kind: 'entry', entry: owner, node: n.callee } : undefined;
        break;
      case 'argument': {
        param = owner && call ? paramOfArgument(owner, n.name?.name, call.args.indexOf(n)) : undefined;
        if (!owner || !call || !param) return undefined;
        if (next === n.name) return { kind: 'param', owner, param, call, node: n.name! };
        slot = argumentSlot(owner, param);
        lists = 0;
        // A literal given straight to the parameter explains the parameter (`16` in dense(16)).
        if (next && next === leaf && next.kind !== 'identifier' && !(next.kind === 'string' && slot.kind === 'names')) {
          return { kind: 'param', owner, param, call, node: leaf as Value };
        }
        break;
      }
      default:
        if (n !== leaf) return undefined;
    }
  }
  return leafTarget(leaf as Value, slot, lists, owner, call, param);
}

function leafTarget(leaf: Value, slot: Slot, lists: number, owner: CatalogueEntry | undefined, call: Call | undefined, param: ParamSpec | undefined): Target | undefined {
  const text = leaf.kind === 'identifier' ? leaf.name : leaf.kind === 'string' ? leaf.value : leaf.kind === 'number' ? leaf.raw : undefined;
  if (text === undefined) return undefined;
  switch (slot.kind) {
    case 'names': {
      const entry = entryIn(slot, text);
      if (entry) return { kind: 'entry', entry, node: leaf };
      // An unknown name given to a parameter still explains the parameter.
      return owner && param && call ? { kind: 'param', owner, param, call, node: leaf } : undefined;
    }
    case 'param':
      if (slot.param.type === 'label') return { kind: 'class', name: text, isIndex: leaf.kind === 'number', node: leaf };
      if (slot.param.type === 'name' && leaf.kind !== 'number') return { kind: 'param-value', owner: slot.owner, param: slot.param, value: text, node: leaf };
      return call ? { kind: 'param', owner: slot.owner, param: slot.param, call, node: leaf } : undefined;
    case 'classes':
      return lists === 1 ? { kind: 'class', name: text, isIndex: false, node: leaf } : undefined;
    case 'labels':
      return lists === 1 ? { kind: 'class', name: text, isIndex: leaf.kind === 'number', node: leaf } : undefined;
    default:
      return undefined;
  }
}
