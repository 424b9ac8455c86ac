// Which files a parquet("…") path names: one file, a directory (every *.parquet directly in it), or a glob
// in the last path component ("parts/*.parquet", "part-0?.parquet"), files sorted by name so the rows are
// always read in the same order (a dataset written by Spark, DuckDB or polars as part files).
//
// Only the listing happens here; each file is then opened through safe-open.ts (regular file, inside the
// root, the descriptor verified), so a symlinked part that leads out of the root is refused at its opening.
// A directory (or a glob's folder) outside the root is refused before it is listed: listing a folder the
// .xent file must not reach would reveal its names.

import { promises as fsp } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { isInsideFolder } from './safe-open';
import { dataError, fsError, type DataResult } from './types';

/** One file of a parquet dataset: where it is, and how messages name it. */
export interface ParquetFileRef {
  readonly path: string;
  readonly display: string;
}

/** Whether a path as written is a glob (its last component holds * or ?). */
export function isParquetGlob(written: string): boolean {
  return /[*?]/.test(basename(written));
}

function globRegex(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp('^' + body + '$', 's');
}

/** Joins a display folder and a name with '/', as the user writes paths in a .xent file. */
function displayJoin(folder: string, name: string): string {
  if (folder === '' || folder === '.') return name;
  return folder.endsWith('/') ? folder + name : `${folder}/${name}`;
}

/**
 * The files `written` names, sorted by name. `baseDir` resolves a relative path; `root` (optional) is the
 * folder a listed directory must really be in. Never throws.
 */
export async function listParquetFiles(
  written: string,
  baseDir: string,
  opts: { root?: string; rootName?: string } = {},
): Promise<DataResult<ParquetFileRef[]>> {
  const abs = isAbsolute(written) ? written : resolve(baseDir, written);
  const glob = isParquetGlob(written);
  const folder = glob ? dirname(abs) : abs;
  const folderDisplay = glob ? dirname(written) : written;
  if (!glob) {
    let st;
    try {
      st = await fsp.stat(abs);
    } catch (err) {
      return { ok: false, error: fsError(written, err) };
    }
    // A file (or anything that is not a directory: safe-open refuses FIFOs and devices with its own words).
    if (!st.isDirectory()) return { ok: true, value: [{ path: abs, display: written }] };
  }
  if (opts.root !== undefined) {
    const [realFolder, realRoot] = await Promise.all([fsp.realpath(folder).catch(() => resolve(folder)), fsp.realpath(opts.root).catch(() => resolve(opts.root!))]);
    if (!isInsideFolder(realFolder, realRoot)) {
      const where = opts.rootName ?? 'the workspace';
      return { ok: false, error: dataError('data-outside-root', written, `is outside ${where}; xent reads files only inside ${opts.root}`) };
    }
  }
  let names: string[];
  try {
    const entries = await fsp.readdir(folder, { withFileTypes: true });
    // Directory entries that are files or symlinks (a symlink is checked when opened); sub-folders are not
    // descended into.
    names = entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name);
  } catch (err) {
    return { ok: false, error: fsError(glob ? folderDisplay : written, err) };
  }
  const re = glob ? globRegex(basename(written)) : /\.parquet$/i;
  // Sorted by code unit, not locale: the same order on every machine (part-00000, part-00001, …).
  const picked = names.filter((n) => re.test(n) && !n.startsWith('.')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (picked.length === 0) {
    const reason = glob ? `no file matches '${basename(written)}' in ${folderDisplay === '' ? '.' : folderDisplay}` : 'is a directory with no .parquet file in it';
    return { ok: false, error: dataError('data-not-found', written, reason) };
  }
  return { ok: true, value: picked.map((n) => ({ path: join(folder, n), display: displayJoin(folderDisplay, n) })) };
}
