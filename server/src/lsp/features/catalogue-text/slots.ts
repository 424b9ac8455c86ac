// What a value position expects: a catalogue name of some kinds (a loss after `loss:`, a layer inside
// `model { }`, an activation after `activation:`), a parameter's value, a class, or plain data.
// Hover (reading the AST) and completion (reading the text before the cursor) both ask this one module, so
// `log_loss` means the metric inside `metrics: [...]` and the loss after `loss:` in both.

import { findParam, lookup, positionalParam, type CatalogueEntry, type EntryKind, type ParamSpec } from '../../../core/catalogue';

export type Slot =
  /** A catalogue name of one of these kinds, bare or called. */
  | { readonly kind: 'names'; readonly kinds: readonly EntryKind[] }
  /** The value of a parameter that takes no catalogue name (a number, a padding mode, a class, a path). */
  | { readonly kind: 'param'; readonly owner: CatalogueEntry; readonly param: ParamSpec }
  /** The list after `classes:`. */
  | { readonly kind: 'classes' }
  /** The labels of `y_true`: class indices or names. */
  | { readonly kind: 'labels' }
  /** Anything else: numbers of y_pred and features, unknown keys. */
  | { readonly kind: 'none' };

/** Where properties stand: the experiment body or a `data { }` block (`model { }` holds layers, no properties). */
export type Scope = 'experiment' | 'data';

export const NO_SLOT: Slot = { kind: 'none' };
const LAYERS: Slot = { kind: 'names', kinds: ['layer'] };

/** Kinds that a key's block holds rather than its value (`model { dense(3) }`, `data { y_true: ... }`). */
const BLOCK_ONLY: readonly EntryKind[] = ['layer', 'data-key'];

/** The key entry of a property in a scope. */
export function keyEntry(key: string, scope: Scope): CatalogueEntry | undefined {
  return lookup(scope === 'data' ? 'data-key' : 'key', key);
}

/** What the value after `key:` is. */
export function propertySlot(key: string, scope: Scope): Slot {
  if (scope === 'data') return key === 'y_true' ? { kind: 'labels' } : NO_SLOT;
  if (key === 'classes') return { kind: 'classes' };
  const kinds = (keyEntry(key, scope)?.valueKinds ?? []).filter((k) => !BLOCK_ONLY.includes(k));
  return kinds.length ? { kind: 'names', kinds } : NO_SLOT;
}

/** What a block after `key` holds: layers (model), properties (data), or nothing known. */
export function blockContent(key: string, scope: Scope): 'layers' | 'data' | undefined {
  if (scope !== 'experiment') return undefined;
  return key === 'model' ? 'layers' : key === 'data' ? 'data' : undefined;
}

export function layerSlot(): Slot {
  return LAYERS;
}

/** What the value of one parameter of a call is. */
export function argumentSlot(owner: CatalogueEntry, param: ParamSpec): Slot {
  if (param.valuesFrom) return { kind: 'names', kinds: [param.valuesFrom] };
  return { kind: 'param', owner, param };
}

/** The parameter an argument sets: by its name, or the positional one for a first unnamed argument. */
export function paramOfArgument(owner: CatalogueEntry, name: string | undefined, index: number): ParamSpec | undefined {
  if (name !== undefined) return findParam(owner, name);
  return index === 0 ? positionalParam(owner) : undefined;
}

/** The catalogue entry a name denotes in a slot (the first kind that knows it), if any. */
export function entryIn(slot: Slot, name: string): CatalogueEntry | undefined {
  if (slot.kind !== 'names') return undefined;
  for (const k of slot.kinds) {
    const e = lookup(k, name);
    if (e) return e;
  }
  return undefined;
}
