// Real SQL grammars for the dialects the tests cannot execute: Spark SQL and Trino (dt-sql-parser's ANTLR
// grammars) and BigQuery (node-sql-parser's). Each `parse` returns the parse errors (empty: the text parses).
//
// dt-sql-parser 4.x ships ES modules with directory imports, which Node's own loader refuses; esbuild (a
// devDependency already) bundles it into one CommonJS file in a temporary folder, loaded from there.

import { buildSync } from 'esbuild';
import { join, resolve } from 'node:path';

export interface SqlGrammar {
  readonly name: string;
  parse(sql: string): string[];
}

interface DtParser {
  validate(sql: string): { message: string; startLine: number; startColumn: number }[];
}

export function loadSqlGrammars(tempDir: string): { spark: SqlGrammar; trino: SqlGrammar; bigquery: SqlGrammar } {
  const out = join(tempDir, 'dt-sql-parser.cjs');
  buildSync({
    stdin: { contents: "module.exports = require('dt-sql-parser');", resolveDir: resolve(__dirname, '..', '..') },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    logLevel: 'error',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dt = require(out) as { SparkSQL: new () => DtParser; TrinoSQL: new () => DtParser };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Parser } = require('node-sql-parser') as { Parser: new () => { astify(sql: string, opts: { database: string }): unknown } };
  const dtGrammar = (name: string, parser: DtParser): SqlGrammar => ({
    name,
    parse: (sql) => parser.validate(sql).map((e) => `${e.startLine}:${e.startColumn}: ${e.message}`),
  });
  const bq = new Parser();
  return {
    spark: dtGrammar('Spark SQL (dt-sql-parser)', new dt.SparkSQL()),
    trino: dtGrammar('Trino (dt-sql-parser)', new dt.TrinoSQL()),
    bigquery: {
      name: 'BigQuery (node-sql-parser)',
      parse(sql) {
        try {
          bq.astify(sql, { database: 'bigquery' });
          return [];
        } catch (err) {
          return [(err as Error).message];
        }
      },
    },
  };
}
