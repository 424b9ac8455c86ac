// The folder data files must stay in: the workspace folder that holds the .xent file, or the .xent file's own
// folder when it lies in no workspace folder (or the client has none). The client is asked for its folders
// once per evaluation (`workspace/workspaceFolders`, rare and user-triggered, so no change tracking); a client
// that does not answer it is not asked again.

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { isInside } from './data-files';

const ASK_TIMEOUT_MS = 2_000;

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The innermost folder holding `file`, else the file's own folder. */
export function dataRoot(file: string, folders: readonly string[]): string {
  let best: string | undefined;
  for (const f of folders) if (isInside(file, f) && (!best || f.length > best.length)) best = f;
  return best ?? dirname(file);
}

export class WorkspaceFolders {
  private unsupported = false;

  constructor(private readonly connection: Connection) {}

  async list(): Promise<string[]> {
    if (this.unsupported) return [];
    try {
      const answer = await Promise.race([
        this.connection.workspace.getWorkspaceFolders(),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ASK_TIMEOUT_MS).unref()),
      ]);
      if (answer === 'timeout') {
        this.unsupported = true;
        return [];
      }
      return (answer ?? []).flatMap((f) => uriToPath(f.uri) ?? []);
    } catch {
      this.unsupported = true;
      return [];
    }
  }
}
