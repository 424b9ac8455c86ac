// The query `xent sql` prints: one SELECT that computes, inside a SQL engine, the sufficient statistics of a
// single-label experiment, GROUP BY (y_true value, predicted class):
//
//   y_true        the y_true cell as text (the merge maps it to a class as the CSV reader maps a cell)
//   y_pred        the predicted class index: argmax over the y_pred columns, the FIRST maximum on ties (numpy's
//                 argmax); one column (binary): 1 when p > 0.5, else 0. NULL when a probability is NULL.
//   n             COUNT(*)
//   log_loss_sum  Σ of scikit-learn's per-row log_loss term for float64 data (log-loss.ts):
//                 −ln clip(q_c, ε, 1 − ε), ε = 2⁻⁵², c the row's true class; one column: q = [1 − p, p] (the
//                 clip applies to 1 − p). NULL for a y_true that is not a class.
//   p_min, p_max  MIN and MAX over every y_pred cell of the group (the merge's probability-range checks)
//
// Pure: it takes the resolved spec (columns already known, patterns expanded: sql-spec.ts) and returns text.
// Everything that differs between engines is in DIALECTS; the query is written in the SQL all five share
// (CASE, CAST, TRIM, LN, LEAST/GREATEST, subqueries in FROM with an alias), so its meaning is one.

export type SqlDialect = 'duckdb' | 'postgres' | 'spark' | 'trino' | 'bigquery';

export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres', 'spark', 'trino', 'bigquery'];

/** What the query needs, resolved: the table, the columns, the classes. */
export interface SqlSpec {
  readonly dialect: SqlDialect;
  /** As the user gave it; dotted parts (project.dataset.table) are quoted one by one. */
  readonly table: string;
  /** The y_true column (one column of labels). */
  readonly yTrue: string;
  /** The y_pred columns in class order: one (binary, P(class 1)) or k. */
  readonly yPred: readonly string[];
  /** The number of classes (2 for binary). */
  readonly k: number;
  /** Declared class names: a y_true text equal to one is that class (before it is read as a number). */
  readonly classNames?: readonly string[];
}

/** The query's output columns, in order. */
export const SQL_RESULT_COLUMNS = ['y_true', 'y_pred', 'n', 'log_loss_sum', 'p_min', 'p_max'] as const;

/** float64's machine epsilon (2⁻⁵²) and 1 − ε, written so every engine reads them back to the same double. */
const EPS = '2.220446049250313e-16';
const ONE_MINUS_EPS = '0.9999999999999998';

/**
 * A number as xent's CSV reader reads one (without nan / inf, which are never classes), for the class-index
 * fallback; the CAST to a double runs only on text that matches, so no engine fails on a class name. No
 * backslash: Spark and BigQuery string literals would read one as an escape.
 */
const NUMBER_PATTERN = '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$';

interface Dialect {
  readonly quote: '"' | '`';
  readonly text: string;
  readonly double: string;
  /** A string literal (the escaping rules differ: '' doubled, or backslash escapes). */
  readonly literal: (s: string) => string;
  /** `expr` matches the (anchored) regular expression `pattern`. */
  readonly matches: (expr: string, pattern: string) => string;
}

/** Standard SQL: a quote is doubled, a backslash is an ordinary character. */
const standardLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** Spark and BigQuery read backslash escapes in quoted strings (and Spark joins 'a''b' into 'ab'). */
const backslashLiteral = (s: string) =>
  `'${s.replace(/[\\'\n\r\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\${c}`))}'`;

