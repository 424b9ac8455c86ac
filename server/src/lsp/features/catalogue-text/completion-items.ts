// What to complete at a cursor, as plain data (no LSP types): keys not yet set, the values each key takes,
// call parameters not yet given with their defaults, allowed values of a parameter, class names, experiment
// names after `extends`, and templates for a new experiment. Data file paths need the file system, so this
// module only says where they go (`files`) and the server lists them.

import { entriesOf, findParam, positionalParam, type CatalogueEntry, type EntryKind, type ParamSpec } from '../../../core/catalogue';
import type { Analysis } from '../../../core/check';
import type { ExperimentModel } from '../../../core/model/types';
import type { Call, ListLiteral } from '../../../core/syntax/ast';
import { locate } from '../../../core/syntax/locate';
import { cursorContext, valueSlot, type CursorContext, type Frame } from './cursor';
import { classesText, experimentSummary } from './facts';
import { defaultText, entryMarkdown, paramMarkdown, typeText } from './markdown';
import type { Slot } from './slots';
import { EXPERIMENT_TEMPLATES } from './templates';

export type ItemKind =
  | 'key'
  | 'parameter'
  | 'function' // a loss, layer, metric, optimizer, activation, model or data source
  | 'enum' // a task, encoding, average or a parameter's named value
  | 'value' // a literal: true, false, a default number
  | 'class'
  | 'experiment'
  | 'keyword'
  | 'snippet';

export interface Item {
  readonly label: string;
  readonly kind: ItemKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** The text to insert; LSP snippet syntax when `snippet`. */
  readonly insert: string;
  readonly snippet: boolean;
  readonly sortText: string;
  readonly filterText?: string;
  readonly preselect?: boolean;
}

export interface FileRequest {
  /** File name endings to list (".csv", ".npy"). */
  readonly extensions: readonly string[];
  /** Whether to insert the path in quotes (outside a string) or bare (inside one). */
  readonly quote: boolean;
  /** The path typed so far. */
  readonly typed: string;
  /** A quote to append: the string at the cursor has no closing quote yet. */
  readonly closeQuote?: string;
  readonly range: OffsetRange;
}

export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

export interface Completion {
  readonly items: readonly Item[];
  /** The text the items replace (the word under the cursor, or the inside of a string). */
  readonly range: OffsetRange;
  readonly files?: FileRequest;
}

const EMPTY: Completion = { items: [], range: { start: 0, end: 0 } };

/** Everything completion needs to know about the position, gathered once. */
interface Site {
  readonly analysis: Analysis;
  readonly text: string;
  readonly cursor: CursorContext;
  readonly model?: ExperimentModel;
  readonly range: OffsetRange;
  /** A space to put before a value typed right after ':'. */
  readonly lead: string;
  /** The character after the word (to avoid doubling a ':' or '(' already there). */
  readonly after: string;
}

export interface CompleteOptions {
  /** False when the editor has the templates as its own snippets already (the VS Code extension does). */
  readonly experimentTemplates?: boolean;
}

export function complete(analysis: Analysis, offset: number, options: CompleteOptions = {}): Completion {
  const text = analysis.parse.source.text;
  const cursor = cursorContext(text, analysis.parse.document, offset);
  if (cursor.inside?.kind === 'comment' || cursor.inside?.kind === 'number') return { ...EMPTY, range: { start: offset, end: offset } };
  const model = cursor.experiment && analysis.models.find((m) => m.node === cursor.experiment);
  const range = { start: cursor.word.start, end: cursor.word.end };
  let after = cursor.word.end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const site: Site = {
    analysis,
    text,
    cursor,
    model,
    range,
    lead: text[range.start - 1] === ':' ? ' ' : '',
    after: text[after] ?? '',
  };
  const f = cursor.frames[cursor.frames.length - 1];

  if (cursor.inside?.kind === 'string') return stringCompletion(site, f, cursor.inside);

  switch (f.kind) {
    case 'top':
      if (f.state === 'top') return { items: atLineStart(site) ? topLevelItems(options.experimentTemplates !== false) : [], range };
      if (f.state === 'exp-after-name') return { items: [keyword('extends', 'extends ${1:parent}', 'Inherit every property of another experiment of this file, then override some.')], range };
      if (f.state === 'exp-parent') return { items: parentItems(site, f.key), range };
      return { items: [], range };
    case 'body':
      if ((f.state === 'key' || f.state === 'after-key') && f.scope !== 'other' && atLineStart(site)) return { items: keyItems(site, f.scope!), range };
      if (f.state === 'value') {
        const values = valueCompletion(site, f, valueSlot(f));
        // `loss:` with nothing after it, then a new line: the value may follow, or a new property may start.
        const newLine = f.colonAt !== undefined && /[\r\n]/.test(site.text.slice(f.colonAt, range.start));
        if (newLine && f.scope !== 'other' && atLineStart(site)) return { ...values, items: [...values.items, ...keyItems(site, f.scope!)] };
        return values;
      }
      return { items: [], range };
    case 'layers':
      return { items: f.state === 'item' ? nameItems(site, ['layer'], f) : [], range };
    case 'list':
      return f.state === 'item' ? valueCompletion(site, f, f.slot) : { items: [], range };
    case 'call':
      if (f.state === 'arg-start') return argumentStart(site, f);
      if (f.state === 'arg-value') return valueCompletion(site, f, valueSlot(f));
      return { items: [], range };
  }
}

