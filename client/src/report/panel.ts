// One webview panel per experiment, reused and updated in place when the experiment is evaluated again.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ExperimentResult } from '../results';
import { reportBody, reportPage } from './html';

export class ReportPanel implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: vscode.WebviewPanel; result: ExperimentResult }>();

  private key(uri: string, name: string): string {
    return `${uri}#${name}`;
  }

  show(uri: string, result: ExperimentResult): void {
    const key = this.key(uri, result.name);
    const open = this.panels.get(key);
    if (open) {
      open.result = result;
      void open.panel.webview.postMessage({ type: 'update', body: reportBody(result) });
      open.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel('xent.report', `xent: ${result.name}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    const entry = { panel, result };
    this.panels.set(key, entry);
    panel.webview.html = reportPage(result, randomBytes(16).toString('base64'), panel.webview.cspSource);
    panel.webview.onDidReceiveMessage((m: { type?: string }) => {
      if (m?.type === 'copy') {
        void vscode.env.clipboard.writeText(entry.result.metrics.report_text ?? '');
        void vscode.window.showInformationMessage(`xent: report of ${entry.result.name} copied.`);
      }
    });
    panel.onDidDispose(() => this.panels.delete(key));
  }

  /** Re-evaluation refreshes an open report without stealing focus. */
  updateIfOpen(uri: string, result: ExperimentResult): void {
    const open = this.panels.get(this.key(uri, result.name));
    if (!open) return;
    open.result = result;
    void open.panel.webview.postMessage({ type: 'update', body: reportBody(result) });
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}
