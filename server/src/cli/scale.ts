// The commands that take xent past one machine (docs/scale.md): `xent eval --partial` writes an
// experiment's sufficient statistics, `xent merge` prints the result of all the parts' rows together,
// exactly as `xent eval` prints one data source's.

import { dirname, resolve } from 'node:path';
import { analyze } from '../core/check';
import { readTextFile } from '../core/data/safe-open';
import type { EvaluateOptions } from '../core/eval/evaluate';
import type { DataOverride } from '../core/eval/sources';
import type { ExperimentResult } from '../core/eval/types';
import type { ExperimentModel } from '../core/model/types';
import { applySeverities } from '../core/rules';
import { mergePartials, partialOf, readPartial, type NamedPartial } from '../core/scale/partial';
import { mergeSqlResult } from '../core/scale/sql-merge';
import { writeResults } from './eval-output';
import { DEFAULT_MAX_SIZE, parseInputOption, readCommandInput } from './input';
import { ruleSeveritiesFor } from './rule-severities';
import type { Streams } from './streams';

/** The largest partial document read (one with the scores of the ranking metrics can be large). */
const MAX_PARTIAL_BYTES = 512 * 1024 * 1024;

/** `--data PATH|-` as the sources take it: a file (absolute; named as given) or CSV on stdin. */
export function dataOption(data: string | undefined, io: Streams): { data?: DataOverride } {
  if (data === undefined) return {};
  if (data === '-') return { data: { stream: io.stdin ?? (process.stdin as AsyncIterable<Uint8Array>), display: 'stdin' } };
  return { data: { path: resolve(data), display: data } };
}

/** `xent eval FILE --partial`: one experiment's partial document on stdout. */
export async function writePartial(m: ExperimentModel, text: string, options: EvaluateOptions, version: string, io: Streams): Promise<number> {
  const made = await partialOf(m, text, { ...options, version });
  if ('error' in made) {
    io.stderr.write(`xent eval: ${m.name}: cannot make a partial result: ${made.error}\n`);
    return 1;
  }
  io.stdout.write(JSON.stringify(made.document) + '\n');
  return 0;
}

interface MergeArgs {
  file: string;
  experiment?: string;
  partials: string[];
  json: boolean;
  html?: string;
  digits: number;
  maxSize: number;
  root?: string;
  rules: string[];
  /** --sql-result RESULT.csv: the output of xent sql's query instead of partial documents. */
  sqlResult?: string;
}

const MERGE_USAGE =
  'usage: xent merge FILE [--experiment NAME] PARTIAL... [--json] [--html OUT] [--digits N] [--rule ID=LEVEL]\n' +
  '       xent merge FILE [--experiment NAME] --sql-result RESULT.csv [--json] [--digits N]\n';

function parseMergeArgs(args: string[]): MergeArgs | string {
  const out: Partial<MergeArgs> & { partials: string[]; maxSize: number; rules: string[] } = { partials: [], json: false, digits: 2, maxSize: DEFAULT_MAX_SIZE, rules: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const input = parseInputOption(args, i, out);
    if (typeof input === 'string') return input;
    if (input) i = input.next;
    else if (a === '--json') out.json = true;
    else if (a === '--experiment' || a === '-e') {
      out.experiment = args[++i];
      if (!out.experiment) return '--experiment needs a name';
    } else if (a === '--html') {
      out.html = args[++i];
      if (!out.html) return '--html needs the file to write';
    } else if (a === '--digits') {
      const d = Number(args[++i]);
      if (!Number.isInteger(d) || d < 0 || d > 15) return `--digits takes a whole number from 0 to 15, not '${args[i] ?? ''}'`;
      out.digits = d;
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const rule = a === '--rule' ? args[++i] : a.slice('--rule='.length);
      if (rule === undefined) return '--rule takes ID=LEVEL (for example label-smoothing-range=off)';
      out.rules.push(rule);
    } else if (a === '--sql-result') {
      out.sqlResult = args[++i];
      if (!out.sqlResult) return '--sql-result needs the CSV the query wrote';
    } else if (a.startsWith('-')) return `unknown option '${a}'`;
    else if (!out.file) out.file = a;
    else out.partials.push(a);
  }
  if (!out.file) return 'no file given';
  if (out.sqlResult !== undefined && out.partials.length > 0) return '--sql-result takes the place of partial results: give one or the other';
  if (out.sqlResult === undefined && out.partials.length === 0) return 'no partial result given (write them with xent eval FILE --partial, or give --sql-result)';
  return out as MergeArgs;
}

