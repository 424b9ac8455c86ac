// The folder data files must stay in: the workspace folder that holds the .xent file, or the .xent file's own
// folder when it lies in no workspace folder (or the client has none). The folders come from ctx.workspaceFolders()
// (lsp/workspace.ts).

import { dirname } from 'node:path';
import { isInside } from './data-files';

/** The innermost folder holding `file`, else the file's own folder. */
export function dataRoot(file: string, folders: readonly string[]): string {
  let best: string | undefined;
  for (const f of folders) if (isInside(file, f) && (!best || f.length > best.length)) best = f;
  return best ?? dirname(file);
}
