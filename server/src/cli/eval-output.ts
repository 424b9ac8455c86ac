// What `xent eval` prints, and `xent merge` prints the same way: the text table and classification report
// of each experiment, or the JSON document, the optional --html page, and the exit code.

import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { reportDocument } from '../../../shared/report/html';
import type { ExperimentResult } from '../core/eval/types';
import type { Streams } from './streams';

export interface ResultOutput {
  /** The command, for messages. */
  readonly command: 'eval' | 'merge';
  /** The .xent file, as given (the text names it; the JSON's `file`). */
  readonly file: string;
  readonly json: boolean;
  /** --html OUT: also write the report view's page (plots included) to OUT, self-contained. */
  readonly html?: string;
}

/** Writes the results; exit 0 when every declared number was computed, 1 when any was not, 2 when --html fails. */
export async function writeResults(results: ExperimentResult[], out: ResultOutput, io: Streams): Promise<number> {
  if (!out.json) for (const r of results) io.stdout.write(formatResult(r, out.file));
  if (out.html !== undefined) {
    try {
      await writeFile(out.html, reportDocument(results, basename(out.file)));
    } catch (err) {
      io.stderr.write(`xent ${out.command}: cannot write ${out.html}: ${(err as Error).message}\n`);
      return 2;
    }
    // The curves are the page's; --json prints the result as without --html.
    for (const r of results) delete r.curves;
  }
  if (out.json) io.stdout.write(JSON.stringify({ file: out.file, experiments: results }, null, 2) + '\n');
  // Exit 1 when any number could not be computed (CI must notice), not only when data could not be read.
  return results.every(allComputed) ? 0 : 1;
}

/** Every declared number and the loss came out (docs/metrics.md, "Exit codes"). */
export function allComputed(r: ExperimentResult): boolean {
  return r.error === null && !r.loss?.error && r.declared.every((d) => d.error === null);
}

function fmt(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits);
}

/** The compact table of one experiment, then its classification report. */
function formatResult(r: ExperimentResult, file: string): string {
  const lines = [`== ${r.name} (${file})`];
  if (r.error) {
    lines.push(`  cannot evaluate: ${r.error}`, '');
    return lines.join('\n') + '\n';
  }
  const rows: [string, string][] = [
    ['task', `${r.task} (${r.classes.length} classes: ${r.classes.join(', ')})`],
    ['samples', String(r.samples)],
  ];
  if (r.loss) {
    // A loss that is nan as its library gives it (every target ignored) or computed with a decision the user
    // must see (reduction none) carries its note in the text output too, as in the JSON.
    const { value, error, note } = r.loss;
    const text = value === null || Number.isNaN(value) ? `— (${error ?? note ?? 'not computed'})` : `${fmt(value)}${note ? ` (${note})` : ''}`;
    rows.push([`loss ${r.loss.name}`, text]);
  }
  const m = r.metrics;
  if (m.log_loss !== undefined) rows.push(['log_loss', fmt(m.log_loss)]);
  if (m.accuracy !== undefined) rows.push(['accuracy', fmt(m.accuracy)]);
  if (m.f1) {
    for (const avg of ['binary', 'micro', 'macro', 'weighted', 'samples'] as const) {
      if (m.f1[avg] !== undefined) rows.push([`f1 ${avg}`, fmt(m.f1[avg])]);
    }
  }
  if (m.entropy) rows.push(['H(p), H(p,q), KL', `${fmt(m.entropy.entropy)}, ${fmt(m.entropy.cross_entropy)}, ${fmt(m.entropy.kl_divergence)}`]);
  if (r.fit) rows.push(['fit coef / intercept', `${JSON.stringify(r.fit.coef.map((c) => c.map((x) => +x.toFixed(5))))} / ${JSON.stringify(r.fit.intercept.map((x) => +x.toFixed(5)))}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(width)}  ${v}`);
  lines.push(...formatDeclared(r));
  for (const d of r.diagnostics) lines.push(`  ${file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`);
  lines.push('');
  if (m.report_text) lines.push(m.report_text);
  return lines.join('\n') + '\n';
}

/** The declared metrics in the file's order: name(params) value, or — (the library's reason). */
function formatDeclared(r: ExperimentResult): string[] {
  if (r.declared.length === 0) return [];
  const lines = ['  declared metrics:'];
  for (const d of r.declared) {
    const params = Object.entries(d.params)
      .map(([k, v]) => `${k}: ${v === null ? 'none' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)
      .join(', ');
    const head = `    ${d.metric}${params ? `(${params})` : ''}`;
    const v = d.value;
    if (d.error !== null || v === null) lines.push(`${head}  — (${d.error ?? 'not computed'})`);
    else if (typeof v === 'number') lines.push(`${head}  ${fmt(v)}`);
    else if (typeof v === 'string') lines.push(`${head}`, ...v.replace(/\n+$/, '').split('\n').map((l) => `      ${l}`));
    else if (Array.isArray(v)) lines.push(`${head}  ${JSON.stringify(v)}`);
    else lines.push(`${head}  ${Object.entries(v).map(([k, x]) => `${k}: ${fmt(x)}`).join(', ')}`);
    if (d.note) lines.push(`      note: ${d.note}`);
  }
  return lines;
}