const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: { quote: '"', text: 'VARCHAR', double: 'DOUBLE', literal: standardLiteral, matches: (e, p) => `regexp_matches(${e}, ${standardLiteral(p)})` },
  postgres: { quote: '"', text: 'TEXT', double: 'DOUBLE PRECISION', literal: standardLiteral, matches: (e, p) => `${e} ~ ${standardLiteral(p)}` },
  spark: { quote: '`', text: 'STRING', double: 'DOUBLE', literal: backslashLiteral, matches: (e, p) => `${e} RLIKE ${backslashLiteral(p)}` },
  trino: { quote: '"', text: 'VARCHAR', double: 'DOUBLE', literal: standardLiteral, matches: (e, p) => `regexp_like(${e}, ${standardLiteral(p)})` },
  bigquery: { quote: '`', text: 'STRING', double: 'FLOAT64', literal: backslashLiteral, matches: (e, p) => `REGEXP_CONTAINS(${e}, ${backslashLiteral(p)})` },
};

export type SqlBuild = { ok: true; value: string } | { ok: false; error: string };

/** A quoted identifier, or why the name cannot be one in this dialect. */
function quoteIdentifier(name: string, dialect: SqlDialect, what: string): string | { error: string } {
  if (name === '') return { error: `${what} is empty` };
  if (/[\x00-\x1f\x7f]/.test(name)) return { error: `${what} '${JSON.stringify(name).slice(1, -1)}' holds a control character` };
  const q = DIALECTS[dialect].quote;
  if (q === '"') return `"${name.replace(/"/g, '""')}"`;
  // Spark doubles a backtick inside a quoted identifier; BigQuery does not accept one at all: refuse both alike.
  if (name.includes('`')) return { error: `${what} '${name}' holds a backtick, which a ${dialect} identifier cannot quote` };
  return `\`${name}\``;
}

/** "project.dataset.table" → each part quoted, joined by dots. */
function quoteTable(table: string, dialect: SqlDialect): string | { error: string } {
  const parts = table.split('.');
  const quoted: string[] = [];
  for (const part of parts) {
    const q = quoteIdentifier(part, dialect, parts.length > 1 ? `a part of the table name '${table}'` : 'the table name');
    if (typeof q !== 'string') return q;
    quoted.push(q);
  }
  return quoted.join('.');
}

/** Why a table name cannot be written in this dialect (an empty part, a control character, a backtick), if it cannot. */
export function tableNameProblem(table: string, dialect: SqlDialect): string | undefined {
  const q = quoteTable(table, dialect);
  return typeof q === 'string' ? undefined : q.error;
}