/** `xent merge FILE PARTIAL...`: what `xent eval` prints for all the parts' rows together (text or JSON). */
export async function mergeCommand(args: string[], io: Streams): Promise<number> {
  const parsed = parseMergeArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`xent merge: ${parsed}\n${MERGE_USAGE}`);
    return 2;
  }
  const text = await readCommandInput(parsed.file, parsed.maxSize, io);
  if (text === undefined) return 2;
  if (parsed.sqlResult !== undefined) return mergeSql(parsed, parsed.sqlResult, text, io);
  const parts: NamedPartial[] = [];
  for (const file of parsed.partials) {
    const got = await readTextFile(file, { maxBytes: MAX_PARTIAL_BYTES, displayPath: file });
    if (!got.ok) {
      io.stderr.write(`xent merge: cannot read ${file}: ${got.error.reason}\n`);
      return 2;
    }
    const document = readPartial(got.value, file);
    if (typeof document === 'string') {
      io.stderr.write(`xent merge: ${document}\n`);
      return 2;
    }
    parts.push({ file, document });
  }
  const rules = ruleSeveritiesFor(parsed.file, parsed.rules, { printed: new Set<string>(), write: (s: string) => io.stderr.write(s) });
  const analysis = analyze(text, { rules });
  // The experiments the parts hold (or the one named), in the file's order.
  const named = new Set(parts.map((p) => p.document.experiment));
  if (parsed.experiment && [...named].some((n) => n !== parsed.experiment)) {
    const other = parts.find((p) => p.document.experiment !== parsed.experiment)!;
    io.stderr.write(`xent merge: ${other.file} holds experiment ${other.document.experiment}, not ${parsed.experiment}\n`);
    return 2;
  }
  const models = analysis.models.filter((m) => named.has(m.name));
  for (const name of named) {
    if (!models.some((m) => m.name === name)) {
      io.stderr.write(`xent merge: no experiment '${name}' in ${parsed.file} (it has ${analysis.models.map((m) => m.name).join(', ') || 'none'})\n`);
      return 2;
    }
  }
  const options: EvaluateOptions = { baseDir: dirname(parsed.file), digits: parsed.digits, curves: parsed.html !== undefined };
  const results: ExperimentResult[] = [];
  for (const m of models) {
    const { result } = await mergePartials(m, text, parts.filter((p) => p.document.experiment === m.name), options);
    result.diagnostics = applySeverities(result.diagnostics, rules);
    results.push(result);
  }
  return writeResults(results, { command: 'merge', file: parsed.file, json: parsed.json, html: parsed.html }, io);
}

/** `xent merge FILE --sql-result RESULT.csv`: the experiment's numbers from xent sql's statistics. */
async function mergeSql(parsed: MergeArgs, resultFile: string, text: string, io: Streams): Promise<number> {
  const got = await readTextFile(resultFile, { maxBytes: MAX_PARTIAL_BYTES, displayPath: resultFile });
  if (!got.ok) {
    io.stderr.write(`xent merge: cannot read ${resultFile}: ${got.error.reason}\n`);
    return 2;
  }
  const rules = ruleSeveritiesFor(parsed.file, parsed.rules, { printed: new Set<string>(), write: (s: string) => io.stderr.write(s) });
  const analysis = analyze(text, { rules });
  const models = parsed.experiment ? analysis.models.filter((m) => m.name === parsed.experiment) : analysis.models;
  if (models.length !== 1) {
    const names = analysis.models.map((m) => m.name).join(', ') || 'none';
    io.stderr.write(
      parsed.experiment
        ? `xent merge: no experiment '${parsed.experiment}' in ${parsed.file} (it has ${names})\n`
        : `xent merge: --sql-result is one experiment's: name it with --experiment (${parsed.file} has ${names})\n`,
    );
    return 2;
  }
  const { result } = await mergeSqlResult(models[0], got.value, resultFile, { baseDir: dirname(parsed.file), digits: parsed.digits, root: parsed.root, rootName: '--root' });
  result.diagnostics = applySeverities(result.diagnostics, rules);
  return writeResults([result], { command: 'merge', file: parsed.file, json: parsed.json, html: parsed.html }, io);
}