// ---------------------------------------------------------------------------------------------
// Positions

/** Only white space or an opening brace stands between the line start and the word. */
function atLineStart(site: Site): boolean {
  for (let i = site.range.start - 1; i >= 0; i--) {
    const c = site.text[i];
    if (c === '\n' || c === '\r' || c === '{' || c === '}') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

function sortKey(group: number, index: number): string {
  return `${String(group).padStart(2, '0')}${String(index).padStart(4, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Top level

function topLevelItems(withTemplates: boolean): Item[] {
  const items: Item[] = (withTemplates ? EXPERIMENT_TEMPLATES : []).map((t, i) => ({
    label: `experiment (${t.task})`,
    kind: 'snippet',
    detail: `new ${t.task} experiment`,
    documentation: `${t.description}\n\n\`\`\`xent\n${t.snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '').replace(/\t/g, '  ')}\n\`\`\``,
    insert: t.snippet,
    snippet: true,
    filterText: `experiment ${t.task}`,
    sortText: sortKey(1, i),
  }));
  items.unshift(keyword('experiment', 'experiment ${1:name} {\n\t$0\n}', 'A classification experiment: `experiment NAME [extends PARENT] { ... }`.'));
  return items;
}

function keyword(label: string, snippet: string, documentation: string): Item {
  return { label, kind: 'keyword', insert: snippet, snippet: true, documentation, sortText: sortKey(0, 0) };
}

/** Experiments that may be extended: every other one that does not already extend this one (no cycles). */
function parentItems(site: Site, self: string | undefined): Item[] {
  return site.analysis.models
    .filter((m) => m.name !== self && !(self && m.ancestors.includes(self)))
    .map((m, i) => ({
      label: m.name,
      kind: 'experiment' as const,
      detail: briefFacts(m),
      documentation: experimentSummary(m),
      insert: m.name,
      snippet: false,
      sortText: sortKey(1, i),
    }));
}

/** "multiclass · 3 classes · categorical_crossentropy". */
function briefFacts(m: ExperimentModel): string {
  const parts: string[] = [];
  if (m.task) parts.push(m.task.value);
  if (m.classes) parts.push(`${m.classes.value.count} classes`);
  if (m.loss) parts.push(m.loss.name);
  return parts.join(' · ') || 'experiment';
}

// ---------------------------------------------------------------------------------------------
// Keys

const BLOCK_KEYS = new Set(['model', 'data']);

function keyItems(site: Site, scope: 'experiment' | 'data'): Item[] {
  const set = keysSet(site, scope);
  const entries = entriesOf(scope === 'data' ? 'data-key' : 'key');
  const hasSeparator = site.after === ':' || site.after === '{';
  return entries
    .filter((e) => !set.has(e.name))
    .map((e, i) => {
      let insert = e.name;
      if (!hasSeparator) {
        if (scope === 'experiment' && BLOCK_KEYS.has(e.name)) insert = `${e.name} {\n\t$0\n}`;
        else if (scope === 'data') insert = `${e.name}: [$0]`;
        else insert = `${e.name}: $0`;
      }
      return { label: e.name, kind: 'key' as const, detail: e.summary, documentation: entryMarkdown(e), insert, snippet: !hasSeparator, sortText: sortKey(1, i) };
    });
}

