// Which experiments are read for their data findings without being asked, and which of the findings to show.
// `xent check --data-limit`, the language server's background check (xent.dataSizeLimit, VS Code and Neovim
// alike) decide it here, so one limit means the same everywhere: an experiment whose csv()/npy()/parquet() files
// together hold at most `limit` bytes is evaluated, and the evaluation's diagnostics (a label outside the
// classes, one-hot y_true with a sparse loss, a probability above 1, a missing file) join the text's.

import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { listParquetFiles } from '../data/parquet-files';
import { isInsideFolder } from '../data/safe-open';
import type { Diagnostic } from '../diagnostic';
import type { ExperimentModel } from '../model/types';
import type { Range, SourceText } from '../syntax/source';
import type { RangedDiagnostic } from './types';

/** The default limit, the same as the editor setting xent.dataSizeLimit: 5 MB. */
export const DEFAULT_DATA_SIZE_LIMIT = 5 * 1024 * 1024;

/** The data files an experiment reads, as written (csv, parquet: the path, which for parquet may be a
 *  directory or a glob; npy: each array). */
export function dataFiles(m: ExperimentModel): string[] {
  if (!m.data || m.data.kind === 'inline') return [];
  const args = m.data.call.args;
  const keys = m.data.kind === 'npy' ? ['y_true', 'y_pred', 'features'] : ['path'];
  const out: string[] = [];
  for (const k of keys) {
    const v = args.get(k)?.value;
    if (v?.kind === 'string' && v.value !== '') out.push(v.value);
  }
  return out;
}

export type DataReadDecision =
  | { readonly read: true; readonly bytes: number }
  | { readonly read: false; readonly why: 'no-data-file' | 'text-only' | 'too-large' | 'not-a-regular-file' | 'outside-root'; readonly bytes: number };

/**
 * Whether the experiment's data files are read without being asked. `baseDir` is the .xent file's folder
 * (relative paths start there); `limit` is in bytes, 0 meaning "the text only"; `root`, when given, is the
 * folder the files must really be in.
 * Sizes are those of regular files. A missing file counts 0: the evaluation reports it where the user sees it.
 * A FIFO, device or directory is never read in the background (its size says nothing of what a read would
 * cost, and a FIFO may block): the experiment is left to an explicit evaluation.
 */
export async function decideDataRead(m: ExperimentModel, baseDir: string, limit: number, root?: string): Promise<DataReadDecision> {
  let files = dataFiles(m);
  if (files.length === 0) return { read: false, why: 'no-data-file', bytes: 0 };
  if (!(limit > 0)) return { read: false, why: 'text-only', bytes: 0 };
  if (m.data?.kind === 'parquet') {
    // A directory or a glob counts every file it names (a path that names nothing counts 0, as above).
    const listed = await listParquetFiles(files[0], baseDir, { root });
    if (!listed.ok && listed.error.code === 'data-outside-root') return { read: false, why: 'outside-root', bytes: 0 };
    if (listed.ok) files = listed.value.map((f) => f.path);
  }
  const realRoot = root === undefined ? undefined : await realpath(root).catch(() => resolve(root));
  let bytes = 0;
  for (const f of files) {
    const path = isAbsolute(f) ? f : resolve(baseDir, f);
    let st;
    try {
      st = await stat(path);
    } catch {
      continue;
    }
    // A file outside the root (links followed) is not read without being asked: checking a .xent file must
    // not make xent read, and quote in its messages, whatever file the .xent names.
    if (realRoot !== undefined && !isInsideFolder(await realpath(path).catch(() => path), realRoot)) return { read: false, why: 'outside-root', bytes };
    if (!st.isFile()) return { read: false, why: 'not-a-regular-file', bytes };
    bytes += st.size;
    if (bytes > limit) return { read: false, why: 'too-large', bytes };
  }
  return { read: true, bytes };
}

/**
 * The evaluation's diagnostics worth adding to the text's: a code the text's own diagnostics already report
 * inside the experiment is left out (the data rules find it in the text already, once is enough), and a
 * diagnostic outside the experiment's own text (data inherited through `extends`) is moved onto the
 * experiment's name, since the failure belongs to this experiment.
 */
export function dataFindings(
  m: ExperimentModel,
  textDiagnostics: readonly Diagnostic[],
  evaluation: readonly RangedDiagnostic[],
  source: SourceText,
): Diagnostic[] {
  const { start, end } = m.node;
  const inside = (r: Range) => source.offsetAt(r.start) >= start && source.offsetAt(r.end) <= end;
  const known = new Set(textDiagnostics.filter((d) => inside({ start: d.range.start, end: d.range.start })).map((d) => d.code));
  const name = m.node.name;
  const onName = name ? source.rangeOf(name.start, name.end) : source.rangeOf(start, start);
  return evaluation
    .filter((d) => !known.has(d.code))
    .map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: inside(d.range) ? d.range : onName, ...(d.related ? { related: d.related } : {}) }));
}
