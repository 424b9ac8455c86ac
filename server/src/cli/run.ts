// Argument parsing and dispatch for `xent check` (and later `xent eval`, `xent lsp`).

import { readFile } from 'node:fs/promises';
import { analyze } from '../core/check';
import type { Diagnostic } from '../core/diagnostic';

export interface Streams {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}

const USAGE = `usage: xent check [--format text|json] FILE...
  check   report syntax and semantic problems: path:line:col: severity code message
          exit 0 when no errors, 1 when any error, 2 when a file cannot be read or the usage is wrong
`;

export async function runCli(argv: string[], io: Streams): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check') return check(rest, io);
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
  format: 'text' | 'json';
  files: string[];
}

function parseCheckArgs(args: string[]): CheckOptions | string {
  const options: CheckOptions = { format: 'text', files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a === '-f') {
      const f = args[++i];
      if (f !== 'text' && f !== 'json') return `--format takes text or json, not ${f === undefined ? 'nothing' : `'${f}'`}`;
      options.format = f;
    } else if (a.startsWith('--format=')) {
      const f = a.slice('--format='.length);
      if (f !== 'text' && f !== 'json') return `--format takes text or json, not '${f}'`;
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
  for (const file of options.files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      io.stderr.write(`xent: cannot read ${file}: ${describeFsError(err)}\n`);
      unreadable = true;
      continue;
    }
    for (const d of analyze(text).diagnostics) {
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
      else io.stdout.write(`${file}:${row.line}:${row.column}: ${row.severity} ${row.code} ${row.message}\n`);
    }
  }
  if (options.format === 'json') io.stdout.write(JSON.stringify(json, null, 2) + '\n');
  return unreadable ? 2 : anyError ? 1 : 0;
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return (err as Error)?.message ?? String(err);
}