export function buildSqlQuery(spec: SqlSpec): SqlBuild {
  const d = DIALECTS[spec.dialect];
  if (!d) return { ok: false, error: `unknown dialect '${spec.dialect}' (${SQL_DIALECTS.join(', ')})` };
  const { k, yPred } = spec;
  if (!Number.isInteger(k) || k < 2) return { ok: false, error: `at least 2 classes are needed, not ${k}` };
  const single = yPred.length === 1;
  if (single ? k !== 2 : yPred.length !== k) {
    return { ok: false, error: `${yPred.length} y_pred column${yPred.length === 1 ? '' : 's'} for ${k} classes: give one column (binary) or one per class` };
  }
  const table = quoteTable(spec.table, spec.dialect);
  if (typeof table !== 'string') return { ok: false, error: table.error };
  const yTrue = quoteIdentifier(spec.yTrue, spec.dialect, 'the y_true column');
  if (typeof yTrue !== 'string') return { ok: false, error: yTrue.error };
  const predCols: string[] = [];
  for (const c of yPred) {
    const q = quoteIdentifier(c, spec.dialect, 'a y_pred column');
    if (typeof q !== 'string') return { ok: false, error: q.error };
    predCols.push(q);
  }

  const id = (name: string) => quoteIdentifier(name, spec.dialect, name) as string;
  const dbl = (expr: string) => `CAST(${expr} AS ${d.double})`;
  const eps = dbl(d.literal(EPS));
  const oneMinusEps = dbl(d.literal(ONE_MINUS_EPS));
  // Inner names: prefixed so they never meet a name of the user's table (only the listed columns are selected).
  const text = id('xent_text');
  const cls = id('xent_class');
  const p = predCols.map((_, i) => id(`xent_p${i}`));
  const rowMin = id('xent_row_min');
  const rowMax = id('xent_row_max');
  const out = Object.fromEntries(SQL_RESULT_COLUMNS.map((c) => [c, id(c)])) as Record<(typeof SQL_RESULT_COLUMNS)[number], string>;

  // 1. The cells: y_true as text (and trimmed, as the CSV reader trims a cell), the probabilities as doubles.
  const cells = [
    `CAST(${yTrue} AS ${d.text}) AS ${out.y_true}`,
    `TRIM(CAST(${yTrue} AS ${d.text})) AS ${text}`,
    ...predCols.map((c, i) => `${dbl(c)} AS ${p[i]}`),
  ];

  // 2. Per row: the true class (a declared name first, else a number equal to a class index), the predicted
  // class, the row's smallest and largest probability.
  const names = spec.classNames ?? [];
  const byName = names.map((name, i) => `WHEN ${text} = ${d.literal(name)} THEN ${i}`);
  const byNumber = Array.from({ length: k }, (_, i) => `WHEN ${i} THEN ${i}`).join(' ');
  const trueClass = `CASE ${[...byName, `WHEN ${d.matches(text, NUMBER_PATTERN)} THEN CASE ${dbl(text)} ${byNumber} END`].join(' ')} END`;
  const anyNull = p.map((c) => `${c} IS NULL`).join(' OR ');
  let predicted: string;
  if (single) predicted = `CASE WHEN ${anyNull} THEN NULL WHEN ${p[0]} > 0.5 THEN 1 ELSE 0 END`;
  else {
    // Class i wins when it is ≥ every later column (an earlier larger one took an earlier branch): numpy's
    // argmax, the first maximum on ties.
    const branches = p.slice(0, -1).map((ci, i) => `WHEN ${p.slice(i + 1).map((cj) => `${ci} >= ${cj}`).join(' AND ')} THEN ${i}`);
    predicted = `CASE WHEN ${anyNull} THEN NULL ${branches.join(' ')} ELSE ${k - 1} END`;
  }
  const least = single ? p[0] : `LEAST(${p.join(', ')})`;
  const greatest = single ? p[0] : `GREATEST(${p.join(', ')})`;
  const rows = [out.y_true, `${trueClass} AS ${cls}`, `${predicted} AS ${out.y_pred}`, ...p, `${least} AS ${rowMin}`, `${greatest} AS ${rowMax}`];

  // 3. The groups. The term is scikit-learn's: −ln of the true class's probability clipped to [ε, 1 − ε].
  const clippedLog = (q: string) => `-LN(CASE WHEN ${q} < ${eps} THEN ${eps} WHEN ${q} > ${oneMinusEps} THEN ${oneMinusEps} ELSE ${q} END)`;
  const term = single
    ? `CASE ${cls} WHEN 0 THEN ${clippedLog(`(1 - ${p[0]})`)} WHEN 1 THEN ${clippedLog(p[0])} END`
    : `CASE ${cls} ${p.map((c, i) => `WHEN ${i} THEN ${clippedLog(c)}`).join(' ')} END`;

  const indent = (lines: string[], by: string) => lines.map((l) => by + l).join(',\n');
  const query =
    `SELECT\n` +
    indent([out.y_true, out.y_pred, `COUNT(*) AS ${out.n}`, `SUM(${term}) AS ${out.log_loss_sum}`, `MIN(${rowMin}) AS ${out.p_min}`, `MAX(${rowMax}) AS ${out.p_max}`], '  ') +
    `\nFROM (\n  SELECT\n` +
    indent(rows, '    ') +
    `\n  FROM (\n    SELECT\n` +
    indent(cells, '      ') +
    `\n    FROM ${table}\n  ) AS xent_cells\n) AS xent_rows\n` +
    `GROUP BY ${out.y_true}, ${out.y_pred}\nORDER BY ${out.y_true}, ${out.y_pred}\n`;
  return { ok: true, value: query };
}
