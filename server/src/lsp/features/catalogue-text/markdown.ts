// Markdown for catalogue entries and parameters: what hover, completion documentation and signature help show.
// Pure functions of the catalogue data (no LSP types), so every feature renders a name the same way.
// Formulas go in a fenced block of Unicode math: VS Code hovers render no LaTeX, and a code block keeps
// subscripts and Σ aligned in a monospace font.

import type { CatalogueEntry, ParamSpec, ParamType } from '../../../core/catalogue';
import { allowedValues } from '../../../core/catalogue';
import { kindWord } from '../../../core/model/calls';

const TYPE_WORDS: Record<ParamType, string> = {
  number: 'number',
  integer: 'integer',
  boolean: 'true | false',
  string: 'string',
  name: 'name',
  shape: 'integer or list of integers',
  columns: 'column name or list of column names',
  numbers: 'number or list of numbers',
  label: 'class (index or name)',
};

/** The default as it reads in a signature: `None` for Keras' None, booleans lower-case, strings quoted. */
export function defaultText(p: ParamSpec): string | undefined {
  if (!('default' in p) || p.default === undefined) return undefined;
  const d = p.default;
  if (d === null) return 'None';
  if (typeof d === 'string') return p.type === 'string' || p.type === 'columns' ? JSON.stringify(d) : d;
  // A real-valued default reads as Keras and scikit-learn write it: C=1.0, label_smoothing=0.0.
  if (typeof d === 'number' && p.type === 'number' && Number.isInteger(d) && Math.abs(d) < 1e15) return d.toFixed(1);
  return String(d);
}

/** Allowed numeric range in interval notation ("[0, 1)", "> 0", "≥ 1"), or undefined when unbounded. */
export function rangeText(p: ParamSpec): string | undefined {
  const { min, max } = p;
  if (min === undefined && max === undefined) return undefined;
  if (max === undefined) return `${p.minExclusive ? '>' : '≥'} ${min}`;
  if (min === undefined) return `${p.maxExclusive ? '<' : '≤'} ${max}`;
  return `${p.minExclusive ? '(' : '['}${min}, ${max}${p.maxExclusive ? ')' : ']'}`;
}

/** Past this many allowed values a one-line summary shows the first few (a parameter's own hover shows all). */
const SHORT_VALUES = 6;

/**
 * "integer ≥ 1", "valid | same | causal", "activation name or integer". `range: false` leaves the range out;
 * `allValues` lists every allowed name even when there are many.
 */
export function typeText(p: ParamSpec, options: { range?: boolean; allValues?: boolean } = {}): string {
  const withRange = options.range !== false;
  let base: string;
  if (p.type === 'name' && p.valuesFrom) base = `${kindWord(p.valuesFrom)} name`;
  else if (p.type === 'name' && p.values) {
    base = options.allValues || p.values.length <= SHORT_VALUES ? p.values.join(' | ') : `${p.values.slice(0, 3).join(' | ')} | … (${p.values.length} names)`;
  }
  else base = TYPE_WORDS[p.type];
  const also = (p.alsoAccepts ?? []).filter((t) => t !== p.type).map((t) => TYPE_WORDS[t]);
  const range = rangeText(p);
  const numeric = p.type === 'number' || p.type === 'integer' || (p.alsoAccepts ?? []).some((t) => t === 'number' || t === 'integer');
  if (!withRange || !range || !numeric) return [base, ...also].join(' or ');
  return `${[base, ...also].join(' or ')} ${/^[[(]/.test(range) ? 'in ' : ''}${range}`;
}

/** One line per parameter, for entry hovers and completion documentation. */
export function paramListItem(p: ParamSpec): string {
  const d = defaultText(p);
  const facts = [typeText(p), d === undefined ? 'required' : `default \`${d}\``];
  if (p.positional) facts.push('may be given first without its name');
  if (p.aliases?.length) facts.push(`alias ${p.aliases.map((a) => `\`${a}\``).join(', ')}`);
  return `- \`${p.name}\` (${facts.join(', ')}): ${p.summary}${p.defaultNote ? ` Default in xent: ${p.defaultNote.replace(/^xent: /, '')}` : ''}`;
}

