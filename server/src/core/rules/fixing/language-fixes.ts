// Fixes of language-level diagnostics: the suggested name for an unknown one, a missing loss line, duplicates
// removed, an unnamed argument named.

import { allowedValues, type CatalogueEntry, type EntryKind, findParam, isAllowedValue, lookup, type ParamSpec, positionalParam } from '../../catalogue';
import { innermost, locate } from '../../syntax/locate';
import { dataString, draft } from './draft';
import { insertAt, insertProperty, removeArgument, removeEntry, removeListItem, replaceNode } from './text';
import type { Draft, FixContext, Fixer } from './types';

function pathAt(ctx: FixContext) {
  return locate(ctx.analysis.parse.document, ctx.start);
}

/** Whether taking the suggestion would name something twice (a key already set, a parameter already given). */
function wouldDuplicate(ctx: FixContext, suggestion: string): boolean {
  const path = pathAt(ctx);
  const kinds = Array.isArray(ctx.data.kinds) ? (ctx.data.kinds as string[]) : [];
  if (kinds.includes('key')) return !!ctx.experiment?.properties.some((p) => p.key.name === suggestion);
  if (kinds.includes('data-key')) {
    const block = innermost(path, 'block');
    return !!block?.entries.some((e) => e.kind === 'property' && e.key.name === suggestion);
  }
  if (typeof ctx.data.parameterOf === 'string') {
    const call = innermost(path, 'call');
    const entry = call && callEntry(ctx, call.callee.name);
    const wanted = entry && findParam(entry, suggestion);
    return !!call && !!entry && call.args.some((a) => a.name && findParam(entry, a.name.name) === wanted);
  }
  return false;
}

export const unknownName: Fixer = (ctx) => {
  const suggestion = dataString(ctx, 'suggestion');
  const written = ctx.text.slice(ctx.start, ctx.end);
  const replace = suggestion
    ? draft(`Replace with '${suggestion}'`, [replaceNode(ctx, /^["']/.test(written) ? JSON.stringify(suggestion) : suggestion)], !wouldDuplicate(ctx, suggestion))
    : undefined;
  // An unknown parameter can also go.
  let remove: Draft | undefined;
  if (typeof ctx.data.parameterOf === 'string') {
    const path = pathAt(ctx);
    const call = innermost(path, 'call');
    const arg = innermost(path, 'argument');
    const e = call && arg && arg.name?.start === ctx.start ? removeArgument(call, arg) : undefined;
    remove = draft(`Remove the argument '${arg?.name?.name ?? written}'`, e && [e], !replace);
  }
  return [replace, remove];
};

export const unknownExperiment: Fixer = (ctx) => {
  const suggestion = dataString(ctx, 'suggestion');
  return suggestion ? [draft(`Replace with '${suggestion}'`, [replaceNode(ctx, suggestion)], true)] : [];
};

/**
 * The loss that fits the output layer and the labels: binary_crossentropy for one unit, sigmoid outputs or a
 * multilabel task; the categorical losses for softmax over one unit per class (sparse for integer labels);
 * from_logits when the output is linear. Preferred only when the output layer clearly says which.
 */
function fittingLoss(ctx: FixContext): { text: string; fits: boolean } {
  const f = ctx.facts;
  const o = f?.output;
  const task = f?.task;
  const perLabel = task === 'multilabel' || f?.encoding === 'indicator';
  const categorical = f?.encoding === 'integer' ? 'sparse_categorical_crossentropy' : 'categorical_crossentropy';
  if (!o) {
    const name = perLabel || task === 'binary' ? 'binary_crossentropy' : categorical;
    return { text: name, fits: false };
  }
  const binary = perLabel || o.units === 1 || o.range === 'probability';
  const name = binary ? 'binary_crossentropy' : categorical;
  const logits = o.range === 'linear';
  const fits = binary
    ? (o.range === 'probability' || logits) && !(task === 'multiclass' && (f?.k ?? 0) > 2)
    : (o.range === 'simplex' || logits) && o.units > 1;
  return { text: logits ? `${name}(from_logits: true)` : name, fits };
}

export const missingLoss: Fixer = (ctx) => {
  if (!ctx.experiment || !ctx.model) return [];
  const loss = fittingLoss(ctx);
  const model = ctx.model.properties.get('model');
  const after = model && model.experiment === ctx.model.name ? model.property : undefined;
  const edit = insertProperty(ctx.source, ctx.experiment, `loss: ${loss.text}`, after);
  return [draft(`Add loss: ${loss.text}`, [edit], loss.fits)];
};

export const duplicateProperty: Fixer = (ctx) => {
  const p = innermost(pathAt(ctx), 'property');
  return p && p.key.start === ctx.start ? [draft(`Remove the second '${p.key.name}'`, [removeEntry(ctx.source, p)], true)] : [];
};

export const duplicateClass: Fixer = (ctx) => {
  const list = innermost(pathAt(ctx), 'list');
  const item = list?.items.find((i) => i.start === ctx.start);
  const e = list && item ? removeListItem(list, item) : undefined;
  return [draft(`Remove the second '${ctx.text.slice(ctx.start, ctx.end)}'`, e && [e], true)];
};

export const duplicateArgument: Fixer = (ctx) => {
  const call = innermost(pathAt(ctx), 'call');
  const arg = call?.args.find((a) => a.start === ctx.start);
  const e = call && arg ? removeArgument(call, arg) : undefined;
  return [draft('Remove the repeated argument', e && [e])];
};

/** The catalogue entry a call names, read as the kinds its property takes (a layer in `model { }`, a loss…). */
function callEntry(ctx: FixContext, name: string): CatalogueEntry | undefined {
  const path = pathAt(ctx);
  const top = path.find((n) => n.kind === 'property');
  const kinds: readonly EntryKind[] = (top?.kind === 'property' && lookup('key', top.key.name)?.valueKinds) || [];
  for (const k of kinds) {
    const e = lookup(k, name);
    if (e) return e;
  }
  return undefined;
}

/** `dense(3, softmax)` → `dense(3, activation: softmax)`: the one parameter not yet given that takes this value. */
export const invalidArgument: Fixer = (ctx) => {
  const call = innermost(pathAt(ctx), 'call');
  const arg = call?.args.find((a) => a.start === ctx.start);
  const entry = call && callEntry(ctx, call.callee.name);
  if (!call || !arg?.value || arg.name || !entry) return [];
  const given = new Set<ParamSpec>();
  call.args.forEach((a, i) => {
    const p = a.name ? findParam(entry, a.name.name) : i === 0 ? positionalParam(entry) : undefined;
    if (p) given.add(p);
  });
  const v = arg.value;
  const name = v.kind === 'identifier' ? v.name : v.kind === 'string' ? v.value : undefined;
  const fits = entry.params.filter((p) => {
    if (given.has(p)) return false;
    if (name !== undefined) return p.type === 'name' && allowedValues(p) !== undefined && isAllowedValue(p, name);
    return v.kind === 'boolean' && p.type === 'boolean';
  });
  return fits.slice(0, 3).map((p) => draft(`Write ${p.name}: ${ctx.text.slice(v.start, v.end)}`, [insertAt(arg.start, `${p.name}: `)], fits.length === 1));
};
