// Reads the output of the query `xent sql` prints (sql.ts), saved as CSV: `psql --csv`, DuckDB's
// `COPY (…) TO 'result.csv' (HEADER)`, a BigQuery or Spark export. One row per (y_true text, predicted class):
//
//   y_true,y_pred,n,log_loss_sum,p_min,p_max
//   cat,0,7,2.7799985422093374,0.051,0.88
//
// Tolerated: "1.0" for 1 (engines print doubles so), quoted cells ("" for a quote, line breaks inside), an
// empty cell for NULL (log_loss_sum is NULL for a y_true that is not a class; y_true for a NULL label), a BOM,
// \r\n, blank lines. Numbers are read by the data readers' own parser (nan / inf spellings included: the
// merge's range checks report them). Groups may repeat (results of several queries, concatenated): the merge
// adds them. Every error names the file and line: "result.csv:4: n is not a whole number ('2.5')".

import { excerptText } from '../data/excerpt';
import { parseNumberText } from '../data/number';
import { SQL_RESULT_COLUMNS } from './sql';

export interface SqlResultGroup {
  /** The y_true cell as text ('' for an empty cell or NULL). */
  readonly trueText: string;
  /** The predicted class index. */
  readonly pred: number;
  readonly n: number;
  /** Σ of the rows' log_loss terms; null when the y_true is not a class (the query's NULL). */
  readonly logLossSum: number | null;
  readonly pMin: number;
  readonly pMax: number;
}

export type SqlResultRead =
  | { ok: true; value: { groups: SqlResultGroup[] } }
  | { ok: false; error: { message: string; line: number } };

export function readSqlResult(text: string, displayPath: string): SqlResultRead {
  const fail = (line: number, reason: string): SqlResultRead => ({ ok: false, error: { message: `${displayPath}:${line}: ${reason}`, line } });
  const rows = csvRows(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if ('error' in rows) return fail(rows.line, rows.error);
  const [header, ...data] = rows.rows;
  if (!header) return fail(1, `the file is empty; it should start with the header ${SQL_RESULT_COLUMNS.join(',')}`);
  const names = header.cells.map((c) => c.trim());
  if (names.length !== SQL_RESULT_COLUMNS.length || names.some((n, i) => n !== SQL_RESULT_COLUMNS[i])) {
    return fail(header.line, `the header is ${names.map((n) => excerptText(n, 24)).join(',')}; xent sql's result has the columns ${SQL_RESULT_COLUMNS.join(',')}, in this order`);
  }
  const groups: SqlResultGroup[] = [];
  for (const row of data) {
    const at = row.line;
    if (row.cells.length !== names.length) return fail(at, `the row has ${row.cells.length} field${row.cells.length === 1 ? '' : 's'}, the header has ${names.length}`);
    const [trueText, predText, nText, sumText, minText, maxText] = row.cells;
    const shown = (s: string) => `'${excerptText(s)}'`;
    const pred = wholeNumber(predText);
    if (predText.trim() === '') return fail(at, 'y_pred is empty (NULL): a y_pred cell of these rows is NULL, which xent does not score (its readers refuse a missing probability)');
    if (pred === undefined) return fail(at, `y_pred is not a class index (${shown(predText)})`);
    const n = wholeNumber(nText);
    if (n === undefined || n < 1) return fail(at, `n is not a whole number of rows (${shown(nText)})`);
    let logLossSum: number | null = null;
    if (sumText.trim() !== '') {
      const v = parseNumberText(sumText.trim());
      if (v === undefined) return fail(at, `log_loss_sum is not a number (${shown(sumText)})`);
      logLossSum = v;
    }
    const pMin = parseNumberText(minText.trim());
    if (pMin === undefined) return fail(at, `p_min is not a number (${shown(minText)})`);
    const pMax = parseNumberText(maxText.trim());
    if (pMax === undefined) return fail(at, `p_max is not a number (${shown(maxText)})`);
    groups.push({ trueText, pred, n, logLossSum, pMin, pMax });
  }
  return { ok: true, value: { groups } };
}

/** A whole number ≥ 0 written as an integer or as a double ("7", "7.0", "7e0"); undefined otherwise. */
function wholeNumber(text: string): number | undefined {
  const v = parseNumberText(text.trim());
  return v !== undefined && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

interface CsvRow {
  readonly cells: string[];
  /** The 1-based line the row starts on. */
  readonly line: number;
}

/** RFC 4180 rows with the line each starts on; blank lines skipped; an unclosed quote is an error. */
function csvRows(text: string): { rows: CsvRow[] } | { error: string; line: number } {
  const rows: CsvRow[] = [];
  let line = 1;
  let i = 0;
  const len = text.length;
  while (i < len) {
    const start = line;
    // A blank line (\n, \r\n or a lone \r) holds no row.
    if (text[i] === '\n' || text[i] === '\r') {
      i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        const open = line;
        i++;
        for (;;) {
          if (i >= len) return { error: 'a quoted cell that starts here never ends', line: open };
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          cell += c;
          i++;
        }
        if (i < len && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') return { error: 'text after the closing quote of a quoted cell', line };
      } else {
        const from = i;
        while (i < len && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
        cell = text.slice(from, i);
      }
      cells.push(cell);
      if (i < len && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    rows.push({ cells, line: start });
    if (i < len) {
      i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    }
  }
  return { rows };
}
