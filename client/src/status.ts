// The status bar item for the active .xent file: the headline of its latest evaluation, whether asked for (▶
// evaluate) or made by the server's background check of small data files (the same numbers the lens shows).
// It does not repeat the error and warning counts: VS Code's own status bar counters show them already.
// A click opens the report (xent.showReport picks the experiment).

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** xent/outcomes's answer (server/src/lsp/features/outcomes.ts). */
export interface OutcomesAnswer {
  readonly experiments: string[];
  readonly outcomes: { readonly name: string; readonly at: string; readonly stale: boolean; readonly headline: string }[];
}

export class XentStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('xent.status', vscode.StatusBarAlignment.Left, 100);
  private readonly disposables: vscode.Disposable[] = [];
  /** Orders the answers: an older request finishing late does not overwrite a newer one. */
  private asked = 0;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'xent';
    this.item.command = 'xent.showReport';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
      client.onNotification('xent/outcomesChanged', (p: { uri?: string }) => {
        if (p?.uri === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
    );
    this.update();
  }

  /** An evaluation just finished (the server's notification follows; this answers without waiting for it). */
  setResult(_uri: string, _result: unknown): void {
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'xent') {
      this.item.hide();
      return;
    }
    this.item.show();
    if (!vscode.workspace.isTrusted) {
      this.item.text = '$(beaker) xent $(shield)';
      this.item.tooltip = 'xent: evaluation is disabled in Restricted Mode (data files are not read). Trust this workspace to evaluate.';
      return;
    }
    const uri = editor.document.uri.toString();
    const asked = ++this.asked;
    if (!this.client.isRunning()) {
      this.show(undefined);
      return;
    }
    this.client.sendRequest<OutcomesAnswer>('xent/outcomes', { uri }).then(
      (answer) => {
        if (asked === this.asked && vscode.window.activeTextEditor?.document.uri.toString() === uri) this.show(answer);
      },
      () => undefined,
    );
  }

  private show(answer: OutcomesAnswer | undefined): void {
    const latest = answer?.outcomes[0];
    if (!latest) {
      this.item.text = '$(beaker) xent';
      this.item.tooltip = 'xent: no evaluation yet. Use the ▶ evaluate lens above an experiment.';
      return;
    }
    // The lens's headline without its timing ("· 16 ms"): the status bar has little room.
    this.item.text = `$(beaker) ${latest.name}: ${latest.headline.replace(/ · (<1|\d+(\.\d+)?) (ms|s)$/, '')}`;
    const others = answer.outcomes.length > 1 ? ` (${answer.outcomes.length} experiments of this file have results)` : '';
    this.item.tooltip = `xent: ${latest.name}${latest.stale ? ' (changed since)' : ''}: ${latest.headline}, evaluated ${new Date(latest.at).toLocaleTimeString()}${others}. Click for the report.`;
  }

  dispose(): void {
    this.item.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
