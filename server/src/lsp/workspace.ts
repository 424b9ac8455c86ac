// The workspace as the server sees it, in one place: the file-system path of a document's URI, and the workspace
// folders (where data files may be read from and where workspace symbols are looked for).
//
// The folders have one source: the client. They are asked of it (`workspace/workspaceFolders`) each time they are
// needed (an evaluation, a refresh of the symbol index: rare and user-triggered), so they are never stale. A client
// that cannot answer (no support, an error, no answer within 2 s) is not asked again; then the folders it gave at
// `initialize` (or its root URI), kept up to date by `workspace/didChangeWorkspaceFolders`, are the answer.

import { fileURLToPath } from 'node:url';
import type { Connection, WorkspaceFolder, WorkspaceFoldersChangeEvent } from 'vscode-languageserver';

/** The file-system path of a `file:` URI; undefined for another scheme or a URI no path can be made of. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

const ASK_TIMEOUT_MS = 2_000;

const pathsOf = (folders: readonly { uri: string }[]): string[] => folders.flatMap((f) => uriToPath(f.uri) ?? []);

export class WorkspaceFolders {
  /** From initialize and the change notifications: the answer when the client cannot be asked. */
  private known: string[] = [];
  private unsupported = false;

  constructor(private readonly connection: Pick<Connection, 'workspace'>) {}

  /** The folders the client opened with (`workspaceFolders`, else `rootUri`). */
  initialize(params: { workspaceFolders?: WorkspaceFolder[] | null; rootUri?: string | null }): void {
    this.known = pathsOf(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []));
  }

  /** `workspace/didChangeWorkspaceFolders`. */
  changed(e: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(pathsOf(e.removed));
    this.known = [...this.known.filter((f) => !removed.has(f)), ...pathsOf(e.added)];
  }

  /** The workspace folders' paths, or none. */
  async list(): Promise<string[]> {
    if (!this.unsupported) {
      let timer: NodeJS.Timeout | undefined;
      try {
        const answer = await Promise.race([
          this.connection.workspace.getWorkspaceFolders(),
          new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ASK_TIMEOUT_MS)).unref()),
        ]);
        if (answer !== 'timeout') return (this.known = pathsOf(answer ?? []));
      } catch {
        // no support: fall through to what initialize said
      } finally {
        clearTimeout(timer);
      }
      this.unsupported = true;
    }
    return [...this.known];
  }
}
