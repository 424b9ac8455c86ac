// The knowledge catalogue: every entry, and O(1) lookups over them.
// The data lives in one module per kind; this module only indexes it (Maps built once, at load).
// Lookups are case-sensitive; `suggest` is not (it proposes 'adam' for 'Adam').

import type { CatalogueEntry, EntryKind, ParamSpec } from './types';
import { ACTIVATIONS } from './activations';
import { AVERAGES, DATA_KEYS, DATA_SOURCES, ENCODINGS, FRAMEWORKS, KEYS, TASKS } from './keys';
import { LAYERS } from './layers';
import { LOSSES, TORCH_LOSSES } from './losses';
import { METRICS } from './metrics';
import { MODELS } from './models';
import { OPTIMIZERS } from './optimizers';

export type {
  ActivationRange,
  CatalogueEntry,
  EntryKind,
  Framework,
  LossFamily,
  ParamSpec,
  ParamType,
} from './types';
export { AVERAGE_DEFAULT_NOTE } from './metrics';

const KIND_TABLE: Record<EntryKind, true> = {
  key: true,
  'data-key': true,
  task: true,
  encoding: true,
  framework: true,
  loss: true,
  activation: true,
  optimizer: true,
  metric: true,
  layer: true,
  model: true,
  'data-source': true,
  average: true,
};

/** Every entry kind, in a fixed order. */
export const ENTRY_KINDS: readonly EntryKind[] = Object.keys(KIND_TABLE) as EntryKind[];

/** Every catalogue entry, grouped by module. */
export const ALL_ENTRIES: readonly CatalogueEntry[] = [
  ...KEYS,
  ...DATA_KEYS,
  ...TASKS,
  ...ENCODINGS,
  ...FRAMEWORKS,
  ...AVERAGES,
  ...DATA_SOURCES,
  ...LOSSES,
  ...TORCH_LOSSES,
  ...ACTIVATIONS,
  ...OPTIMIZERS,
  ...METRICS,
  ...LAYERS,
  ...MODELS,
];

// ---------------------------------------------------------------------------------------------
// Indexes, built once.

interface Candidate {
  /** The spelling as written in the catalogue. */
  readonly text: string;
  /** Lower-cased, for case-insensitive distance. */
  readonly lower: string;
  /** The entry's (or parameter's) own name rather than an alias. */
  readonly canonical: boolean;
}

const byKind = new Map<EntryKind, Map<string, CatalogueEntry>>();
const listByKind = new Map<EntryKind, CatalogueEntry[]>();
const candidatesByKind = new Map<EntryKind, Candidate[]>();
const spellingsByKind = new Map<EntryKind, string[]>();
const paramIndex = new Map<CatalogueEntry, Map<string, ParamSpec>>();
const paramCandidates = new Map<CatalogueEntry, Candidate[]>();

for (const kind of ENTRY_KINDS) {
  byKind.set(kind, new Map());
  listByKind.set(kind, []);
  candidatesByKind.set(kind, []);
  spellingsByKind.set(kind, []);
}

function candidate(text: string, canonical: boolean): Candidate {
  return { text, lower: text.toLowerCase(), canonical };
}

for (const entry of ALL_ENTRIES) {
  const names = byKind.get(entry.kind)!;
  listByKind.get(entry.kind)!.push(entry);
  // The first entry to claim a spelling keeps it; the tests reject duplicates.
  for (const [spelling, canonical] of [
    [entry.name, true] as const,
    ...(entry.aliases ?? []).map((a) => [a, false] as const),
  ]) {
    if (names.has(spelling)) continue;
    names.set(spelling, entry);
    candidatesByKind.get(entry.kind)!.push(candidate(spelling, canonical));
    spellingsByKind.get(entry.kind)!.push(spelling);
  }
  const params = new Map<string, ParamSpec>();
  const pc: Candidate[] = [];
  for (const p of entry.params) {
    if (!params.has(p.name)) {
      params.set(p.name, p);
      pc.push(candidate(p.name, true));
    }
  }
  for (const p of entry.params) {
    for (const a of p.aliases ?? []) {
      if (!params.has(a)) {
        params.set(a, p);
        pc.push(candidate(a, false));
      }
    }
  }
  paramIndex.set(entry, params);
  paramCandidates.set(entry, pc);
}

// ---------------------------------------------------------------------------------------------
// Lookups

/** The entry of this kind named `name` or having it as an alias (case-sensitive), or undefined. */
export function lookup(kind: EntryKind, name: string): CatalogueEntry | undefined {
  return byKind.get(kind)?.get(name);
}

/** Every entry of one kind, in catalogue order. */
export function entriesOf(kind: EntryKind): readonly CatalogueEntry[] {
  return listByKind.get(kind) ?? [];
}

/** Every accepted spelling (names and aliases) of one kind, in catalogue order. */
export function namesOf(kind: EntryKind): readonly string[] {
  return spellingsByKind.get(kind) ?? [];
}

/** The parameter of `entry` named `name` or having it as an alias (kernel → kernel_size), or undefined. */
export function findParam(entry: CatalogueEntry, name: string): ParamSpec | undefined {
  const index = paramIndex.get(entry);
  if (index) return index.get(name);
  // An entry built outside the catalogue: search it directly.
  return entry.params.find((p) => p.name === name || (p.aliases?.includes(name) ?? false));
}