/** `keras.losses.BinaryCrossentropy / "binary_crossentropy"` → each spelling in code font. */
function codeNames(text: string): string {
  return text
    .split(' / ')
    .map((part) => part.replace(/^(\S+)/, '`$1`'))
    .join(' · ');
}

/** The library names of an entry, one line each, or '' when it has none. */
export function libraryNames(entry: CatalogueEntry): string {
  const lines: string[] = [];
  if (entry.keras) lines.push(`Keras: ${codeNames(entry.keras)}`);
  if (entry.sklearn) lines.push(`scikit-learn: ${codeNames(entry.sklearn)}`);
  if (entry.pytorch) lines.push(`PyTorch: ${codeNames(entry.pytorch)}`);
  return lines.join('  \n');
}

export function formulaBlock(formula: string): string {
  return '```text\n' + formula + '\n```';
}

/** The heading of an entry: its name, what kind of thing it is, and its other spellings. */
export function entryHeading(entry: CatalogueEntry): string {
  const aliases = entry.aliases?.length ? ` (also ${entry.aliases.map((a) => `\`${a}\``).join(', ')})` : '';
  return `**${entry.name}** · ${kindWord(entry.kind)}${aliases}`;
}

export interface EntryMarkdownOptions {
  /** Leave the heading out (completion shows the label already). */
  readonly heading?: boolean;
  /** Leave the parameter list out. */
  readonly params?: boolean;
}

/** Everything the catalogue knows of an entry: summary, formula, library names, details, parameters. */
export function entryMarkdown(entry: CatalogueEntry, options: EntryMarkdownOptions = {}): string {
  const parts: string[] = [];
  if (options.heading !== false) parts.push(entryHeading(entry));
  parts.push(entry.summary);
  if (entry.formula) parts.push(formulaBlock(entry.formula));
  const names = libraryNames(entry);
  if (names) parts.push(names);
  if (entry.details) parts.push(entry.details);
  if (options.params !== false && entry.params.length > 0) parts.push(`**Parameters**\n\n${entry.params.map(paramListItem).join('\n')}`);
  return parts.join('\n\n');
}

/** A parameter on its own: what it belongs to, its type, default, range and allowed values. */
export function paramMarkdown(owner: CatalogueEntry, p: ParamSpec, options: { heading?: boolean } = {}): string {
  const parts: string[] = [];
  if (options.heading !== false) parts.push(`**${p.name}** · parameter of \`${owner.name}\` (${kindWord(owner.kind)})`);
  const d = defaultText(p);
  const facts = [`Type: ${typeText(p, { range: false, allValues: true })}`, d === undefined ? 'Required' : `Default: \`${d}\``];
  const range = rangeText(p);
  if (range) facts.push(`Allowed: ${range}`);
  parts.push(facts.join('  \n'));
  parts.push(p.summary);
  if (p.defaultNote) parts.push(p.defaultNote);
  if (p.positional) parts.push(`May be given first without its name: \`${owner.name}(${exampleValue(p)})\`.`);
  if (p.aliases?.length) parts.push(`Also spelled ${p.aliases.map((a) => `\`${a}\``).join(', ')}.`);
  const values = allowedValues(p);
  if (values && !p.values) parts.push(`Takes any ${kindWord(p.valuesFrom!)}: ${values.slice(0, 12).map((v) => `\`${v}\``).join(', ')}${values.length > 12 ? ', …' : ''}`);
  return parts.join('\n\n');
}

function exampleValue(p: ParamSpec): string {
  const d = defaultText(p);
  if (d !== undefined && d !== 'None') return d;
  switch (p.type) {
    case 'string':
      return '"…"';
    case 'name':
      return allowedValues(p)?.[0] ?? '…';
    default:
      return '…';
  }
}

/** A value of a parameter that takes a fixed set of names (`padding: same`): the parameter, then the value. */
export function paramValueMarkdown(owner: CatalogueEntry, p: ParamSpec, value: string): string {
  const values = allowedValues(p) ?? [];
  const known = values.includes(value);
  const head = `**${value}** · value of \`${owner.name}\` \`${p.name}\``;
  const status = known ? `One of ${values.map((v) => (v === value ? `**${v}**` : v)).join(' | ')}.` : `Not one of ${values.join(' | ')}.`;
  return [head, status, paramMarkdown(owner, p)].join('\n\n');
}
