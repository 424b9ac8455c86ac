// Resolves the columns a csv(...) source names against the file's header row.
//
//   y_true:   "label"            one column (class indices, numbers, or declared class names)
//             ["a", "b", "c"]    several columns (one-hot / indicator), in the order given
//   y_pred:   ["p_cat", "p_dog"] or "p_*": a glob ('*' matches any run of characters) expands to the
//             matching header columns in header order; a list may mix names and globs
//   features: likewise
//
// Header names are compared after trimming surrounding spaces and tabs. A name that matches nothing is a
// `missing-column` error listing the header; a name that matches two header columns, or a column used twice
// (in two roles, or twice in one list), is a `data-schema` error.
//
// Messages quote header names only as short escaped excerpts (excerpt.ts), a few of them: the "header" may
// be the first line of any file (a password file named as a CSV), and a message must not echo it whole.
// A first row with a single field is not listed at all: it is not a CSV header.

import type { CsvPlan } from './csv-engine';
import { excerptText } from './excerpt';
import { dataError, type DataResult } from './types';

/** Which columns of a CSV file hold what. */
export interface CsvSchema {
  yTrue: string | readonly string[];
  yPred?: string | readonly string[];
  features?: string | readonly string[];
  /** Declared class names: a y_true cell equal to one of them reads as its index (single y_true column). */
  classes?: readonly string[];
  /** Accept nan / ±inf cells (default: a `non-finite` error). */
  allowNonFinite?: boolean;
}

/** The schema resolved against a header: the column names of each group, in output order. */
export interface CsvColumns {
  /** Every header name (trimmed), in file order. */
  header: string[];
  yTrue: string[];
  yPred: string[];
  features: string[];
}

const ROLE_NAMES = ['', 'y_true', 'y_pred', 'features'];

/** Names listed in a missing-column message, and the excerpt length of each. */
const LISTED_NAMES = 12;
const NAME_EXCERPT = 24;

/** A header name as messages show it. */
export function shownName(h: string): string {
  return h === '' ? "''" : excerptText(h, NAME_EXCERPT);
}

/** "the header has a, b, c" or, for a first row with one field, a sentence that quotes nothing of it. */
function headerListing(header: string[]): string {
  if (header.length === 1) return 'the first row has a single field, so it is not a CSV header (columns separated by commas)';
  const shown = header.slice(0, LISTED_NAMES).map(shownName);
  const more = header.length > LISTED_NAMES ? `, … (${header.length - LISTED_NAMES} more)` : '';
  return `the header has ${shown.join(', ')}${more}`;
}

function globRegex(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp('^' + body + '$', 's');
}

export function resolveCsvSchema(
  rawHeader: readonly string[],
  schema: CsvSchema,
  file: string,
  headerLine = 1,
): DataResult<{ plan: CsvPlan; columns: CsvColumns }> {
  const header = rawHeader.map((h) => h.replace(/^[ \t]+|[ \t]+$/g, ''));
  const nFields = header.length;
  const kind = new Array<number>(nFields).fill(0);
  const col = new Array<number>(nFields).fill(0);
  const groups: string[][] = [[], [], [], []];

  const specs: Array<[number, string | readonly string[] | undefined]> = [
    [1, schema.yTrue],
    [2, schema.yPred],
    [3, schema.features],
  ];
  for (const [role, spec] of specs) {
    if (spec === undefined) continue;
    const items = typeof spec === 'string' ? [spec] : spec;
    for (const item of items) {
      let fields: number[];
      if (item.includes('*')) {
        const re = globRegex(item);
        fields = [];
        header.forEach((h, i) => {
          if (re.test(h)) fields.push(i);
        });
        if (fields.length === 0) {
          return {
            ok: false,
            error: dataError(
              'missing-column',
              file,
              `no column matches '${item}'; ${headerListing(header)}`,
              undefined,
              item,
            ),
          };
        }
      } else {
        fields = [];
        header.forEach((h, i) => {
          if (h === item) fields.push(i);
        });
        if (fields.length === 0) {
          const near = header.find((h) => h.toLowerCase() === item.toLowerCase());
          const hint = near !== undefined && header.length > 1 ? ` (did you mean '${shownName(near)}'?)` : '';
          return {
            ok: false,
            error: dataError(
              'missing-column',
              file,
              `no column '${item}'${hint}; ${headerListing(header)}`,
              undefined,
              item,
            ),
          };
        }
        if (fields.length > 1) {
          return {
            ok: false,
            error: dataError(
              'data-schema',
              file,
              `the header has ${fields.length} columns named '${item}' (columns ${fields.map((i) => i + 1).join(', ')})`,
              headerLine,
              item,
            ),
          };
        }
      }
      for (const i of fields) {
        if (kind[i] !== 0) {
          const what = kind[i] === role ? `twice in ${ROLE_NAMES[role]}` : `as both ${ROLE_NAMES[kind[i]]} and ${ROLE_NAMES[role]}`;
          return {
            ok: false,
            error: dataError('data-schema', file, `column ${shownName(header[i])} is used ${what}`, undefined, header[i]),
          };
        }
        kind[i] = role;
        col[i] = groups[role].length;
        groups[role].push(header[i]);
      }
    }
  }
  if (groups[1].length === 0) {
    return { ok: false, error: dataError('data-schema', file, 'the schema names no y_true column') };
  }
  const plan: CsvPlan = {
    nFields,
    kind,
    col,
    names: header.map(shownName),
    nTrue: groups[1].length,
    nPred: groups[2].length,
    nFeat: groups[3].length,
  };
  if (schema.classes && schema.classes.length > 0 && groups[1].length === 1) plan.classes = [...schema.classes];
  if (schema.allowNonFinite) plan.allowNonFinite = true;
  return {
    ok: true,
    value: { plan, columns: { header, yTrue: groups[1], yPred: groups[2], features: groups[3] } },
  };
}
