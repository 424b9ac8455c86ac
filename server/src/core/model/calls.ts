// Validates a call against the knowledge catalogue: the name, each argument's parameter, type and range.
// Everything comes from the catalogue data, so a new loss or layer needs no code here.

import { allowedValues, editDistance, entriesOf, findParam, isAllowedValue, lookup, positionalParam, suggest, suggestParam, suggestionThreshold } from '../catalogue';
import type { CatalogueEntry, EntryKind, ParamSpec } from '../catalogue/types';
import type { CallModel } from './types';
import type { Argument, Call, Identifier, Value } from '../syntax/ast';
import type { Reporter } from '../diagnostic';

const KIND_WORDS: Record<EntryKind, string> = {
  key: 'key',
  'data-key': 'data key',
  task: 'task',
  encoding: 'label encoding',
  framework: 'framework',
  loss: 'loss',
  activation: 'activation',
  optimizer: 'optimizer',
  metric: 'metric',
  layer: 'layer',
  model: 'model',
  'data-source': 'data source',
  average: 'average',
};

export function kindWord(kind: EntryKind): string {
  return KIND_WORDS[kind];
}

/** "did you mean 'x'?" for a name of the given kinds, or ''. */
export function didYouMean(name: string, kinds: EntryKind | readonly EntryKind[]): { text: string; suggestion?: string } {
  const s = suggest(name, kinds);
  return s ? { text: `; did you mean '${s}'?`, suggestion: s } : { text: '' };
}

/** Reports an unknown name of a kind, with a suggestion. */
export function reportUnknownName(report: Reporter, node: Identifier, kinds: readonly EntryKind[]): void {
  const hint = didYouMean(node.name, kinds);
  const what = kinds.map(kindWord).join(' or ');
  report('unknown-name', 'error', `unknown ${what} '${node.name}'${hint.text}`, node, {
    data: { name: node.name, kinds: [...kinds], ...(hint.suggestion ? { suggestion: hint.suggestion } : {}) },
  });
}

/**
 * Reads a value that names a catalogue entry (a bare name or a call) and validates it.
 * Returns undefined (after reporting) when the value is not a name or call at all.
 */
export function resolveCall(value: Value, kinds: readonly EntryKind[], experiment: string, report: Reporter): CallModel | undefined {
  const nameNode = value.kind === 'identifier' ? value : value.kind === 'call' ? value.callee : undefined;
  if (!nameNode) {
    const examples = kinds.flatMap((k) => entriesOf(k).slice(0, 2).map((e) => e.name));
    report('invalid-value', 'error', `expected a ${kinds.map(kindWord).join(' or ')} name such as ${examples.map((e) => `'${e}'`).join(' or ')}`, value);
    return undefined;
  }
  let entry: CatalogueEntry | undefined;
  for (const k of kinds) entry ??= lookup(k, nameNode.name);
  if (!entry) reportUnknownName(report, nameNode, kinds);
  const args = entry && value.kind === 'call' ? validateArguments(entry, value, report) : new Map<string, Argument>();
  if (entry) reportMissingRequired(entry, args, nameNode, report);
  return { name: entry?.name ?? nameNode.name, node: value as Call | Identifier, nameNode, entry, args, experiment };
}

