// The data files an evaluation may read: only inside the workspace folder of the .xent file (or, outside any
// workspace folder, the .xent file's own folder). A `../` path or a symbolic link that leads out is refused
// here, before any job starts, with a message that says which link leads where.
// This check is not what keeps reads inside: a link can change between it and the read. The job carries the
// folder as its root and the readers open each file once and verify the opened descriptor against it
// (core/data/safe-open.ts; test/hardening-race.test.ts swaps a link 300 times to prove it).
// Each allowed file gets a stamp (modification time and size) for the result cache.

import { promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isParquetGlob, listParquetFiles } from '../../core/data/parquet-files';

export interface FileStamp {
  /** The path as resolved from the .xent file's folder (before following links). */
  readonly path: string;
  /** Where it really is (links followed); undefined while the file does not exist. */
  readonly real?: string;
  readonly mtimeMs?: number;
  readonly size?: number;
}

export type DataFilesCheck = { readonly ok: true; readonly stamps: readonly FileStamp[] } | { readonly ok: false; readonly reason: string };

/** Whether `path` is `folder` or inside it (both absolute and normalised). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `path`, following links; for a path that does not exist, that of its nearest existing ancestor with the rest appended. */
async function realOrNearest(path: string): Promise<{ real: string; exists: boolean }> {
  const missing: string[] = [];
  let at = path;
  for (;;) {
    try {
      const real = await fs.realpath(at);
      return { real: missing.length ? join(real, ...missing.reverse()) : real, exists: missing.length === 0 };
    } catch {
      const parent = dirname(at);
      if (parent === at) return { real: path, exists: false };
      missing.push(basename(at));
      at = parent;
    }
  }
}

/**
 * Checks every data path of an experiment against the allowed folder and stamps the files.
 * `baseDir` is the .xent file's folder; `root` the folder data must stay in.
 */
export async function checkDataFiles(paths: readonly string[], baseDir: string, root: string): Promise<DataFilesCheck> {
  const realRoot = (await realOrNearest(resolve(root))).real;
  const stamps: FileStamp[] = [];
  for (const written of paths) {
    const path = isAbsolute(written) ? resolve(written) : resolve(baseDir, written);
    const { real, exists } = await realOrNearest(path);
    if (!isInside(real, realRoot)) {
      const how = isInside(path, resolve(root)) ? ` (a symbolic link leads to ${real})` : '';
      return { ok: false, reason: `${written} is outside the workspace folder${how}; xent reads data files only inside ${root}` };
    }
    if (!exists) {
      stamps.push({ path });
      continue;
    }
    try {
      const st = await fs.stat(real);
      stamps.push({ path, real, mtimeMs: st.mtimeMs, size: st.size });
    } catch {
      stamps.push({ path });
    }
  }
  return { ok: true, stamps };
}

/**
 * The paths checkDataFiles stamps: a parquet() directory or glob stands for its folder (a part file added or
 * removed changes the folder's mtime) and every file it names (a part rewritten changes its own stamp).
 */
export async function expandDataPaths(paths: readonly string[], parquet: boolean, baseDir: string): Promise<string[]> {
  if (!parquet || paths.length !== 1) return [...paths];
  const written = paths[0];
  const listed = await listParquetFiles(written, baseDir);
  if (!listed.ok || (listed.value.length === 1 && !isParquetGlob(written) && listed.value[0].display === written)) return [written];
  const folder = isParquetGlob(written) ? dirname(written) : written;
  return [folder, ...listed.value.map((f) => f.path)];
}

export function sameStamps(a: readonly FileStamp[], b: readonly FileStamp[]): boolean {
  return a.length === b.length && a.every((s, i) => s.path === b[i].path && s.real === b[i].real && s.mtimeMs === b[i].mtimeMs && s.size === b[i].size);
}

/** Whether a changed file (an absolute path) is one of the stamped files. */
export function stampsMention(stamps: readonly FileStamp[], file: string): boolean {
  const f = resolve(file);
  return stamps.some((s) => s.path === f || s.real === f);
}
