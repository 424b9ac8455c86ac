// The commands of the palette (category "xent"): restart the server, evaluate, evaluate all, show the report.
// Evaluation runs on the server (a worker thread there); these commands ask for it and show the answer.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportPanel } from './report/panel';
import { chooseReport, RESTRICTED_REPORT } from './report/pick';
import { asResults, headline, type ExperimentResult } from './results';
import type { OutcomesAnswer, XentStatusBar } from './status';

type ClientRef = () => LanguageClient | undefined;

export function registerCommands(context: vscode.ExtensionContext, client: ClientRef, status: XentStatusBar, output: vscode.LogOutputChannel): void {
  const targetUri = (uri?: string | vscode.Uri) => (uri ? uri.toString() : vscode.window.activeTextEditor?.document.uri.toString());
  const reports = new ReportPanel();
  context.subscriptions.push(reports);

  const evaluate = async (uri: string | undefined, experiment: string | undefined, position?: { line: number; character: number }): Promise<ExperimentResult[]> => {
    const c = client();
    if (!c || !uri) return [];
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('xent: evaluation reads data files and is disabled in Restricted Mode. Trust this workspace to evaluate.');
      return [];
    }
    const answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: experiment ? `xent: evaluating ${experiment}` : 'xent: evaluating' },
      () => c.sendRequest('xent/evaluate', { uri, experiment, position }),
    );
    const results = asResults(answer);
    for (const r of results) {
      reports.updateIfOpen(uri, r);
      output.info(`${r.name}: ${headline(r)}`);
    }
    // The status bar shows one headline: the asked-for experiment's, else the first that could be scored.
    const shown = results.find((r) => r.name === experiment) ?? results.find((r) => !r.error) ?? results[0];
    if (shown) status.setResult(uri, shown);
    return results;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('xent.restartServer', async () => {
      const c = client();
      if (!c) return;
      await c.restart();
      void vscode.window.showInformationMessage('xent: language server restarted.');
    }),
    vscode.commands.registerCommand('xent.evaluate', async (uri?: string | vscode.Uri, experiment?: string) => {
      const u = targetUri(uri);
      // Without a name, the experiment at the cursor (the server resolves it); none there: every experiment.
      return evaluate(u, experiment, experiment === undefined ? cursorIn(u) : undefined);
    }),
    vscode.commands.registerCommand('xent.evaluateAll', async (uri?: string | vscode.Uri) => evaluate(targetUri(uri), undefined)),
    vscode.commands.registerCommand('xent.showReport', async (uri?: string | vscode.Uri, experiment?: string) => {
      const u = targetUri(uri);
      const c = client();
      if (!u || !c) return;
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showInformationMessage(RESTRICTED_REPORT);
        return;
      }
      const answer = await c.sendRequest('xent/report', { uri: u, experiment, position: experiment === undefined ? cursorIn(u) : undefined });
      const [result] = asResults(answer);
      if (result) return reports.show(u, result);
      // The cursor is in no evaluated experiment: the file's only or latest result, else the user picks one.
      const { experiments, outcomes } = await c.sendRequest<OutcomesAnswer>('xent/outcomes', { uri: u });
      const choice = chooseReport(experiments, outcomes);
      if (choice.kind === 'none') {
        void vscode.window.showInformationMessage('xent: this file has no experiment to report on.');
        return;
      }
      let name = choice.kind === 'show' ? choice.name : await vscode.window.showQuickPick(choice.names, { title: 'xent: report of which experiment? (it is evaluated first)' });
      if (!name) return;
      if (choice.kind === 'pick') {
        const [evaluated] = await evaluate(u, name);
        if (!evaluated) return;
        name = evaluated.name;
      }
      const [shown] = asResults(await c.sendRequest('xent/report', { uri: u, experiment: name }));
      if (shown) reports.show(u, shown);
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.languageId !== 'xent') return;
      if (vscode.workspace.getConfiguration('xent', doc.uri).get<boolean>('evaluateOnSave')) void evaluate(doc.uri.toString(), undefined);
    }),
  );
}

/**
 * The cursor of the active editor when it shows `uri`: the server finds the experiment there (the core's one rule,
 * core/syntax/experiment-at.ts), so the client keeps no copy of the language.
 */
function cursorIn(uri: string | undefined): { line: number; character: number } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !uri || editor.document.languageId !== 'xent' || editor.document.uri.toString() !== uri) return undefined;
  const { line, character } = editor.selection.active;
  return { line, character };
}