/** Keys the experiment (or data block) at the cursor already sets, except the one being typed. */
function keysSet(site: Site, scope: 'experiment' | 'data'): Set<string> {
  const set = new Set<string>();
  const e = site.cursor.experiment;
  if (!e) return set;
  const typing = (k: { start: number }) => k.start === site.range.start;
  if (scope === 'experiment') {
    for (const p of e.properties) if (!typing(p.key)) set.add(p.key.name);
  } else {
    const data = e.properties.find((p) => p.key.name === 'data' && p.block && p.block.start <= site.range.start && (site.range.start <= p.block.end || !p.block.closed));
    for (const entry of data?.block?.entries ?? []) if (entry.kind === 'property' && !typing(entry.key)) set.add(entry.key.name);
  }
  return set;
}

// ---------------------------------------------------------------------------------------------
// Values

function valueCompletion(site: Site, f: Frame, slot: Slot): Completion {
  const range = site.range;
  switch (slot.kind) {
    case 'names':
      return { items: nameItems(site, slot.kinds, f), range };
    case 'param':
      return paramValueCompletion(site, slot.owner, slot.param);
    case 'labels':
      return { items: f.kind === 'list' && site.cursor.frames[site.cursor.frames.length - 2]?.kind === 'body' ? classItems(site, 'name') : [], range };
    default:
      return { items: [], range };
  }
}

/** Catalogue names of some kinds, ranked for this experiment, without those already in the same list. */
function nameItems(site: Site, kinds: readonly EntryKind[], f: Frame): Item[] {
  const taken = f.kind === 'list' ? namesInList(site, f) : new Set<string>();
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const kind of kinds) {
    const ranked = rank(kind, entriesOf(kind), site);
    ranked.forEach(({ entry, group, preselect }, i) => {
      if (taken.has(entry.name) || seen.has(entry.name)) return;
      if (kind === 'average' && !averageFits(entry.name, site.model)) return;
      seen.add(entry.name);
      const call = site.after === '(' ? undefined : callSnippet(entry);
      items.push({
        label: entry.name,
        kind: kind === 'task' || kind === 'encoding' || kind === 'average' ? 'enum' : 'function',
        detail: entry.formula ?? entry.summary,
        documentation: entryMarkdown(entry),
        insert: site.lead + (call ?? entry.name),
        snippet: call !== undefined,
        sortText: sortKey(group, i),
        ...(preselect ? { preselect: true } : {}),
      });
    });
  }
  return items;
}

/** `dense(${1:units})` for an entry with required parameters; undefined when the bare name will do. */
export function callSnippet(entry: CatalogueEntry): string | undefined {
  const required = entry.params.filter((p) => !('default' in p));
  if (required.length === 0) return undefined;
  let n = 0;
  const args = required.map((p) => {
    const hole = p.type === 'string' ? `"\${${++n}}"` : `\${${++n}:${p.name}}`;
    return p.positional ? hole : `${p.name}: ${hole}`;
  });
  return `${entry.name}(${args.join(', ')})`;
}

/** The names already written in the list at the cursor (metrics: [accuracy, f1, |]), but the one being typed. */
function namesInList(site: Site, f: Frame): Set<string> {
  const names = new Set<string>();
  const list = nodeOpenedAt(site, f.open, 'list') as ListLiteral | undefined;
  for (const item of list?.items ?? []) {
    if (item.start === site.range.start) continue;
    if (item.kind === 'identifier') names.add(item.name);
    else if (item.kind === 'call') names.add(item.callee.name);
  }
  return names;
}

/** The AST list or call whose opening bracket is at `open`, if the parser kept one. */
function nodeOpenedAt(site: Site, open: number, kind: 'list' | 'call'): ListLiteral | Call | undefined {
  const path = locate(site.analysis.parse.document, open);
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i];
    if (kind === 'list' && n.kind === 'list' && n.start === open) return n;
    if (kind === 'call' && n.kind === 'call' && n.openParen === open) return n;
  }
  return undefined;
}

function averageFits(name: string, model: ExperimentModel | undefined): boolean {
  const task = model?.task?.value;
  if (!task) return true;
  if (name === 'binary') return task === 'binary';
  if (name === 'samples') return task === 'multilabel';
  return true;
}

interface Ranked {
  readonly entry: CatalogueEntry;
  /** Lower groups sort first. */
  readonly group: number;
  readonly preselect?: boolean;
}

/**
 * Puts the entries that fit this experiment first: the loss matching task and labels, the output activation
 * for the task on the output layer, metrics that apply to the task, the inferred task or encoding.
 */
function rank(kind: EntryKind, entries: readonly CatalogueEntry[], site: Site): Ranked[] {
  const m = site.model;
  const best = bestNames(kind, m, site);
  return entries.map((entry) => {
    const b = best.indexOf(entry.name);
    if (b >= 0) return { entry, group: 1 + b, preselect: b === 0 };
    if (kind === 'loss' && entry.crossEntropy) return { entry, group: 10 };
    if (kind === 'metric' && m?.task && entry.tasks && !entry.tasks.includes(m.task.value)) return { entry, group: 30 };
    return { entry, group: 20 };
  });
}

