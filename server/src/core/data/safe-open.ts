// The one way xent opens a file it reads (data files, and the CLI's .xent inputs): resolve, confine to a
// root, open without following a last-moment symlink and without blocking on a FIFO, then verify the
// *opened descriptor*: a regular file, the very file the resolved path names, inside the root, not too big.
// Every later read goes through that descriptor, and checkUnchanged() tells a file rewritten during the
// read (size, mtime or inode differ from the opening) from a stable one. See docs/data-files.md and
// docs/security.md.
//
// Why each step:
// - realpath first, so the root check compares real locations (a `../` or a symlink that leads out is
//   refused before anything is opened).
// - O_NOFOLLOW on the resolved path: it has no symlink left, so if its last component became one between
//   realpath and open (a swap), the open fails (ELOOP) instead of following it.
// - O_NONBLOCK: opening a FIFO for reading blocks until a writer appears; with O_NONBLOCK it returns at
//   once, and the fstat below refuses it. It changes nothing for regular files. O_NOCTTY: a terminal
//   device never becomes the controlling terminal.
// - fstat of the descriptor, never stat of the path, decides what was opened.
// - dev+ino of the descriptor equal to those of the resolved path, and (on Linux) the kernel's own name of
//   the opened file (/proc/self/fd/N) inside the root: an intermediate directory swapped for a symlink
//   between realpath and open is caught too, since O_NOFOLLOW guards only the last component.

