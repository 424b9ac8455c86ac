// Argument parsing and dispatch for `xent check` (and later `xent eval`, `xent lsp`).

import { dirname } from 'node:path';
import { analyze } from '../core/check';
import { applySeverities } from '../core/rules';
import { evaluateExperiment } from '../core/eval/evaluate';
import { dataOption, mergeCommand, writePartial } from './scale';
import { writeResults } from './eval-output';
import type { ExperimentResult } from '../core/eval/types';
import type { Diagnostic } from '../core/diagnostic';
import { DEFAULT_DATA_SIZE_LIMIT } from '../core/eval/data-check';
import { checkWithData, parseDataLimit } from './check-data';
import { ruleSeveritiesFor } from './rule-severities';
import { DEFAULT_MAX_SIZE, parseInputOption, readCommandInput, readInput } from './input';
import { toSarif, type CheckedFile, type UnreadableFile } from './sarif';
import { sqlCommand } from './sql';
import type { Streams } from './streams';

export type { Streams } from './streams';

const USAGE = `usage: xent check [--format text|json|sarif] [--data-limit BYTES] [--max-size BYTES] [--root DIR] [--rule ID=LEVEL]... FILE...
       xent eval FILE [--experiment NAME] [--json] [--html OUT] [--digits N] [--max-size BYTES] [--root DIR]
       xent eval FILE [--experiment NAME] [--data PATH|-] --partial
       xent merge FILE [--experiment NAME] PARTIAL... [--json] [--html OUT] [--digits N]
       xent merge FILE [--experiment NAME] --sql-result RESULT.csv [--json] [--digits N]
       xent sql FILE [--experiment NAME] --dialect duckdb|postgres|spark|trino|bigquery --table NAME [--root DIR] [--max-size BYTES]
       xent --version
       xent lsp --stdio
  check   report syntax and semantic problems, and the data findings of small data files:
          path:line:col: severity code message
          exit 0 when no errors, 1 when any error, 2 when a file cannot be read or the usage is wrong
  eval    score each experiment's data: loss, log_loss, accuracy, F1 and the classification report
          exit 0 when every declared number was computed, 1 when any could not be (its reason is
          printed) or nothing could be read, 2 on usage errors or an unreadable file
  --partial         eval: write the experiment's sufficient statistics as one JSON document (a partial
                    result) instead of its numbers; xent merge adds partial results up (docs/scale.md)
  --data PATH|-     eval: read this file (same columns) in place of the experiment's csv() / parquet()
                    file; - reads CSV from stdin
  merge   print what xent eval prints for the rows of all the partial results together: the same
          numbers, bit for bit, whatever the split and the order; exit codes as eval. With --sql-result,
          the numbers of the statistics xent sql's query computed (counts and log_loss; docs/scale.md)
  sql     print one SQL query computing the experiment's sufficient statistics inside the engine (GROUP BY
          y_true and predicted class: y_true, y_pred, n, log_loss_sum, p_min, p_max; docs/scale.md)
          exit 0 with the query, 1 when the experiment cannot be computed in SQL (the reason is printed),
          2 on usage errors or an unreadable file
  lsp     run the language server over stdio, for Neovim, Emacs, Helix and other LSP editors
  --max-size BYTES  refuse a .xent input larger than this (default 64M; K, M, G suffixes)
  --html OUT        eval: also write the report view's page (curves and plots) to OUT, one self-contained file
  --root DIR        read data files (csv(), npy()) only inside DIR; only regular files are ever read
  --rule ID=LEVEL   check, eval: set a rule's severity (off, info, warning, error), over the nearest .xent.json
                    ({ "rules": { ID: LEVEL } }, in the file's folder or above); repeatable
  --data-limit BYTES  check: also read the data files of each experiment whose files together are at most
                    this size (default 5M, as the editor's xent.dataSizeLimit; 0 = the text only)
`;

export async function runCli(argv: string[], io: Streams): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check') return check(rest, io);
  if (command === 'eval') return evaluate(rest, io);
  if (command === 'lsp') return lsp(rest, io);
  if (command === 'sql') return sqlCommand(rest, io);
  if (command === 'merge') return mergeCommand(rest, io);
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  io.stderr.write(command ? `xent: unknown command '${command}'\n${USAGE}` : USAGE);
  return 2;
}

declare const XENT_VERSION: string | undefined;
const VERSION = typeof XENT_VERSION === 'string' ? XENT_VERSION : 'dev';

