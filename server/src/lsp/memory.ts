// Handing the memory of a closed document back. When a large document closes, its trees become garbage, but V8
// collects only when something allocates again: an idle server would keep hundreds of MiB resident for a file
// no longer open. One full collection after the close returns them.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Documents at least this long (UTF-16 units) are followed by a collection when they close. */
export const LARGE_DOCUMENT = 1_000_000;

let gc: (() => void) | null | undefined;

/** A full garbage collection (V8's gc(), exposed for this if the process was not started with --expose-gc). */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      const exposed = (globalThis as { gc?: () => void }).gc;
      if (exposed) gc = exposed;
      else {
        setFlagsFromString('--expose-gc');
        gc = runInNewContext('gc') as () => void;
      }
    } catch {
      gc = null; // not available: V8 collects on its own schedule
    }
  }
  gc?.();
}
