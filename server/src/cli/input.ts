// How the CLI reads the .xent files it is given, and the options that make it safe on untrusted input
// (`--max-size`, `--root`). Only regular files are read, through the one verified open of the core
// (core/data/safe-open.ts): `xent check /dev/urandom`, a FIFO or a directory is refused at once instead of
// growing memory or blocking, and a file over the size limit is refused before a byte is read.

import { resolve } from 'node:path';
import { readTextFile } from '../core/data/safe-open';

/** The default of --max-size: far above any hand-written .xent file, far below what hurts a CI runner. */
export const DEFAULT_MAX_SIZE = 64 * 1024 * 1024;

const UNITS: Record<string, number> = { '': 1, k: 1024, kb: 1024, kib: 1024, m: 1 << 20, mb: 1 << 20, mib: 1 << 20, g: 1 << 30, gb: 1 << 30, gib: 1 << 30 };

/** `--max-size` values: bytes, or a whole number with K, M or G (powers of 1024: 64M = 64 MiB). */
export function parseByteSize(text: string | undefined): number | undefined {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const unit = UNITS[m[2].toLowerCase()];
  const n = Number(m[1]) * (unit ?? NaN);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The options --max-size and --root, shared by check and eval; `undefined` when `args[i]` is neither. */
export function parseInputOption(args: readonly string[], i: number, into: { maxSize: number; root?: string }): { next: number } | string | undefined {
  const a = args[i];
  const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
  if (name !== '--max-size' && name !== '--root') return undefined;
  const value = inline ?? args[i + 1];
  const next = inline === undefined ? i + 1 : i;
  if (name === '--max-size') {
    const bytes = parseByteSize(value);
    if (bytes === undefined) return `--max-size takes a size in bytes (e.g. 1048576, 512K, 64M), not ${value === undefined ? 'nothing' : `'${value}'`}`;
    into.maxSize = bytes;
  } else {
    if (!value) return '--root needs a folder';
    into.root = resolve(value);
  }
  return { next };
}

/** The text of a .xent input (BOM dropped), or why it was not read ("no such file", "it is not a regular file (a FIFO)"). */
export async function readInput(file: string, maxSize: number): Promise<{ text: string } | { reason: string }> {
  const read = await readTextFile(file, { maxBytes: maxSize });
  if (read.ok) return { text: stripBom(read.value) };
  const { code, reason } = read.error;
  if (code === 'data-not-found') return { reason: 'no such file' };
  if (code === 'data-too-large') return { reason: `it ${reason} (--max-size)` };
  return { reason: reason.startsWith('is ') ? `it ${reason}` : reason };
}

/** The text of the .xent file a command was given, or undefined once the reason it cannot be read is said (exit 2). */
export async function readCommandInput(file: string, maxSize: number, io: { stderr: { write(s: string): unknown } }): Promise<string | undefined> {
  const read = await readInput(file, maxSize);
  if ('text' in read) return read.text;
  io.stderr.write(`xent: cannot read ${file}: ${read.reason}\n`);
  return undefined;
}

/** Editors drop a UTF-8 BOM before they count columns; so does the CLI, so both report the same columns. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