import { constants, promises as fsp, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { dataError, fsError, type DataError, type DataResult } from './types';

export interface OpenedFile {
  readonly handle: fsp.FileHandle;
  /** fstat of the descriptor at opening. */
  readonly stat: Stats;
  /** The resolved path that was opened (no symlinks). */
  readonly realPath: string;
  /** How messages name the file. */
  readonly display: string;
}

export interface OpenOptions {
  /** Refuse a file whose real location is outside this folder (the workspace folder, the CLI's --root). */
  readonly root?: string;
  /** How the root is named in the refusal: "the workspace" (default) or "--root". */
  readonly rootName?: string;
  /** Refuse a file larger than this many bytes. */
  readonly maxBytes?: number;
  /** How messages name the file (default: the path as given). */
  readonly displayPath?: string;
}

const OPEN_FLAGS =
  constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** Whether `path` is `folder` or inside it (both absolute and normalised). */
export function isInsideFolder(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** What a non-regular file is, for the refusal message. */
export function fileKind(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}

export function formatBytes(n: number): string {
  if (n >= 1 << 30 && n % (1 << 30) === 0) return `${n / (1 << 30)} GiB`;
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** The kernel's name for an open descriptor (Linux), or undefined where /proc is not available. */
async function descriptorPath(fd: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    return await fsp.readlink(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/**
 * Opens `path` for reading, verified as described at the top of this file. Never throws: a refusal is a
 * DataError ('data-not-found', 'data-unreadable', 'data-outside-root', 'data-too-large'). The caller owns the
 * handle and must close it.
 */
export async function openRegularFile(path: string, opts: OpenOptions = {}): Promise<DataResult<OpenedFile>> {
  const display = opts.displayPath ?? path;
  let realPath: string;
  try {
    realPath = await fsp.realpath(resolve(path));
  } catch (err) {
    return { ok: false, error: fsError(display, err) };
  }
  let realRoot: string | undefined;
  if (opts.root !== undefined) {
    try {
      realRoot = await fsp.realpath(resolve(opts.root));
    } catch (err) {
      return { ok: false, error: dataError('data-unreadable', display, `the root folder cannot be resolved (${errText(err)})`) };
    }
    if (!isInsideFolder(realPath, realRoot)) return { ok: false, error: outside(display, opts) };
  }
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(realPath, OPEN_FLAGS);
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    // ELOOP: the last component became a symlink after realpath: a swap, refused rather than followed.
    if (code === 'ELOOP' || code === 'EMLINK') {
      return { ok: false, error: dataError('data-unreadable', display, 'changed into a symbolic link while being opened') };
    }
    return { ok: false, error: fsError(display, err) };
  }
  const refuse = async (error: DataError): Promise<DataResult<OpenedFile>> => {
    await handle.close().catch(() => undefined);
    return { ok: false, error };
  };
  try {
    const st = await handle.stat();
    if (!st.isFile()) return refuse(dataError('data-unreadable', display, `is not a regular file (${fileKind(st)})`));
    let named: Stats;
    try {
      named = await fsp.stat(realPath);
    } catch (err) {
      return refuse(dataError('data-changed', display, `changed while being opened (${errText(err)})`));
    }
    if (named.dev !== st.dev || named.ino !== st.ino) {
      return refuse(dataError('data-changed', display, 'changed while being opened (the path now names another file)'));
    }
    const kernelName = await descriptorPath(handle.fd);
    if (kernelName !== undefined) {
      if (realRoot !== undefined && !isInsideFolder(kernelName, realRoot)) return refuse(outside(display, opts));
      if (kernelName !== realPath) {
        return refuse(dataError('data-changed', display, 'changed while being opened (the path now names another file)'));
      }
    }
    if (opts.maxBytes !== undefined && st.size > opts.maxBytes) {
      return refuse(
        dataError('data-too-large', display, `is ${formatBytes(st.size)}, over the limit of ${formatBytes(opts.maxBytes)}`),
      );
    }
    return { ok: true, value: { handle, stat: st, realPath, display } };
  } catch (err) {
    return refuse(fsError(display, err));
  }
}

function outside(display: string, opts: OpenOptions): DataError {
  const where = opts.rootName ?? 'the workspace';
  return dataError('data-outside-root', display, `is outside ${where}; xent reads files only inside ${opts.root}`);
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The identity of an opened file that must not change while it is read. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

export function identityOf(st: Stats): FileIdentity {
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
}

function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** Whether an fstat result still matches the opening (size, mtime, inode). */
export function unchangedError(display: string, opened: FileIdentity, now: Stats): DataError | null {
  return sameIdentity(opened, identityOf(now)) ? null : changedError(display, opened, now);
}

export function changedError(display: string, opened: FileIdentity, now: Pick<Stats, 'size' | 'ino' | 'dev' | 'mtimeMs'>): DataError {
  let how = 'its modification time changed';
  if (now.ino !== opened.ino || now.dev !== opened.dev) how = 'the path now names another file';
  else if (now.size !== opened.size) how = `its size went from ${opened.size} to ${now.size} bytes`;
  return dataError('data-changed', display, `changed while reading (${how}); nothing was scored from it, read it again`);
}

/**
 * fstat of the descriptor and stat of the path, both compared with the opening: a file truncated,
 * appended to, rewritten in place (mtime) or replaced (rename over it: another inode at the path) is
 * 'data-changed'. Returns null when nothing changed.
 */
export async function checkUnchanged(opened: OpenedFile): Promise<DataError | null> {
  return checkIdentity(opened.handle, opened.realPath, identityOf(opened.stat), opened.display);
}

export async function checkIdentity(
  handle: fsp.FileHandle,
  realPath: string,
  id: FileIdentity,
  display: string,
): Promise<DataError | null> {
  try {
    const now = await handle.stat();
    const e = unchangedError(display, id, now);
    if (e) return e;
  } catch (err) {
    return fsError(display, err);
  }
  try {
    const named = await fsp.stat(realPath);
    return unchangedError(display, id, named);
  } catch {
    return dataError('data-changed', display, 'changed while reading (the file was removed or renamed); nothing was scored from it, read it again');
  }
}

/**
 * Reads a whole text file (UTF-8) through openRegularFile: refuses non-regular files and files over
 * `maxBytes`, reads at most maxBytes (so a file growing meanwhile cannot make it read more), and refuses a
 * file that changed while read. For the CLI's .xent inputs and other small text files.
 */
export async function readTextFile(path: string, opts: OpenOptions = {}): Promise<DataResult<string>> {
  const opened = await openRegularFile(path, opts);
  if (!opened.ok) return opened;
  const { handle, stat, display } = opened.value;
  try {
    const limit = opts.maxBytes ?? Number.MAX_SAFE_INTEGER;
    const size = stat.size;
    const buf = Buffer.alloc(Math.min(size, limit));
    let filled = 0;
    while (filled < buf.length) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const changed = filled !== size ? changedError(display, identityOf(stat), { ...identityOf(stat), size: filled }) : await checkUnchanged(opened.value);
    if (changed) return { ok: false, error: changed };
    return { ok: true, value: buf.toString('utf8', 0, filled) };
  } catch (err) {
    return { ok: false, error: fsError(display, err) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
