// Restricted Mode: the folder is not trusted. Diagnostics on the text and hovers still work; evaluating (which
// reads data) does not, and the lens says why.

import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { codeLenses, codeOf, exampleUri, extension, hoverText, lensTitles, openExample, waitFor } from './util';

const CATS = 'cats_dogs_horses.xent';
const CODECADEMY = 'codecademy_log_loss.xent';

export function registerRestrictedTests(): void {
  suite('xent in Restricted Mode', () => {
    suiteSetup(() => {
      assert.equal(
        vscode.workspace.isTrusted,
        false,
        'this suite needs an untrusted folder: workspace trust on (VSCODE_WEB_WORKSPACE_TRUST=enabled for test/vscode/code.mjs; a desktop VS Code without --disable-workspace-trust)',
      );
    });

    test('the extension activates and checks the text', async () => {
      await openExample(CATS);
      await waitFor('the extension to activate', () => extension().isActive, 30_000);
      const uri = exampleUri(CATS);
      const d = await waitFor('the sparse-loss-onehot-labels diagnostic', () => vscode.languages.getDiagnostics(uri).find((x) => codeOf(x) === 'sparse-loss-onehot-labels'));
      assert.equal(d.range.start.line, 13);
    });

    test('hovers work', async () => {
      const uri = exampleUri(CODECADEMY);
      const editor = await openExample(CODECADEMY);
      const line = editor.document.lineAt(13).text;
      const at = new vscode.Position(13, line.indexOf('binary_crossentropy') + 3);
      const hovers = await waitFor('a hover', async () => {
        const h = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? [];
        return h.length > 0 && h;
      }, 10_000);
      assert.ok(hoverText(hovers).includes('L = −(1/N)'));
    });

    test('evaluation is refused, and the lens says why', async () => {
      const uri = exampleUri(CODECADEMY);
      await openExample(CODECADEMY);
      const results = await vscode.commands.executeCommand<unknown[]>('xent.evaluate', uri, 'codecademy_log_loss');
      assert.deepEqual(results ?? [], [], 'xent.evaluate returns no result in Restricted Mode');
      const titles = await waitFor('a lens on the experiment', async () => {
        const t = lensTitles(await codeLenses(uri));
        return t.length > 0 && t;
      }, 20_000);
      assert.ok(titles.some((t) => /restricted mode|trust/i.test(t)), `the lens explains that Restricted Mode prevents evaluation: ${JSON.stringify(titles)}`);
      assert.ok(!titles.some((t) => /log_loss \d/.test(t)), `no numbers in the lens: ${JSON.stringify(titles)}`);
      const report = await vscode.commands.executeCommand('xent.showReport', uri, 'codecademy_log_loss');
      assert.equal(report, undefined);
      assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).length, 0, 'no report panel opens');
    });
  });
}