interface CheckOptions {
  format: 'text' | 'json' | 'sarif';
  files: string[];
  /** --max-size: larger inputs are refused unread. */
  maxSize: number;
  /** --root: data files must lie inside it. */
  root?: string;
  /** --data-limit: experiments whose data files together are at most this many bytes are evaluated (0 = none). */
  dataLimit: number;
  /** --rule ID=LEVEL values, as written (validated by ruleSeveritiesFor). */
  rules: string[];
}

function parseCheckArgs(args: string[]): CheckOptions | string {
  const options: CheckOptions = { format: 'text', files: [], maxSize: DEFAULT_MAX_SIZE, dataLimit: DEFAULT_DATA_SIZE_LIMIT, rules: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const input = parseInputOption(args, i, options);
    if (typeof input === 'string') return input;
    if (input) i = input.next;
    else if (a === '--rule' || a.startsWith('--rule=')) {
      const rule = a === '--rule' ? args[++i] : a.slice('--rule='.length);
      if (rule === undefined) return '--rule takes ID=LEVEL (for example label-smoothing-range=off)';
      options.rules.push(rule);
    } else if (a === '--data-limit' || a.startsWith('--data-limit=')) {
      const value = a === '--data-limit' ? args[++i] : a.slice('--data-limit='.length);
      const limit = parseDataLimit(value);
      if (limit === undefined) return `--data-limit takes a size in bytes (e.g. 5242880, 512K, 5M; 0 = the text only), not ${value === undefined ? 'nothing' : `'${value}'`}`;
      options.dataLimit = limit;
    } else if (a === '--format' || a === '-f') {
      const f = args[++i];
      if (f !== 'text' && f !== 'json' && f !== 'sarif') return `--format takes text, json or sarif, not ${f === undefined ? 'nothing' : `'${f}'`}`;
      options.format = f;
    } else if (a.startsWith('--format=')) {
      const f = a.slice('--format='.length);
      if (f !== 'text' && f !== 'json' && f !== 'sarif') return `--format takes text, json or sarif, not '${f}'`;
      options.format = f;
    } else if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
    else options.files.push(a);
  }
  if (options.files.length === 0) return 'no file given';
  return options;
}

/** One diagnostic as the JSON format prints it (1-based lines and columns). */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
}

async function check(args: string[], io: Streams): Promise<number> {
  const options = parseCheckArgs(args);
  if (typeof options === 'string') {
    io.stderr.write(`xent check: ${options}\n${USAGE}`);
    return 2;
  }
  let anyError = false;
  let unreadable = false;
  const json: JsonDiagnostic[] = [];
  const checked: CheckedFile[] = [];
  const unreadableFiles: UnreadableFile[] = [];
  const warnings = { printed: new Set<string>(), write: (s: string) => io.stderr.write(s) };
  for (const file of options.files) {
    const read = await readInput(file, options.maxSize);
    if ('reason' in read) {
      io.stderr.write(`xent: cannot read ${file}: ${read.reason}\n`);
      unreadable = true;
      unreadableFiles.push({ path: file, reason: read.reason });
      continue;
    }
    const { text } = read;
    const rules = ruleSeveritiesFor(file, options.rules, warnings);
    // The data findings go through the same severities as the text's (analyze applies them to the text's).
    const diagnostics = applySeverities(await checkWithData(analyze(text, { rules }), file, { limit: options.dataLimit, ...(options.root ? { root: options.root } : {}) }), rules);
    checked.push({ path: file, diagnostics });
    for (const d of diagnostics) {
      if (d.severity === 'error') anyError = true;
      const row: JsonDiagnostic = {
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: d.severity,
        code: d.code,
        message: d.message,
      };
      if (options.format === 'json') json.push(row);
      else if (options.format === 'text') io.stdout.write(`${file}:${row.line}:${row.column}: ${row.severity} ${row.code} ${row.message}\n`);
    }
  }
  if (options.format === 'json') io.stdout.write(JSON.stringify(json, null, 2) + '\n');
  if (options.format === 'sarif') io.stdout.write(JSON.stringify(toSarif(checked, unreadableFiles, { version: VERSION, cwd: process.cwd() }), null, 2) + '\n');
  return unreadable ? 2 : anyError ? 1 : 0;
}

interface EvalArgs {
  file: string;
  experiment?: string;
  json: boolean;
  /** --html OUT: also write the report view's page (plots included) to OUT, self-contained. */
  html?: string;
  digits: number;
  maxSize: number;
  root?: string;
  /** --rule ID=LEVEL values, as written. */
  rules: string[];
  /** --partial: write the experiment's sufficient statistics (a partial document) instead of its result. */
  partial: boolean;
  /** --data PATH|-: another file of the same columns in place of the experiment's csv() / parquet() file. */
  data?: string;
}

