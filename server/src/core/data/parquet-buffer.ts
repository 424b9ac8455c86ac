// hyparquet's AsyncBuffer (byteLength + slice(start, end)) over an already opened, verified file handle:
// every byte hyparquet asks for is read through the descriptor safe-open.ts checked, never by re-opening
// the path. A read that comes back short means the file shrank while it was read (ParquetFileShrank), and
// an aborted signal stops the read at the next slice (ParquetReadCancelled); parquet.ts turns both into
// DataErrors ('data-changed', 'cancelled').

import type { promises as fsp } from 'node:fs';
import type { AsyncBuffer } from 'hyparquet';

export class ParquetReadCancelled extends Error {}
export class ParquetFileShrank extends Error {}

/** An AsyncBuffer that can also read into a buffer of the caller's (a reused one: parquet-pages.ts ColumnArena). */
export interface ReadableBuffer extends AsyncBuffer {
  /** Bytes [start, end) into `into` (of length end - start, clamped to the file), returned. */
  readInto(start: number, end: number, into: Uint8Array): Promise<Uint8Array>;
}

type ReadAt = (into: Uint8Array, offset: number, length: number, position: number) => Promise<number>;

function readableBuffer(readAt: ReadAt, size: number, signal?: AbortSignal): ReadableBuffer {
  const readInto = async (start: number, end: number, into: Uint8Array): Promise<Uint8Array> => {
    if (signal?.aborted) throw new ParquetReadCancelled('cancelled');
    const from = Math.max(0, Math.min(start, size));
    const to = Math.max(from, Math.min(end, size));
    const out = into.length === to - from ? into : into.subarray(0, to - from);
    let filled = 0;
    while (filled < out.length) {
      const bytesRead = await readAt(out, filled, out.length - filled, from + filled);
      if (bytesRead === 0) throw new ParquetFileShrank(`the file ends before byte ${to}`);
      filled += bytesRead;
    }
    return out;
  };
  return {
    byteLength: size,
    readInto,
    async slice(start: number, end: number = size): Promise<ArrayBuffer> {
      const from = Math.max(0, Math.min(start, size));
      const to = Math.max(from, Math.min(end, size));
      return (await readInto(from, to, new Uint8Array(to - from))).buffer as ArrayBuffer;
    },
  };
}

export function fileHandleBuffer(handle: fsp.FileHandle, size: number, signal?: AbortSignal): ReadableBuffer {
  return readableBuffer(async (into, offset, length, position) => (await handle.read(into, offset, length, position)).bytesRead, size, signal);
}
