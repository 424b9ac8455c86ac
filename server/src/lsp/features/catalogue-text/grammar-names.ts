// The TextMate grammar's name lists, from the catalogue: esbuild.mjs writes them into syntaxes/xent.tmLanguage.json
// at build (as it writes the snippets from templates.ts), so a loss, metric or optimizer added to the catalogue is
// highlighted with no edit of the grammar. test/grammar.test.ts checks that every catalogue name gets its scope.
//
// A pattern of the grammar is generated when its `name` is one of the scopes below: its `match` is replaced by
// "one of these names as a whole word". A name in two lists takes the scope of the first pattern of the grammar that
// matches it (TextMate tries patterns in order): `binary` is a task before an average, `none` an average before an
// activation, `log_loss` and `kl_divergence` losses before metrics.

import { entriesOf, type EntryKind } from '../../../core/catalogue';

/** A name is matched only as a whole word: no letter, digit or _ right before or after it. */
const BEFORE = '(?<![\\p{L}\\p{N}_])';
const AFTER = '(?![\\p{L}\\p{N}_])';
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export interface GrammarList {
  /** The scope of the grammar pattern whose match is generated. */
  readonly scope: string;
  /** The catalogue kinds whose names (and aliases) it lists. */
  readonly kinds: readonly EntryKind[];
  /** What must follow the name (a property key is followed by : or {). */
  readonly lookahead?: string;
}

export const GRAMMAR_LISTS: readonly GrammarList[] = [
  { scope: 'support.type.property-name.experiment.xent', kinds: ['key'], lookahead: '(?=\\s*[:{])' },
  { scope: 'support.type.property-name.data.xent', kinds: ['data-key'], lookahead: '(?=\\s*[:{])' },
  { scope: 'support.constant.task.xent', kinds: ['task'] },
  // keras / pytorch (the framework key's values) share the encoding list's scope: both are constants of a key.
  { scope: 'support.constant.encoding.xent', kinds: ['encoding', 'framework'] },
  { scope: 'support.constant.average.xent', kinds: ['average'] },
  { scope: 'support.constant.activation.xent', kinds: ['activation'] },
  { scope: 'support.constant.loss.xent', kinds: ['loss'] },
  { scope: 'support.constant.optimizer.xent', kinds: ['optimizer'] },
  { scope: 'support.constant.metric.xent', kinds: ['metric'] },
];

/** Every name and alias of the kinds, in catalogue order, each once. */
export function namesOfKinds(kinds: readonly EntryKind[]): string[] {
  const names = new Set<string>();
  for (const kind of kinds) {
    for (const entry of entriesOf(kind)) for (const name of [entry.name, ...(entry.aliases ?? [])]) names.add(name);
  }
  for (const name of names) if (!IDENTIFIER.test(name)) throw new Error(`catalogue name '${name}' is not an identifier: the grammar cannot list it`);
  return [...names];
}

/** The `match` of a generated pattern. */
export function listMatch(list: GrammarList): string {
  return `${BEFORE}(?:${namesOfKinds(list.kinds).join('|')})${AFTER}${list.lookahead ?? ''}`;
}

interface Pattern {
  name?: string;
  match?: string;
  patterns?: Pattern[];
  [key: string]: unknown;
}

/**
 * The grammar's text with the match of every generated pattern replaced, the rest of the text (its hand-made layout
 * included) untouched. Throws when a list's pattern is missing, so a renamed scope cannot silently stop the
 * generation, and when the text holds a match twice, so a replacement never lands on the wrong pattern.
 */
export function withCatalogueNames(grammarText: string): string {
  const grammar = JSON.parse(grammarText) as { repository: Record<string, Pattern> };
  let text = grammarText;
  const found = new Set<string>();
  const visit = (p: Pattern) => {
    const list = GRAMMAR_LISTS.find((l) => l.scope === p.name);
    if (list && typeof p.match === 'string') {
      const written = JSON.stringify(p.match);
      const at = text.indexOf(written);
      if (at < 0 || text.indexOf(written, at + 1) >= 0) throw new Error(`the match of ${list.scope} is not written exactly once in the grammar`);
      text = text.slice(0, at) + JSON.stringify(listMatch(list)) + text.slice(at + written.length);
      found.add(list.scope);
    }
    p.patterns?.forEach(visit);
  };
  Object.values(grammar.repository).forEach(visit);
  const missing = GRAMMAR_LISTS.filter((l) => !found.has(l.scope)).map((l) => l.scope);
  if (missing.length > 0) throw new Error(`the grammar has no pattern named ${missing.join(', ')}`);
  return text;
}
