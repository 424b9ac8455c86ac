// A real LSP client for tests: starts the bundled server (dist/server.js) over stdio and speaks JSON-RPC to it
// with vscode-jsonrpc, as an editor would. `npm test` builds the bundles first (pretest).

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { stdioConnection } from './stdio-connection';

export const ROOT = join(__dirname, '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export interface TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly initialize: InitializeResult;
  /** Opens a document (uri from a fake path) and returns its uri. */
  open(text: string, name?: string): Promise<string>;
  change(uri: string, text: string): Promise<void>;
  close(uri: string): Promise<void>;
  /** The next diagnostics published for `uri` (with `version` ≥ the given one). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]>;
  /** The most recent diagnostics published for `uri` so far (the server may publish again, e.g. after a data check). */
  latestDiagnostics(uri: string): Diagnostic[];
  request<R>(method: string, params: unknown): Promise<R>;
  stop(): Promise<void>;
  /** Whatever the server wrote to stderr (for failure messages). */
  stderr(): string;
}

export async function startClient(options: { settings?: unknown; rootUri?: string } = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b) => (stderr += String(b)));
  const connection = stdioConnection(child);
  const published = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: { uri: string; version: number; resolve: (d: Diagnostic[]) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const list = published.get(p.uri) ?? [];
    list.push(p);
    published.set(p.uri, list);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === p.uri && (p.version ?? Infinity) >= w.version) {
        waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.onRequest('workspace/configuration', () => [options.settings ?? {}]);
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => {});
  connection.listen();
  const initialize = await connection.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
    initializationOptions: { settings: options.settings },
  });
  await connection.sendNotification('initialized', {});
  const versions = new Map<string, number>();
  let counter = 0;
  return {
    connection,
    process: child,
    initialize,
    async open(text, name) {
      const uri = pathToFileURL(join(ROOT, 'test', `${name ?? `doc${++counter}`}.xent`)).href;
      versions.set(uri, 1);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version: 1, text } });
      return uri;
    },
    async change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async close(uri) {
      await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    diagnostics(uri, version) {
      const want = version ?? versions.get(uri) ?? 1;
      const done = published.get(uri)?.find((p) => (p.version ?? Infinity) >= want);
      if (done) return Promise.resolve(done.diagnostics);
      return new Promise((resolve) => waiters.push({ uri, version: want, resolve }));
    },
    latestDiagnostics(uri) {
      const list = published.get(uri);
      return list?.[list.length - 1]?.diagnostics ?? [];
    },
    request(method, params) {
      return connection.sendRequest(method, params);
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      // The server ends itself on `exit`; a signal only for one that has not within 3 s, so the test file
      // never outlives a server.
      if (child.exitCode === null && child.signalCode === null) {
        const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
        await ended;
        clearTimeout(timer);
      }
      connection.dispose();
    },
    stderr: () => stderr,
  };
}