function parseEvalArgs(args: string[]): EvalArgs | string {
  const out: Partial<EvalArgs> & { maxSize: number; rules: string[] } = { json: false, digits: 2, maxSize: DEFAULT_MAX_SIZE, rules: [], partial: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const input = parseInputOption(args, i, out);
    if (typeof input === 'string') return input;
    if (input) i = input.next;
    else if (a === '--json') out.json = true;
    else if (a === '--partial') out.partial = true;
    else if (a === '--data') {
      out.data = args[++i];
      if (!out.data) return '--data needs a file (or - for CSV on stdin)';
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const rule = a === '--rule' ? args[++i] : a.slice('--rule='.length);
      if (rule === undefined) return '--rule takes ID=LEVEL (for example label-smoothing-range=off)';
      out.rules.push(rule);
    }
    else if (a === '--html') {
      out.html = args[++i];
      if (!out.html) return '--html needs the file to write';
    }
    else if (a === '--experiment' || a === '-e') {
      out.experiment = args[++i];
      if (!out.experiment) return '--experiment needs a name';
    } else if (a === '--digits') {
      const d = Number(args[++i]);
      if (!Number.isInteger(d) || d < 0 || d > 15) return `--digits takes a whole number from 0 to 15, not '${args[i] ?? ''}'`;
      out.digits = d;
    } else if (a.startsWith('-')) return `unknown option '${a}'`;
    else if (out.file) return 'eval takes one file';
    else out.file = a;
  }
  if (!out.file) return 'no file given';
  if (out.partial && (out.json || out.html !== undefined)) return '--partial writes the partial document (JSON) itself: it takes neither --json nor --html';
  return out as EvalArgs;
}

async function evaluate(args: string[], io: Streams): Promise<number> {
  const parsed = parseEvalArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`xent eval: ${parsed}\n${USAGE}`);
    return 2;
  }
  const text = await readCommandInput(parsed.file, parsed.maxSize, io);
  if (text === undefined) return 2;
  const rules = ruleSeveritiesFor(parsed.file, parsed.rules, { printed: new Set<string>(), write: (s: string) => io.stderr.write(s) });
  const analysis = analyze(text, { rules });
  let models = analysis.models;
  if (parsed.experiment) {
    models = models.filter((m) => m.name === parsed.experiment);
    if (models.length === 0) {
      io.stderr.write(`xent eval: no experiment '${parsed.experiment}' in ${parsed.file} (it has ${analysis.models.map((m) => m.name).join(', ') || 'none'})\n`);
      return 2;
    }
  }
  if (models.length === 0) {
    const syntax = analysis.diagnostics.filter((d) => d.code === 'syntax-error').length;
    io.stderr.write(`xent eval: ${parsed.file} holds no experiment to score${syntax ? ` (${syntax} syntax errors: run xent check ${parsed.file})` : ''}\n`);
    return 1;
  }
  if (parsed.partial || parsed.data !== undefined) {
    if (models.length > 1) {
      io.stderr.write(`xent eval: ${parsed.partial ? '--partial' : '--data'} scores one experiment: name it with --experiment (${parsed.file} has ${models.map((m) => m.name).join(', ')})\n`);
      return 2;
    }
  }
  const options = { baseDir: dirname(parsed.file), digits: parsed.digits, root: parsed.root, rootName: '--root', curves: parsed.html !== undefined, ...dataOption(parsed.data, io) };
  if (parsed.partial) return writePartial(models[0], text, options, VERSION, io);
  const results: ExperimentResult[] = [];
  for (const m of models) {
    const { result } = await evaluateExperiment(m, options);
    result.diagnostics = applySeverities(result.diagnostics, rules);
    results.push(result);
  }
  return writeResults(results, { command: 'eval', file: parsed.file, json: parsed.json, html: parsed.html }, io);
}

/** `xent lsp --stdio`: the same server VS Code runs, for any LSP client. Runs until the client exits. */
async function lsp(args: string[], io: Streams): Promise<number> {
  if (!args.includes('--stdio')) {
    io.stderr.write('xent lsp: only --stdio is supported (VS Code starts the server itself over IPC)\n');
    return 2;
  }
  const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
  const { startServer } = await import('../lsp/server');
  startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
  return new Promise<number>(() => {
    // The connection ends the process on 'exit'; until then the CLI stays up.
  });
}
