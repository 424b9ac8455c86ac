// hyparquet's AsyncBuffer (byteLength + slice(start, end)) over an already opened, verified file handle:
// every byte hyparquet asks for is read through the descriptor safe-open.ts checked, never by re-opening
// the path. A read that comes back short means the file shrank while it was read (ParquetFileShrank), and
// an aborted signal stops the read at the next slice (ParquetReadCancelled); parquet.ts turns both into
// DataErrors ('data-changed', 'cancelled').

import type { promises as fsp } from 'node:fs';
import type { AsyncBuffer } from 'hyparquet';

export class ParquetReadCancelled extends Error {}
export class ParquetFileShrank extends Error {}

export function fileHandleBuffer(handle: fsp.FileHandle, size: number, signal?: AbortSignal): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end: number = size): Promise<ArrayBuffer> {
      if (signal?.aborted) throw new ParquetReadCancelled('cancelled');
      const from = Math.max(0, Math.min(start, size));
      const to = Math.max(from, Math.min(end, size));
      const out = new Uint8Array(to - from);
      let filled = 0;
      while (filled < out.length) {
        const { bytesRead } = await handle.read(out, filled, out.length - filled, from + filled);
        if (bytesRead === 0) throw new ParquetFileShrank(`the file ends before byte ${to}`);
        filled += bytesRead;
      }
      return out.buffer;
    },
  };
}
