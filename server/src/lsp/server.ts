// The language server: a thin layer over the language core. It negotiates capabilities, keeps the open
// documents, reads settings, and hands each request to the feature module that answers it.

import {
  DidChangeConfigurationNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import type { ServerContext } from './context';
import { DocumentStore } from './documents';
import { RuleSeverityResolver } from './rule-severities';
import { disposeEvaluation, evaluationThreadsStuck } from './evaluation';
import { FEATURES } from './features';
import { DEFAULT_SETTINGS, readSettings, type XentSettings } from './settings';
import { WorkspaceFolders } from './workspace';

declare const XENT_VERSION: string | undefined;

export function startServer(connection: Connection): void {
  let settings: XentSettings = DEFAULT_SETTINGS;
  // The severities of a document enter its analysis: the nearest .xent.json, with xent.rules over it.
  const severities = new RuleSeverityResolver(
    () => settings,
    (message) => {
      connection.console.warn(message);
      void connection.window.showWarningMessage(message);
    },
  );
  const store = new DocumentStore((uri) => severities.severities(uri));
  let canPullConfiguration = false;
  let supportsFolderEvents = false;
  const settingsListeners: (() => void)[] = [];
  const folders = new WorkspaceFolders(connection);
  const settingsChanged = () => {
    severities.reset();
    settingsListeners.forEach((f) => f());
  };
  // After `shutdown` the client may send only `exit`; any other request is an InvalidRequest (LSP 3.17).
  let shutDown = false;
  const afterShutdown = () => new ResponseError(ErrorCodes.InvalidRequest, 'the server is shut down: only exit is accepted');
  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');

  const ctx: ServerContext = {
    connection,
    store,
    settings: () => settings,
    ruleSeverities: (uri) => severities.severities(uri),
    log: (message) => connection.console.log(message),
    onSettingsChanged: (listener) => settingsListeners.push(listener),
    workspaceFolders: () => folders.list(),
    guard(name, fallback, handler) {
      return async (params, token: CancellationToken) => {
        if (shutDown) throw afterShutdown();
        if (token?.isCancellationRequested) throw cancelled();
        let result;
        try {
          result = await handler(params as never, token);
        } catch (err) {
          if (err instanceof ResponseError) throw err;
          if (token?.isCancellationRequested) throw cancelled();
          connection.console.error(`xent: ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          return fallback;
        }
        // A cancelled request answers RequestCancelled, not a partial or empty result the client might show.
        if (token?.isCancellationRequested) throw cancelled();
        return result;
      };
    },
  };

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    supportsFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
    folders.initialize(params);
    settings = readSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings, DEFAULT_SETTINGS);
    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    for (const f of FEATURES) Object.assign(capabilities, f.capabilities);
    return {
      capabilities,
      serverInfo: { name: 'xent', version: typeof XENT_VERSION === 'string' ? XENT_VERSION : 'dev' },
    };
  });

  const refreshSettings = async () => {
    if (!canPullConfiguration) return;
    try {
      const [xent] = await connection.workspace.getConfiguration([{ section: 'xent' }]);
      // Workspace settings never carry the editor's own facts (trust, templates, commands): keep those.
      settings = readSettings(xent, { ...DEFAULT_SETTINGS, trusted: settings.trusted, experimentTemplates: settings.experimentTemplates, clientCommands: settings.clientCommands });
    } catch (err) {
      connection.console.error(`xent: reading settings failed: ${String(err)}`);
    }
    settingsChanged();
  };

  connection.onInitialized(() => {
    if (supportsFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => folders.changed(e));
    }
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'xent' });
    void refreshSettings();
  });
  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { xent?: unknown } | undefined)?.xent;
    if (pushed && !canPullConfiguration) {
      settings = readSettings(pushed, settings);
      settingsChanged();
    } else void refreshSettings();
  });
  // The client tells the server when the workspace trust changes (Restricted Mode: no data files, no eval).
  connection.onNotification('xent/trust', (p: { trusted?: boolean }) => {
    settings = { ...settings, trusted: p?.trusted !== false };
    settingsChanged();
  });

  // shutdown: stop the evaluations and their threads, so that `exit` finds nothing running. A second
  // shutdown is a request after shutdown like any other.
  connection.onShutdown(() => {
    if (shutDown) throw afterShutdown();
    shutDown = true;
    disposeEvaluation(ctx);
  });
  // exit: the library ends the process (code 0 after shutdown, 1 without); stop the threads first.
  connection.onExit(() => disposeEvaluation(ctx));
  // However the process ends (exit, the parent gone, stdin closed): process.exit waits for every worker
  // thread, and one blocked in a system call (a read nothing interrupts) never ends. With such a thread the
  // only way out that does not wait is a signal. ('exit' listeners run before that wait.)
  process.on('exit', () => {
    const stuck = evaluationThreadsStuck(ctx);
    if (stuck === 0) return;
    process.stderr.write(`xent: ${stuck} evaluation thread(s) blocked in a system call; ending the server with SIGKILL\n`);
    process.kill(process.pid, 'SIGKILL');
  });
  // Methods no feature handles: MethodNotFound as before, InvalidRequest after shutdown.
  connection.onRequest((method) => {
    throw shutDown ? afterShutdown() : new ResponseError(ErrorCodes.MethodNotFound, `unhandled method ${method}`);
  });
  // The parent (editor) process: vscode-languageserver polls initialize's processId every 3 s with
  // process.kill(pid, 0) and exits when it is gone, over stdio and IPC alike (test/hardening-lsp.test.ts).

  for (const f of FEATURES) f.register(ctx);
  store.documents.listen(connection);
  connection.listen();
}