function bestNames(kind: EntryKind, m: ExperimentModel | undefined, site: Site): string[] {
  const task = m?.task?.value;
  const labels = m?.labels?.value;
  switch (kind) {
    case 'loss':
      if (task === 'binary' || task === 'multilabel' || labels === 'indicator') return ['binary_crossentropy'];
      if (labels === 'onehot') return ['categorical_crossentropy'];
      if (labels === 'integer') return task === 'multiclass' ? ['sparse_categorical_crossentropy'] : ['sparse_categorical_crossentropy', 'binary_crossentropy'];
      if (task === 'multiclass') return ['categorical_crossentropy', 'sparse_categorical_crossentropy'];
      return [];
    case 'activation': {
      // On the output layer the task decides; elsewhere relu is the usual hidden activation.
      const output = m?.model?.kind === 'layers' ? m.model.output.layer : undefined;
      const onOutput = output?.node.kind === 'call' && output.node.openParen === innermostCallOpen(site);
      if (!onOutput) return ['relu'];
      if (task === 'multiclass') return ['softmax'];
      if (task === 'binary' || task === 'multilabel') return ['sigmoid'];
      return ['softmax', 'sigmoid'];
    }
    case 'task':
      return inferred(m?.task);
    case 'encoding':
      return inferred(m?.labels);
    case 'optimizer':
      return ['adam'];
    default:
      return [];
  }
}

function inferred(fact: { value: string; origin: string } | undefined): string[] {
  return fact && fact.origin === 'inferred' ? [fact.value] : [];
}

function innermostCallOpen(site: Site): number {
  for (let i = site.cursor.frames.length - 1; i > 0; i--) if (site.cursor.frames[i].kind === 'call') return site.cursor.frames[i].open;
  return -2;
}

// ---------------------------------------------------------------------------------------------
// Calls

/** At the start of an argument: the parameters not given yet, and for the first argument its positional values. */
function argumentStart(site: Site, f: Frame): Completion {
  const entry = f.entry;
  if (!entry) return { items: [], range: site.range };
  const items = paramItems(site, f, entry);
  const positional = f.argIndex === 0 ? positionalParam(entry) : undefined;
  if (positional && !given(site, f).has(positional.name)) {
    const values = valueCompletion(site, f, valueSlot(f));
    if (values.files) return { items, range: site.range, files: values.files };
    items.push(...values.items.map((item) => ({ ...item, sortText: `0${item.sortText}` })));
  }
  return { items, range: site.range };
}

/** Parameters given in the call, before or after the cursor, except the one being typed. */
function given(site: Site, f: Frame): Set<string> {
  const names = new Set(f.given);
  const call = nodeOpenedAt(site, f.open, 'call') as Call | undefined;
  const entry = f.entry;
  if (!call || !entry) return names;
  const typing = site.range.end > site.range.start ? site.range.start : -1;
  call.args.forEach((arg, i) => {
    if (arg.start === typing) return;
    const p = arg.name ? findParam(entry, arg.name.name) : i === 0 ? positionalParam(entry) : undefined;
    if (p) names.add(p.name);
  });
  return names;
}

function paramItems(site: Site, f: Frame, entry: CatalogueEntry): Item[] {
  const done = given(site, f);
  const named = site.after === ':';
  // The first argument may be the positional one, given by value (dense(16), csv("val.csv")): its values are
  // offered instead of its name.
  const positional = f.argIndex === 0 && !named ? positionalParam(entry) : undefined;
  return entry.params
    .filter((p) => !done.has(p.name) && p !== positional)
    .map((p, i) => {
      const d = defaultText(p);
      return {
        label: p.name,
        kind: 'parameter' as const,
        detail: `${d === undefined ? 'required' : `= ${d}`} · ${typeText(p)}`,
        documentation: paramMarkdown(entry, p),
        insert: named ? p.name : `${p.name}: ${valuePlaceholder(p)}`,
        snippet: !named,
        sortText: sortKey(d === undefined ? 1 : 2, i),
      };
    });
}

