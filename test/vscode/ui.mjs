// The UI test: the extension in code-server's workbench, clicked in headless Debian Chromium as a user would.
// Open an example, see the squiggle and the Problems entry, apply the quick fix from the light bulb, hover the
// loss and read its formula, click "▶ evaluate" and read the numbers in the lens, open the report and check
// that the heat map is drawn. Screenshots go to .cache/vscode-test/images/, or to docs/images/ (the README
// shows them) when XENT_UPDATE_SCREENSHOTS=1, so an ordinary test run leaves the tree unchanged.
//
// Every step has its own bounded wait; a failed step is reported and the next ones still run where they can.
// code-server and Chromium are stopped at the end whatever happens.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, startCodeServer, workbenchUrl } from './driver.mjs';
import { ROOT } from './setup.mjs';

const IMAGES = process.env.XENT_UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'images') : join(ROOT, '.cache', 'vscode-test', 'images');
const FILE = 'cats_dogs_horses.xent';
const EXPERIMENT = 'cats_dogs_horses';
const RULE = 'sparse-loss-onehot-labels';

/** Settings of the UI session: a clean editor for screenshots. */
const UI_SETTINGS = {
  'editor.minimap.enabled': false,
  'editor.fontSize': 14,
  'workbench.colorTheme': 'Default Light Modern',
  'breadcrumbs.enabled': false,
  'workbench.layoutControl.enabled': false,
  'editor.stickyScroll.enabled': false,
  'problems.decorations.enabled': true,
  // No fade-ins: a screenshot taken once an element is visible shows it fully drawn.
  'workbench.reduceMotion': 'on',
};

const step = (name, timeout) => ({ name, timeout });

/**
 * Runs the UI test in `workspace` (a scratch copy of examples/) with its profile in `profile`; failure screenshots
 * go to `dir`. Resolves to 0 when every step passed.
 */
