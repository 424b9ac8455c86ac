// For the hardening tests: the bundled language server (dist/server.js --stdio) started with the exact
// initialize parameters a test needs (processId, workspace folders), and what can be seen of its process
// from outside: how it exits, and whether any of its threads is stuck on a FIFO.

import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER } from './lsp-client';
import { stdioConnection } from './stdio-connection';

export interface ServerProcess {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  readonly initialize: InitializeResult;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
  /** Every publishDiagnostics so far, oldest first. */
  readonly published: PublishDiagnosticsParams[];
  stderr(): string;
  /** Opens a document from its path on disk (the uri is that path's file: URL). */
  open(path: string, text: string, version?: number): Promise<string>;
  /** Kills the process if a test left it running. */
  kill(): void;
}

export async function launchServer(
  options: { processId?: number | null; workspace?: string; settings?: unknown; transport?: 'stdio' | 'ipc' } = {},
): Promise<ServerProcess> {
  // stdio as Neovim and `xent lsp --stdio` run it; IPC as VS Code does (--node-ipc, a forked process).
  const ipc = options.transport === 'ipc';
  const child = ipc
    ? fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
    : spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b) => (stderr += String(b)));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const connection = ipc
    ? createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
    : stdioConnection(child);
  // A server that has exited closes its pipes; writes after that are the test's business, not an error.
  connection.onError(() => undefined);
  child.stdin?.on('error', () => undefined);
  const published: PublishDiagnosticsParams[] = [];
  const folder = options.workspace ? { uri: pathToFileURL(options.workspace).href, name: 'ws' } : undefined;
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => published.push(p));
  connection.onRequest('workspace/configuration', () => [options.settings ?? {}]);
  connection.onRequest('workspace/workspaceFolders', () => (folder ? [folder] : null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('$/progress', () => undefined);
  connection.listen();
  const initialize = await connection.sendRequest<InitializeResult>('initialize', {
    processId: options.processId === undefined ? process.pid : options.processId,
    rootUri: folder?.uri ?? null,
    workspaceFolders: folder ? [folder] : null,
    capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    initializationOptions: { settings: options.settings },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    child,
    initialize,
    exited,
    published,
    stderr: () => stderr,
    async open(path, text, version = 1) {
      const uri = pathToFileURL(path).href;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version, text } });
      return uri;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Rejects when `promise` has not settled within `ms`: every wait of these tests is bounded, so a hang fails. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The threads of a process that sit in the kernel waiting on a pipe or FIFO (Linux: /proc/PID/task/N/wchan):
 * a read of a FIFO no one writes, or an open of one waiting for a writer. The server itself never blocks on
 * a pipe (its stdio goes through non-blocking libuv handles), so any such thread is a read it should not
 * have started.
 */
export function threadsBlockedOnPipes(pid: number): string[] {
  const stuck: string[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let wchan: string;
    try {
      wchan = readFileSync(`/proc/${pid}/task/${task}/wchan`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    if (/pipe_read|pipe_wait|wait_for_partner|fifo_open/.test(wchan)) stuck.push(`thread ${task}: ${wchan}`);
  }
  return stuck;
}
