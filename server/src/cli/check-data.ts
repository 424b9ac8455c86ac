// `xent check` reads small data files too (`--data-limit BYTES`, default 5 MB, 0 = the text only): each
// experiment whose csv()/npy() files together are within the limit is evaluated, and the evaluation's
// diagnostics (a one-hot y_true with a sparse loss, a label outside the classes, a missing file...) are
// reported beside the text's, in the same formats and with the same exit codes. The decision and the
// de-duplication are the core's (core/eval/data-check.ts), shared with the editor's background check.

import { dirname } from 'node:path';
import type { Analysis } from '../core/check';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostic';
import { dataFindings, decideDataRead } from '../core/eval/data-check';
import { evaluateExperiment } from '../core/eval/evaluate';
import { parseByteSize } from './input';

export interface DataCheckOptions {
  /** Bytes; 0 = read no data file. */
  readonly limit: number;
  /**
   * --root: data files must lie inside it. Without it, `xent check` reads (unasked) only data files inside the
   * current directory, the CLI's idea of the workspace; `xent eval FILE` is asked, and reads wherever FILE says.
   */
  readonly root?: string;
}

/** The text's diagnostics and the data findings of the experiments small enough to read, sorted by position. */
export async function checkWithData(analysis: Analysis, file: string, options: DataCheckOptions): Promise<Diagnostic[]> {
  const all: Diagnostic[] = [...analysis.diagnostics];
  if (options.limit <= 0) return all;
  const baseDir = dirname(file);
  const root = options.root ?? process.cwd();
  const seen = new Set<string>();
  for (const m of analysis.models) {
    // A duplicate experiment name is reported by the text's checks; evaluate the first one only.
    if (seen.has(m.name)) continue;
    seen.add(m.name);
    if (!(await decideDataRead(m, baseDir, options.limit, root)).read) continue;
    const { diagnostics } = await evaluateExperiment(m, { baseDir, root, rootName: options.root ? '--root' : 'the current directory' });
    all.push(...dataFindings(m, analysis.diagnostics, diagnostics, analysis.parse.source));
  }
  return all.sort(compareDiagnostics);
}

/** `--data-limit` values: as --max-size (bytes, or a whole number with K, M or G), and 0 to read no data file. */
export function parseDataLimit(text: string | undefined): number | undefined {
  if (text !== undefined && /^\s*0+\s*[a-z]*\s*$/i.test(text)) return 0;
  return parseByteSize(text);
}
