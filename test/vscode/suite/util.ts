// Helpers for the extension-host tests: bounded polling, opening the examples of the test workspace, reading
// hovers and lenses as text.

import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'xent.xent';

/** Polls `probe` every 100 ms until it returns a value other than undefined/false; fails after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms / 1000} s waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The folder the tests run in: a scratch copy of examples/ made by the runner. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: the runner opens a copy of examples/');
  return folder.uri;
}

export function exampleUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), name);
}

export async function openExample(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(exampleUri(name));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath must be the project root)`);
  return ext;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export async function codeLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

export function lensTitles(lenses: vscode.CodeLens[]): string[] {
  return lenses.map((l) => l.command?.title ?? '').filter((t) => t !== '');
}

/** The engine's own answer: `xent eval --json` (dist/cli.js of the extension under test) on a file. */
export function engineEval(file: vscode.Uri, experiment?: string): { name: string; metrics: { log_loss?: number | null; accuracy?: number }; samples: number }[] {
  const cli = path.join(extension().extensionPath, 'dist', 'cli.js');
  const args = [cli, 'eval', '--json', file.fsPath, ...(experiment ? ['--experiment', experiment] : [])];
  // The extension host of a desktop VS Code is Electron: ELECTRON_RUN_AS_NODE makes it a plain Node.
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 30_000 });
  return (JSON.parse(out) as { experiments: { name: string; metrics: { log_loss?: number | null }; samples: number }[] }).experiments;
}

/** Every tab of every group whose input is a webview of the given view type. */
export function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}