/** The parameter that may be given without a name as the first argument, if any. */
export function positionalParam(entry: CatalogueEntry): ParamSpec | undefined {
  const first = entry.params[0];
  return first?.positional ? first : undefined;
}

/**
 * The names a 'name' parameter accepts: its `values`, or every spelling of its `valuesFrom` kind.
 * Undefined when the parameter does not restrict its values.
 */
export function allowedValues(param: ParamSpec): readonly string[] | undefined {
  if (param.values) return param.values;
  if (param.valuesFrom) return namesOf(param.valuesFrom);
  return undefined;
}

const valueSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** Whether `value` is one of the names `param` accepts (true when it does not restrict them). O(1). */
export function isAllowedValue(param: ParamSpec, value: string): boolean {
  if (param.values) {
    let set = valueSets.get(param.values);
    if (!set) {
      set = new Set(param.values);
      valueSets.set(param.values, set);
    }
    return set.has(value);
  }
  if (param.valuesFrom) return lookup(param.valuesFrom, value) !== undefined;
  return true;
}

/**
 * The effective `average` of f1 / precision / recall / fbeta when none is given
 * (design decision: binary on a binary task, macro otherwise).
 */
export function defaultAverage(task: 'binary' | 'multiclass' | 'multilabel'): 'binary' | 'macro' {
  return task === 'binary' ? 'binary' : 'macro';
}

// ---------------------------------------------------------------------------------------------
// Suggestions ("did you mean ...?")

/** Names longer than this get no suggestion (nothing in the catalogue is near that long). */
const MAX_SUGGEST_LENGTH = 64;

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions): the number of
 * insertions, deletions, substitutions and swaps of neighbours turning `a` into `b`.
 * Stops early and returns `max + 1` once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  let before = new Array<number>(m + 1).fill(0); // row i − 2
  let prev = new Array<number>(m + 1); // row i − 1
  let cur = new Array<number>(m + 1).fill(0); // row i
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, before[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[m];
}

/** The largest distance at which a name of this length still gets a suggestion. */
export function suggestionThreshold(length: number): number {
  return Math.max(1, Math.floor(length / 3));
}

/** Length of the longest common subsequence of `a` and `b`. */
function lcsLength(a: string, b: string): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

interface Scored {
  readonly c: Candidate;
  readonly d: number;
  /**
   * Insertions and deletions alone needed to turn the typed name into the candidate (n + m − 2·LCS,
   * case-insensitive): a tie-break that prefers dropping or adding letters over replacing them.
   */
  readonly indel: number;
}

function closest(name: string, candidates: Iterable<Candidate>): string | undefined {
  if (name.length === 0 || name.length > MAX_SUGGEST_LENGTH) return undefined;
  const lower = name.toLowerCase();
  const limit = suggestionThreshold(name.length);
  let best: Scored | undefined;
  for (const c of candidates) {
    if (c.text === name) return undefined; // the name itself is valid: nothing to suggest
    const d = editDistance(lower, c.lower, limit);
    if (d > limit) continue;
    const scored: Scored = { c, d, indel: lower.length + c.lower.length - 2 * lcsLength(lower, c.lower) };
    if (best === undefined || better(scored, best, name.length)) best = scored;
  }
  return best?.c.text;
}

/**
 * Ties, in order: smaller distance; smaller insert/delete-only distance (so 'adamm' → 'adam', a deletion,
 * beats 'adamw', a substitution); a canonical name over an alias; closer length; code-unit order.
 */
function better(x: Scored, y: Scored, length: number): boolean {
  if (x.d !== y.d) return x.d < y.d;
  if (x.indel !== y.indel) return x.indel < y.indel;
  if (x.c.canonical !== y.c.canonical) return x.c.canonical;
  const dx = Math.abs(x.c.text.length - length);
  const dy = Math.abs(y.c.text.length - length);
  if (dx !== dy) return dx < dy;
  return x.c.text < y.c.text;
}

/**
 * The catalogue spelling of the given kind(s) closest to `name` by edit distance (case-insensitive), for
 * "did you mean 'categorical_crossentropy'?". Undefined when nothing is within max(1, ⌊length/3⌋) edits.
 * Undefined too when `name` is itself a valid spelling of one of the kinds.
 * Deterministic: ties are broken as described at `better`.
 */
export function suggest(name: string, kinds: EntryKind | readonly EntryKind[]): string | undefined {
  const list: readonly EntryKind[] = typeof kinds === 'string' ? [kinds] : kinds;
  function* all(): Iterable<Candidate> {
    for (const k of list) yield* candidatesByKind.get(k) ?? [];
  }
  return closest(name, all());
}

/** The parameter name (or alias) of `entry` closest to `name`, as `suggest` does for entry names. */
export function suggestParam(entry: CatalogueEntry, name: string): string | undefined {
  const candidates =
    paramCandidates.get(entry) ??
    entry.params.flatMap((p) => [candidate(p.name, true), ...(p.aliases ?? []).map((a) => candidate(a, false))]);
  return closest(name, candidates);
}
