// `xent sql FILE [--experiment NAME] --dialect D --table NAME`: prints the query that computes an experiment's
// sufficient statistics inside a SQL engine (core/scale/sql.ts; docs/scale.md "Many machines: SQL").
// Exit 0 with the query on stdout; 1 when the experiment cannot be computed in SQL (the reason, placed at the
// experiment's data in the file); 2 on a usage error or an unreadable .xent file.

import { dirname } from 'node:path';
import { analyze } from '../core/check';
import { buildSqlQuery, SQL_DIALECTS, tableNameProblem, type SqlDialect } from '../core/scale/sql';
import { resolveSqlSpec } from '../core/scale/sql-spec';
import { DEFAULT_MAX_SIZE, parseInputOption, readCommandInput } from './input';
import type { Streams } from './streams';

const USAGE = `usage: xent sql FILE [--experiment NAME] --dialect ${SQL_DIALECTS.join('|')} --table NAME [--root DIR] [--max-size BYTES]
  prints one SQL query computing the experiment's sufficient statistics in the engine, GROUP BY y_true and
  predicted class: y_true, y_pred, n, log_loss_sum, p_min, p_max (save its result as CSV for xent merge)
  --table NAME   the table holding the columns the experiment's csv(...) or parquet(...) names
                 (a dotted name such as project.dataset.table is quoted part by part)
`;

interface SqlArgs {
  file: string;
  experiment?: string;
  dialect: SqlDialect;
  table: string;
  maxSize: number;
  root?: string;
}

function parseSqlArgs(args: readonly string[]): SqlArgs | string {
  const out: Partial<SqlArgs> & { maxSize: number } = { maxSize: DEFAULT_MAX_SIZE };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const input = parseInputOption(args, i, out);
    if (typeof input === 'string') return input;
    if (input) {
      i = input.next;
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = () => (eq > 0 ? a.slice(eq + 1) : args[++i]);
    if (name === '--experiment' || name === '-e') {
      out.experiment = value();
      if (!out.experiment) return '--experiment needs a name';
    } else if (name === '--dialect') {
      const d = value();
      if (!d) return `--dialect needs one of ${SQL_DIALECTS.join(', ')}`;
      if (!(SQL_DIALECTS as readonly string[]).includes(d)) return `unknown dialect '${d}' (${SQL_DIALECTS.join(', ')})`;
      out.dialect = d as SqlDialect;
    } else if (name === '--table') {
      out.table = value();
      if (!out.table) return '--table needs the name of the table holding the predictions';
    } else if (a.startsWith('-')) return `unknown option '${a}'`;
    else if (out.file) return 'sql takes one file';
    else out.file = a;
  }
  if (!out.file) return 'no file given';
  if (!out.dialect) return `--dialect is required (${SQL_DIALECTS.join(', ')})`;
  if (!out.table) return '--table is required (the table holding the predictions)';
  const bad = tableNameProblem(out.table, out.dialect);
  if (bad) return `--table: ${bad}`;
  return out as SqlArgs;
}

export async function sqlCommand(args: string[], io: Streams): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseSqlArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`xent sql: ${parsed}\n${USAGE}`);
    return 2;
  }
  const text = await readCommandInput(parsed.file, parsed.maxSize, io);
  if (text === undefined) return 2;
  const analysis = analyze(text);
  const all = analysis.models;
  const names = all.map((m) => m.name).join(', ') || 'none';
  let model = all[0];
  if (parsed.experiment !== undefined) {
    model = all.find((m) => m.name === parsed.experiment)!;
    if (!model) {
      io.stderr.write(`xent sql: no experiment '${parsed.experiment}' in ${parsed.file} (it has ${names})\n`);
      return 2;
    }
  } else if (all.length > 1) {
    io.stderr.write(`xent sql: ${parsed.file} has ${all.length} experiments (${names}); choose one with --experiment NAME\n`);
    return 2;
  }
  if (!model) {
    const syntax = analysis.diagnostics.filter((d) => d.code === 'syntax-error').length;
    io.stderr.write(`xent sql: ${parsed.file} holds no experiment${syntax ? ` (${syntax} syntax errors: run xent check ${parsed.file})` : ''}\n`);
    return 1;
  }
  const at = (model.data?.node.key ?? model.node.name ?? model.node).range.start;
  const place = `${parsed.file}:${at.line + 1}:${at.character + 1}: experiment '${model.name}'`;
  const spec = await resolveSqlSpec(model, { dialect: parsed.dialect, table: parsed.table, baseDir: dirname(parsed.file), root: parsed.root, rootName: '--root' });
  if (!spec.ok) {
    io.stderr.write(`${place}: no SQL query: ${spec.error}\n`);
    return 1;
  }
  const query = buildSqlQuery(spec.value);
  if (!query.ok) {
    io.stderr.write(`${place}: no SQL query: ${query.error}\n`);
    return 1;
  }
  for (const w of spec.warnings) io.stderr.write(`${place}: warning: ${w}\n`);
  io.stdout.write(query.value);
  return 0;
}
