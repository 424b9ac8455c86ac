// The status bar item for the active .xent file: its error and warning counts, and the last evaluation's
// headline (the same line as the lens above the experiment).

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { headline, type ExperimentResult } from './results';

export class XentStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('xent.status', vscode.StatusBarAlignment.Left, 100);
  private readonly lastResult = new Map<string, ExperimentResult>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(_client: LanguageClient) {
    this.item.name = 'xent';
    this.item.command = 'xent.showReport';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
    );
    this.update();
  }

  /** Remembers the latest evaluation of a document (the status bar shows its headline). */
  setResult(uri: string, result: ExperimentResult): void {
    this.lastResult.set(uri, result);
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'xent') {
      this.item.hide();
      return;
    }
    const uri = editor.document.uri;
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'xent');
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const result = this.lastResult.get(uri.toString());
    const numbers = result ? ` · ${headline(result)}` : '';
    this.item.text = `$(beaker) xent $(error) ${errors} $(warning) ${warnings}${numbers}`;
    this.item.tooltip = result ? `Last evaluation of ${result.name}: ${headline(result)}. Click for the report.` : 'xent: no evaluation yet. Use the ▶ evaluate lens above an experiment.';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
