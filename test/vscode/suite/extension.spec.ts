// The extension in a real VS Code (code-server's extension host, or a desktop VS Code), through the public API
// only: activation, diagnostics, quick fixes, hovers, the "evaluate" lens before and after evaluating, the report
// panel. The folder is a scratch copy of examples/ in a trusted workspace.

import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { codeLenses, codeOf, engineEval, exampleUri, extension, hoverText, lensTitles, openExample, waitFor, webviewTabs } from './util';

const CATS = 'cats_dogs_horses.xent';
const CODECADEMY = 'codecademy_log_loss.xent';
const RULE = 'sparse-loss-onehot-labels';

async function sparseLossDiagnostic(uri: vscode.Uri): Promise<vscode.Diagnostic> {
  return waitFor(`the ${RULE} diagnostic of ${uri.path}`, () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === RULE));
}

export function registerExtensionTests(): void {
  suite('xent in VS Code', () => {
    suiteSetup(async () => {
      assert.equal(vscode.workspace.isTrusted, true, 'the trusted suite runs in a trusted workspace');
    });

    test('activates when a .xent file opens', async () => {
      const ext = extension();
      assert.equal(ext.isActive, false, 'nothing activates the extension before a .xent file opens (activation on the xent language only)');
      const editor = await openExample(CATS);
      assert.equal(editor.document.languageId, 'xent');
      await waitFor('the extension to activate', () => ext.isActive, 30_000);
      const commands = await vscode.commands.getCommands(true);
      for (const c of ['xent.evaluate', 'xent.evaluateAll', 'xent.showReport', 'xent.restartServer']) assert.ok(commands.includes(c), `command ${c} is registered`);
    });

    test(`diagnostics: ${RULE} on line 14 of ${CATS}, with its code, range, severity and related line`, async () => {
      const uri = exampleUri(CATS);
      await openExample(CATS);
      const d = await sparseLossDiagnostic(uri);
      assert.equal(d.source, 'xent');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      // Line 14 (1-based) is `  loss: sparse_categorical_crossentropy …`: the range covers the loss name exactly.
      assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [13, 8, 13, 39]);
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.getText(d.range), 'sparse_categorical_crossentropy');
      assert.match(d.message, /one-hot/);
      assert.ok(typeof d.code === 'object' && /rules\.md#sparse-loss-onehot-labels$/.test(String(d.code.target)), 'the code links to its section of docs/rules.md');
      const related = d.relatedInformation ?? [];
      assert.ok(
        related.some((r) => r.location.uri.toString() === uri.toString() && r.location.range.start.line === 4),
        `related information points at the labels line (line 5): ${JSON.stringify(related.map((r) => [r.location.range.start.line, r.message]))}`,
      );
      // The first experiment (lines 1–22) has exactly this one error.
      const errors = vscode.languages.getDiagnostics(uri).filter((x) => x.severity === vscode.DiagnosticSeverity.Error && x.range.start.line < 23);
      assert.deepEqual(errors.map(codeOf), [RULE]);
    });

    test('quick fix: the preferred code action switches to categorical_crossentropy and the error goes away', async () => {
      const uri = exampleUri(CATS);
      const editor = await openExample(CATS);
      const d = await sparseLossDiagnostic(uri);
      const actions =
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      // Commands come back as { command: string, … }; code actions as CodeAction objects.
      const fixes = actions.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
      // A fix names the diagnostic it fixes (or, naming none, is at least a quick fix at its range).
      const forRule = fixes.filter((a) =>
        a.diagnostics?.length ? a.diagnostics.some((x) => codeOf(x) === RULE) : !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind),
      );
      assert.ok(forRule.length > 0, `a quick fix for ${RULE} is offered (code actions at the diagnostic: ${JSON.stringify(actions.map((a) => a.title))})`);
      const fix = forRule.find((a) => a.isPreferred);
      assert.ok(fix, `one of the fixes for ${RULE} is preferred: ${JSON.stringify(forRule.map((a) => [a.title, a.isPreferred]))}`);
      assert.match(fix.title, /(?<!sparse_)categorical_crossentropy/, 'the preferred fix switches to the matching loss');
      assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `the fix is a quickfix (kind ${fix.kind?.value})`);
      if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.ok(fix.edit || fix.command, 'the fix carries an edit or a command');
      try {
        assert.match(editor.document.lineAt(13).text, /^\s*loss:\s*categorical_crossentropy\b/);
        await waitFor(`the ${RULE} diagnostic to disappear`, () => !vscode.languages.getDiagnostics(uri).some((x) => codeOf(x) === RULE) || undefined);
        const errors = vscode.languages.getDiagnostics(uri).filter((x) => x.severity === vscode.DiagnosticSeverity.Error && x.range.start.line < 23);
        assert.deepEqual(errors.map(codeOf), [], 'the fixed experiment has no error left');
      } finally {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    });

    test('hover on a loss shows its formula', async () => {
      const uri = exampleUri(CODECADEMY);
      const editor = await openExample(CODECADEMY);
      const line = editor.document.lineAt(13).text;
      assert.match(line, /loss: binary_crossentropy/);
      const at = new vscode.Position(13, line.indexOf('binary_crossentropy') + 3);
      const hovers = await waitFor('a hover on binary_crossentropy', async () => {
        const h = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? [];
        return h.length > 0 && h;
      }, 10_000);
      const text = hoverText(hovers);
      assert.ok(text.includes('L = −(1/N)'), `the hover has the formula: ${JSON.stringify(text.slice(0, 500))}`);
      assert.match(text, /binary_crossentropy/);
    });

    test('the "▶ evaluate" lens, and after evaluating, the engine\'s numbers in the lens', async () => {
      const uri = exampleUri(CODECADEMY);
      await openExample(CODECADEMY);
      const before = await waitFor('the ▶ evaluate lens', async () => {
        const lenses = await codeLenses(uri);
        return lenses.some((l) => l.command?.title.trim() === '▶ evaluate') && lenses;
      }, 20_000);
      // "▶ evaluate" above the experiment (a file with several also has "▶ evaluate all" at the top).
      const lens = before.find((l) => l.command?.title.trim() === '▶ evaluate')!;
      assert.equal(lens.range.start.line, 11, 'the lens sits on the `experiment codecademy_log_loss {` line');
      assert.equal(lens.command!.command, 'xent.evaluate', 'clicking the lens runs xent.evaluate');

      const engine = engineEval(uri, 'codecademy_log_loss')[0];
      assert.equal(engine.metrics.log_loss?.toFixed(4), '0.2284', 'the seed value (scikit-learn log_loss([1, 0, 0], [0.7, 0.2, 0.1]))');

      // What a click does: the lens's own command with its own arguments.
      const results = await vscode.commands.executeCommand<{ name: string; metrics: { log_loss?: number | null } }[]>(lens.command!.command, ...(lens.command!.arguments ?? []));
      assert.ok(Array.isArray(results) && results.length > 0, `xent.evaluate answers the experiment's result (got ${JSON.stringify(results)?.slice(0, 300)})`);
      const result = results.find((r) => r.name === 'codecademy_log_loss');
      assert.ok(result, 'the result of codecademy_log_loss');
      assert.equal(result.metrics.log_loss, engine.metrics.log_loss, 'the same log loss as `xent eval --json`, to the last bit');

      const expected = `log_loss ${engine.metrics.log_loss!.toFixed(4)}`;
      const titles = await waitFor(`a lens reading "${expected}"`, async () => {
        const t = lensTitles(await codeLenses(uri));
        return t.some((x) => x.includes(expected)) && t;
      }, 20_000);
      const numbers = titles.find((x) => x.includes(expected))!;
      assert.ok(numbers.includes('log_loss 0.2284'), numbers);
      assert.match(numbers, /\b3 samples\b/, `the lens gives the sample count: ${numbers}`);
      assert.ok(titles.some((x) => /report/i.test(x)), `a second lens opens the report: ${JSON.stringify(titles)}`);
    });

    test('the report panel opens as a webview tab', async () => {
      const uri = exampleUri(CODECADEMY);
      await openExample(CODECADEMY);
      await vscode.commands.executeCommand('xent.evaluate', uri, 'codecademy_log_loss');
      await vscode.commands.executeCommand('xent.showReport', uri, 'codecademy_log_loss');
      const tabs = await waitFor('a report webview tab', () => {
        const t = webviewTabs('xent.report');
        return t.length > 0 && t;
      }, 15_000);
      assert.ok(tabs.some((t) => t.label.includes('codecademy_log_loss')), `the tab names the experiment: ${JSON.stringify(tabs.map((t) => t.label))}`);
    });

    test('Show Report from the palette with the cursor on line 1 (a comment) opens the file\'s evaluated experiment (issue 11)', async () => {
      const file = 'image_classifier_10.xent';
      const uri = exampleUri(file);
      const editor = await openExample(file);
      await vscode.commands.executeCommand('xent.evaluate', uri, 'image_classifier_10');
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      assert.match(editor.document.lineAt(0).text, /^#/, 'line 1 is a comment, as in every example');
      await vscode.commands.executeCommand('xent.showReport');
      const tabs = await waitFor('the report of image_classifier_10', () => {
        const t = webviewTabs('xent.report').filter((x) => x.label.includes('image_classifier_10'));
        return t.length > 0 && t;
      }, 15_000);
      assert.equal(tabs.length, 1);
    });
  });
}
