// Signature help as plain data: the parameters of the call around the cursor, as a label such as
// `dense(units, activation = None, use_bias = true, …)`, and which one is being written.

import { findParam, positionalParam, type CatalogueEntry } from '../../../core/catalogue';
import type { Analysis } from '../../../core/check';
import { cursorContext, innermostCall } from './cursor';
import { defaultText, formulaBlock, libraryNames, paramMarkdown } from './markdown';

export interface Signature {
  readonly label: string;
  /** Markdown. */
  readonly documentation: string;
  /** Each parameter's [start, end) within `label`, and its Markdown. */
  readonly parameters: readonly { readonly label: readonly [number, number]; readonly documentation: string }[];
  readonly activeParameter: number;
}

/** The signature of an entry: required parameters bare, the others `name = default`, in catalogue order. */
export function signatureOf(entry: CatalogueEntry): Omit<Signature, 'activeParameter'> {
  let label = `${entry.name}(`;
  const parameters: { label: readonly [number, number]; documentation: string }[] = [];
  entry.params.forEach((p, i) => {
    if (i > 0) label += ', ';
    const d = defaultText(p);
    const text = d === undefined ? p.name : `${p.name} = ${d}`;
    parameters.push({ label: [label.length, label.length + text.length], documentation: paramMarkdown(entry, p, { heading: false }) });
    label += text;
  });
  label += ')';
  const docs = [entry.summary];
  if (entry.formula) docs.push(formulaBlock(entry.formula));
  const names = libraryNames(entry);
  if (names) docs.push(names);
  return { label, documentation: docs.join('\n\n'), parameters };
}

/** Signature help at `offset`: undefined outside a call of a known catalogue entry. */
export function signatureAt(analysis: Analysis, offset: number): Signature | undefined {
  const cursor = cursorContext(analysis.parse.source.text, analysis.parse.document, offset);
  if (cursor.inside?.kind === 'comment') return undefined;
  const call = innermostCall(cursor);
  const entry = call?.entry;
  if (!call || !entry) return undefined;
  const index = (name: string | undefined) => (name === undefined ? -1 : entry.params.findIndex((p) => p.name === name));
  let active = -1;
  // The argument being written: named (`activation: |`), being named (`dense(3, act|`), or the positional one.
  const directChild = cursor.frames[cursor.frames.length - 1] === call;
  if (call.argName !== undefined) active = index(findParam(entry, call.argName)?.name);
  else if (call.state === 'arg-after-ident' && call.argIdent) active = index(findParam(entry, call.argIdent)?.name ?? prefixed(entry, call.argIdent, call.given));
  else if (directChild && call.state === 'arg-start' && cursor.word.text && !(call.argIndex === 0 && positionalParam(entry))) {
    active = index(prefixed(entry, cursor.word.text, call.given));
  } else if (call.argIndex === 0 && positionalParam(entry)) active = 0;
  if (active < 0) active = entry.params.findIndex((p) => !call.given.has(p.name) && !p.positional);
  return { ...signatureOf(entry), activeParameter: Math.max(0, active) };
}

/** The first parameter not yet given whose name (or alias) starts with what is typed. */
function prefixed(entry: CatalogueEntry, typed: string, given: ReadonlySet<string>): string | undefined {
  return entry.params.find((p) => !given.has(p.name) && (p.name.startsWith(typed) || (p.aliases ?? []).some((a) => a.startsWith(typed))))?.name;
}
