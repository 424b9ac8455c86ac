// Experiment names: where a name is declared (`experiment NAME`) and used (`extends NAME`), what makes a valid new
// name, and a light scan that finds the declarations of a file without parsing it (for workspace symbols over
// files on disk, where a full parse of every file would cost far more than the names are worth).

import type { Experiment, Identifier, XentDocument } from './ast';
import { experimentAt } from './experiment-at';
import { sticky, TOKEN_PATTERNS } from './token-patterns';

/** Words the lexer reserves: a name spelt so would not lex as a name. */
const RESERVED = new Set(['experiment', 'extends', 'true', 'false']);
const NAME = new RegExp(`^(?:${TOKEN_PATTERNS.identifier.source})$`, 'u');

/** Whether `name` would lex as one identifier (and not as a keyword). */
export function isValidExperimentName(name: string): boolean {
  return NAME.test(name) && !RESERVED.has(name);
}

/** An experiment name under the cursor: the declared name of an experiment or the parent named after `extends`. */
export interface ExperimentNameAt {
  readonly name: string;
  readonly node: Identifier;
  readonly role: 'declaration' | 'parent';
  readonly experiment: Experiment;
}

/** The experiment name at `offset` (touching either end of it), or undefined. */
export function experimentNameAt(document: XentDocument, offset: number): ExperimentNameAt | undefined {
  const experiment = experimentAt(document, offset);
  if (!experiment) return undefined;
  const touches = (n: Identifier | undefined): n is Identifier => n !== undefined && n.start <= offset && offset <= n.end;
  if (touches(experiment.name)) return { name: experiment.name.name, node: experiment.name, role: 'declaration', experiment };
  if (touches(experiment.parent)) return { name: experiment.parent.name, node: experiment.parent, role: 'parent', experiment };
  return undefined;
}

export interface NameOccurrences {
  /** Every `experiment NAME` with this name, in text order (more than one is a duplicate-experiment error). */
  readonly declarations: readonly Identifier[];
  /** Every `extends NAME` with this name, in text order. */
  readonly references: readonly Identifier[];
}

/** Where an experiment name is declared and extended in one document (`extends` never crosses files). */
export function occurrencesOf(document: XentDocument, name: string): NameOccurrences {
  const declarations: Identifier[] = [];
  const references: Identifier[] = [];
  for (const e of document.experiments) {
    if (e.name?.name === name) declarations.push(e.name);
    if (e.parent?.name === name) references.push(e.parent);
  }
  return { declarations, references };
}

/** Why `newName` cannot replace experiment `oldName` in `document`, or undefined when it can. */
export function renameProblem(document: XentDocument, oldName: string, newName: string): string | undefined {
  if (!isValidExperimentName(newName)) {
    return RESERVED.has(newName)
      ? `'${newName}' is a keyword and cannot name an experiment`
      : `'${newName}' is not a valid experiment name: use letters, digits and _, not starting with a digit`;
  }
  if (newName !== oldName && document.experiments.some((e) => e.name?.name === newName)) {
    return `an experiment named '${newName}' already exists in this file`;
  }
  return undefined;
}

export interface ScannedExperiment {
  readonly name: string;
  /** Offsets of the name. */
  readonly start: number;
  readonly end: number;
  /** The parent after `extends`, if written. */
  readonly parent?: string;
}

// The lexer's own patterns (token-patterns.ts), sticky.
const SPACE = new RegExp(`(?:${TOKEN_PATTERNS.whiteSpace.source})?`, 'uy');
const IDENT = sticky(TOKEN_PATTERNS.identifier);
const NUMBER = sticky(TOKEN_PATTERNS.number);

/**
 * The experiments declared in a text, found by a single pass that skips comments and strings the way the lexer
 * does (`#` to the end of the line; a string ends at its closing quote or at the end of its line). Linear time,
 * no allocation but the results. Agrees with the parser on every well-formed file; on a broken one it may find
 * a name the parser would not (which is what a symbol search wants).
 */
export function scanExperimentNames(text: string): ScannedExperiment[] {
  const found: ScannedExperiment[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === c) {
          i++;
          break;
        } else if (d === 10 || d === 13) break;
        else i++;
      }
    } else if (isIdentifierStart(c)) {
      IDENT.lastIndex = i;
      const word = IDENT.exec(text);
      if (!word) {
        i++;
        continue;
      }
      i += word[0].length;
      if (word[0] !== 'experiment') continue;
      const name = nameAfter(text, i);
      if (!name || RESERVED.has(name.text)) continue;
      i = name.end;
      const keyword = nameAfter(text, i);
      const parent = keyword?.text === 'extends' ? nameAfter(text, keyword.end) : undefined;
      found.push({ name: name.text, start: name.start, end: name.end, ...(parent && !RESERVED.has(parent.text) ? { parent: parent.text } : {}) });
    } else if ((c >= 48 && c <= 57) || c === 46 /* . */) {
      // A number as the lexer reads it: the exponent of 1e5 must not start a name (but `1experiment` is two tokens).
      NUMBER.lastIndex = i;
      i += NUMBER.exec(text)?.[0].length || 1;
    } else i++;
  }
  return found;
}

function nameAfter(text: string, from: number): { text: string; start: number; end: number } | undefined {
  SPACE.lastIndex = from;
  SPACE.exec(text);
  const start = SPACE.lastIndex;
  IDENT.lastIndex = start;
  const m = IDENT.exec(text);
  return m ? { text: m[0], start, end: start + m[0].length } : undefined;
}

function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0xaa;
}