/** `${1:default}`, or a choice of the allowed values (default first) when they are few. */
function valuePlaceholder(p: ParamSpec): string {
  const d = defaultText(p);
  const choices = p.type === 'boolean' ? ['true', 'false'] : p.type === 'name' && p.values && p.values.length <= 8 ? [...p.values] : undefined;
  if (choices) {
    const first = d !== undefined && choices.includes(d) ? [d, ...choices.filter((c) => c !== d)] : choices;
    return `\${1|${first.map(escapeChoice).join(',')}|}`;
  }
  if (p.type === 'string') return '"$1"';
  if (d === undefined || d === 'None') return '$1';
  return `\${1:${escapeSnippet(d)}}`;
}

function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

function escapeChoice(s: string): string {
  return s.replace(/[$}\\,|]/g, '\\$&');
}

/** The file name ending a data source's path arguments list. */
function dataFileExtension(source: string): string {
  return source === 'npy' ? '.npy' : source === 'parquet' ? '.parquet' : '.csv';
}

/** Values of a parameter: named values, true/false, classes, the default number, or data files. */
function paramValueCompletion(site: Site, owner: CatalogueEntry, p: ParamSpec): Completion {
  const range = site.range;
  const d = defaultText(p);
  if (owner.kind === 'data-source' && p.type === 'string') {
    return { items: [], range, files: { extensions: [dataFileExtension(owner.name)], quote: true, typed: '', range } };
  }
  const value = (label: string, kind: ItemKind, detail: string, i: number, group = 2): Item => ({
    label,
    kind,
    detail,
    documentation: paramMarkdown(owner, p),
    insert: site.lead + label,
    snippet: false,
    sortText: sortKey(label === d ? 1 : group, i),
    ...(label === d ? { preselect: true } : {}),
  });
  if (p.type === 'boolean') return { items: ['true', 'false'].map((v, i) => value(v, 'value', v === d ? 'default' : p.name, i)), range };
  if (p.type === 'name' && p.values) return { items: p.values.map((v, i) => value(v, 'enum', v === d ? 'default' : `${owner.name} ${p.name}`, i)), range };
  if (p.type === 'label') return { items: classItems(site, 'either'), range };
  if (p.name === 'ignore_class') return { items: classItems(site, 'index'), range };
  if ((p.type === 'number' || p.type === 'integer') && d !== undefined && d !== 'None') return { items: [value(d, 'value', 'default', 0)], range };
  return { items: [], range };
}

// ---------------------------------------------------------------------------------------------
// Classes

/** The experiment's classes: names where a name is expected, indices (with the name as detail) otherwise. */
function classItems(site: Site, want: 'name' | 'index' | 'either'): Item[] {
  const c = site.model?.classes;
  if (!c) return [];
  const { names, named, count } = c.value;
  const items: Item[] = [];
  const doc = `Classes: ${classesText(site.model!)}`;
  if (named && want !== 'index') {
    names.forEach((n, i) => {
      const insert = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(n) && !RESERVED.has(n) ? n : JSON.stringify(n);
      items.push({ label: n, kind: 'class', detail: `class ${i} of ${count}`, documentation: doc, insert: site.lead + insert, snippet: false, sortText: sortKey(1, i) });
    });
  }
  if (want === 'index' || (want === 'either' && !named)) {
    for (let i = 0; i < Math.min(count, 1000); i++) {
      items.push({ label: String(i), kind: 'class', detail: named ? `class ${names[i]}` : `class ${i} of ${count}`, documentation: doc, insert: site.lead + String(i), snippet: false, sortText: sortKey(2, i) });
    }
  }
  return items;
}

const RESERVED = new Set(['experiment', 'extends', 'true', 'false']);

// ---------------------------------------------------------------------------------------------
// Strings

/**
 * Inside a string: data file paths where csv(...) / npy(...) take a path. The items replace the whole inside of
 * a closed string; in an unclosed one (the lexer runs it to the end of the line) only what precedes the cursor,
 * and they add the closing quote.
 */
function stringCompletion(site: Site, f: Frame, s: { start: number; end: number; terminated: boolean }): Completion {
  const slot = valueSlot(f);
  const cursor = site.cursor.word.start; // inside a string the word is empty, at the cursor
  const range = { start: s.start + 1, end: s.terminated ? s.end - 1 : cursor };
  if (slot.kind === 'param' && slot.owner.kind === 'data-source' && slot.param.type === 'string') {
    const typed = site.text.slice(range.start, cursor);
    const closeQuote = s.terminated ? undefined : site.text[s.start];
    return { items: [], range, files: { extensions: [dataFileExtension(slot.owner.name)], quote: false, typed, range, ...(closeQuote ? { closeQuote } : {}) } };
  }
  return { items: [], range };
}