export async function runUiTest({ dir, workspace, profile }) {
  mkdirSync(IMAGES, { recursive: true });
  for (const f of readdirSync(dir)) if (/^failed-\d+\.png$/.test(f)) rmSync(join(dir, f));

  const results = [];
  let server;
  let browser;
  try {
    server = await startCodeServer({ dataDir: profile, settings: UI_SETTINGS });
    const launched = await launchChromium({ viewport: { width: 1400, height: 860 } });
    browser = launched.browser;
    const { page } = launched;
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Every console line of the workbench and its frames (the report's webview included): a Content Security
    // Policy violation is logged there, and only there.
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(m.text()));

    const run = async ({ name, timeout }, body) => {
      const started = Date.now();
      let timer;
      try {
        await Promise.race([
          body(),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`step timed out after ${timeout / 1000} s`)), timeout))),
        ]);
        results.push({ step: name, ok: true, ms: Date.now() - started });
        console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
        return true;
      } catch (err) {
        const message = err instanceof Error ? err.message.split('\n').slice(0, 6).join('\n') : String(err);
        results.push({ step: name, ok: false, error: message });
        console.log(`  ✘ ${name}: ${message}`);
        const shot = join(dir, `failed-${results.length}.png`);
        await page.keyboard.press('Escape').catch(() => {});
        await page.keyboard.press('Escape').catch(() => {});
        await page.screenshot({ path: shot }).catch(() => {});
        console.log(`    screenshot: ${shot}`);
        return false;
      } finally {
        clearTimeout(timer);
      }
    };

    const editor = page.locator('.editor-instance .monaco-editor').first();
    const lineOf = (n) => editor.locator(`.view-lines .view-line`).filter({ hasText: n });

    // 1. The workbench, the file opened from the title bar's search box.
    const workbenchReady = await run(step('the workbench loads with the extension', 90_000), async () => {
      await page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: ROOT }), { waitUntil: 'domcontentloaded' });
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      await page.locator('.command-center .search-label').waitFor({ state: 'visible', timeout: 60_000 });
      // The explorer lists the folder once the remote file system answers.
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 30_000 });
    });
    if (!workbenchReady) throw new Error('the workbench did not load');

    await run(step(`open ${FILE} from the title bar's search box`, 30_000), async () => {
      await page.locator('.command-center .search-label').click();
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(FILE);
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: FILE }).first().waitFor({ timeout: 15_000 });
      await input.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor({ timeout: 15_000 });
      await editor.locator('.view-line', { hasText: 'experiment cats_dogs_horses' }).waitFor({ timeout: 15_000 });
    });

    // Issue 11 item 5: the background check of the small data files (val_run_7 CSV, val_run_8 .npy, val_run_9
    // Parquet: the status bar shows the latest) shows in the status bar unasked.
    await run(step('the status bar shows the background result of a data-file experiment', 45_000), async () => {
      const status = page.locator('.statusbar-item', { hasText: /val_run_[789]:/ }).first();
      await status.waitFor({ state: 'visible', timeout: 40_000 });
      const text = (await status.innerText()).replace(/\s+/g, ' ');
      if (!/\d+ samples/.test(text)) throw new Error(`the status bar item shows no result: ${JSON.stringify(text)}`);
    });

    // 2. The squiggle under the loss, and the entry in the Problems panel.
    await run(step('the squiggle and the Problems entry (diagnostics.png)', 60_000), async () => {
      await editor.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 45_000 });
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'sparse_categorical_crossentropy expects one class index' });
      await row.first().waitFor({ timeout: 15_000 });
      const text = await row.first().innerText();
      if (!text.includes(RULE)) throw new Error(`the Problems row does not name the rule: ${JSON.stringify(text)}`);
      if (!/\[Ln 14, Col 9\]/.test(text)) throw new Error(`the Problems row is not at line 14, column 9: ${JSON.stringify(text)}`);
      // Show the squiggle with its message, as a user pointing at it sees it.
      await hoverText(page, editor, 'sparse_categorical_crossentropy');
      await page.locator('.monaco-hover', { hasText: 'one class index' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(IMAGES, 'diagnostics.png') });
      await page.mouse.move(5, 400);
      // The panel closes again (Ctrl+J): the next screenshots show more of the editor.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+J');
      await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: 5_000 });
    });

    // 3. The quick fix from the light bulb.
    await run(step('apply the quick fix from the light bulb', 40_000), async () => {
      await placeCursor(page, editor, 'sparse_categorical_crossentropy');
      const bulb = page.locator('.lightBulbWidget, .lightbulb-glyph').first();
      await bulb.waitFor({ state: 'visible', timeout: 15_000 });
      await bulb.click();
      const wanted = /(?<!sparse_)categorical_crossentropy/;
      const item = page.locator('.action-widget .monaco-list-row.action', { hasText: wanted });
      await item.first().waitFor({ state: 'visible', timeout: 10_000 });
      // The menu keeps re-laying itself out under the pointer, which playwright's click waits out; the keys are
      // what the menu itself advertises ("Enter to Apply"): move to the fix, then Enter.
      const rows = await page.locator('.action-widget .monaco-list-row.action').count();
      for (let i = 0; i <= rows; i++) {
        const focused = (await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label').catch(() => null)) ?? '';
        if (wanted.test(focused)) break;
        if (i === rows) throw new Error(`could not focus the fix in the light bulb menu (last focused: ${focused})`);
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await lineOf(/loss:\s+categorical_crossentropy/).first().waitFor({ timeout: 10_000 });
      await page.waitForFunction(() => !globalThis.document.querySelector('.editor-instance .squiggly-error'), undefined, { timeout: 15_000 });
      // Saved, so `xent eval` on the file and the lens agree on the text.
      await page.keyboard.press('Control+S');
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
    });

    // 4. The hover on the loss, with its formula.
    await run(step('hover the loss and read its formula (hover.png)', 30_000), async () => {
      // Monaco renders spaces as no-break spaces: \s, never a literal space, in these patterns.
      const lossLine = await editor.locator('.view-line', { hasText: /^\s*loss:\s/ }).first().innerText({ timeout: 5_000 });
      const loss = /loss:\s*(\w+)/.exec(lossLine)?.[1];
      if (!loss) throw new Error(`no loss on the line ${JSON.stringify(lossLine)}`);
      await page.keyboard.press('Escape');
      // Lenses appearing above the experiment move the lines: let them arrive before pointing at the loss.
      await editor.locator('.codelens-decoration').first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
      await page.waitForTimeout(500);
      await hoverText(page, editor, loss);
      const hover = page.locator('.monaco-hover', { hasText: 'L = −(1/N)' }).first();
      await hover.waitFor({ state: 'visible', timeout: 10_000 });
      await page.waitForTimeout(300);
      const text = await hover.innerText();
      if (!text.includes(loss)) throw new Error(`the hover does not name ${loss}: ${JSON.stringify(text.slice(0, 300))}`);
      await page.screenshot({ path: join(IMAGES, 'hover.png') });
      await page.mouse.move(5, 400);
      await page.keyboard.press('Escape');
    });

    // 5. "▶ evaluate" in the lens, then the engine's numbers there.
    let engine;
    let evaluated = false;
    await run(step('click "▶ evaluate" and read the numbers in the lens (lens.png)', 60_000), async () => {
      // The engine's answer for the file as the editor has it (saved after the fix).
      const file = join(workspace, FILE);
      engine = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'eval', '--json', file, '--experiment', EXPERIMENT], { encoding: 'utf8', timeout: 30_000 })).experiments[0];
      // "▶ evaluate" above the experiment, not "▶ evaluate all" at the top of the file.
      const evaluate = editor.locator('.codelens-decoration a', { hasText: /^\s*▶ evaluate\s*$/ });
      await evaluate.first().waitFor({ state: 'visible', timeout: 30_000 });
      const expected = `log_loss ${engine.metrics.log_loss.toFixed(4)}`;
      await evaluate.first().click();
      const numbers = editor.locator('.codelens-decoration', { hasText: expected });
      await numbers.first().waitFor({ state: 'visible', timeout: 30_000 });
      const text = await numbers.first().innerText();
      if (!/\b3 samples\b/.test(text)) throw new Error(`the lens does not give the sample count: ${JSON.stringify(text)}`);
      await editor.locator('.codelens-decoration a', { hasText: /report/i }).first().waitFor({ state: 'visible', timeout: 5_000 });
      await page.screenshot({ path: join(IMAGES, 'lens.png') });
      evaluated = true;
      // The status bar item: the experiment's headline, without repeating VS Code's own error / warning counters.
      const status = page.locator('.statusbar-item', { hasText: `${EXPERIMENT}:` }).first();
      await status.waitFor({ state: 'visible', timeout: 10_000 });
      const statusText = (await status.innerText()).replace(/\s+/g, ' ');
      if (!statusText.includes(expected)) throw new Error(`the status bar item does not show ${expected}: ${JSON.stringify(statusText)}`);
      if ((await status.locator('.codicon-error, .codicon-warning').count()) > 0) throw new Error(`the status bar item repeats the error / warning counters: ${JSON.stringify(statusText)}`);
    });

    // 6. The report: a webview with the confusion matrix drawn as an SVG heat map.
    await run(step('open the report and see the heat map (report.png)', 60_000), async () => {
      const report = editor.locator('.codelens-decoration a', { hasText: /report/i });
      if (evaluated) {
        await report.first().click();
      } else {
        // Without the lens (the step above failed), the commands of the palette, so the report view is still tested.
        console.log('    (no report lens: evaluating and opening the report from the command palette)');
        await placeCursor(page, editor, EXPERIMENT);
        await paletteCommand(page, 'xent: Evaluate Experiment');
        await paletteCommand(page, 'xent: Show Report');
      }
      await page.locator('.tabs-container .tab', { hasText: `xent: ${EXPERIMENT}` }).waitFor({ timeout: 20_000 });
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      // The raw counts are shown; the row-normalised cells are drawn too, hidden until the toggle.
      const cells = frame.locator('svg.heatmap g.raw rect.cell');
      await cells.first().waitFor({ state: 'visible', timeout: 20_000 });
      const n = engine?.classes?.length ?? 3;
      await cells.nth(n * n - 1).waitFor({ state: 'attached', timeout: 5_000 }).catch(() => {});
      const count = await cells.count();
      if (count !== n * n) throw new Error(`the heat map has ${count} cells, expected ${n} × ${n}`);
      if (await frame.locator('svg.heatmap g.norm rect.cell').first().isVisible()) throw new Error('the normalised cells show before the toggle');
      // The toggle from the keyboard: focus it, press Space; the shares show, the counts hide; again to go back.
      const toggle = frame.locator('button.toggle-normalised');
      await toggle.focus();
      await page.keyboard.press('Space');
      await frame.locator('svg.heatmap g.norm rect.cell').first().waitFor({ state: 'visible', timeout: 5_000 });
      if ((await toggle.getAttribute('aria-pressed')) !== 'true') throw new Error('the toggle does not say it is pressed');
      await page.keyboard.press('Space');
      await frame.locator('svg.heatmap g.raw rect.cell').first().waitFor({ state: 'visible', timeout: 5_000 });
      // SVG <text> has no innerText: textContent, then the <title> (full name) left out.
      const labels = (await frame.locator('svg.heatmap text.axis').evaluateAll((ts) => ts.map((t) => t.firstChild?.textContent ?? ''))).map((t) => t.trim());
      for (const c of engine?.classes ?? ['cat', 'dog', 'horse']) if (!labels.includes(c)) throw new Error(`class ${c} missing on the heat map's axes: ${JSON.stringify(labels)}`);
      // The report beside the file, the heat map in view: the side bar makes room (Explorer icon toggles it).
      await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
      await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 5_000 });
      await frame.locator('svg.heatmap').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(IMAGES, 'report.png') });
    });

    // 7. The plots of a 10-class report, as a person sees them: in a light theme, then in a dark one.
    const PLOTS_FILE = 'image_classifier_10.xent';
    let plotsFrame;
    await run(step(`open the report of ${PLOTS_FILE} (10 classes)`, 60_000), async () => {
      // The first editor group (the file's, left of the report) takes the file: click its tab first.
      await page.locator('.tabs-container .tab', { hasText: FILE }).first().click();
      await page.locator('.command-center .search-label').click();
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(PLOTS_FILE);
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: PLOTS_FILE }).first().waitFor({ timeout: 15_000 });
      await input.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: PLOTS_FILE }).waitFor({ timeout: 15_000 });
      const evaluate = editor.locator('.codelens-decoration a', { hasText: /^\s*▶ evaluate\s*$/ });
      await evaluate.first().waitFor({ state: 'visible', timeout: 30_000 });
      await evaluate.first().click();
      const report = editor.locator('.codelens-decoration a', { hasText: /report/i });
      await report.first().waitFor({ state: 'visible', timeout: 30_000 });
      await report.first().click();
      await page.locator('.tabs-container .tab', { hasText: 'xent: image_classifier_10' }).waitFor({ timeout: 20_000 });
      // The report's webview is the visible one of the editor group it opened in.
      plotsFrame = page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
      await plotsFrame.locator('#plot-histogram svg').waitFor({ state: 'visible', timeout: 20_000 });
    });

    for (const theme of ['light', 'dark']) {
      await run(step(`the plots in a ${theme} theme: all present, bars drawn, no label overlaps, no CSP violation`, 60_000), async () => {
        if (!plotsFrame) throw new Error('the report did not open');
        if (theme === 'dark') {
          // VS Code's own command: the preferred dark theme (Dark Modern by default).
          await paletteCommand(page, 'Preferences: Toggle between Light/Dark Themes');
          await plotsFrame.locator('body.vscode-dark').waitFor({ state: 'attached', timeout: 15_000 });
        } else {
          await plotsFrame.locator('body.vscode-light').waitFor({ state: 'attached', timeout: 15_000 });
        }
        await page.waitForTimeout(300);
        const problems = await plotsFrame.locator('body').evaluate(inspectReport);
        const csp = consoleLines.filter((l) => /Content Security Policy|Refused to (apply|load|execute)/i.test(l));
        if (csp.length) problems.push(`CSP violations logged: ${csp.slice(0, 3).join(' | ')}`);
        if (problems.length) throw new Error(problems.slice(0, 8).join('\n'));
        for (const plot of ['bars', 'confusion', 'roc', 'pr', 'reliability', 'histogram']) {
          const figure = plotsFrame.locator(`#plot-${plot}`);
          await figure.scrollIntoViewIfNeeded();
          await figure.screenshot({ path: join(IMAGES, `plot-${plot}${theme === 'dark' ? '-dark' : ''}.png`) });
        }
      });
    }

    // 9. Exports: a plot as PNG and as SVG, the whole report as HTML, each through VS Code's save dialog
    //    (accepted with Enter at the path it proposes: beside the .xent file).
    await run(step('export a plot as PNG and SVG and the report as HTML', 60_000), async () => {
      if (!plotsFrame) throw new Error('the report did not open');
      const saves = [
        ['#plot-roc button.export[data-format="png"]', 'image_classifier_10-roc.png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
        ['#plot-confusion button.export[data-format="svg"]', 'image_classifier_10-confusion.svg', (b) => /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<style>[\s\S]*rect\.cell/.test(b.toString('utf8'))],
        ['#save-html', 'image_classifier_10-report.html', (b) => b.toString('utf8').includes('id="plot-histogram"')],
      ];
      for (const [selector, name, valid] of saves) {
        await plotsFrame.locator(selector).click();
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        // The simple file dialog fills its path in steps (the folder, then the name): wait for the whole of it.
        let proposed = '';
        for (let i = 0; i < 50 && !proposed.endsWith(name); i++) {
          proposed = await input.inputValue();
          if (!proposed.endsWith(name)) await page.waitForTimeout(100);
        }
        if (!proposed.endsWith(name)) throw new Error(`the save dialog proposes ${proposed}, not …/${name}`);
        await input.press('Enter');
        const file = join(workspace, name);
        const deadline = Date.now() + 10_000;
        while (!existsSync(file) && Date.now() < deadline) await page.waitForTimeout(100);
        if (!existsSync(file)) throw new Error(`${name} was not written`);
        if (!valid(readFileSync(file))) throw new Error(`${name} is not what it should be: ${readFileSync(file).subarray(0, 80).toString('utf8')}`);
      }
    });

    if (pageErrors.length) console.log(`  page errors seen (not failures): ${pageErrors.slice(0, 5).join(' | ')}`);
  } catch (err) {
    results.push({ step: 'session', ok: false, error: err instanceof Error ? err.message : String(err) });
    console.log(`  ✘ ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
  }
  console.log(`XENT-UI-RESULT ${JSON.stringify(results)}`);
  return results.every((r) => r.ok) ? 0 : 1;
}

/** Runs a command from the command palette (F1) by its full title. */
async function paletteCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await input.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Runs in the report's frame: what a person would see wrong. Returns the problems found (empty: none):
 * a plot missing; a bar of a non-zero value drawn with no width (issue 11: inline widths blocked by the CSP);
 * two labels whose boxes overlap (axis names, ticks, legend entries); an element with a style attribute.
 */
function inspectReport(body) {
  const problems = [];
  for (const id of ['bars', 'confusion', 'roc', 'pr', 'reliability', 'histogram']) {
    const svg = body.querySelector(`#plot-${id} svg.plot-svg`);
    if (!svg) problems.push(`plot ${id} missing`);
    else if (svg.getBoundingClientRect().width < 50) problems.push(`plot ${id} is ${svg.getBoundingClientRect().width} px wide`);
  }
  const bars = [...body.querySelectorAll('svg.bars rect.bar[data-value]')];
  if (bars.length === 0) problems.push('no per-class bars');
  for (const b of bars) {
    const value = Number(b.getAttribute('data-value'));
    const width = b.getBoundingClientRect().width;
    if (value > 0 && !(width > 0)) problems.push(`a bar of value ${value} is ${width} px wide`);
  }
  const styled = body.querySelectorAll('[style]');
  if (styled.length) problems.push(`${styled.length} elements carry a style attribute`);
  const overlaps = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const groups = [
    ['heat map column names', '#plot-confusion text.col-label'],
    ['heat map row names', '#plot-confusion text.row-label'],
    ['bar chart class names', '#plot-bars text.class-label'],
    ['bar chart legend', '#plot-bars text.legend-text'],
    ...['roc', 'pr', 'reliability', 'histogram'].map((id) => [`${id} ticks and titles`, `#plot-${id} text.tick, #plot-${id} text.axis-title`]),
    ...['roc', 'pr'].map((id) => [`${id} legend`, `#plot-${id} ul.legend li`]),
  ];
  for (const [name, selector] of groups) {
    const boxes = [...body.querySelectorAll(selector)].map((e) => ({ text: e.textContent.trim().slice(0, 20), r: e.getBoundingClientRect() })).filter((x) => x.r.width > 0);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (overlaps(boxes[i].r, boxes[j].r)) problems.push(`${name}: "${boxes[i].text}" overlaps "${boxes[j].text}"`);
      }
    }
  }
  return problems;
}

/** Moves the mouse over the first occurrence of `word` in the editor's visible lines. */
async function hoverText(page, editor, word) {
  const box = await wordBox(editor, word);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
}

/** Clicks inside `word` so the cursor sits on it. */
async function placeCursor(page, editor, word) {
  const box = await wordBox(editor, word);
  await page.mouse.click(box.x + Math.min(box.width / 2, 30), box.y + box.height / 2);
}

/** The screen box of `word` in the rendered editor lines (Monaco renders each token as a span). */
async function wordBox(editor, word) {
  const span = editor.locator('.view-lines .view-line span span', { hasText: new RegExp(`^${word}$`) }).first();
  await span.waitFor({ state: 'visible', timeout: 10_000 });
  const box = await span.boundingBox();
  if (!box) throw new Error(`${word} is not on screen`);
  return box;
}
