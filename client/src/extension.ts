// The VS Code extension: starts the bundled language server over IPC and adds what only an editor has —
// commands, the status bar item and the report view. Everything about .xent itself lives in the server.

import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { XentStatusBar } from './status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('xent', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  let restarts = 0;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'xent' }],
    outputChannel: output,
    synchronize: { configurationSection: 'xent', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{csv,npy,xent}') },
    // The templates come as the extension's own snippets (generated from the server's), not as completions too.
    initializationOptions: { settings: { ...settingsSnapshot(), trusted: vscode.workspace.isTrusted, experimentTemplates: false, clientCommands: true } },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        restarts++;
        if (restarts > 4) {
          return { action: CloseAction.DoNotRestart, message: 'The xent language server crashed 5 times and was not restarted. Run "xent: Restart Language Server" after checking the xent output channel.' };
        }
        return { action: CloseAction.Restart, message: 'The xent language server stopped unexpectedly and was restarted. See the xent output channel for details.' };
      },
    },
  };
  client = new LanguageClient('xent', 'xent', serverOptions, clientOptions);
  const status = new XentStatusBar(client);
  context.subscriptions.push(status);

  const sendTrust = () => void client?.sendNotification('xent/trust', { trusted: vscode.workspace.isTrusted });
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) sendTrust();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(sendTrust),
  );
  registerCommands(context, () => client, status, output);
  await client.start();
}

function settingsSnapshot(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('xent');
  return { rules: c.get('rules'), dataSizeLimit: c.get('dataSizeLimit'), reportDigits: c.get('reportDigits') };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
