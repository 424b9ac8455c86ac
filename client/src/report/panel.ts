// One webview panel per experiment, reused and updated in place when the experiment is evaluated again.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ExperimentResult } from '../results';
import { reportBody, reportDocument, reportPage } from './html';

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
    panel.webview.onDidReceiveMessage((m: ViewMessage) => {
      if (m?.type === 'copy') {
        void vscode.env.clipboard.writeText(entry.result.metrics.report_text ?? '');
        void vscode.window.showInformationMessage(`xent: report of ${entry.result.name} copied.`);
      } else if (m?.type === 'save-html') {
        void save(uri, `${entry.result.name}-report.html`, { HTML: ['html'] }, Buffer.from(reportDocument([entry.result]), 'utf8'));
      } else if (m?.type === 'export' && typeof m.data === 'string' && (m.format === 'svg' || m.format === 'png')) {
        const name = `${entry.result.name}-${String(m.name ?? 'plot').replace(/[^\w-]/g, '')}.${m.format}`;
        const bytes = m.format === 'svg' ? Buffer.from(m.data, 'utf8') : Buffer.from(m.data, 'base64');
        void save(uri, name, m.format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] }, bytes);
      } else if (m?.type === 'export-failed') {
        void vscode.window.showWarningMessage(`xent: the ${String(m.name)} plot could not be drawn as PNG; save it as SVG instead.`);
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

interface ViewMessage {
  readonly type?: string;
  readonly format?: string;
  readonly name?: string;
  readonly data?: unknown;
}

/** Asks where to save (beside the .xent file by default) and writes the bytes. */
async function save(uri: string, fileName: string, filters: Record<string, string[]>, bytes: Uint8Array): Promise<void> {
  const beside = vscode.Uri.joinPath(vscode.Uri.parse(uri), '..', fileName);
  const target = await vscode.window.showSaveDialog({ defaultUri: beside, filters, saveLabel: 'Save' });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(`xent: saved ${vscode.workspace.asRelativePath(target)}.`);
}