function validateArguments(entry: CatalogueEntry, call: Call, report: Reporter): Map<string, Argument> {
  const args = new Map<string, Argument>();
  call.args.forEach((arg, index) => {
    let param: ParamSpec | undefined;
    if (arg.name) {
      param = findParam(entry, arg.name.name);
      if (!param) {
        const names = entry.params.map((p) => p.name);
        const hint = suggestParam(entry, arg.name.name);
        const known = names.length ? ` (it takes ${names.join(', ')})` : ' (it takes no parameters)';
        report('unknown-name', 'error', `${entry.name} has no parameter '${arg.name.name}'${hint ? `; did you mean '${hint}'?` : known}`, arg.name, {
          data: { name: arg.name.name, parameterOf: entry.name, ...(hint ? { suggestion: hint } : {}) },
        });
        return;
      }
    } else {
      param = index === 0 ? positionalParam(entry) : undefined;
      if (!param) {
        const positional = positionalParam(entry);
        report(
          'invalid-argument',
          'error',
          positional
            ? `only the first argument of ${entry.name} (${positional.name}) may go without a name; write name: value`
            : `${entry.name} takes named arguments only (name: value)`,
          arg,
        );
        return;
      }
    }
    if (args.has(param.name)) {
      report('duplicate-argument', 'error', `${param.name} is given twice; the second one would win`, arg);
      return;
    }
    args.set(param.name, arg);
    if (arg.value) checkParamValue(entry, param, arg.value, report);
  });
  return args;
}

function reportMissingRequired(entry: CatalogueEntry, args: Map<string, Argument>, at: Identifier, report: Reporter): void {
  for (const p of entry.params) {
    if (!('default' in p) && !args.has(p.name)) {
      const how = p.positional ? `${entry.name}(${p.name === 'path' ? '"…"' : '…'})` : `${p.name}: …`;
      report('missing-argument', 'error', `${entry.name} needs ${p.name} (${p.summary.replace(/\.$/, '')}): write ${how}`, at, {
        data: { parameter: p.name },
      });
    }
  }
}

/** Type and range of one argument value. */
export function checkParamValue(entry: CatalogueEntry, param: ParamSpec, value: Value, report: Reporter): void {
  // A second accepted type (zero_division: warn | nan | a number) takes the value when its literal kind fits.
  const alternative = param.alsoAccepts?.find((t) => literalFits(t, value));
  const choices = choicesText(param);
  if (alternative && alternative !== param.type) {
    // zero_division: 0.5 or 2 is neither a name nor one of the numbers: say every value it may take.
    const outside = (x: number) => !Number.isInteger(x) || (param.min !== undefined && x < param.min) || (param.max !== undefined && x > param.max);
    if (choices && alternative === 'integer' && value.kind === 'number' && outside(value.value)) {
      return report('invalid-parameter', 'error', `${entry.name} ${param.name} must be ${choices}, not ${value.raw}`, value, { data: { parameter: param.name } });
    }
    return checkParamValue(entry, { ...param, type: alternative, alsoAccepts: undefined }, value, report);
  }
  const typeError = (expected: string) =>
    report('invalid-parameter', 'error', `${entry.name} ${param.name} must be ${expected}`, value, { data: { parameter: param.name } });
  switch (param.type) {
    case 'number':
    case 'integer': {
      if (value.kind !== 'number') return typeError(param.type === 'integer' ? 'a whole number' : 'a number');
      if (param.type === 'integer' && !Number.isInteger(value.value)) return typeError('a whole number');
      checkRange(entry, param, value.value, value, report);
      return;
    }
    case 'boolean':
      if (value.kind !== 'boolean') typeError('true or false');
      return;
    case 'string':
      if (value.kind !== 'string') typeError('a quoted string');
      return;
    case 'name': {
      const name = value.kind === 'identifier' ? value.name : value.kind === 'string' ? value.value : value.kind === 'call' ? value.callee.name : undefined;
      if (name === undefined) return typeError('a name');
      if (param.valuesFrom) {
        if (!isAllowedValue(param, name)) {
          const node = value.kind === 'call' ? value.callee : value;
          const hint = didYouMean(name, param.valuesFrom);
          report('unknown-name', 'error', `unknown ${kindWord(param.valuesFrom)} '${name}'${hint.text}`, node, {
            data: { name, kinds: [param.valuesFrom], ...(hint.suggestion ? { suggestion: hint.suggestion } : {}) },
          });
        }
      } else if (!isAllowedValue(param, name)) {
        const allowed = allowedValues(param) ?? [];
        const hint = closest(name, allowed);
        report('unknown-name', 'error', `${entry.name} ${param.name} must be ${choices ?? `one of ${allowed.join(', ')}`}${hint ? `; did you mean '${hint}'?` : ''}`, value, {
          data: { name, ...(hint ? { suggestion: hint } : {}) },
        });
      }
      return;
    }
    case 'shape': {
      const dims = value.kind === 'list' ? value.items : [value];
      for (const d of dims) {
        if (d.kind !== 'number' || !Number.isInteger(d.value) || d.value < 1) {
          if (!(d.kind === 'identifier' && d.name === 'None')) return typeError('a positive whole number or a list of them, e.g. [600, 1]');
        }
      }
      return;
    }
    case 'columns': {
      const items = value.kind === 'list' ? value.items : [value];
      if (items.some((i) => i.kind !== 'string')) typeError('a column name in quotes, or a list of them');
      return;
    }
    case 'label':
      if (value.kind !== 'number' && value.kind !== 'identifier' && value.kind !== 'string') typeError('a class: an index or a name');
      return;
    case 'numbers': {
      const items = value.kind === 'list' ? value.items : [value];
      if (items.length === 0 || items.some((i) => i.kind !== 'number')) return typeError('a number or a list of numbers, e.g. [1.0, 2.5, 0.5]');
      for (const i of items) if (i.kind === 'number') checkRange(entry, param, i.value, i, report);
      return;
    }
  }
}

/**
 * Every value of a name parameter that also takes numbers, for messages: "warn, nan, 0 or 1" (a whole number
 * in a small range is listed), "nan or a number in [-1, 1]". Undefined for other parameters.
 */
function choicesText(param: ParamSpec): string | undefined {
  const names = param.type === 'name' && !param.valuesFrom ? (param.values ?? []) : [];
  const numeric = param.alsoAccepts?.find((t) => t === 'integer' || t === 'number');
  if (names.length === 0 || !numeric) return undefined;
  const { min, max } = param;
  const listed = numeric === 'integer' && min !== undefined && max !== undefined && max - min <= 3;
  const numbers = listed
    ? Array.from({ length: max - min + 1 }, (_, i) => String(min + i))
    : [`a ${numeric === 'integer' ? 'whole number' : 'number'}${min !== undefined && max !== undefined ? ` in [${min}, ${max}]` : ''}`];
  const all = [...names, ...numbers];
  return `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
}

function literalFits(type: ParamSpec['type'], value: Value): boolean {
  if (type === 'number' || type === 'integer') return value.kind === 'number';
  if (type === 'string' || type === 'columns') return value.kind === 'string';
  if (type === 'boolean') return value.kind === 'boolean';
  return false;
}

function checkRange(entry: CatalogueEntry, param: ParamSpec, x: number, at: Value, report: Reporter): void {
  const tooLow = param.min !== undefined && (param.minExclusive ? x <= param.min : x < param.min);
  const tooHigh = param.max !== undefined && (param.maxExclusive ? x >= param.max : x > param.max);
  if (!tooLow && !tooHigh) return;
  const lo = param.min === undefined ? '(-∞' : `${param.minExclusive ? '(' : '['}${param.min}`;
  const hi = param.max === undefined ? '∞)' : `${param.max}${param.maxExclusive ? ')' : ']'}`;
  const interval = param.min !== undefined && param.max === undefined ? `${param.minExclusive ? '>' : '≥'} ${param.min}` : `in ${lo}, ${hi}`;
  report(param.rangeCode ?? 'invalid-parameter', 'error', `${entry.name} ${param.name} must be ${interval}, not ${at.kind === 'number' ? at.raw : x}`, at, {
    data: { parameter: param.name, value: x },
  });
}

/** The closest of a few candidate names (allowed values, experiment names), by the catalogue's measure. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const limit = suggestionThreshold(name.length);
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase(), limit);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
